import { describe, expect, it } from 'vitest';
import { checkPolicyUse, policyInForce } from './in-force';
import { SEED_POLICY_VERSIONS, SHANGYOU_COUNTY, GANZHOU_CITY, JIANGXI_PROVINCE } from './seed';
import { CITY, COUNTY, PROVINCE, policy } from '../test-fixtures';

const ancestors = [CITY, PROVINCE];

describe('policyInForce: effective dates', () => {
  const v2022 = policy({ effectiveFrom: '2022-01-01', version: 1 });
  const v2024 = policy({ effectiveFrom: '2024-01-01', version: 2 });
  const versions = [v2024, v2022];
  it.each([
    ['2021-12-31', null],
    ['2022-01-01', 1],
    ['2023-12-15', 1], // a decision in December 2023 uses the 2022 version (no 2023 version entered)
    ['2023-12-31', 1],
    ['2024-01-01', 2], // the 2024 version takes effect on its first day
    ['2025-06-30', 2],
  ])('on %s → version %s', (date, version) => {
    expect(policyInForce(versions, COUNTY, 'rural', date, ancestors)?.version ?? null).toBe(version);
  });
  it('on the same effective date the higher version number (a correction) wins', () => {
    const corrected = policy({ effectiveFrom: '2024-01-01', version: 3 });
    expect(policyInForce([v2024, corrected, v2022], COUNTY, 'urban', '2024-02-01')?.version).toBe(3);
  });
});

describe('policyInForce: region fallback', () => {
  const city = policy({ regionCode: CITY, effectiveFrom: '2023-01-01', version: 1 });
  const province = policy({ regionCode: PROVINCE, effectiveFrom: '2020-01-01', version: 1 });
  it('falls back to the city, then the province, when the county has no version', () => {
    expect(policyInForce([city, province], COUNTY, 'rural', '2023-06-01', ancestors)?.regionCode).toBe(CITY);
    expect(policyInForce([city, province], COUNTY, 'rural', '2022-06-01', ancestors)?.regionCode).toBe(PROVINCE);
    expect(policyInForce([city, province], COUNTY, 'rural', '2019-06-01', ancestors)).toBeNull();
  });
  it('does not look at ancestors the caller did not give', () => {
    expect(policyInForce([city], COUNTY, 'rural', '2023-06-01')).toBeNull();
  });
  it('a county with its own version in force is not overridden by a newer city version', () => {
    const own = policy({ regionCode: COUNTY, effectiveFrom: '2022-01-01', version: 1 });
    expect(policyInForce([city, own], COUNTY, 'rural', '2023-06-01', ancestors)?.regionCode).toBe(COUNTY);
  });
  it('a county version not yet in force leaves the city version in force', () => {
    const future = policy({ regionCode: COUNTY, effectiveFrom: '2024-01-01', version: 1 });
    expect(policyInForce([city, future], COUNTY, 'rural', '2023-06-01', ancestors)?.regionCode).toBe(CITY);
  });
  it('an area-specific version applies only to its area', () => {
    const both = policy({ effectiveFrom: '2022-01-01', version: 1 });
    const ruralOnly = policy({ areaType: 'rural', effectiveFrom: '2023-07-01', version: 2 });
    expect(policyInForce([both, ruralOnly], COUNTY, 'rural', '2023-08-01')?.version).toBe(2);
    expect(policyInForce([both, ruralOnly], COUNTY, 'urban', '2023-08-01')?.version).toBe(1);
  });
  it('rejects an invalid date', () => {
    expect(() => policyInForce([], COUNTY, 'rural', '2023-13-01')).toThrow(RangeError);
  });
});

describe('seed versions in force', () => {
  it('上犹县: 2022 figures through 2023, 2024 figures from 2024-01-01', () => {
    const chain = [GANZHOU_CITY, JIANGXI_PROVINCE];
    const dec2023 = policyInForce(SEED_POLICY_VERSIONS, SHANGYOU_COUNTY, 'urban', '2023-12-20', chain)!;
    const jan2024 = policyInForce(SEED_POLICY_VERSIONS, SHANGYOU_COUNTY, 'urban', '2024-01-01', chain)!;
    expect(dec2023.params.dibaoStandard).toEqual({ urban: 82_500, rural: 60_000 });
    expect(jan2024.params.dibaoStandard).toEqual({ urban: 93_500, rural: 71_500 });
  });
});

describe('checkPolicyUse', () => {
  it('throws when a version is used before it takes effect or for the wrong area', () => {
    expect(() => checkPolicyUse(policy({ effectiveFrom: '2024-01-01' }), 'rural', '2023-12-31')).toThrow(RangeError);
    expect(() => checkPolicyUse(policy({ areaType: 'urban' }), 'rural', '2023-01-01')).toThrow(RangeError);
  });
  it('flags a version in use for 12 months or more, and assumed parameters', () => {
    expect(checkPolicyUse(policy(), 'rural', '2022-12-31')).toEqual([]);
    expect(checkPolicyUse(policy(), 'rural', '2023-01-01')[0]).toContain('已执行12个月');
    const assumed = policy({ source: { documents: ['x'], assumed: ['params.rounding'] } });
    expect(checkPolicyUse(assumed, 'rural', '2022-02-01')[0]).toContain('params.rounding');
  });
});
