// Dates as people read them: '2026年6月15日' in Chinese, '15 Jun 2026' in English. Calendar dates
// ('YYYY-MM-DD') carry no time zone; timestamps are shown in the browser's local time.
import dayjs from 'dayjs';
import type { Locale } from '../i18n';

const DATE_FORMAT: Record<Locale, string> = { 'zh-CN': 'YYYY年M月D日', en: 'D MMM YYYY' };
/** What a date picker shows first, then what else it accepts when typed. */
export const DATE_INPUT_FORMATS: Record<Locale, string[]> = { 'zh-CN': ['YYYY年M月D日', 'YYYY-MM-DD'], en: ['YYYY-MM-DD'] };
const DATE_TIME_FORMAT: Record<Locale, string> = { 'zh-CN': 'YYYY年M月D日 HH:mm', en: 'D MMM YYYY HH:mm' };

export function formatDate(date: string | null | undefined, locale: Locale): string {
  if (!date) return '';
  const d = dayjs(date.slice(0, 10));
  return d.isValid() ? d.locale('en').format(DATE_FORMAT[locale]) : date;
}

export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.locale('en').format(DATE_TIME_FORMAT[locale]) : iso;
}

/** Full years between a birth date and a day ('YYYY-MM-DD' both). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Today in China ('YYYY-MM-DD'), as the server's rules count it. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
