import { describe, expect, it } from 'vitest';
import { assessDibao } from './dibao';
import type { Household } from './types';
import { household, member, policy, single } from '../test-fixtures';
import { policyInForce } from '../policy/in-force';
import { GANZHOU_CITY, JIANGXI_PROVINCE, SEED_POLICY_VERSIONS, SHANGYOU_COUNTY } from '../policy/seed';
import type { PolicyParameters } from '../policy/types';

/*
 * Worked by hand: the 李 household, rural, 上犹县 (360724000000).
 *
 *   李大  head     born 1975-05-10  farming, net 3,600 yuan a year          → 3,600 ÷ 12 = 300.00 yuan/month
 *   王二  spouse   born 1978-03-02  casual wages 400 yuan/month             → 400.00
 *                                  family-planning reward 960 yuan a year  → not counted (奖励扶助金)
 *   李三  son      born 2010-09-01  13 in December 2023: minor child        → counted, no income
 *   李四  daughter born 2001-04-01  works in Guangdong, 4,000 yuan/month, lives apart, not a student
 *                                  → adult able to live independently, not counted; her wage is not counted
 *   Assets: deposits 20,000 yuan; a motorcycle (3,000 yuan), exempt.
 *
 * Decision of 2023-12-20: the 2022 version is in force (rural standard 600 yuan).
 *   counted members 3; counted income 300 + 400 = 700 yuan; per capita 700 ÷ 3 = 233.33 < 600 → income test met
 *   deposits limit 24 × 600 = 14,400 per person × 3 = 43,200 ≥ 20,000 → asset test met
 *   amount = 600 × 3 − 700 = 1,100.00 yuan a month, paid from 2024-01.
 * Decision of 2024-01-10: the 2024 version (rural standard 715 yuan):
 *   amount = 715 × 3 − 700 = 1,445.00 yuan a month, paid from 2024-02.
 */
const li: Household = household({
  areaType: 'rural',
  members: [
    member({ id: 'lida', name: '李大', relation: 'head', birthDate: '1975-05-10', labourCapacity: 'full' }),
    member({ id: 'waner', name: '王二', relation: 'spouse', birthDate: '1978-03-02' }),
    member({ id: 'lisan', name: '李三', relation: 'child', birthDate: '2010-09-01' }),
    member({ id: 'lisi', name: '李四', relation: 'child', birthDate: '2001-04-01', livesTogether: false }),
  ],
  incomes: [
    { memberId: 'lida', kind: 'businessNet', annualFen: 360_000, note: '种植' },
    { memberId: 'waner', kind: 'wages', monthlyFen: 40_000 },
    { memberId: 'waner', kind: 'familyPlanningReward', annualFen: 96_000 },
    { memberId: 'lisi', kind: 'wages', monthlyFen: 400_000 },
  ],
  assets: [
    { kind: 'deposit', valueFen: 2_000_000 },
    { kind: 'vehicle', vehicleKind: 'motorcycle', valueFen: 300_000 },
  ],
});

const seedFor = (date: string) => policyInForce(SEED_POLICY_VERSIONS, SHANGYOU_COUNTY, 'rural', date, [GANZHOU_CITY, JIANGXI_PROVINCE])!;

describe('assessDibao: the 李 household worked by hand', () => {
  it('December 2023: 2022 standard, 1,100 yuan a month from January 2024', () => {
    const r = assessDibao(li, seedFor('2023-12-20'), '2023-12-20');
    expect(r.eligible).toBe(true);
    expect(r.countedMembers).toBe(3);
    expect(r.income.countedMonthlyFen).toBe(70_000);
    expect(r.perCapitaIncomeFen).toBe(23_333);
    expect(r.standardFen).toBe(60_000);
    expect(r.amountFen).toBe(110_000);
    expect(r.paymentFromMonth).toBe('2024-01');
    expect(r.policyVersion).toEqual({ regionCode: SHANGYOU_COUNTY, areaType: 'both', effectiveFrom: '2022-01-01', version: 1 });
    // The explanation names the excluded daughter, the exempt reward and the gap.
    const text = r.steps.map((s) => `${s.label.zh}:${s.detail}`).join('\n');
    expect(text).toContain('李四（子女），22周岁：已成年、能独立生活且未长期共同居住的子女');
    expect(text).toContain('计划生育奖励与扶助金');
    expect(text).toContain('低保标准600.00元 × 3人 − 家庭月收入700.00元 = 1100.00元');
    // The seed is old by then and has assumed figures: both are flagged for the reviewer.
    expect(r.flags.some((f) => f.includes('已执行23个月'))).toBe(true);
    expect(r.flags.some((f) => f.includes('假设参数'))).toBe(true);
  });

  it('January 2024: 2024 standard, 1,445 yuan a month from February 2024', () => {
    const r = assessDibao(li, seedFor('2024-01-10'), '2024-01-10');
    expect(r.standardFen).toBe(71_500);
    expect(r.amountFen).toBe(144_500);
    expect(r.paymentFromMonth).toBe('2024-02');
    expect(r.policyVersion?.version).toBe(2);
  });

  it('uses only counted members\' assets: the daughter\'s car does not bar the household', () => {
    const withCar = { ...li, assets: [...li.assets, { ownerId: 'lisi', kind: 'vehicle' as const, vehicleKind: 'car' as const, valueFen: 8_000_000 }] };
    expect(assessDibao(withCar, seedFor('2023-12-20'), '2023-12-20').eligible).toBe(true);
    const ownCar = { ...li, assets: [...li.assets, { ownerId: 'lida', kind: 'vehicle' as const, vehicleKind: 'car' as const, valueFen: 8_000_000 }] };
    const r = assessDibao(ownCar, seedFor('2023-12-20'), '2023-12-20');
    expect(r.eligible).toBe(false);
    expect(r.amountFen).toBe(0);
    expect(r.reasons).toEqual(['家庭财产状况不符合当地低保财产规定']);
  });
});

describe('assessDibao: income at and around the standard', () => {
  const DATE = '2022-06-01';
  it.each([
    // one person, urban standard 825 yuan
    ['urban', { monthlyFen: 82_500 }, false, 0],
    ['urban', { monthlyFen: 82_499 }, true, 1],
    ['urban', { monthlyFen: 82_501 }, false, 0],
    // annual income: exactly 12 × 600 is at the standard; one fen less a year is below it
    ['rural', { annualFen: 720_000 }, false, 0],
    ['rural', { annualFen: 719_999 }, true, 0], // gap 0.08 fen rounds to 0 → flagged
    ['rural', { annualFen: 0 }, true, 60_000],
  ] as const)('%s, income %o → eligible %s, %i fen', (area, inc, eligible, amount) => {
    const r = assessDibao(single(area, inc), policy(), DATE);
    expect(r.eligible).toBe(eligible);
    expect(r.amountFen).toBe(amount);
  });

  it.each([
    [180_000, false],
    [179_999, true],
    [180_001, false],
  ])('three rural persons with household income %i fen → eligible %s', (monthlyFen, eligible) => {
    const h = household({
      members: [member({ id: 'a', relation: 'head' }), member({ id: 'b', relation: 'spouse' }), member({ id: 'c', relation: 'child', birthDate: '2015-01-01' })],
      incomes: [{ memberId: 'a', kind: 'wages', monthlyFen }],
    });
    const r = assessDibao(h, policy(), DATE);
    expect(r.eligible).toBe(eligible);
    expect(r.amountFen).toBe(eligible ? 1 : 0);
  });

  it('a gap smaller than the rounding unit is flagged, or paid at the local floor', () => {
    const r = assessDibao(single('rural', { annualFen: 719_999 }), policy(), DATE);
    expect(r.flags.join()).toContain('计算金额为0元');
    const yuanRule = { rounding: 'halfUpYuan' as const };
    expect(assessDibao(single('urban', { monthlyFen: 82_499 }), policy({ params: yuanRule }), DATE).amountFen).toBe(0);
    const floor: Partial<PolicyParameters> = { rounding: 'halfUpYuan', dibaoMinimumAmountFen: { urban: 1_000, rural: null } };
    const f = assessDibao(single('urban', { monthlyFen: 82_499 }), policy({ params: floor }), DATE);
    expect(f.amountFen).toBe(1_000);
    expect(f.flags.join()).not.toContain('计算金额为0元');
  });

  it.each([
    ['halfUpFen', 32_450],
    ['halfUpYuan', 32_400],
    ['ceilYuan', 32_500],
    ['floorYuan', 32_400],
  ] as const)('rounding %s of a gap of 324.4958 yuan → %i fen', (rounding, amount) => {
    // annual 600,605 fen → 50,050.4167 fen a month; gap 82,500 − 50,050.4167 = 32,449.58 fen
    const r = assessDibao(single('urban', { annualFen: 600_605 }), policy({ params: { rounding } }), DATE);
    expect(r.amountFen).toBe(amount);
  });

  it('a household with nobody counted is not eligible', () => {
    const h = household({ members: [member({ relation: 'head', exclusion: 'declaredMissing' })] });
    const r = assessDibao(h, policy(), DATE);
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual(['没有可计入的共同生活家庭成员']);
  });
});

describe('assessDibao: banded amounts (分档)', () => {
  const bands: Partial<PolicyParameters> = {
    dibaoBands: {
      urban: null,
      rural: [
        { fromGapFen: 0, toGapFen: 20_000, amountPerPersonFen: 15_000 },
        { fromGapFen: 20_000, toGapFen: 40_000, amountPerPersonFen: 30_000 },
        { fromGapFen: 40_000, toGapFen: null, amountPerPersonFen: 50_000 },
      ],
    },
  };
  it('the 李 household: per-capita gap 366.67 yuan falls in the 200–400 band → 300 × 3', () => {
    const r = assessDibao(li, policy({ params: bands }), '2023-06-01');
    expect(r.method).toBe('bands');
    expect(r.amountFen).toBe(90_000);
  });
  it.each([
    [40_000, 30_000], // per-capita gap exactly 200 yuan: the upper band
    [40_001, 15_000], // 199.99 yuan
    [20_000, 50_000], // gap 400 yuan: the top band
    [0, 50_000],
  ])('one person with income %i fen → %i fen', (monthlyFen, amount) => {
    expect(assessDibao(single('rural', { monthlyFen }), policy({ params: bands }), '2023-06-01').amountFen).toBe(amount);
  });
});
