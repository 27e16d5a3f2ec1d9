// 是/否 → true/false. Also accepts what exports and API clients write for the same: Y/N, yes/no,
// true/false, 1/0, and Excel's boolean cells.
import type { ParseResult } from '../feed-types';
import { classify, fail, halfWidth, ok, unreadable } from './cell';

const WORDS: Record<string, boolean> = {
  是: true, 否: false,
  y: true, n: false, yes: true, no: false, true: true, false: false, '1': true, '0': false,
};

export function parseYesNo(raw: unknown): ParseResult<boolean> {
  const cell = classify(raw);
  switch (cell.kind) {
    case 'boolean':
      return ok(cell.value);
    case 'number':
      if (cell.value === 1 || cell.value === 0) return ok(cell.value === 1);
      return fail(`应为 是 或 否：${cell.value}`, `expected 是 (yes) or 否 (no): ${cell.value}`);
    case 'string': {
      const value = WORDS[halfWidth(cell.text).trim().toLowerCase()];
      if (value !== undefined) return ok(value);
      return fail(`应为 是 或 否：${cell.text}`, `expected 是 (yes) or 否 (no): ${cell.text}`);
    }
    default:
      return unreadable(cell);
  }
}
