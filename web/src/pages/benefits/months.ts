// Months ('YYYY-MM') as the benefits pages use them: paid months, roll months, statistics ranges.
import type { Locale } from '../../i18n';

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-07' → '2026年7月' / 'Jul 2026'; anything else is shown as it is. */
export function formatMonth(month: string | null | undefined, locale: Locale): string {
  if (!month) return '';
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const n = Number(m[2]);
  return locale === 'en' ? `${EN_MONTHS[n - 1]} ${m[1]}` : `${m[1]}年${n}月`;
}

/** The month n months after (or before, n < 0) a month. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export const monthOf = (date: string) => date.slice(0, 7);
