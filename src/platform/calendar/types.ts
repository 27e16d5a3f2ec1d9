// The shapes of calendar data: one entry per day that differs from the plain Monday–Friday week, whether it
// comes from a State Council notice (frozen in official-2024-2026.ts) or from a province administrator.

import type { IsoDate } from './dates.js';

/** 'holiday': a day off (放假, including weekend days inside a holiday span); 'workday': a make-up working day (调休上班). */
export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarEntry {
  readonly date: IsoDate;
  readonly kind: CalendarDayKind;
  /** Chinese name of the festival or reason, e.g. '春节', '国庆节', or a local name an administrator gives. */
  readonly name: string;
}

/** An administrator's entry for a year the official data does not cover, or a correction of it. Same shape. */
export type CalendarOverride = CalendarEntry;

export interface HolidayNotice {
  readonly year: number;
  /** 文号 of the State Council General Office notice, e.g. '国办发明电〔2024〕12号'. */
  readonly number: string;
  readonly issuedOn: IsoDate;
  readonly title: string;
  readonly url: string;
}

export interface OfficialCalendarData {
  /** Where the entries were taken from (package and version) and when they were extracted. */
  readonly source: string;
  readonly years: readonly number[];
  readonly notices: readonly HolidayNotice[];
  readonly entries: readonly CalendarEntry[];
}
