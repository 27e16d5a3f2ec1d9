import { describe, expect, it } from 'vitest';
import { gracePeriodPlan, nextRecheck } from './recheck';
import type { Household } from './types';
import type { LabourCapacity } from '../../registry/vocabulary';
import { household, member, policy } from '../test-fixtures';

const hh = (capacity?: LabourCapacity): Household =>
  household({ members: [member({ relation: 'head', birthDate: '1950-01-01', labourCapacity: 'none' }), member({ relation: 'spouse', labourCapacity: capacity })] });

describe('nextRecheck', () => {
  it.each<[string, LabourCapacity | undefined, boolean, 'stable' | 'variable', string]>([
    ['stable income, nobody able to work', 'none', false, 'stable', '2023-03-10'],
    ['income varies', 'none', true, 'variable', '2022-09-10'],
    ['a member able to work', 'full', false, 'variable', '2022-09-10'],
    ['a member partly able to work (policy counts only full capacity)', 'partial', false, 'stable', '2023-03-10'],
  ])('%s', (_, capacity, incomeVaries, category, date) => {
    const r = nextRecheck(hh(capacity), policy(), { lastCheckDate: '2022-03-10', incomeVaries });
    expect(r.category).toBe(category);
    expect(r.nextRecheckDate).toBe(date);
  });

  it('a member\'s death brings the re-check forward to within 3 months', () => {
    const r = nextRecheck(hh('none'), policy(), { lastCheckDate: '2022-03-10', incomeVaries: false, memberDeathDate: '2022-05-31' });
    expect(r.nextRecheckDate).toBe('2022-08-31');
    expect(r.dueToDeath).toBe(true);
  });

  it('a death shortly before the regular date leaves the regular date', () => {
    const r = nextRecheck(hh('full'), policy(), { lastCheckDate: '2022-03-10', incomeVaries: false, memberDeathDate: '2022-08-01' });
    expect(r.nextRecheckDate).toBe('2022-09-10');
    expect(r.dueToDeath).toBe(false);
  });

  it('month ends are clamped', () => {
    expect(nextRecheck(hh('full'), policy(), { lastCheckDate: '2022-08-31', incomeVaries: false }).nextRecheckDate).toBe('2023-02-28');
  });
});

describe('gracePeriodPlan (渐退)', () => {
  it.each([
    ['2024-03', 6, ['2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09'], '2024-10'],
    ['2024-03', 0, [], '2024-04'], // no grace: the exit takes effect the next month
    ['2024-10', 3, ['2024-11', '2024-12', '2025-01'], '2025-02'],
  ])('confirmed %s with %i grace months', (month, n, paid, exit) => {
    const r = gracePeriodPlan(month, n, policy());
    expect(r.paidMonths).toEqual(paid);
    expect(r.exitMonth).toBe(exit);
  });

  it('refuses more than the policy maximum (≤ 6) and bad input', () => {
    expect(() => gracePeriodPlan('2024-03', 7, policy())).toThrow('渐退期必须是0至6个月之间的整数');
    expect(() => gracePeriodPlan('2024-03', 4, policy({ params: { gracePeriodMaxMonths: 3 } }))).toThrow(RangeError);
    expect(() => gracePeriodPlan('2024-03', 1.5, policy())).toThrow(RangeError);
    expect(() => gracePeriodPlan('2024-13', 1, policy())).toThrow(RangeError);
  });
});
