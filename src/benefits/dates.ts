// Calendar arithmetic for benefits on plain 'YYYY-MM-DD' dates and 'YYYY-MM' months: ages in full years
// (周岁), months after a decision, re-check dates. No clock and no time zone: the date is always given.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function isValidMonth(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = MONTH_RE.exec(s);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

function parts(date: string): [number, number, number] {
  if (!isValidDate(date)) throw new RangeError(`not a valid date 'YYYY-MM-DD': ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/**
 * Age in full years (周岁) on a date. A person reaches an age on the birthday itself (so "60周岁以上"
 * includes the 60th birthday); someone born on 29 February reaches it on 1 March in common years,
 * because 28 February still comes before the birthday in calendar order.
 */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(date);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

export function monthOf(date: string): string {
  parts(date);
  return date.slice(0, 7);
}

export function addMonthsToMonth(month: string, n: number): string {
  if (!isValidMonth(month)) throw new RangeError(`not a valid month 'YYYY-MM': ${month}`);
  const index = Number(month.slice(0, 4)) * 12 + (Number(month.slice(5, 7)) - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** Months from a to b (b − a), e.g. 2024-01 → 2024-07 is 6. */
export function monthsBetween(a: string, b: string): number {
  const ia = Number(a.slice(0, 4)) * 12 + Number(a.slice(5, 7));
  const ib = Number(b.slice(0, 4)) * 12 + Number(b.slice(5, 7));
  return ib - ia;
}

/** The same day n months later; a day that does not exist in the target month falls to its last day. */
export function addMonthsToDate(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const month = addMonthsToMonth(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`, n);
  const last = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return `${month}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** ISO dates compare correctly as strings once validated. */
export function compareDates(a: string, b: string): number {
  parts(a);
  parts(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
