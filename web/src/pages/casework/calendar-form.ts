// The working-day calendar page's pure parts: the years the house knows and where each comes from, a year's
// declaration as the form holds it ↔ the PUT /calendar/overrides body, where a server field error lands, a span
// of days off entered at once, and the month grid of the year view.
import { addCalendarDays, dayOfWeek, isIsoDate } from '../../../../src/platform/calendar';
import type { CalendarDay, CalendarOverview, CalendarYearRequest } from '../../api/casework';
import { formPathOf, type FormFieldPath } from '../../components/form-errors';

export type DayKind = CalendarYearRequest['entries'][number]['kind'];
export const DAY_KINDS: readonly DayKind[] = ['holiday', 'workday'];

export interface CalendarEntryValues {
  date?: string | null;
  kind?: DayKind;
  name?: string;
}

export interface CalendarFormValues {
  year?: number | null;
  /** The whole year from the State Council notice (the year becomes known), or local adjustments only. */
  complete: boolean;
  notice?: string;
  entries: CalendarEntryValues[];
}

export interface KnownYear {
  year: number;
  official: CalendarOverview['officialNotices'][number] | null;
  declared: CalendarOverview['declaredYears'][number] | null;
  /** The administrator's own days in that year (local days off, corrections, or a declared year's notice). */
  overrides: number;
  /** Deadlines can be computed in it. */
  covered: boolean;
}

const yearOfDate = (date: string) => Number(date.slice(0, 4));

/** Every year something is known about, newest first: official, declared, or with local overrides only. */
export function knownYears(overview: CalendarOverview): KnownYear[] {
  const years = new Set<number>([
    ...overview.officialYears,
    ...overview.declaredYears.map((d) => d.year),
    ...overview.overrides.map((o) => yearOfDate(o.date)),
  ]);
  return [...years].sort((a, b) => b - a).map((year) => ({
    year,
    official: overview.officialNotices.find((n) => n.year === year) ?? null,
    declared: overview.declaredYears.find((d) => d.year === year) ?? null,
    overrides: overview.overrides.filter((o) => yearOfDate(o.date) === year).length,
    covered: overview.coveredYears.includes(year),
  }));
}

/**
 * The editor for a year, starting from what is stored: the PUT replaces the year's whole list, so the list shown
 * must be the stored one. A year the official data covers defaults to local adjustments only; any other year
 * can only become known as a whole.
 */
export function yearToForm(year: number, overview: CalendarOverview): CalendarFormValues {
  const declared = overview.declaredYears.find((d) => d.year === year);
  return {
    year,
    complete: declared !== undefined || !overview.officialYears.includes(year),
    notice: declared?.notice ?? '',
    entries: overview.overrides
      .filter((o) => yearOfDate(o.date) === year)
      .map((o) => ({ date: o.date, kind: o.kind, name: o.name })),
  };
}

/**
 * The body of PUT /calendar/overrides. Entries keep the form's order, so the server's `entries[i]` is row i of
 * the form. Checks of meaning (date in the year, duplicates, a whole year without holidays) are the server's.
 */
export function formToRequest(values: CalendarFormValues): CalendarYearRequest {
  const notice = values.notice?.trim();
  return {
    year: Number(values.year),
    complete: values.complete,
    ...(notice ? { notice } : {}),
    entries: (values.entries ?? []).map((e) => ({ date: e.date ?? '', kind: e.kind ?? 'holiday', name: (e.name ?? '').trim() })),
  };
}

const ENTRY_FIELD = /^entries\[\d+\]\.(date|kind|name)$/;
const TOP_FIELDS = new Set(['year', 'complete', 'notice']);

/** The form field a server error names; null (listed above the form) for the list as a whole, e.g. no holidays. */
export function calendarErrorPath(field: string): FormFieldPath | null {
  if (ENTRY_FIELD.test(field) || TOP_FIELDS.has(field)) return formPathOf(field);
  return null;
}

/** Longer than any holiday span: a slip of the finger would otherwise fill the list with hundreds of rows. */
export const MAX_SPAN_DAYS = 31;

/** One entry a day for `days` days from `from`: the notices give a festival's days off as one span. */
export function spanEntries(from: string | null | undefined, days: number | null | undefined, kind: DayKind, name: string): CalendarEntryValues[] {
  if (!from || !isIsoDate(from) || !Number.isInteger(days) || days! < 1 || days! > MAX_SPAN_DAYS || !name.trim()) return [];
  return Array.from({ length: days! }, (_, i) => ({ date: addCalendarDays(from, i), kind, name: name.trim() }));
}

/** Adds entries to the list: a date already listed takes the new entry; rows in date order, unfinished rows last. */
export function mergeEntries(rows: readonly CalendarEntryValues[], added: readonly CalendarEntryValues[]): CalendarEntryValues[] {
  const addedDates = new Set(added.map((a) => a.date));
  const kept = rows.filter((r) => !r.date || !addedDates.has(r.date));
  const dated = [...kept.filter((r) => r.date), ...added].sort((a, b) => a.date!.localeCompare(b.date!));
  return [...dated, ...kept.filter((r) => !r.date)];
}

/** Monday 0 … Sunday 6: the column of a day in the month grid, and its name in the list. */
export const weekdayIndex = (date: string) => (dayOfWeek(date) + 6) % 7;

/** How a day reads in the year view. */
export type DayTone = 'holiday' | 'workday' | 'weekend' | 'work' | 'uncovered';

export function dayTone(day: CalendarDay): DayTone {
  if (!day.covered) return 'uncovered';
  if ('kind' in day && day.kind === 'holiday' && !day.working) return 'holiday';
  if ('kind' in day && day.kind === 'workday' && day.working) return 'workday';
  return day.working ? 'work' : 'weekend';
}

/** The days that differ from the plain week (holidays and make-up working days), in date order. */
export function specialDays(days: readonly CalendarDay[]): CalendarDay[] {
  return days.filter((d) => d.covered && d.source !== 'weekday');
}

/** A month as weeks from Monday to Sunday (the Chinese calendar's week); null pads the first and last week. */
export function monthWeeks(year: number, month: number): (string | null)[][] {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const cells: (string | null)[] = Array.from({ length: weekdayIndex(first) }, () => null);
  for (let d = first; Number(d.slice(5, 7)) === month && yearOfDate(d) === year; d = addCalendarDays(d, 1)) cells.push(d);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
