// Dynamic management of a 低保 household: when it must be re-checked (yearly when income is stable,
// half-yearly when income varies or a member can work, and within 3 months after a member's death),
// and the graduated exit (渐退) plan when work lifts income above the standard: the months still paid
// and the month the exit takes effect (always the month after the last paid month).

import { assessmentHousehold } from './household';
import type { Household } from './types';
import { LABOUR_CAPACITY_LABELS } from '../../registry/vocabulary';
import { addMonthsToDate, addMonthsToMonth, compareDates, isValidMonth } from '../dates';
import { step, type Explained, type Step } from '../explanation';
import { checkPolicyUse, policyRef } from '../policy/in-force';
import type { PolicyVersion } from '../policy/types';
import { ART } from '../sources';

export interface RecheckSchedule extends Explained {
  category: 'stable' | 'variable';
  intervalMonths: number;
  /** The regular re-check date from the last check. */
  regularDate: string;
  /** The date the next re-check is due: the regular date, or earlier after a member's death. */
  nextRecheckDate: string;
  dueToDeath: boolean;
}

export interface RecheckInput {
  lastCheckDate: string;
  /** 收入来源不固定: income that changes from month to month (casual work, seasonal business…). */
  incomeVaries: boolean;
  /** Death of a member after the last check: the household must be re-checked within the policy months. */
  memberDeathDate?: string;
}

export function nextRecheck(household: Household, policy: PolicyVersion, input: RecheckInput): RecheckSchedule {
  const flags = checkPolicyUse(policy, household.areaType, input.lastCheckDate);
  const p = policy.params;
  const composition = assessmentHousehold(household, input.lastCheckDate);
  const able = composition.counted.filter((c) => c.member.labourCapacity && p.ableToWorkCapacities.includes(c.member.labourCapacity));
  const steps: Step[] = [];
  const variable = input.incomeVaries || able.length > 0;
  const why: string[] = [];
  if (input.incomeVaries) why.push('收入来源不固定');
  if (able.length > 0) {
    why.push(`家庭成员有劳动能力（${able.map((c) => `${c.member.name ?? c.member.id}：${LABOUR_CAPACITY_LABELS[c.member.labourCapacity!].zh}`).join('、')}）`);
  }
  const intervalMonths = variable ? p.recheckMonths.variable : p.recheckMonths.stable;
  const regularDate = addMonthsToDate(input.lastCheckDate, intervalMonths);
  steps.push(step('复核周期', 'Re-check interval',
    variable ? `${why.join('，')}：每${intervalMonths}个月核查一次` : `收入稳定且无有劳动能力成员：每${intervalMonths}个月核查一次`,
    { article: ART.recheck }));
  steps.push(step('定期复核日期', 'Regular re-check', `上次核查${input.lastCheckDate}，${intervalMonths}个月后即${regularDate}前复核`, { article: ART.recheck }));
  let nextRecheckDate = regularDate;
  let dueToDeath = false;
  if (input.memberDeathDate) {
    const byDeath = addMonthsToDate(input.memberDeathDate, p.recheckMonths.afterDeath);
    steps.push(step('成员死亡后复核', 'Re-check after a death',
      `家庭成员于${input.memberDeathDate}死亡，应在${p.recheckMonths.afterDeath}个月内即${byDeath}前复核`, { article: '本项目 domain.md §6' }));
    if (compareDates(byDeath, regularDate) < 0) {
      nextRecheckDate = byDeath;
      dueToDeath = true;
    }
  }
  steps.push(step('下次复核', 'Next re-check', `下次复核应在${nextRecheckDate}前完成`));
  return { category: variable ? 'variable' : 'stable', intervalMonths, regularDate, nextRecheckDate, dueToDeath, steps, flags, policyVersion: policyRef(policy) };
}

export interface GracePeriodPlan extends Explained {
  /** Months still paid after the confirmation month, in order. */
  paidMonths: string[];
  /** The first month no longer paid: the exit takes effect from this month. */
  exitMonth: string;
}

/**
 * 渐退: the household was confirmed in `confirmationMonth` to have income above the standard because a
 * member found work. Without grace the exit takes effect the next month; with n grace months the next n
 * months are still paid and the exit takes effect the month after them.
 */
export function gracePeriodPlan(confirmationMonth: string, graceMonths: number, policy: PolicyVersion): GracePeriodPlan {
  if (!isValidMonth(confirmationMonth)) throw new RangeError(`gracePeriodPlan: not a month 'YYYY-MM': ${confirmationMonth}`);
  const max = policy.params.gracePeriodMaxMonths;
  if (!Number.isSafeInteger(graceMonths) || graceMonths < 0 || graceMonths > max) {
    throw new RangeError(`渐退期必须是0至${max}个月之间的整数（收到${graceMonths}）`);
  }
  const paidMonths = Array.from({ length: graceMonths }, (_, i) => addMonthsToMonth(confirmationMonth, i + 1));
  const exitMonth = addMonthsToMonth(confirmationMonth, graceMonths + 1);
  const steps: Step[] = [
    step('渐退期', 'Grace period',
      graceMonths === 0
        ? `${confirmationMonth}确认收入超过标准，不给予渐退期`
        : `${confirmationMonth}确认因就业收入超过标准，给予渐退期${graceMonths}个月（最长${max}个月）：${paidMonths.join('、')}继续发放`,
      { article: ART.graceExit }),
    step('退出生效月', 'Exit month', `自${exitMonth}起停发（退出自次月起生效）`, { article: ART.graceExit }),
  ];
  return { paidMonths, exitMonth, steps, flags: [], policyVersion: policyRef(policy) };
}
