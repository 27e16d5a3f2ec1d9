// Monthly recalculation of a personal award (特困, 单人保): the previous amount against a new assessment of
// the same programme gives unchanged / increase / decrease / exit, effective the month after the
// assessment — the same rule proposeChange() applies to a household's 低保, for results that are not a
// DibaoAssessment. Pure.
import { addMonthsToMonth } from '../dates';
import { step, type Explained, type Step } from '../explanation';
import { formatFen } from '../money';
import type { ChangeKind, ProposedChange } from '../assessment/recalculation';

export interface PersonalResult extends Explained {
  eligible: boolean;
  amountFen: number;
  reasons: string[];
}

export function proposePersonalChange(previousAmountFen: number, assessedOn: string, result: PersonalResult, programmeZh: string): ProposedChange {
  if (!Number.isSafeInteger(previousAmountFen) || previousAmountFen < 0) throw new RangeError('proposePersonalChange: previous amount must be non-negative integer fen');
  const effectiveMonth = addMonthsToMonth(assessedOn.slice(0, 7), 1);
  const newAmountFen = result.eligible ? result.amountFen : 0;
  const steps: Step[] = [];
  let kind: ChangeKind;
  if (!result.eligible) {
    kind = 'exit';
    steps.push(step('建议退出', 'Proposed exit',
      `重新核算不再符合${programmeZh}条件（${result.reasons.join('；')}），原每月${formatFen(previousAmountFen)}，自${effectiveMonth}起停发`, { amountFen: 0 }));
  } else if (newAmountFen === previousAmountFen) {
    kind = 'unchanged';
    steps.push(step('金额不变', 'Unchanged', `重新核算金额每月${formatFen(newAmountFen)}，与原金额相同`, { amountFen: newAmountFen }));
  } else {
    kind = newAmountFen > previousAmountFen ? 'increase' : 'decrease';
    steps.push(step(kind === 'increase' ? '建议增发' : '建议减发', kind === 'increase' ? 'Proposed increase' : 'Proposed decrease',
      `原每月${formatFen(previousAmountFen)}，重新核算每月${formatFen(newAmountFen)}，${kind === 'increase' ? '增发' : '减发'}${formatFen(Math.abs(newAmountFen - previousAmountFen))}，自${effectiveMonth}起执行`,
      { amountFen: newAmountFen }));
  }
  return {
    kind, previousAmountFen, newAmountFen, deltaFen: newAmountFen - previousAmountFen, effectiveMonth,
    steps: [...result.steps, ...steps], flags: [...result.flags], policyVersion: result.policyVersion,
  };
}
