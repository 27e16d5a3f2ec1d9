// What a raw cell is, before any value type looks at it. Readers hand on strings (CSV, JSON), numbers,
// booleans, Dates and `{ error }` objects (XLSX); every parser starts from this one classification so
// that blanks, Excel error cells and stray objects are treated alike in every column.
import type { ParseResult } from '../feed-types';

export type Cell =
  | { kind: 'blank' }
  | { kind: 'string'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'bigint'; value: bigint }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; value: Date }
  | { kind: 'error'; code: string }
  | { kind: 'other' };

// Spaces people and Excel leave around values: ASCII, no-break, ideographic (full-width), BOM, zero-width.
const EDGE_SPACE = /^[\s\u00a0\u3000\ufeff\u200b]+|[\s\u00a0\u3000\ufeff\u200b]+$/g;

function isEdgeSpace(code: number): boolean {
  return code <= 0x20 || code === 0xa0 || code === 0x3000 || code === 0xfeff || code === 0x200b || (code >= 0x2000 && code <= 0x200a);
}

export function trimCell(text: string): string {
  // Most cells have nothing to trim: look at both ends before running the regex (hot path, every cell).
  if (text.length === 0 || (!isEdgeSpace(text.charCodeAt(0)) && !isEdgeSpace(text.charCodeAt(text.length - 1)))) return text;
  return text.replace(EDGE_SPACE, '');
}

export function classify(raw: unknown): Cell {
  if (raw === null || raw === undefined) return { kind: 'blank' };
  if (typeof raw === 'string') {
    const text = trimCell(raw);
    return text === '' ? { kind: 'blank' } : { kind: 'string', text };
  }
  if (typeof raw === 'number') return Number.isNaN(raw) ? { kind: 'blank' } : { kind: 'number', value: raw };
  if (typeof raw === 'bigint') return { kind: 'bigint', value: raw };
  if (typeof raw === 'boolean') return { kind: 'boolean', value: raw };
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? { kind: 'other' } : { kind: 'date', value: raw };
  if (typeof raw === 'object' && typeof (raw as { error?: unknown }).error === 'string') {
    return { kind: 'error', code: (raw as { error: string }).error };
  }
  return { kind: 'other' };
}

export function isBlank(raw: unknown): boolean {
  return classify(raw).kind === 'blank';
}

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail(reason: string, reasonEn: string): { ok: false; reason: string; reasonEn: string } {
  return { ok: false, reason, reasonEn };
}

/** The failure every parser gives for cells it cannot read at all (blank, error cell, object). */
export function unreadable(cell: Cell): { ok: false; reason: string; reasonEn: string } {
  switch (cell.kind) {
    case 'blank':
      return fail('值为空', 'the value is empty');
    case 'error':
      return fail(`单元格是公式错误值 ${cell.code}`, `the cell holds the formula error ${cell.code}`);
    default:
      return fail('无法识别的单元格内容', 'unrecognised cell content');
  }
}

/** Full-width digits, letters and punctuation (typed with a Chinese input method) to half-width, so that
 *  '２０２５年３月' and 'ＡＢ' read like their ASCII twins. Chinese characters are left as they are. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

export function halfWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A number as Excel shows it: 15 significant digits, which drops binary noise such as
 *  0.30000000000000004 that formula results carry in the file. */
export function excelPrecision(value: number): number {
  return Number(value.toPrecision(15));
}

/** Whether a number is an integer that a double carries exactly and unambiguously. Above 2^53 a double
 *  stands for a range of integers (steps of 16–128 around 10^17), so the digits cannot be trusted. */
export function isExactInteger(value: number): boolean {
  return Number.isSafeInteger(value);
}

/** A string Excel (or a CSV it wrote) made of a long number: '1.14634195203231E+17', '3.6E+17'. */
export function looksLikeScientific(text: string): boolean {
  return /^\d(\.\d+)?[eE]\+?\d{2}$/.test(text);
}

/** The raw cell as text for error reports. */
export function displayCell(raw: unknown): string {
  const cell = classify(raw);
  switch (cell.kind) {
    case 'blank':
      return '';
    case 'string':
      return cell.text.length > 100 ? `${cell.text.slice(0, 100)}…` : cell.text;
    case 'number':
      return String(cell.value);
    case 'bigint':
      return cell.value.toString();
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'date':
      return cell.value.toISOString().replace('T00:00:00.000Z', '');
    case 'error':
      return cell.code;
    default:
      return Object.prototype.toString.call(raw);
  }
}
