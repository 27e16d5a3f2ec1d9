import { describe, expect, it } from 'vitest';
import { SEED_POLICY_VERSIONS } from '../../../../src/benefits/policy/seed';
import { validatePolicyVersion } from '../../../../src/benefits/policy/validate';
import type { PolicyVersion } from '../../../../src/benefits/policy/types';
import { formFromVersion, inForceIds, latestVersion, policyBody, policyFieldPath } from './policy-form';

const v2 = SEED_POLICY_VERSIONS[1];

describe('policy form', () => {
  it('shows a version in yuan and sends the same parameters back unchanged', () => {
    const form = formFromVersion(v2, '2026-07-01');
    expect(form.dibaoStandard).toEqual({ urban: '935', rural: '715' });
    expect(form.tekun.rural).toEqual({ default: { mode: 'amount', amount: '930' }, partlyLost: { mode: 'amount', amount: '1220' }, fullyLost: { mode: 'amount', amount: '1220' } });
    expect(form.tekun.urban.partlyLost).toEqual({ mode: 'same' });
    expect(form.tekunCare).toEqual({ selfCare: '100', partlyLost: '375', fullyLost: '1500' });
    const out = policyBody(form, v2.params, 2);
    if (!('body' in out)) throw new Error('expected a body');
    expect(out.body.params).toEqual(v2.params);
    expect(out.body).toMatchObject({ regionCode: v2.regionCode, areaType: 'both', effectiveFrom: '2026-07-01', basedOnVersion: 2 });
    expect(out.body.source.documents).toEqual(v2.source.documents);
  });

  it('applies the edited figures and leaves the rest of the base alone', () => {
    const form = formFromVersion(v2, '2027-01-01');
    form.dibaoStandard.rural = '760.5';
    form.tekun.rural.default = { mode: 'ratio', ratioPermille: 1300 };
    form.tekun.rural.partlyLost = { mode: 'same' };
    form.documents = '  通知一 \n\n通知二';
    const out = policyBody(form, v2.params, 2);
    if (!('body' in out)) throw new Error('expected a body');
    const p = out.body.params as unknown as PolicyVersion['params'];
    expect(p.dibaoStandard).toEqual({ urban: 93500, rural: 76050 });
    expect(p.tekunBasic.rural.default).toEqual({ mode: 'ratio', ratioPermille: 1300, rounding: v2.params.rounding });
    expect(p.tekunBasic.rural.bySelfCareLevel).toEqual({ fullyLost: { mode: 'amount', amountFen: 122000 } });
    expect(p.assetLimits).toEqual(v2.params.assetLimits);
    expect(out.body.source.documents).toEqual(['通知一', '通知二']);
    expect(validatePolicyVersion({ ...out.body, version: 3, params: p } as PolicyVersion)).toEqual([]);
  });

  it('refuses amounts that are not yuan, on their fields, before sending', () => {
    const form = formFromVersion(v2);
    form.dibaoStandard.urban = '9,35.1.2';
    form.tekun.urban.default = { mode: 'amount', amount: 'abc' };
    expect(policyBody(form, v2.params, null)).toEqual({
      problems: [
        { name: ['tekun', 'urban', 'default', 'amount'], key: 'benefits.policy.yuanInvalid' },
        { name: ['dibaoStandard', 'urban'], key: 'benefits.policy.yuanInvalid' },
      ],
    });
  });

  it.each([
    ['params.dibaoStandard.rural', ['dibaoStandard', 'rural']],
    ['params.tekunBasic.rural.default.amountFen', ['tekun', 'rural', 'default', 'amount']],
    ['params.tekunBasic.urban.default.ratioPermille', ['tekun', 'urban', 'default', 'ratioPermille']],
    ['params.tekunBasic.rural.default', ['tekun', 'rural', 'default', 'mode']],
    ['params.tekunBasic.rural.bySelfCareLevel.fullyLost.amountFen', ['tekun', 'rural', 'fullyLost', 'amount']],
    ['params.tekunCare.partlyLost', ['tekunCare', 'partlyLost']],
    ['params.gracePeriodMaxMonths', ['gracePeriodMaxMonths']],
    ['params.recheckMonths.variable', ['recheckMonths', 'variable']],
    ['source.documents', ['documents']],
    ['regionCode', ['regionCode']],
    ['params.assetLimits.dibao', null],
    ['params.tekunBasic.rural.bySelfCareLevel.selfCare.amountFen', null],
  ])('server field %s → form field %j', (field, path) => {
    expect(policyFieldPath(field)).toEqual(path);
  });

  it('finds the latest version of a region and the versions in force', () => {
    const list = [
      { id: 1, regionCode: '360724000000', areaType: 'both' as const, effectiveFrom: '2022-01-01', version: 1 },
      { id: 2, regionCode: '360724000000', areaType: 'both' as const, effectiveFrom: '2024-01-01', version: 2 },
      { id: 3, regionCode: '360724000000', areaType: 'rural' as const, effectiveFrom: '2026-07-01', version: 3 },
      { id: 4, regionCode: '360724000000', areaType: 'rural' as const, effectiveFrom: '2026-07-01', version: 4 },
      { id: 5, regionCode: '360700000000', areaType: 'both' as const, effectiveFrom: '2027-01-01', version: 1 },
    ];
    expect(latestVersion(list, '360724')).toBe(4);
    expect(latestVersion(list, '360731000000')).toBeNull();
    expect([...inForceIds(list, '2026-06-30')].sort()).toEqual([2]);
    expect([...inForceIds(list, '2026-07-01')].sort()).toEqual([2, 4]);
  });
});

describe('the region a new version is entered for', () => {
  it('keeps the base region within the account, else takes the account region', async () => {
    const { editableRegion, regionLevel } = await import('./policy-form');
    const county = { regionCode: '360724000000', regionLevel: 3 };
    const city = { regionCode: '360700000000', regionLevel: 2 };
    expect(regionLevel('360000000000')).toBe(1);
    expect(regionLevel('360724000000')).toBe(3);
    expect(editableRegion('360724000000', county)).toBe('360724000000');
    expect(editableRegion('360000000000', county)).toBe('360724000000');
    expect(editableRegion('360724000000', city)).toBe('360724000000');
    expect(editableRegion('360731000000', county)).toBe('360724000000');
    expect(editableRegion('360700000000', city)).toBe('360700000000');
  });
});
