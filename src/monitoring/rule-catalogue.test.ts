// The catalogue as data: every default validates against its own specs, explains itself in both
// languages, and builds its SQL with every placeholder bound (no database needed).
import { describe, expect, it } from 'vitest';
import { FEED_CODES } from '../feeds/catalogue';
import { RULES, findRule, rulesReading } from './rule-catalogue';
import { validateParams } from './rule-params';
import { Binder, firingSelect } from './evaluate';
import { SCENARIOS } from './rule-types';

describe('the rule catalogue', () => {
  it('has the 17 default rules with unique codes', () => {
    expect(RULES.map((r) => r.code)).toEqual([
      'MEDICAL_SELF_PAID_12M', 'MEDICAL_SPIKE', 'SERIOUS_ILLNESS', 'DISABILITY_SEVERE', 'DEATH_OF_LABOURER', 'CHILD_LEFT_ALONE',
      'ELDER_LEFT_ALONE', 'UNEMPLOYED', 'DISASTER_SEVERE', 'EDUCATION_BURDEN', 'RIGID_OVER_INCOME', 'RURAL_MONITORING',
      'RECOVERY_EMPLOYMENT', 'ASSET_VEHICLE', 'ASSET_PROPERTY', 'ASSET_BUSINESS', 'DECEASED_BENEFICIARY',
    ]);
    expect(findRule('NOPE')).toBeUndefined();
  });

  it.each(RULES.map((r) => [r.code, r] as const))('%s: defaults valid, feeds known, explained, SQL fully bound', (_code, rule) => {
    const { params, errors } = validateParams(rule, rule.defaults.params, {});
    expect(errors).toEqual([]);
    expect(params).toEqual(rule.defaults.params);
    expect(Object.keys(rule.defaults.params).sort()).toEqual(rule.params.map((p) => p.key).sort());
    expect(rule.feeds.every((f) => FEED_CODES.includes(f))).toBe(true);
    expect(SCENARIOS).toContain(rule.scenario);
    const words = rule.explain(rule.defaults.params);
    expect(words.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(words.en.length).toBeGreaterThan(20);
    for (const mode of [
      { kind: 'slice' as const, where: () => 'true' },
      { kind: 'open' as const, region: () => 'true', provinceCode: '360000000000' },
    ]) {
      const b = new Binder();
      const sql = firingSelect(rule, rule.defaults.params, mode, '2026-06-15', b, rule.defaults.appliesTo);
      const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      expect(used.size).toBe(b.values.length); // every value bound is referenced, and only those
      expect(Math.max(...used)).toBe(b.values.length);
    }
  });

  it('indexes rules by the feeds they read', () => {
    expect(rulesReading('medical_settlement').map((r) => r.code)).toEqual(['MEDICAL_SELF_PAID_12M', 'MEDICAL_SPIKE', 'RIGID_OVER_INCOME']);
    expect(rulesReading('death_registration').map((r) => r.code)).toEqual(['DEATH_OF_LABOURER', 'CHILD_LEFT_ALONE', 'ELDER_LEFT_ALONE', 'DECEASED_BENEFICIARY']);
    expect(rulesReading('nope')).toEqual([]);
  });
});
