import { describe, expect, it } from 'vitest';
import { proposeChange } from './recalculation';
import { assessDibao } from './dibao';
import { policy, single } from '../test-fixtures';

// One rural person, standard 600 yuan: income 200 → 400 yuan a month.
const assessed = (monthlyFen: number, date = '2022-11-20') => assessDibao(single('rural', { monthlyFen }), policy(), date);

describe('proposeChange', () => {
  it.each([
    [40_000, 20_000, 'unchanged', 0],
    [35_000, 20_000, 'increase', 5_000],
    [45_000, 20_000, 'decrease', -5_000],
    [40_000, 60_000, 'exit', -40_000], // income now at the standard
    [0, 20_000, 'increase', 40_000],
  ] as const)('previous %i fen, new income %i → %s (%i)', (previous, income, kind, delta) => {
    const r = proposeChange(previous, assessed(income));
    expect(r.kind).toBe(kind);
    expect(r.deltaFen).toBe(delta);
    expect(r.effectiveMonth).toBe('2022-12');
  });

  it('an exit mentions the graduated exit and takes effect next month, across the year end', () => {
    const r = proposeChange(40_000, assessed(70_000, '2022-12-05'));
    expect(r.kind).toBe('exit');
    expect(r.effectiveMonth).toBe('2023-01');
    expect(r.steps.at(-1)!.detail).toContain('自2023-01起停发');
    expect(r.flags.join()).toContain('渐退期');
  });

  it('keeps the assessment explanation and policy version', () => {
    const a = assessed(20_000);
    const r = proposeChange(35_000, a);
    expect(r.steps.slice(0, a.steps.length)).toEqual(a.steps);
    expect(r.policyVersion).toEqual(a.policyVersion);
    expect(() => proposeChange(-1, a)).toThrow(RangeError);
  });
});
