import { describe, expect, it } from 'vitest';
import { RegionTree } from './region-tree';
import { deriveVillageArea } from './village-area';
import { villageShortName } from './village-name';

describe('deriveVillageArea', () => {
  it('reads the village segment: 001–199 community, 200–399 village', () => {
    expect(deriveVillageArea('360731100001', '长龙居委会')).toMatchObject({ area: 'urban', bySegment: 'urban', agrees: true });
    expect(deriveVillageArea('360731101205', '大庄村委会')).toMatchObject({ area: 'rural', bySegment: 'rural', agrees: true });
  });

  it('lets the name decide the 400–599 units of farms and parks', () => {
    expect(deriveVillageArea('360502271500', '塔前分场生活区')).toMatchObject({ area: 'urban', bySegment: null, byName: 'urban' });
    expect(deriveVillageArea('360428101500', '棠荫村委会')).toMatchObject({ area: 'rural', bySegment: null, byName: 'rural' });
    expect(deriveVillageArea('360923105500', '萤火直属生产队')).toMatchObject({ area: 'rural', bySegment: null, byName: null });
  });

  it('reads irregular committee names of the source', () => {
    expect(deriveVillageArea('360402090005', '八里湖村社区委员会').byName).toBe('urban');
    expect(deriveVillageArea('360430100210', '茅店村民委会').byName).toBe('rural');
    expect(deriveVillageArea('361130100213', '高砂村委会婺源生态工业园区').byName).toBe('rural');
  });

  it('reports a segment that the name contradicts, and keeps the segment', () => {
    expect(deriveVillageArea('360731100009', '某某村委会')).toMatchObject({ area: 'urban', byName: 'rural', agrees: false });
  });

  it('agrees with the names for every Jiangxi village the segment covers', () => {
    const tree = RegionTree.loadJiangxi();
    let checked = 0;
    const wrong: string[] = [];
    for (const v of tree.atLevel(5)) {
      const d = deriveVillageArea(v.code, v.name);
      if (!d.agrees || v.area !== d.area) wrong.push(`${v.code} ${v.name}`);
      if (d.bySegment) checked++;
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(21_000);
  });
});

describe('villageShortName', () => {
  it.each([
    ['龙山村民委员会', '龙山村'],
    ['王权村村民委员会', '王权村'],
    ['大庄村委会', '大庄村'],
    ['桥下社区居民委员会', '桥下社区'],
    ['民巷社区居委会', '民巷社区'],
    ['城中居民委员会', '城中居委会'],
    ['长龙居委会', '长龙居委会'],
    ['塔前分场生活区', '塔前分场生活区'],
  ])('%s → %s', (name, short) => {
    expect(villageShortName(name)).toBe(short);
  });
});
