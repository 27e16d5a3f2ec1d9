// Monthly recalculation of a 低保 household already paid: compares the amount in force with a new
// assessment and proposes what the reviewer should decide (unchanged, increase, decrease or exit), with
// the month the change takes effect (the month after the assessment). A proposal, never a decision:
// the reviewer confirms it, and may keep the amount where the national rule allows (核查期内经济状况没有
// 明显变化的不再调整) or grant a graduated exit (gracePeriodPlan) when work caused the exit.

import type { DibaoAssessment } from './dibao';
import { addMonthsToMonth, monthOf } from '../dates';
import { step, type Explained, type Step } from '../explanation';
import { formatFen } from '../money';
import { ART } from '../sources';

export type ChangeKind = 'unchanged' | 'increase' | 'decrease' | 'exit';

export interface ProposedChange extends Explained {
  kind: ChangeKind;
  previousAmountFen: number;
  newAmountFen: number;
  /** new − previous. */
  deltaFen: number;
  /** The first month at the new amount (or the first month not paid, for an exit). */
  effectiveMonth: string;
}

export function proposeChange(previousAmountFen: number, assessment: DibaoAssessment): ProposedChange {
  if (!Number.isSafeInteger(previousAmountFen) || previousAmountFen < 0) throw new RangeError('proposeChange: previous amount must be non-negative integer fen');
  const effectiveMonth = addMonthsToMonth(monthOf(assessment.date), 1);
  const steps: Step[] = [];
  const flags = [...assessment.flags];
  let kind: ChangeKind;
  const newAmountFen = assessment.eligible ? assessment.amountFen : 0;
  if (!assessment.eligible) {
    kind = 'exit';
    steps.push(step('建议退出', 'Proposed exit',
      `重新核算不再符合低保条件（${assessment.reasons.join('；')}），原每月${formatFen(previousAmountFen)}，自${effectiveMonth}起停发`,
      { amountFen: 0, article: ART.dibaoAmount }));
    flags.push('如因家庭成员就业导致收入超过标准，可按规定给予渐退期（见渐退计划）。');
  } else if (newAmountFen === previousAmountFen) {
    kind = 'unchanged';
    steps.push(step('金额不变', 'Unchanged', `重新核算金额每月${formatFen(newAmountFen)}，与原金额相同`, { amountFen: newAmountFen, article: ART.dibaoAmount }));
  } else {
    kind = newAmountFen > previousAmountFen ? 'increase' : 'decrease';
    const verb = kind === 'increase' ? '增发' : '减发';
    steps.push(step(kind === 'increase' ? '建议增发' : '建议减发', kind === 'increase' ? 'Proposed increase' : 'Proposed decrease',
      `原每月${formatFen(previousAmountFen)}，重新核算每月${formatFen(newAmountFen)}，${verb}${formatFen(Math.abs(newAmountFen - previousAmountFen))}，自${effectiveMonth}起执行`,
      { amountFen: newAmountFen, article: ART.dibaoAmount }));
  }
  return {
    kind, previousAmountFen, newAmountFen, deltaFen: newAmountFen - previousAmountFen, effectiveMonth,
    steps: [...assessment.steps, ...steps], flags, policyVersion: assessment.policyVersion,
  };
}
