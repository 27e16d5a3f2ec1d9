// The three acts of dynamic management on the benefits pages — a re-check recorded, a recovery confirmed
// (渐退), an award ended by hand — as form values → API bodies, the server's error paths → form fields, and
// which awards offer which act (the server decides; this only keeps offers the server would refuse away).
import dayjs, { type Dayjs } from 'dayjs';
import type { AwardView, EndAwardRequest, RecheckRequest, RecoveryRequest } from '../../api/benefits';
import type { FormFieldPath } from '../../components/form-errors';
import type { Locale } from '../../i18n';
import { addMonths, formatMonth } from './months';

/** Spread on a Form.Item with a month picker: the form holds the plain month ('2026-06') the API takes. */
export const plainMonthItem = {
  getValueProps: (v?: string | null) => ({ value: v ? dayjs(`${v}-01`) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM') : null),
};

// --- 记录复核 ----------------------------------------------------------------------------------------------

/** Whether the household's income varies: left as stored, or set by this re-check (it changes the interval). */
export type IncomeChoice = 'keep' | 'stable' | 'varies';

export interface RecheckFormValues {
  checkedOn: string;
  income: IncomeChoice;
  note?: string | null;
}

/** The body of POST /households/{id}/rechecks: `incomeVaries` only when the re-check changed it; no empty note. */
export function recheckBody(values: RecheckFormValues): RecheckRequest {
  const note = values.note?.trim();
  return {
    checkedOn: values.checkedOn,
    ...(values.income === 'keep' ? {} : { incomeVaries: values.income === 'varies' }),
    ...(note ? { note } : {}),
  };
}

/** A re-check date the server takes: not after today, not before the last check ('YYYY-MM-DD' compare as text). */
export function recheckDateAllowed(date: string, lastCheckedOn: string | null | undefined, today: string): boolean {
  return date <= today && (!lastCheckedOn || date >= lastCheckedOn.slice(0, 10));
}

export function recheckErrorField(field: string): FormFieldPath | null {
  if (field === 'incomeVaries') return ['income'];
  return field === 'checkedOn' || field === 'note' ? [field] : null;
}

// --- 确认好转（渐退） ------------------------------------------------------------------------------------

export interface RecoveryFormValues {
  confirmationMonth: string;
  /** Empty: the policy's maximum (the server knows it). */
  graceMonths?: number | null;
  note?: string | null;
}

export function recoveryBody(values: RecoveryFormValues): RecoveryRequest {
  const note = values.note?.trim();
  const grace = values.graceMonths;
  return {
    confirmationMonth: values.confirmationMonth,
    ...(grace === null || grace === undefined ? {} : { graceMonths: grace }),
    ...(note ? { note } : {}),
  };
}

export function recoveryErrorField(field: string): FormFieldPath | null {
  return field === 'confirmationMonth' || field === 'graceMonths' || field === 'note' ? [field] : null;
}

/** The programmes a recovery ends (every open one of the household, as the server does). */
export const RECOVERY_PROGRAMMES: readonly AwardView['programme'][] = ['dibao', 'singlePersonDibao'];

/** The awards a recovery would end: open (no end month yet) 低保 and 单人保 awards. None: nothing to offer. */
export function recoverableAwards<A extends Pick<AwardView, 'programme' | 'endMonth'>>(awards: readonly A[]): A[] {
  return awards.filter((a) => RECOVERY_PROGRAMMES.includes(a.programme) && a.endMonth === null);
}

/** The months still paid during the grace period, as one range: '2026年7月至2026年12月'; '' for none. */
export function monthRange(months: readonly string[], locale: Locale): string {
  if (months.length === 0) return '';
  const first = formatMonth(months[0], locale);
  if (months.length === 1) return first;
  return `${first}${locale === 'en' ? ' – ' : '至'}${formatMonth(months[months.length - 1], locale)}`;
}

// --- 终止待遇 ----------------------------------------------------------------------------------------------

export type ManualEndReason = EndAwardRequest['reason'];
/** The reasons a person may give by hand (an adjustment and a recovery end awards through their own acts). */
export const MANUAL_END_REASONS: readonly ManualEndReason[] = ['ineligible', 'death', 'other'];

export interface EndAwardFormValues {
  endMonth: string;
  reason: ManualEndReason;
  note: string;
}

/** The body of POST /benefit-awards/{id}/end, with the version the page saw (409 when someone acted first). */
export function endAwardBody(values: EndAwardFormValues, award: Pick<AwardView, 'version'>): EndAwardRequest {
  return { endMonth: values.endMonth, reason: values.reason, note: values.note.trim(), version: award.version };
}

export function endAwardErrorField(field: string): FormFieldPath | null {
  return field === 'endMonth' || field === 'reason' || field === 'note' ? [field] : null;
}

/** Still paid or to be paid (an award already ending may be ended earlier); an ended one is history. */
export function canEndAward(award: Pick<AwardView, 'status'>): boolean {
  return award.status !== 'ended';
}

/**
 * The last month paid the dialog proposes: this month (paid, then stopped from next month), or, for an award
 * already ending this month or earlier, the month before its end (the server only moves an end earlier).
 */
export function defaultEndMonth(award: Pick<AwardView, 'endMonth'>, currentMonth: string): string {
  return award.endMonth && award.endMonth <= currentMonth ? addMonths(award.endMonth, -1) : currentMonth;
}

/** An end month the server takes: before the end already set, if any. */
export function endMonthAllowed(month: string, award: Pick<AwardView, 'endMonth'>): boolean {
  return !award.endMonth || month < award.endMonth;
}

/** Ending before the first month means the award is never paid at all (worth saying in the dialog). */
export function endsBeforeFirstPayment(endMonth: string, award: Pick<AwardView, 'startMonth'>): boolean {
  return endMonth < award.startMonth;
}
