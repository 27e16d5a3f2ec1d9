// Calendar arithmetic for rule windows, on plain 'YYYY-MM-DD' dates and 'YYYY-MM' months. Pure.
// A window of N months ending today holds the days after (today − N months) up to today: with today
// 2026-06-15 and 12 months, 2025-06-16 … 2026-06-15 count; 2025-06-15 and earlier do not.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same day N months earlier, clamped to the month's end (as PostgreSQL's date − interval does). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

/** 'YYYY-MM' of the month N months before the date's month (0 = its own month). */
export function monthOf(date: string, monthsBack = 0): string {
  const [y, m] = parts(date);
  const total = y * 12 + (m - 1) - monthsBack;
  const year = Math.floor(total / 12);
  return `${pad(year, 4)}-${pad(total - year * 12 + 1)}`;
}

/** True when `day` lies in the N-month window ending on `today`. */
export function inWindow(day: string, today: string, months: number): boolean {
  return day > monthsBefore(today, months) && day <= today;
}

export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}
