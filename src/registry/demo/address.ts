// Street addresses for demo households, built from the real region names down to the village:
// '江西省赣州市于都县铁山垅镇大庄村3组12号' in villages, '…民巷社区12栋2单元502室' in urban communities.

import type { Region, RegionTree } from '../regions/region-tree';
import { villageShortName } from '../regions/village-name';
import type { AreaType } from '../vocabulary';
import { Random } from './random';

export class AddressMaker {
  // one prefix string per village, made on first use: 22,080 strings at most
  private readonly prefixes: (string | undefined)[];

  constructor(
    private readonly regions: RegionTree,
    private readonly villages: readonly Region[],
    private readonly random: Random,
  ) {
    this.prefixes = new Array(villages.length);
  }

  address(villageIndex: number, area: AreaType): string {
    let prefix = this.prefixes[villageIndex];
    if (prefix === undefined) {
      const village = this.villages[villageIndex];
      const above = this.regions.ancestors(village.code).map((r) => r.name);
      prefix = this.prefixes[villageIndex] = above.join('') + villageShortName(village.name);
    }
    const r = this.random;
    if (area === 'rural') return `${prefix}${r.between(1, 15)}组${r.between(1, 120)}号`;
    return `${prefix}${r.between(1, 40)}栋${r.between(1, 4)}单元${r.between(1, 18)}0${r.between(1, 4)}室`;
  }
}
