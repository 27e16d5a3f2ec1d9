import { describe, expect, it } from 'vitest';
import { assessmentHousehold } from './household';
import { countedMonthlyIncome } from './income';
import type { Household, IncomeItem } from './types';
import { INCOME_KINDS } from '../kinds';
import { fen, mul } from '../money';
import { household, member, policy } from '../test-fixtures';
import type { PolicyParameters } from '../policy/types';

const DATE = '2023-03-10';

function income(h: Household, params: Partial<PolicyParameters> = {}) {
  return countedMonthlyIncome(assessmentHousehold(h, DATE), policy({ params }));
}

function two(items: IncomeItem[], extra: Partial<Household> = {}): Household {
  return household({
    members: [member({ id: 'a', relation: 'head' }), member({ id: 'b', relation: 'spouse' }), member({ id: 'jail', relation: 'child', birthDate: '1998-01-01', exclusion: 'imprisoned' })],
    incomes: items,
    ...extra,
  });
}

describe('countedMonthlyIncome', () => {
  const exempt = ['veteransBenefit', 'familyPlanningReward', 'scholarship', 'braveryReward', 'socialAssistance', 'residentPensionBasic'];
  it.each(INCOME_KINDS.map((k) => [k, exempt.includes(k)] as const))('%s exempt → %s', (kind, isExempt) => {
    const r = income(two([{ memberId: 'a', kind, monthlyFen: 10_000 }]));
    expect(r.countedMonthly).toEqual(fen(isExempt ? 0 : 10_000));
    expect(r.steps[0].label.zh).toBe(isExempt ? '不计入家庭收入' : '计入收入');
  });

  it('converts annual income exactly, without rounding each item', () => {
    const r = income(two([
      { memberId: 'a', kind: 'businessNet', annualFen: 100_001 },
      { memberId: 'b', kind: 'wages', annualFen: 100_001 },
    ]));
    expect(r.countedMonthly).toEqual(mul(fen(200_002), 1, 12));
    expect(r.countedMonthlyFen).toBe(16_667); // 16,666.83 fen shown as 166.67 yuan
  });

  it('does not count the income of a member who is not counted (in prison)', () => {
    const r = income(two([{ memberId: 'jail', kind: 'wages', monthlyFen: 500_000 }, { memberId: 'a', kind: 'wages', monthlyFen: 30_000 }]));
    expect(r.countedMonthly).toEqual(fen(30_000));
    expect(r.steps[0].detail).toContain('不属于共同生活的家庭成员');
  });

  it('counts household-level income (no member) and refuses unknown members and bad amounts', () => {
    expect(income(two([{ kind: 'propertyNet', monthlyFen: 5_000 }])).countedMonthly).toEqual(fen(5_000));
    expect(() => income(two([{ memberId: 'zz', kind: 'wages', monthlyFen: 1 }]))).toThrow(RangeError);
    expect(() => income(two([{ memberId: 'a', kind: 'wages', monthlyFen: -1 }]))).toThrow(RangeError);
    expect(() => income(two([{ memberId: 'a', kind: 'wages', monthlyFen: 1, annualFen: 12 }]))).toThrow(RangeError);
    expect(() => income(two([{ memberId: 'a', kind: 'wages', monthlyFen: 10.5 }]))).toThrow(RangeError);
  });

  it('deducts employment costs per worker: share of earnings, capped', () => {
    const ec = { employmentCostDeduction: { sharePermille: 200, capMonthlyFenPerWorker: 30_000 } };
    // a: 1,000 yuan × 20% = 200 (under the 300 cap); b: 2,500 × 20% = 500 → capped at 300.
    const r = income(two([
      { memberId: 'a', kind: 'wages', monthlyFen: 100_000 },
      { memberId: 'b', kind: 'businessNet', monthlyFen: 250_000 },
      { memberId: 'b', kind: 'pension', monthlyFen: 50_000 }, // not earnings: no deduction
    ]), ec);
    expect(r.deductionsMonthly).toEqual(fen(20_000 + 30_000));
    expect(r.countedMonthly).toEqual(fen(400_000 - 50_000));
  });

  it('deducts listed rigid expenses up to their cap and refuses unlisted ones', () => {
    const params = { deductibleExpenses: [{ kind: 'seriousIllnessMedical' as const, capMonthlyFen: 50_000 }, { kind: 'disabilityCare' as const, capMonthlyFen: null }] };
    const h = two([{ memberId: 'a', kind: 'wages', monthlyFen: 200_000 }], {
      expenses: [
        { memberId: 'b', kind: 'seriousIllnessMedical', annualFen: 1_200_000 }, // 1,000 yuan a month, capped at 500
        { memberId: 'b', kind: 'disabilityCare', monthlyFen: 20_000 },
        { memberId: 'b', kind: 'rehabilitation', monthlyFen: 99_999 },
      ],
    });
    const r = income(h, params);
    expect(r.deductionsMonthly).toEqual(fen(70_000));
    expect(r.countedMonthly).toEqual(fen(130_000));
    expect(r.steps.map((s) => s.label.zh)).toContain('不予扣减');
  });

  it('never goes below zero', () => {
    const params = { deductibleExpenses: [{ kind: 'seriousIllnessMedical' as const, capMonthlyFen: null }] };
    const r = income(two([{ memberId: 'a', kind: 'wages', monthlyFen: 10_000 }], { expenses: [{ memberId: 'a', kind: 'seriousIllnessMedical', monthlyFen: 50_000 }] }), params);
    expect(r.countedMonthly).toEqual(fen(0));
    expect(r.steps.at(-1)!.detail).toContain('按0计');
  });

  it('records the policy version used', () => {
    expect(income(two([])).policyVersion).toEqual({ regionCode: '360724000000', areaType: 'both', effectiveFrom: '2022-01-01', version: 1 });
  });
});
