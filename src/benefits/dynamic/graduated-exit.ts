// Graduated exit (渐退): a household confirmed in month M to have recovered (work lifted its income above
// the standard) keeps its 低保 and 单人保 amounts for the grace months of the policy in force, then exits:
// the awards end with the last grace month and the exit takes effect the month after (gracePeriodPlan).
// Nothing is paid twice and nothing is rewritten: the awards only get their end month. Audited.
import type { Database } from '../../platform/db';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { gracePeriodPlan } from '../assessment/recheck';
import { addMonthsToMonth } from '../dates';
import { endAward, type AwardRow, type AwardView } from '../store/awards';
import { badRequest, firstDayOf, type BenefitsCaller } from '../store/common';
import { loadPolicyVersions, policyForCounty, policyRefView } from '../store/policy-store';
import { loadSubject } from '../store/subjects';
import { refreshRechecks } from './rechecks';

export interface RecoveryInput {
  /** The month the recovery was confirmed, 'YYYY-MM'. */
  confirmationMonth: string;
  /** Grace months; the policy's configured maximum when absent (0 = exit next month). */
  graceMonths?: number;
  note?: string;
}

export async function confirmRecovery(db: Database, caller: BenefitsCaller, householdId: number, input: RecoveryInput, today: string) {
  return db.transaction(async (tx) => {
    const subject = await loadSubject(tx, caller.scope, householdId, true);
    const h = subject.household;
    const versions = await loadPolicyVersions(tx);
    const on = firstDayOf(input.confirmationMonth);
    const policy = policyForCounty(versions, h.county_code, h.area_type, on);
    if (!policy) throw badRequest('confirmationMonth', 'NO_POLICY', `${input.confirmationMonth}本地区没有生效的政策版本`, 'No policy in force in that month');
    const grace = input.graceMonths ?? policy.params.gracePeriodMaxMonths;
    let plan;
    try {
      plan = gracePeriodPlan(input.confirmationMonth, grace, policy);
    } catch (e) {
      throw badRequest('graceMonths', 'GRACE', (e as Error).message, `Grace months must be 0–${policy.params.gracePeriodMaxMonths}`);
    }
    const lastPaid = addMonthsToMonth(plan.exitMonth, -1);
    const open = await tx.query<AwardRow>(
      `select * from benefit_awards where household_id = $1 and programme in ('dibao', 'singlePersonDibao') and end_month is null order by id`, [householdId]);
    if (open.rows.length === 0) {
      throw new AppError(409, 'NO_OPEN_AWARD', '该家庭没有在保的低保或单人保待遇', 'The household has no open dibao award');
    }
    const note = `收入超过标准（${input.confirmationMonth}确认），${plan.steps.map((s) => s.detail).join('；')}${input.note ? `；${input.note}` : ''}`;
    const ended: AwardView[] = [];
    for (const a of open.rows) {
      ended.push(await endAward(tx, caller, Number(a.id), { endMonth: lastPaid, reason: 'recovered', note, endedOn: today }));
    }
    await appendAudit(tx, caller.actor, {
      action: 'benefit.recovery', entity: 'household', entityId: householdId, regionCode: h.village_code,
      after: { confirmationMonth: input.confirmationMonth, graceMonths: grace, paidMonths: plan.paidMonths, exitMonth: plan.exitMonth, awards: ended.map((a) => a.id), policy: policyRefView(policy) },
    });
    await refreshRechecks(tx, { householdIds: [householdId] }, today);
    return {
      householdId,
      confirmationMonth: input.confirmationMonth,
      graceMonths: grace,
      paidMonths: plan.paidMonths,
      lastPaidMonth: lastPaid,
      exitMonth: plan.exitMonth,
      steps: plan.steps,
      policyVersion: policyRefView(policy),
      awards: ended,
    };
  });
}
