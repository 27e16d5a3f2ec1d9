// Amounts in yuan → integer fen. Accepts 1234.5, 1,234.50, ￥1234.50 / ¥1234.50, 1234.50元. More than two
// decimals is refused, not rounded: a third decimal means the column is not what we think it is.
import type { ParseResult } from '../feed-types';
import { classify, excelPrecision, fail, halfWidth, ok, unreadable } from './cell';

export interface MoneyOptions {
  /** Negative amounts allowed (reversals); refused otherwise. */
  negative?: boolean;
}

const CURRENCY = /^(?:[￥¥]|RMB|CNY)\s*|\s*元$/gi;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d*)?$/;
const PLAIN = /^(\d*)(?:\.(\d*))?$/;

function checkSign(fen: number, shown: string, options: MoneyOptions): ParseResult<number> {
  if (!Number.isSafeInteger(fen)) return fail(`金额过大：${shown}`, `amount too large: ${shown}`);
  if (fen < 0 && !options.negative) return fail(`金额不能为负数：${shown}`, `the amount may not be negative: ${shown}`);
  return ok(fen === 0 ? 0 : fen); // no -0
}

const SIMPLE = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

export function parseMoneyText(input: string, options: MoneyOptions = {}): ParseResult<number> {
  const simple = SIMPLE.exec(input); // the common case first: '1234.50'
  if (simple) return ok(Number(simple[1]) * 100 + (simple[2] ? Number(simple[2].padEnd(2, '0')) : 0));
  let text = halfWidth(input).replace(/\s+/g, '');
  let negative = false;
  if (/^[-−]/.test(text)) {
    negative = true;
    text = text.slice(1);
  }
  text = text.replace(CURRENCY, '');
  if (!negative && /^[-−]/.test(text)) {
    negative = true; // ￥-12.00
    text = text.slice(1);
  }
  if (text.includes(',')) {
    if (!GROUPED.test(text)) return fail(`千位分隔符位置不对：${input}`, `misplaced thousands separator: ${input}`);
    text = text.replace(/,/g, '');
  }
  const m = PLAIN.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) {
    return fail(`不是金额：${input}（应为以元为单位的数字，如 1234.50）`, `not an amount: ${input} (expected yuan, e.g. 1234.50)`);
  }
  const decimals = m[2] ?? '';
  if (decimals.length > 2) {
    return fail(`金额最多两位小数（到分）：${input}`, `an amount has at most two decimals (fen): ${input}`);
  }
  const fen = Number(m[1] || '0') * 100 + Number(decimals.padEnd(2, '0'));
  return checkSign(negative ? -fen : fen, input, options);
}

export function parseMoney(raw: unknown, options: MoneyOptions = {}): ParseResult<number> {
  const cell = classify(raw);
  switch (cell.kind) {
    case 'string':
      return parseMoneyText(cell.text, options);
    case 'number': {
      if (!Number.isFinite(cell.value)) return fail(`不是金额：${cell.value}`, `not an amount: ${cell.value}`);
      // A number cell carries binary noise (1234.5000000000002); read it as Excel shows it.
      const yuan = excelPrecision(cell.value);
      const fen = Math.round(yuan * 100);
      if (Math.abs(yuan * 100 - fen) > 1e-6 * Math.max(1, Math.abs(fen))) {
        return fail(`金额最多两位小数（到分）：${cell.value}`, `an amount has at most two decimals (fen): ${cell.value}`);
      }
      return checkSign(fen, String(cell.value), options);
    }
    default:
      return unreadable(cell);
  }
}
