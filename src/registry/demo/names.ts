// Plausible Chinese names for demo people: surnames weighted roughly by their frequency in Jiangxi, given
// names of one or two characters drawn from pools that fit the person's sex and the decade of birth
// (people born before the 1980s rarely carry the names popular after 2000).

import type { Sex } from '../vocabulary';
import { Random, Weighted } from './random';

// Approximate share per 1,000 people in Jiangxi; only the order of magnitude matters for demo data.
const SURNAMES: [string, number][] = [
  ['刘', 55], ['李', 50], ['陈', 45], ['王', 40], ['张', 38], ['黄', 35], ['胡', 32], ['吴', 30], ['罗', 28],
  ['徐', 25], ['周', 24], ['曾', 23], ['邓', 20], ['杨', 20], ['谢', 19], ['彭', 18], ['熊', 17], ['朱', 16],
  ['钟', 16], ['廖', 15], ['肖', 14], ['赖', 13], ['万', 12], ['郭', 12], ['邹', 11], ['余', 11], ['付', 10],
  ['程', 10], ['何', 10], ['龚', 9], ['孙', 8], ['江', 8], ['袁', 8], ['汪', 8], ['叶', 8], ['丁', 7], ['蔡', 7],
  ['邱', 7], ['许', 6], ['聂', 6], ['涂', 6], ['宋', 6], ['赵', 6], ['杜', 5], ['温', 5], ['雷', 5], ['舒', 5],
  ['严', 5], ['卢', 5], ['潘', 5], ['吕', 4], ['魏', 4], ['饶', 4], ['邵', 4], ['郑', 4], ['方', 4], ['姜', 4],
  ['林', 4], ['梁', 4], ['夏', 4], ['易', 4], ['黎', 3], ['甘', 3], ['游', 3], ['晏', 3], ['欧阳', 3], ['简', 2],
  ['危', 2], ['揭', 2], ['漆', 2], ['邬', 2], ['幸', 1], ['上官', 0.5], ['司马', 0.3],
];

const GIVEN = {
  M: {
    older: '国建华明德忠生林福根水金平荣春发保贵祥财炳光文勇军志海清元正兴长庆仁义良松昌茂有安',
    younger: '伟强杰涛斌超波辉鹏峰磊俊浩宇轩睿博晨子家鑫亮凯毅航宏琦豪然泽铭翔锦煜天一嘉成',
  },
  F: {
    older: '秀英兰珍凤玉梅桂莲菊娥香春花金冬红芳美琴淑素翠爱云月华荷桃',
    younger: '丽敏静燕霞玲婷慧颖欣怡佳悦诗雨涵萱琳雪晶倩娜瑶婧思梦可欢妍',
  },
} as const;

/** Birth years before this draw from the older pools. */
const YOUNGER_FROM_YEAR = 1980;

export class NameMaker {
  private readonly surnames = new Weighted(SURNAMES);
  private readonly pools = {
    M: { older: [...GIVEN.M.older], younger: [...GIVEN.M.younger] },
    F: { older: [...GIVEN.F.older], younger: [...GIVEN.F.younger] },
  };

  constructor(private readonly random: Random) {}

  surname(): string {
    return this.surnames.pick(this.random);
  }

  /** One or two characters; single-character names were commoner for older generations. */
  givenName(sex: Sex, birthYear: number): string {
    const older = birthYear < YOUNGER_FROM_YEAR;
    const pool = older ? this.pools[sex].older : this.pools[sex].younger;
    const first = this.random.pick(pool);
    if (this.random.chance(older ? 0.3 : 0.15)) return first;
    // a mixed second character now and then keeps names from looking generated
    const second = this.random.chance(0.2) ? this.random.pick(this.pools[sex].younger) : this.random.pick(pool);
    return first + second;
  }
}
