// Free text and codes (names, hospitals, plates, credit codes). Numbers from XLSX become their digits —
// unless Excel already rounded a long code (a settlement or unit number) into a float, which is refused
// rather than stored wrong.
import type { ParseResult } from '../feed-types';
import { classify, excelPrecision, fail, isExactInteger, looksLikeScientific, ok, unreadable } from './cell';
import { formatDate } from './date';

export interface TextOptions {
  maxLength?: number;
  upperCase?: boolean;
}

export const DEFAULT_MAX_LENGTH = 200;

function excelMangled(shown: string): { ok: false; reason: string; reasonEn: string } {
  return fail(
    `Excel已把该值变成数字，末尾几位已经丢失：${shown}。请在源表中把该列设为“文本”格式后重新导出`,
    `Excel turned the value into a number and its last digits are lost: ${shown}. Format the column as text in the source sheet and export again`,
  );
}

export function parseText(raw: unknown, options: TextOptions = {}): ParseResult<string> {
  const cell = classify(raw);
  let text: string;
  switch (cell.kind) {
    case 'string':
      // A leading apostrophe is Excel's "keep as text" marker when typed by hand.
      text = cell.text;
      if (text[0] === "'" || text[0] === '＇') text = text.slice(1).trim();
      if (text === '') return unreadable({ kind: 'blank' });
      if (looksLikeScientific(text)) return excelMangled(text);
      break;
    case 'number':
      if (Number.isInteger(cell.value) && !isExactInteger(cell.value)) return excelMangled(String(cell.value));
      text = String(Number.isInteger(cell.value) ? cell.value : excelPrecision(cell.value));
      break;
    case 'bigint':
      text = cell.value.toString();
      break;
    case 'boolean':
      text = cell.value ? '是' : '否';
      break;
    case 'date':
      text = formatDate(cell.value.getUTCFullYear(), cell.value.getUTCMonth() + 1, cell.value.getUTCDate());
      break;
    default:
      return unreadable(cell);
  }
  const max = options.maxLength ?? DEFAULT_MAX_LENGTH;
  // length counts UTF-16 units; only when near the limit count characters (names with rare characters)
  if (text.length > max && [...text].length > max) return fail(`内容过长（最多 ${max} 个字）`, `too long (at most ${max} characters)`);
  return ok(options.upperCase ? text.toUpperCase() : text);
}
