// Months (contribution and tax periods) → 'YYYY-MM'. Accepts 202503, 2025-03, 2025/3, 2025年3月; a
// full date gives its month, because Excel turns a typed '2025-03' into the date 2025-03-01.
import type { ParseResult } from '../feed-types';
import { classify, fail, halfWidth, ok, unreadable } from './cell';
import { MAX_YEAR, MIN_YEAR, parseDate } from './date';

export function formatMonth(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

function checked(year: number, month: number, shown: string): ParseResult<string> {
  if (month < 1 || month > 12) return fail(`月份不存在：${shown}`, `no such month: ${shown}`);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return fail(`年月超出 ${MIN_YEAR}–${MAX_YEAR} 年的范围：${shown}`, `month outside ${MIN_YEAR}–${MAX_YEAR}: ${shown}`);
  }
  return ok(formatMonth(year, month));
}

const COMPACT = /^(\d{4})(\d{2})$/;
const SEPARATED = /^(\d{4})[-/.](\d{1,2})$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?$/;

function fromDate(raw: unknown): ParseResult<string> | null {
  const date = parseDate(raw);
  return date.ok ? ok(date.value.slice(0, 7)) : null;
}

export function parseMonth(raw: unknown): ParseResult<string> {
  const cell = classify(raw);
  switch (cell.kind) {
    case 'string': {
      const text = halfWidth(cell.text).trim();
      const m = COMPACT.exec(text) ?? SEPARATED.exec(text) ?? CHINESE.exec(text);
      if (m) return checked(Number(m[1]), Number(m[2]), cell.text);
      return (
        fromDate(text) ??
        fail(
          `无法识别的年月：${cell.text}（应为 202503、2025-03 或 2025年3月）`,
          `unrecognised month: ${cell.text} (expected 202503, 2025-03 or 2025年3月)`,
        )
      );
    }
    case 'number': {
      const n = cell.value;
      // 202503 typed into a General cell; anything smaller is an Excel date serial.
      if (Number.isInteger(n) && n >= 100_000 && n <= 999_999) return checked(Math.floor(n / 100), n % 100, String(n));
      return fromDate(n) ?? fail(`无法识别的年月：${n}`, `unrecognised month: ${n}`);
    }
    case 'date':
      return fromDate(cell.value) ?? fail('无法识别的年月', 'unrecognised month');
    default:
      return unreadable(cell);
  }
}
