import { describe, expect, it } from 'vitest';
import { proposePersonalChange } from './person-change';

const result = (eligible: boolean, amountFen: number) => ({
  eligible, amountFen, reasons: eligible ? [] : ['本人收入不低于低保标准'], steps: [], flags: [],
  policyVersion: { regionCode: '360724000000', areaType: 'both' as const, effectiveFrom: '2024-01-01', version: 2 },
});

describe('proposePersonalChange', () => {
  it.each([
    [100000, true, 100000, 'unchanged', 0],
    [100000, true, 120000, 'increase', 20000],
    [100000, true, 80000, 'decrease', -20000],
    [100000, false, 0, 'exit', -100000],
  ])('previous %i, eligible %s at %i → %s (%i)', (previous, eligible, amount, kind, delta) => {
    const c = proposePersonalChange(previous, '2026-06-01', result(eligible, amount), '特困供养');
    expect(c).toMatchObject({ kind, previousAmountFen: previous, newAmountFen: eligible ? amount : 0, deltaFen: delta, effectiveMonth: '2026-07' });
    expect(c.steps.at(-1)!.detail).toMatch(/[\u4e00-\u9fff]/);
  });

  it('takes effect the month after the assessment, across a year end', () => {
    expect(proposePersonalChange(1, '2026-12-01', result(true, 2), '单人保').effectiveMonth).toBe('2027-01');
  });

  it('refuses a negative or fractional previous amount', () => {
    expect(() => proposePersonalChange(-1, '2026-01-01', result(true, 1), '特困')).toThrow(RangeError);
    expect(() => proposePersonalChange(1.5, '2026-01-01', result(true, 1), '特困')).toThrow(RangeError);
  });
});
