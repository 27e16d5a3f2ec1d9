import { describe, expect, it } from 'vitest';
import { classifyRigidExpenditure } from './rigid-expenditure';
import type { Household, RigidExpenseItem } from './types';
import { household, member, policy } from '../test-fixtures';
import type { PolicyParameters } from '../policy/types';

const DATE = '2022-03-15';

/*
 * Three urban persons, wages 4,500 yuan a month: per capita 1,500 > 1.5 × 825 = 1,237.50, so neither
 * 低保 nor 边缘. Annual income 54,000 yuan; per capita 18,000 below the (fixture) 40,000 line.
 * Basic living 825 × 3 × 12 = 29,700 yuan; rigid expenditure must exceed 100% of 54,000 yuan,
 * so out-of-pocket medical costs must exceed 24,300 yuan.
 */
function family(expenses: RigidExpenseItem[], over: Partial<Household> = {}): Household {
  return household({
    areaType: 'urban',
    members: [member({ id: 'a', relation: 'head' }), member({ id: 'b', relation: 'spouse' }), member({ id: 'c', relation: 'child', birthDate: '2012-01-01' })],
    incomes: [{ memberId: 'a', kind: 'wages', monthlyFen: 450_000 }],
    rigidExpenses12m: expenses,
    ...over,
  });
}
const classify = (h: Household, params: Partial<PolicyParameters> = {}) => classifyRigidExpenditure(h, policy({ params }), DATE);

describe('classifyRigidExpenditure', () => {
  it.each([
    [2_430_000, false], // total exactly equal to income: not above
    [2_430_001, true],
    [3_000_000, true],
  ])('medical costs %i fen → %s', (medical, yes) => {
    const r = classify(family([{ memberId: 'b', kind: 'medical', amountFen: medical }]));
    expect(r.rigidExpenditure).toBe(yes);
    expect(r.rigidExpenditure12m).toBe(2_970_000 + medical);
    expect(r.validBefore).toBe(yes ? '2023-03-15' : null);
  });

  it('kinds the policy does not list are shown but not counted', () => {
    const r = classify(family([{ kind: 'medical', amountFen: 2_000_000 }, { kind: 'disasterOrAccident', amountFen: 5_000_000 }]));
    expect(r.rigidExpenditure).toBe(false);
    expect(r.steps.some((s) => s.label.zh === '不计入刚性支出')).toBe(true);
  });

  it('per-capita income must be below last year\'s per-capita disposable income', () => {
    const big = [{ kind: 'medical' as const, amountFen: 9_000_000 }];
    const at = { lastYearPerCapitaDisposableIncomeFen: { urban: 1_800_000, rural: null } };
    expect(classify(family(big), at).rigidExpenditure).toBe(false);
    const above = { lastYearPerCapitaDisposableIncomeFen: { urban: 1_800_001, rural: null } };
    expect(classify(family(big), above).rigidExpenditure).toBe(true);
  });

  it('cannot decide without the disposable-income figure', () => {
    const r = classify(family([{ kind: 'medical', amountFen: 9_000_000 }]), { lastYearPerCapitaDisposableIncomeFen: { urban: null, rural: null } });
    expect(r.rigidExpenditure).toBe(false);
    expect(r.determined).toBe(false);
    expect(r.flags.join()).toContain('人均可支配收入');
  });

  it('households covered by 低保 or 边缘 are not classified here', () => {
    expect(classify(family([], { incomes: [] })).reasons).toEqual(['符合低保条件']);
    expect(classify(family([], { incomes: [{ memberId: 'a', kind: 'wages', monthlyFen: 300_000 }] })).reasons).toEqual(['属于低保边缘家庭']);
  });

  it('a member who qualifies for 特困 keeps the household out', () => {
    // four persons now: wages raised to 6,000 yuan so that the household stays above the near-poor line
    const h = family([{ kind: 'medical', amountFen: 9_000_000 }], { incomes: [{ memberId: 'a', kind: 'wages', monthlyFen: 600_000 }] });
    const without = structuredClone(h);
    h.members.push(member({ id: 'g', name: '奶奶', relation: 'grandparent', birthDate: '1940-01-01', supportDuty: true, supporters: [] }));
    const r = classify(h);
    expect(r.rigidExpenditure).toBe(false);
    expect(r.reasons[0]).toContain('奶奶符合特困人员条件');
    without.members.push(member({ id: 'g', relation: 'grandparent', birthDate: '1940-01-01', supportDuty: true }));
    expect(classify(without).rigidExpenditure).toBe(true); // the same household when her supporters are not given
  });

  it('a 50% share makes it easier', () => {
    expect(classify(family([{ kind: 'education', amountFen: 1 }]), { rigidExpenditure: { ...policy().params.rigidExpenditure, sharePermille: 500 } }).rigidExpenditure).toBe(true);
  });
});
