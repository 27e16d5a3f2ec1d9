// Time limits of casework as versioned policy data: each task kind has a length in working or calendar days
// from an effective date. A task takes the version in force on its start date, so a policy change never
// moves the deadline of a case already running.

import { addCalendarDays, assertIsoDate, calendarDaysBetween, compareDates, type IsoDate, type WorkCalendar } from '../../platform/calendar/index.js';

export const TASK_KINDS = [
  'warningVerifyRed',
  'warningVerifyYellow',
  'warningVerifyBlue',
  'emergencyAssistancePayment',
  'dibaoSurveyStart',
  'dibaoPublicity',
  'dibaoProcedure',
  'tekunTownshipOpinion',
  'tekunPublicity',
  'tekunCountyConfirmation',
  'refusalReasons',
  'temporaryAssistanceProcedure',
  'partnerItemHandling',
  'countyCoordination',
  'recheckVisit',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export type DeadlineUnit = 'workingDays' | 'calendarDays';

export interface DeadlineParameter {
  readonly kind: TaskKind;
  readonly amount: number;
  readonly unit: DeadlineUnit;
  /** First start date the version applies to; the newest version not after the start date wins. */
  readonly effectiveFrom: IsoDate;
  /** The rule or practice the number comes from, shown to administrators and kept with every deadline. */
  readonly source: string;
}

export type DeadlineParameters = readonly DeadlineParameter[];

const BASELINE = '2021-07-01'; // Baseline version: the 2021 低保 and 特困 rules apply from July 2021.
const DIBAO_RULES = '《最低生活保障审核确认办法》（民发〔2021〕57号）';
const TEKUN_RULES = '《特困人员认定办法》（2021）';

/** The defaults a new county starts with; administrators add versions, never edit history. */
export const DEFAULT_DEADLINE_PARAMETERS: DeadlineParameters = [
  { kind: 'warningVerifyRed', amount: 3, unit: 'workingDays', effectiveFrom: BASELINE, source: 'platform default: red warning verified at home' },
  { kind: 'warningVerifyYellow', amount: 5, unit: 'workingDays', effectiveFrom: BASELINE, source: 'platform default: yellow warning verified at home' },
  { kind: 'warningVerifyBlue', amount: 10, unit: 'workingDays', effectiveFrom: BASELINE, source: 'platform default: blue warning verified at home' },
  { kind: 'emergencyAssistancePayment', amount: 3, unit: 'workingDays', effectiveFrom: BASELINE, source: '急难型临时救助先行救助 (field practice, domain.md §4)' },
  { kind: 'dibaoSurveyStart', amount: 3, unit: 'workingDays', effectiveFrom: BASELINE, source: `${DIBAO_RULES}: survey starts within 3 working days of acceptance` },
  { kind: 'dibaoPublicity', amount: 7, unit: 'calendarDays', effectiveFrom: BASELINE, source: `${DIBAO_RULES}: publicity 7 days` },
  { kind: 'dibaoProcedure', amount: 20, unit: 'workingDays', effectiveFrom: BASELINE, source: `${DIBAO_RULES}: 30 working days nationally, 20 where the township confirms (Jiangxi)` },
  { kind: 'tekunTownshipOpinion', amount: 15, unit: 'workingDays', effectiveFrom: BASELINE, source: `${TEKUN_RULES}: township opinion within 15 working days` },
  { kind: 'tekunPublicity', amount: 7, unit: 'calendarDays', effectiveFrom: BASELINE, source: `${TEKUN_RULES}: publicity 7 days` },
  { kind: 'tekunCountyConfirmation', amount: 15, unit: 'workingDays', effectiveFrom: BASELINE, source: `${TEKUN_RULES}: county confirmation within 15 working days` },
  { kind: 'refusalReasons', amount: 3, unit: 'workingDays', effectiveFrom: BASELINE, source: `${DIBAO_RULES}: refusal reasons in writing within 3 working days` },
  // Assumption to confirm with the county: 支出型 follows the full procedure, so the 低保 limit is used.
  { kind: 'temporaryAssistanceProcedure', amount: 20, unit: 'workingDays', effectiveFrom: BASELINE, source: 'assumption: 支出型临时救助 follows the 低保 procedure limit' },
  { kind: 'partnerItemHandling', amount: 2, unit: 'workingDays', effectiveFrom: BASELINE, source: 'joint-handling target of 2 working days (Shangrao, domain.md §1 and §4)' },
  // Follow-ups a visit can start (docs/casework.md, "Visits"). Assumptions to confirm with a county: a complex case
  // is decided by the county within the 特困 county-confirmation limit; a re-check within the 低保 procedure limit.
  { kind: 'countyCoordination', amount: 15, unit: 'workingDays', effectiveFrom: BASELINE, source: 'assumption: 一事一议 decided by the county within 15 working days' },
  { kind: 'recheckVisit', amount: 20, unit: 'workingDays', effectiveFrom: BASELINE, source: 'assumption: a re-check after a visit follows the 低保 procedure limit' },
];

export class NoDeadlineParameterError extends Error {
  readonly code = 'no_deadline_parameter';
  constructor(
    readonly kind: TaskKind,
    readonly on: IsoDate,
  ) {
    super(`No time limit for ${kind} in force on ${on}`);
    this.name = 'NoDeadlineParameterError';
  }
}

export interface Deadline {
  readonly kind: TaskKind;
  readonly start: IsoDate;
  /** The last day on which the task is still in time. */
  readonly due: IsoDate;
  readonly amount: number;
  readonly unit: DeadlineUnit;
  /** The parameter version used (its effective date) and its source, kept so history can be explained. */
  readonly effectiveFrom: IsoDate;
  readonly source: string;
}

export function parameterFor(kind: TaskKind, on: IsoDate, params: DeadlineParameters): DeadlineParameter {
  assertIsoDate(on);
  let best: DeadlineParameter | undefined;
  for (const p of params) {
    if (p.kind !== kind || compareDates(p.effectiveFrom, on) > 0) continue;
    if (best && p.effectiveFrom === best.effectiveFrom) throw new Error(`Two versions of ${kind} start on ${p.effectiveFrom}`);
    if (!best || compareDates(p.effectiveFrom, best.effectiveFrom) > 0) best = p;
  }
  if (!best) throw new NoDeadlineParameterError(kind, on);
  if (!Number.isInteger(best.amount) || best.amount < 0) throw new Error(`Time limit of ${kind} must be a whole number of days`);
  return best;
}

/** The start day is not counted: 3 working days from an acceptance on Friday end on the next Wednesday. */
export function deadlineFor(kind: TaskKind, startDate: IsoDate, params: DeadlineParameters, calendar: WorkCalendar): Deadline {
  const p = parameterFor(kind, startDate, params);
  const due = p.unit === 'workingDays' ? calendar.addWorkingDays(startDate, p.amount) : addCalendarDays(startDate, p.amount);
  return { kind, start: startDate, due, amount: p.amount, unit: p.unit, effectiveFrom: p.effectiveFrom, source: p.source };
}

/** Overdue from the day after the due day: the due day itself is still in time. */
export function isOverdue(deadline: Deadline, today: IsoDate): boolean {
  return compareDates(today, deadline.due) > 0;
}

/** Whether work finished on doneOn met the deadline. */
export function metDeadline(deadline: Deadline, doneOn: IsoDate): boolean {
  return compareDates(doneOn, deadline.due) <= 0;
}

/** Working days from today to the due day: 0 = due today, negative = working days overdue. */
export function workingDaysLeft(deadline: Deadline, today: IsoDate, calendar: WorkCalendar): number {
  return calendar.workingDaysBetween(today, deadline.due);
}

/** Days left counted in the deadline's own unit (calendar days for publicity, working days otherwise). */
export function daysLeft(deadline: Deadline, today: IsoDate, calendar: WorkCalendar): number {
  return deadline.unit === 'workingDays' ? workingDaysLeft(deadline, today, calendar) : calendarDaysBetween(today, deadline.due);
}
