// Plain quantities: `number` (any decimal) and `area` (square metres, at most two decimals, never
// negative; a unit written after the number — ㎡, 平方米, m2 — is dropped).
import type { ParseResult } from '../feed-types';
import { classify, excelPrecision, fail, halfWidth, ok, unreadable } from './cell';

export interface NumberOptions {
  negative?: boolean;
  /** Most decimals accepted; unlimited when absent. */
  maxDecimals?: number;
  /** Unit suffixes to drop before reading. */
  units?: RegExp;
}

const DECIMAL = /^[-−]?(\d+(\.\d*)?|\.\d+)$/;

function finish(value: number, shown: string, options: NumberOptions): ParseResult<number> {
  if (!Number.isFinite(value)) return fail(`不是数字：${shown}`, `not a number: ${shown}`);
  if (value < 0 && !options.negative) return fail(`不能为负数：${shown}`, `may not be negative: ${shown}`);
  if (options.maxDecimals !== undefined) {
    const scaled = value * 10 ** options.maxDecimals;
    if (Math.abs(scaled - Math.round(scaled)) > 1e-6 * Math.max(1, Math.abs(scaled))) {
      return fail(`最多 ${options.maxDecimals} 位小数：${shown}`, `at most ${options.maxDecimals} decimals: ${shown}`);
    }
  }
  return ok(value === 0 ? 0 : value);
}

export function parseNumber(raw: unknown, options: NumberOptions = {}): ParseResult<number> {
  const cell = classify(raw);
  switch (cell.kind) {
    case 'number':
      return finish(excelPrecision(cell.value), String(cell.value), options);
    case 'string': {
      let text = halfWidth(cell.text).replace(/\s+/g, '');
      if (options.units) text = text.replace(options.units, '');
      if (/^[-−]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replace(/,/g, '');
      if (!DECIMAL.test(text)) return fail(`不是数字：${cell.text}`, `not a number: ${cell.text}`);
      return finish(Number(text.replace('−', '-')), cell.text, options);
    }
    default:
      return unreadable(cell);
  }
}

export const AREA_OPTIONS: NumberOptions = { maxDecimals: 2, units: /(㎡|平方米|平米|m2|m²)$/i };

export function parseArea(raw: unknown): ParseResult<number> {
  return parseNumber(raw, AREA_OPTIONS);
}
