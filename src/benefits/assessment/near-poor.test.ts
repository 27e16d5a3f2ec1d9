import { describe, expect, it } from 'vitest';
import { classifyNearPoor } from './near-poor';
import { household, member, policy } from '../test-fixtures';

const DATE = '2022-06-01';
// Two rural persons: the standard is 600, the near-poor line 1.5 × 600 = 900 per person, 1,800 together.
const pair = (monthlyFen: number, extra = {}) =>
  household({
    members: [member({ id: 'a', relation: 'head' }), member({ id: 'b', relation: 'spouse' })],
    incomes: [{ memberId: 'a', kind: 'wages', monthlyFen }],
    ...extra,
  });

describe('classifyNearPoor', () => {
  it.each([
    [119_999, false, '符合低保条件'], // below the standard: 低保, not 边缘
    [120_000, true, ''], // exactly at the standard: not 低保, so 边缘
    [179_999, true, ''],
    [180_000, false, '不低于低保标准的1.5倍'], // exactly 1.5 ×: not below
    [180_001, false, '不低于低保标准的1.5倍'],
  ])('household income %i fen → near-poor %s', (income, nearPoor, reason) => {
    const r = classifyNearPoor(pair(income), policy(), DATE);
    expect(r.nearPoor).toBe(nearPoor);
    if (reason) expect(r.reasons.join()).toContain(reason);
  });

  it('assets over the near-poor limits exclude the household', () => {
    const r = classifyNearPoor(pair(150_000, { assets: [{ kind: 'vehicle', vehicleKind: 'car', valueFen: 1 }] }), policy(), DATE);
    expect(r.nearPoor).toBe(false);
    expect(r.reasons).toEqual(['家庭财产状况不符合低保边缘家庭财产规定']);
  });

  it('a household failing 低保 only on assets can be near-poor where the near-poor limits are looser', () => {
    const base = policy().params.assetLimits;
    const loose = policy({ params: { assetLimits: { ...base, nearPoor: { ...base.nearPoor, vehicles: { allowed: true, exemptKinds: [], maxTotalValueFen: null } } } } });
    const r = classifyNearPoor(pair(60_000, { assets: [{ kind: 'vehicle', vehicleKind: 'car', valueFen: 5_000_000 }] }), loose, DATE);
    expect(r.dibao.eligible).toBe(false);
    expect(r.nearPoor).toBe(true);
  });

  it('uses the policy ratio (2.0 in some cities)', () => {
    expect(classifyNearPoor(pair(200_000), policy({ params: { nearPoorRatioPermille: 2000 } }), DATE).nearPoor).toBe(true);
  });
});
