import { describe, expect, it } from 'vitest';
import { validatePolicyVersion } from './validate';
import { SEED_POLICY_VERSIONS } from './seed';
import { baseParams, policy } from '../test-fixtures';
import type { PolicyParameters } from './types';
import { yuan } from '../money';

const fields = (p: Partial<PolicyParameters>) => validatePolicyVersion(policy({ params: p })).map((e) => e.field);

describe('validatePolicyVersion', () => {
  it('accepts the fixture and every seed version', () => {
    expect(validatePolicyVersion(policy())).toEqual([]);
    for (const v of SEED_POLICY_VERSIONS) expect(validatePolicyVersion(v)).toEqual([]);
  });

  it('checks identity fields with Chinese messages', () => {
    const errors = validatePolicyVersion(policy({ regionCode: '360724', effectiveFrom: '2024-02-30', version: 0 }));
    expect(errors.map((e) => e.field)).toEqual(['regionCode', 'effectiveFrom', 'version']);
    expect(errors[0].message).toContain('12位数字');
  });

  it('requires a source document', () => {
    const errors = validatePolicyVersion(policy({ source: { documents: [], assumed: [] } }));
    expect(errors[0]).toEqual({ field: 'source.documents', message: '必须注明政策依据（文件名称和文号）' });
  });

  it('standards must be positive integer fen', () => {
    expect(fields({ dibaoStandard: { urban: 82_500.5, rural: 0 } })).toEqual(['params.dibaoStandard.urban', 'params.dibaoStandard.rural']);
  });

  it.each([
    // urban standard 825: the floor is 1.3 × 825 = 1,072.50 yuan
    [107_249, false],
    [107_250, true],
    [108_000, true],
  ])('特困 set amount %i fen against the 1.3 floor → valid %s', (amountFen, ok) => {
    const tb = { ...baseParams().tekunBasic, urban: { default: { mode: 'amount' as const, amountFen } } };
    const errors = validatePolicyVersion(policy({ params: { tekunBasic: tb } }));
    expect(errors.length === 0).toBe(ok);
    if (!ok) expect(errors[0].message).toContain('1.3倍');
  });

  it('特困 ratio below 1.3 is refused, also in a per-level override', () => {
    const tb = {
      urban: { default: { mode: 'ratio' as const, ratioPermille: 1299, rounding: 'ceilTenYuan' as const } },
      rural: { default: { mode: 'ratio' as const, ratioPermille: 1300, rounding: 'ceilTenYuan' as const },
        bySelfCareLevel: { fullyLost: { mode: 'amount' as const, amountFen: yuan(700) } } },
    };
    expect(fields({ tekunBasic: tb })).toEqual(['params.tekunBasic.urban.default.ratioPermille', 'params.tekunBasic.rural.bySelfCareLevel.fullyLost.amountFen']);
  });

  it.each([[6, true], [7, false], [0, true], [-1, false]])('grace period of %i months → valid %s', (months, ok) => {
    expect(fields({ gracePeriodMaxMonths: months }).length === 0).toBe(ok);
  });

  it('re-check of variable households may not be rarer than stable ones', () => {
    expect(fields({ recheckMonths: { stable: 6, variable: 12, afterDeath: 3 } })).toEqual(['params.recheckMonths.variable']);
  });

  it('care subsidy must not fall as self-care is lost', () => {
    expect(fields({ tekunCare: { selfCare: 8_000, partlyLost: 35_000, fullyLost: 30_000 } })).toEqual(['params.tekunCare']);
  });

  it('near-poor ratio must be above 1', () => {
    expect(fields({ nearPoorRatioPermille: 1000 })).toEqual(['params.nearPoorRatioPermille']);
    expect(fields({ nearPoorRatioPermille: 2000 })).toEqual([]);
  });

  it('bands must start at 0, join without gaps, and end open', () => {
    const ok = [
      { fromGapFen: 0, toGapFen: 20_000, amountPerPersonFen: 15_000 },
      { fromGapFen: 20_000, toGapFen: null, amountPerPersonFen: 40_000 },
    ];
    expect(fields({ dibaoBands: { urban: ok, rural: null } })).toEqual([]);
    const gap = [
      { fromGapFen: 0, toGapFen: 20_000, amountPerPersonFen: 15_000 },
      { fromGapFen: 25_000, toGapFen: 30_000, amountPerPersonFen: 40_000 },
    ];
    expect(fields({ dibaoBands: { urban: gap, rural: null } })).toEqual(['params.dibaoBands.urban.1.fromGapFen', 'params.dibaoBands.urban.1.toGapFen']);
  });

  it('unknown codes are refused', () => {
    expect(fields({ exemptIncomeKinds: ['scholarship', 'lottery' as never] })).toEqual(['params.exemptIncomeKinds.1']);
    expect(fields({ rounding: 'bankers' as never })).toEqual(['params.rounding']);
  });

  it('disposable income may be left empty (null) but not zero', () => {
    expect(fields({ lastYearPerCapitaDisposableIncomeFen: { urban: null, rural: null } })).toEqual([]);
    expect(fields({ lastYearPerCapitaDisposableIncomeFen: { urban: 0, rural: null } })).toEqual(['params.lastYearPerCapitaDisposableIncomeFen.urban']);
  });
});
