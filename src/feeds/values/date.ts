// Calendar dates → 'YYYY-MM-DD'. Accepts the formats of the contract (2025-03-09, 2025/3/9, 20250309,
// 2025年3月9日), Excel date serials and JS Dates from XLSX. Time of day is dropped: feeds carry calendar
// dates; a time with a zone (from an API client's JSON) is read as a date in China (UTC+8, no DST).
import type { ParseResult } from '../feed-types';
import { classify, fail, halfWidth, ok, unreadable } from './cell';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86_400_000;

/** Excel's 1900 date system: serial 61 is 1900-03-01; below that Excel counts a 29 February 1900 that
 *  never was, so those serials are refused rather than guessed. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const FIRST_SAFE_SERIAL = 61;
const LAST_SERIAL = (Date.UTC(MAX_YEAR, 11, 31) - EXCEL_EPOCH_MS) / DAY_MS;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function utcDate(date: Date): string {
  return formatDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function checked(year: number, month: number, day: number, shown: string): ParseResult<string> {
  if (!isValidDate(year, month, day)) return fail(`日期不存在：${shown}`, `no such date: ${shown}`);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return fail(`日期超出 ${MIN_YEAR}–${MAX_YEAR} 年的范围：${shown}`, `date outside ${MIN_YEAR}–${MAX_YEAR}: ${shown}`);
  }
  return ok(formatDate(year, month, day));
}

/** Excel serial day number → 'YYYY-MM-DD' (fraction = time of day, dropped). */
export function excelSerialToDate(serial: number): ParseResult<string> {
  const day = Math.floor(serial);
  if (day < FIRST_SAFE_SERIAL || day > LAST_SERIAL) {
    return fail(`不是有效的Excel日期序号：${serial}`, `not a usable Excel date serial: ${serial}`);
  }
  return ok(utcDate(new Date(EXCEL_EPOCH_MS + day * DAY_MS)));
}

const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
const ZONE = String.raw`(Z|[+-]\d{2}:?\d{2})`;
const SEPARATED = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const ZONED = new RegExp(String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?${ZONE}$`);

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDateText(input: string): ParseResult<string> {
  const iso = ISO.exec(input); // the common case first: millions of rows a file
  if (iso) return checked(Number(iso[1]), Number(iso[2]), Number(iso[3]), input);
  const text = halfWidth(input).trim();
  if (ZONED.test(text)) {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) return fail(`无法识别的日期：${input}`, `unrecognised date: ${input}`);
    const china = new Date(ms + CHINA_OFFSET_MS);
    return checked(china.getUTCFullYear(), china.getUTCMonth() + 1, china.getUTCDate(), input);
  }
  const m = SEPARATED.exec(text) ?? COMPACT.exec(text) ?? CHINESE.exec(text);
  if (!m) {
    return fail(
      `无法识别的日期：${input}（应为 2025-03-09、2025/3/9、20250309 或 2025年3月9日）`,
      `unrecognised date: ${input} (expected 2025-03-09, 2025/3/9, 20250309 or 2025年3月9日)`,
    );
  }
  return checked(Number(m[1]), Number(m[2]), Number(m[3]), input);
}

/** A date column's parser. Numbers are Excel serials, or yyyymmdd typed as a number. */
export function parseDate(raw: unknown): ParseResult<string> {
  const cell = classify(raw);
  switch (cell.kind) {
    case 'string':
      return parseDateText(cell.text);
    case 'date':
      // exceljs builds Dates at UTC midnight of the serial's day.
      return checked(cell.value.getUTCFullYear(), cell.value.getUTCMonth() + 1, cell.value.getUTCDate(), utcDate(cell.value));
    case 'number': {
      const n = cell.value;
      if (Number.isInteger(n) && n >= 10_000_000 && n <= 99_999_999) return parseDateText(String(n));
      return excelSerialToDate(n);
    }
    default:
      return unreadable(cell);
  }
}
