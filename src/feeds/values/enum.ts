// Closed lists (就诊类型, 残疾类别, 学段…) → codes. A column lists its accepted Chinese labels and the code
// each stands for; the code itself is accepted too, so API clients may send either.
import type { ParseResult } from '../feed-types';
import { classify, fail, halfWidth, ok, unreadable } from './cell';

/** Labels compare without spaces and with full-width letters folded, so '门 诊' and '门诊' are alike. */
function fold(text: string): string {
  return halfWidth(text).replace(/\s+/g, '').toLowerCase();
}

/** The distinct codes of a label map, in order, with the first label of each (the one shown to people). */
export function enumCodes(values: Readonly<Record<string, string>>): { code: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const [label, code] of Object.entries(values)) if (!seen.has(code)) seen.set(code, label);
  return [...seen].map(([code, label]) => ({ code, label }));
}

export function enumParser(values: Readonly<Record<string, string>>): (raw: unknown) => ParseResult<string> {
  const lookup = new Map<string, string>();
  for (const [label, code] of Object.entries(values)) {
    lookup.set(fold(label), code);
    lookup.set(fold(code), code);
  }
  const shown = enumCodes(values).map((c) => c.label).join('、');
  return (raw) => {
    const cell = classify(raw);
    if (cell.kind !== 'string') return cell.kind === 'number' ? fail(`应为：${shown}`, `expected one of: ${shown}`) : unreadable(cell);
    const code = lookup.get(cell.text) ?? lookup.get(fold(cell.text));
    if (code !== undefined) return ok(code);
    return fail(`不在可选值中：${cell.text}（应为：${shown}）`, `not one of the accepted values: ${cell.text} (expected: ${shown})`);
  };
}
