// Resident ID numbers → the 18-character form (15-digit first-generation numbers converted). The
// checking itself is the registry's (GB 11643); this file owns what departments' files do to IDs:
// spaces, Excel's apostrophe text marker, full-width digits, and IDs that Excel turned into numbers.
import type { ParseResult } from '../feed-types';
import { parseIdNumber } from '../../registry/id-number';
import { classify, fail, halfWidth, isExactInteger, looksLikeScientific, unreadable } from './cell';

function destroyedByExcel(shown: string): { ok: false; reason: string; reasonEn: string } {
  return fail(
    `身份证号已被Excel变成数字（${shown}），后几位已经丢失，无法还原。请在源表中把身份证号列设为“文本”格式后重新导出`,
    `Excel turned the ID number into a number (${shown}) and its last digits are lost for good. ` +
      'Format the ID column as text in the source sheet and export again',
  );
}

function check(text: string): ParseResult<string> {
  const result = parseIdNumber(text);
  if (result.ok) return { ok: true, value: result.idNumber };
  // Excel shows 15 significant digits: a number-formatted ID column exports as ...000.
  if (result.code === 'ID_CHECK_DIGIT' && /^\d{15}000$/.test(text)) {
    return fail(
      `${result.message.zh}（末三位为000，可能已被Excel当作数字截断，请把身份证号列设为“文本”格式后重新导出）`,
      `${result.message.en} (it ends in 000: Excel probably rounded it as a number; format the ID column as text and export again)`,
    );
  }
  return fail(result.message.zh, result.message.en);
}

/** Accepts strings (with the usual clutter), exact integers (15 digits survive a double; 18 digits
 *  never do: above 2^53 a double holds only 15–16 significant digits), and bigints. */
export function parseIdNumberCell(raw: unknown): ParseResult<string> {
  const cell = classify(raw);
  switch (cell.kind) {
    case 'string': {
      if (/^\d{17}[\dXx]$/.test(cell.text)) return check(cell.text); // the common case first
      const text = halfWidth(cell.text).replace(/^['‘’＇`]/, '').replace(/[\s\u00a0]+/g, '');
      if (looksLikeScientific(text)) return destroyedByExcel(cell.text);
      return check(text);
    }
    case 'number': {
      const n = cell.value;
      if (Number.isInteger(n) && isExactInteger(n)) return check(String(n));
      if (Number.isFinite(n) && Math.abs(n) >= 1e14) return destroyedByExcel(String(n));
      return fail(`不是身份证号：${n}`, `not an ID number: ${n}`);
    }
    case 'bigint':
      return check(cell.value.toString());
    default:
      return unreadable(cell);
  }
}
