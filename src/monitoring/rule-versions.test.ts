import { describe, expect, it } from 'vitest';
import { versionInForce, type RuleVersion } from './rule-versions';

let id = 0;
const v = (over: Partial<RuleVersion>): RuleVersion => ({
  id: ++id, ruleCode: 'R', version: id, regionCode: null, level: 'yellow', enabled: true, appliesTo: 'both',
  params: {}, effectiveFrom: '2000-01-01', effectiveTo: null, note: null, createdBy: 't', createdAt: '', ...over,
});

const COUNTY = '360731000000';
const OTHER_COUNTY = '360732000000';
const CITY = '360700000000';
const OTHER_CITY = '360100000000';

describe('the version in force', () => {
  it('takes the newest province default', () => {
    const list = [v({ version: 1 }), v({ version: 2 })];
    expect(versionInForce(list, COUNTY, '2026-01-01')!.version).toBe(2);
    expect(versionInForce(list, null, '2026-01-01')!.version).toBe(2);
  });

  it('prefers a county override to a city override to the province, inside that region only', () => {
    const province = v({ version: 5 });
    const city = v({ version: 3, regionCode: CITY });
    const county = v({ version: 2, regionCode: COUNTY });
    const list = [province, city, county];
    expect(versionInForce(list, COUNTY, '2026-01-01')).toBe(county);
    expect(versionInForce(list, OTHER_COUNTY, '2026-01-01')).toBe(city);
    expect(versionInForce(list, '360102000000', '2026-01-01')).toBe(province);
    expect(versionInForce(list, null, '2026-01-01')).toBe(province);
    expect(versionInForce([v({ regionCode: OTHER_CITY })], COUNTY, '2026-01-01')).toBeNull();
  });

  it('honours effective dates: a future version waits, an expired override gives way', () => {
    const current = v({ version: 1 });
    const future = v({ version: 2, effectiveFrom: '2026-07-01' });
    expect(versionInForce([current, future], COUNTY, '2026-06-30')).toBe(current);
    expect(versionInForce([current, future], COUNTY, '2026-07-01')).toBe(future);
    const temporary = v({ version: 3, regionCode: COUNTY, effectiveFrom: '2026-01-01', effectiveTo: '2026-03-31' });
    expect(versionInForce([current, temporary], COUNTY, '2026-03-31')).toBe(temporary);
    expect(versionInForce([current, temporary], COUNTY, '2026-04-01')).toBe(current);
    expect(versionInForce([future], COUNTY, '2026-01-01')).toBeNull();
  });

  it('a disabled override is still the version in force (it switches the rule off there)', () => {
    const off = v({ version: 9, regionCode: COUNTY, enabled: false });
    expect(versionInForce([v({ version: 1 }), off], COUNTY, '2026-01-01')!.enabled).toBe(false);
  });
});
