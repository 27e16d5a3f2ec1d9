// Plain calendar dates ('YYYY-MM-DD') and the arithmetic on them. Dates here carry no time of day and no
// time zone: a deadline falls on a day in China, so everything is computed on UTC midnights to stay
// independent of the machine's zone and of daylight-saving jumps.

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export class InvalidDateError extends Error {
  readonly code = 'invalid_date';
  constructor(readonly value: unknown) {
    super(`Not a calendar date 'YYYY-MM-DD': ${JSON.stringify(value)}`);
    this.name = 'InvalidDateError';
  }
}

/** True for a real date written 'YYYY-MM-DD' (2025-02-29 and 2025-13-01 are not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function assertIsoDate(value: unknown): asserts value is IsoDate {
  if (!isIsoDate(value)) throw new InvalidDateError(value);
}

/** Days since 1970-01-01: lets us step and compare dates as integers. */
export function toDayNumber(date: IsoDate): number {
  assertIsoDate(date);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(date: IsoDate): number {
  assertIsoDate(date);
  return Number(date.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** Calendar days, n may be negative. The start day is not counted (民法典 art. 201: a period runs from the next day). */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Day count must be an integer: ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/** Calendar days from a to b (negative when b is earlier). */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

/** 'YYYY-MM' of the month after the date's month: benefits start the month after the decision. */
export function monthAfter(date: IsoDate): string {
  const y = yearOf(date);
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
