// The official working-day calendar (工作日): Monday–Friday, minus State Council holidays, plus make-up
// working weekends (调休上班). Built from data — the frozen official years and a province administrator's
// overrides — so a deadline never depends on a clock, a network or a package upgrade.

import {
  addCalendarDays,
  assertIsoDate,
  fromDayNumber,
  isWeekend,
  toDayNumber,
  yearOf,
  type IsoDate,
} from './dates.js';
import { OFFICIAL_2024_2026 } from './official-2024-2026.js';
import type { CalendarDayKind, CalendarEntry, CalendarOverride, OfficialCalendarData } from './types.js';

/** Asked about a year nobody has entered: guessing Monday–Friday would count Spring Festival as working days. */
export class CalendarYearNotCoveredError extends Error {
  readonly code = 'calendar_year_not_covered';
  constructor(
    readonly year: number,
    readonly coveredYears: readonly number[],
  ) {
    super(
      `No working-day calendar for ${year} (covered: ${coveredYears.join(', ') || 'none'}). ` +
        `A province administrator must enter that year's holidays and make-up working days from the State Council notice. ` +
        `/ ${year}年工作日历尚未录入，请省级管理员按国务院办公厅节假日安排通知录入放假和调休上班日期。`,
    );
    this.name = 'CalendarYearNotCoveredError';
  }
}

export interface DayInfo {
  readonly date: IsoDate;
  readonly working: boolean;
  /** Where the answer came from: an override, the official notice, or the plain weekday rule. */
  readonly source: 'override' | 'official' | 'weekday';
  readonly kind?: CalendarDayKind;
  readonly name?: string;
}

export interface WorkCalendar {
  readonly coveredYears: readonly number[];
  dayInfo(date: IsoDate): DayInfo;
  isWorkingDay(date: IsoDate): boolean;
  /** The n-th working day after start; the start day itself (the day of acceptance) is never counted. n = 0 gives start. */
  addWorkingDays(start: IsoDate, n: number): IsoDate;
  /** Working days in (a, b]: after a, up to and including b; negative when b is before a. */
  workingDaysBetween(a: IsoDate, b: IsoDate): number;
  /** Calendar days; needs no calendar data, here so callers can hold one object. */
  addCalendarDays(start: IsoDate, n: number): IsoDate;
}

export interface WorkCalendarOptions {
  /** Defaults to the frozen 2024–2026 official calendar; pass an empty data set to rely on overrides only. */
  readonly official?: OfficialCalendarData;
  /** Administrator entries; an override wins over the official entry for the same date. */
  readonly overrides?: readonly CalendarOverride[];
  /**
   * Years the administrator has entered in full from that year's State Council notice. Overrides alone do not
   * make a year known: one local holiday entered early must not make next year's Spring Festival look like work.
   */
  readonly overrideYears?: readonly number[];
}

function indexEntries(entries: readonly CalendarEntry[], label: string): Map<IsoDate, CalendarEntry> {
  const map = new Map<IsoDate, CalendarEntry>();
  for (const e of entries) {
    assertIsoDate(e.date);
    if (e.kind !== 'holiday' && e.kind !== 'workday') throw new Error(`${label} ${e.date}: unknown kind ${String(e.kind)}`);
    if (map.has(e.date)) throw new Error(`${label} ${e.date} is listed twice`);
    map.set(e.date, e);
  }
  return map;
}

export function createWorkCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  const official = options.official ?? OFFICIAL_2024_2026;
  const officialByDate = indexEntries(official.entries, 'Official entry');
  const overridesByDate = indexEntries(options.overrides ?? [], 'Override');
  for (const y of options.overrideYears ?? []) if (!Number.isInteger(y)) throw new Error(`Override year must be an integer: ${y}`);
  const coveredYears = [...new Set([...official.years, ...(options.overrideYears ?? [])])].sort((a, b) => a - b);
  const covered = new Set(coveredYears);

  function dayInfo(date: IsoDate): DayInfo {
    assertIsoDate(date);
    // An override answers for its own date even in an undeclared year: that day is known, the rest are not.
    const override = overridesByDate.get(date);
    if (override) return { date, working: override.kind === 'workday', source: 'override', kind: override.kind, name: override.name };
    const year = yearOf(date);
    if (!covered.has(year)) throw new CalendarYearNotCoveredError(year, coveredYears);
    const entry = officialByDate.get(date);
    if (entry) return { date, working: entry.kind === 'workday', source: 'official', kind: entry.kind, name: entry.name };
    return { date, working: !isWeekend(date), source: 'weekday' };
  }

  function isWorkingDay(date: IsoDate): boolean {
    return dayInfo(date).working;
  }

  function addWorkingDays(start: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n)) throw new RangeError(`Working-day count must be an integer: ${n}`);
    const step = n < 0 ? -1 : 1;
    let day = toDayNumber(start);
    for (let left = Math.abs(n); left > 0; ) {
      day += step;
      if (isWorkingDay(fromDayNumber(day))) left--;
    }
    return fromDayNumber(day);
  }

  function workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    if (to < from) return -workingDaysBetween(b, a);
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (isWorkingDay(fromDayNumber(day))) count++;
    return count;
  }

  return { coveredYears, dayInfo, isWorkingDay, addWorkingDays, workingDaysBetween, addCalendarDays };
}
