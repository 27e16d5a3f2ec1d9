import { describe, expect, it } from 'vitest';
import { temporaryAssistanceAmount } from './temporary';
import { policy } from '../test-fixtures';

describe('temporaryAssistanceAmount', () => {
  it.each([
    // rural standard 600; township limit 2 × 600 = 1,200 yuan
    ['general', 'rural', 60_000, false],
    ['double', 'rural', 120_000, false], // exactly at the limit: the township may decide
    ['severe', 'rural', 360_000, true],
    ['general', 'urban', 82_500, false],
    ['severe', 'urban', 495_000, true],
  ] as const)('%s band, %s → %i fen, county decides %s', (band, area, amount, county) => {
    const r = temporaryAssistanceAmount(band, policy(), area);
    expect(r.amountFen).toBe(amount);
    expect(r.needsCountyDecision).toBe(county);
    expect(r.steps.at(-1)!.detail).toContain(county ? '县级' : '乡镇（街道）可直接审批');
  });

  it('a set-amount township limit, one fen above it goes to the county', () => {
    const p = policy({ params: { temporaryAssistance: { ...policy().params.temporaryAssistance, townshipLimit: { mode: 'amount', amountFen: 59_999 } } } });
    expect(temporaryAssistanceAmount('general', p, 'rural').needsCountyDecision).toBe(true);
  });

  it('per person where the local rule says so, rounded by the policy rule', () => {
    const t = { ...policy().params.temporaryAssistance, perPerson: true, bands: [{ code: 'x', label: { zh: 'x', en: 'x' }, multiplePermille: 1500 }] };
    const r = temporaryAssistanceAmount('x', policy({ params: { temporaryAssistance: t, rounding: 'ceilYuan' } }), 'urban', 3);
    expect(r.amountFen).toBe(371_300); // 825 × 1.5 × 3 = 3,712.50 → 3,713
  });

  it('major hardship is case by case for the county', () => {
    const r = temporaryAssistanceAmount('major', policy(), 'rural');
    expect(r).toMatchObject({ amountFen: null, caseByCase: true, needsCountyDecision: true });
  });

  it('refuses unknown bands and the wrong area', () => {
    expect(() => temporaryAssistanceAmount('nope', policy(), 'rural')).toThrow(RangeError);
    expect(() => temporaryAssistanceAmount('general', policy({ areaType: 'urban' }), 'rural')).toThrow(RangeError);
  });
});
