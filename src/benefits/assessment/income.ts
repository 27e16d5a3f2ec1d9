// Counted monthly income of an assessed household: every income item of a counted member turned into a
// monthly amount (annual ÷ 12, kept exact), exempt kinds left out, then the deductions local policy
// allows (employment costs, rigid expenses of disability or serious illness). Each item, exemption and
// deduction is a step, so the family can see how the figure was reached.

import { isCounted, type AssessmentHousehold } from './household';
import type { ExpenseItem, IncomeItem } from './types';
import { step, type Explained, type Step } from '../explanation';
import { DEDUCTIBLE_EXPENSE_KIND_LABELS, EARNED_INCOME_KINDS, INCOME_KIND_LABELS } from '../kinds';
import { add, displayFen, fen, formatFen, formatPermille, lt, max0, mul, sub, type Fraction } from '../money';
import { checkPolicyUse, policyRef } from '../policy/in-force';
import type { PolicyVersion } from '../policy/types';
import { ART } from '../sources';

export interface CountedIncome extends Explained {
  /** Monthly income of counted members before exemptions. */
  grossMonthly: Fraction;
  exemptMonthly: Fraction;
  deductionsMonthly: Fraction;
  /** Exact counted monthly household income (never below 0): the figure eligibility is decided on. */
  countedMonthly: Fraction;
  /** countedMonthly rounded half up to the fen, for display only. */
  countedMonthlyFen: number;
}

/** Monthly amount of an item given monthly or annual; exactly one must be present. */
export function monthlyOf(item: { monthlyFen?: number; annualFen?: number }, what: string): Fraction {
  const hasM = item.monthlyFen !== undefined;
  const hasA = item.annualFen !== undefined;
  if (hasM === hasA) throw new RangeError(`${what}: give exactly one of monthlyFen or annualFen`);
  const v = (hasM ? item.monthlyFen : item.annualFen) as number;
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${what}: amount must be a non-negative integer of fen (enter a loss as 0)`);
  return hasM ? fen(v) : mul(fen(v), 1, 12);
}

function describe(item: { monthlyFen?: number; annualFen?: number }, monthly: Fraction): string {
  return item.annualFen !== undefined
    ? `年收入${formatFen(item.annualFen)} ÷ 12 = 月${formatFen(monthly)}`
    : `月${formatFen(monthly)}`;
}

const min = (a: Fraction, b: Fraction) => (lt(a, b) ? a : b);

/**
 * The counting rule on a given set of items, shared by the household (低保, 边缘) and a single person
 * (特困 own income, 单人保 own income). `owner` names whose income it is in the explanation.
 */
export function countIncome(
  incomes: readonly IncomeItem[],
  expenses: readonly ExpenseItem[],
  policy: PolicyVersion,
  owner: string,
  nameOf: (memberId: string | undefined) => string,
): Omit<CountedIncome, 'policyVersion' | 'flags'> {
  const p = policy.params;
  const steps: Step[] = [];
  let gross = fen(0);
  let exempt = fen(0);
  const earnedBy = new Map<string, Fraction>();

  incomes.forEach((item, i) => {
    const monthly = monthlyOf(item, `income item ${i}`);
    const label = INCOME_KIND_LABELS[item.kind];
    gross = add(gross, monthly);
    const detail = `${nameOf(item.memberId)}${label.zh}：${describe(item, monthly)}${item.note ? `（${item.note}）` : ''}`;
    if (p.exemptIncomeKinds.includes(item.kind)) {
      exempt = add(exempt, monthly);
      steps.push(step('不计入家庭收入', 'Exempt income', `${detail}，属于不计入家庭收入的项目`, { amountFen: displayFen(monthly), article: ART.incomeExempt }));
      return;
    }
    steps.push(step('计入收入', 'Counted income', detail, { amountFen: displayFen(monthly), article: ART.income }));
    if (EARNED_INCOME_KINDS.includes(item.kind)) {
      const key = item.memberId ?? '';
      earnedBy.set(key, add(earnedBy.get(key) ?? fen(0), monthly));
    }
  });

  let deductions = fen(0);
  const ec = p.employmentCostDeduction;
  if (ec) {
    for (const [key, earned] of earnedBy) {
      const byShare = mul(earned, ec.sharePermille, 1000);
      const d = min(byShare, fen(ec.capMonthlyFenPerWorker));
      if (d.num === 0) continue;
      deductions = add(deductions, d);
      steps.push(
        step('扣减就业成本', 'Employment cost deducted',
          `${nameOf(key || undefined)}劳动收入月${formatFen(earned)} × ${formatPermille(ec.sharePermille)}` +
            ` = ${formatFen(byShare)}，每人每月上限${formatFen(ec.capMonthlyFenPerWorker)}，扣减${formatFen(d)}`,
          { amountFen: displayFen(d), article: ART.incomeDeductions }),
      );
    }
  }

  const byKind = new Map<string, Fraction>();
  expenses.forEach((x, i) => {
    const monthly = monthlyOf(x, `expense item ${i}`);
    byKind.set(x.kind, add(byKind.get(x.kind) ?? fen(0), monthly));
  });
  for (const [kind, total] of byKind) {
    const label = DEDUCTIBLE_EXPENSE_KIND_LABELS[kind as keyof typeof DEDUCTIBLE_EXPENSE_KIND_LABELS];
    const rule = p.deductibleExpenses.find((d) => d.kind === kind);
    if (!rule) {
      steps.push(step('不予扣减', 'Not deductible', `${label.zh}月${formatFen(total)}：当地政策未规定可扣减`, { article: ART.incomeDeductions }));
      continue;
    }
    const d = rule.capMonthlyFen === null ? total : min(total, fen(rule.capMonthlyFen));
    deductions = add(deductions, d);
    const cap = rule.capMonthlyFen === null ? '不设上限' : `每月上限${formatFen(rule.capMonthlyFen)}`;
    steps.push(step('扣减刚性支出', 'Rigid expense deducted', `${label.zh}月${formatFen(total)}，${cap}，扣减${formatFen(d)}`, {
      amountFen: displayFen(d),
      article: ART.incomeDeductions,
    }));
  }

  const countable = sub(gross, exempt);
  const raw = sub(countable, deductions);
  const counted = max0(raw);
  steps.push(
    step('计算收入', 'Counted monthly income',
      `${owner}月收入${formatFen(gross)} − 不计入${formatFen(exempt)} − 扣减${formatFen(deductions)} = ${formatFen(raw)}` +
        (raw.num < 0 ? '，扣减后不足0按0计' : ''),
      { amountFen: displayFen(counted), article: ART.income }),
  );
  return {
    grossMonthly: gross,
    exemptMonthly: exempt,
    deductionsMonthly: deductions,
    countedMonthly: counted,
    countedMonthlyFen: displayFen(counted),
    steps,
  };
}

export function memberNamer(h: AssessmentHousehold): (id: string | undefined) => string {
  return (id) => {
    if (id === undefined) return '家庭';
    const m = h.household.members.find((x) => x.id === id);
    return m ? (m.name ?? m.id) : id;
  };
}

/** Counted monthly household income under a policy version (for 低保, 边缘, 刚性支出). */
export function countedMonthlyIncome(h: AssessmentHousehold, policy: PolicyVersion): CountedIncome {
  const flags = checkPolicyUse(policy, h.household.areaType, h.date);
  const steps: Step[] = [];
  const nameOf = memberNamer(h);
  const known = new Set(h.household.members.map((m) => m.id));
  const keep = <T extends { memberId?: string; kind: string }>(items: readonly T[], what: string): T[] =>
    items.filter((it) => {
      if (it.memberId !== undefined && !known.has(it.memberId)) {
        throw new RangeError(`countedMonthlyIncome: ${what} refers to unknown member ${it.memberId}`);
      }
      if (isCounted(h, it.memberId)) return true;
      steps.push(step('不计入（非家庭成员）', 'Not a counted member',
        `${nameOf(it.memberId)}不属于共同生活的家庭成员，其${what === 'income' ? '收入' : '支出'}不计`,
        { article: ART.householdMembers }));
      return false;
    });
  const incomes = keep(h.household.incomes, 'income');
  const expenses = keep(h.household.expenses ?? [], 'expense');
  const r = countIncome(incomes, expenses, policy, '家庭', nameOf);
  return { ...r, steps: [...steps, ...r.steps], flags, policyVersion: policyRef(policy) };
}
