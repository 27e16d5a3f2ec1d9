// Disability grades → 1…4. Accepts 一级…四级 and 1…4 (also 1级, 壹级, 一), as certificates and exports write them.
import type { ParseResult } from '../feed-types';
import { classify, fail, halfWidth, ok, unreadable } from './cell';

const NUMERALS: Record<string, number> = {
  '1': 1, '2': 2, '3': 3, '4': 4,
  一: 1, 二: 2, 三: 3, 四: 4,
  壹: 1, 贰: 2, 叁: 3, 肆: 4,
};

export function parseGrade(raw: unknown): ParseResult<number> {
  const cell = classify(raw);
  switch (cell.kind) {
    case 'number':
      if ([1, 2, 3, 4].includes(cell.value)) return ok(cell.value);
      return fail(`残疾等级应为 1–4：${cell.value}`, `a disability grade is 1–4: ${cell.value}`);
    case 'string': {
      const m = /^([1-4一二三四壹贰叁肆])\s*级?$/.exec(halfWidth(cell.text).trim());
      if (m) return ok(NUMERALS[m[1]]);
      return fail(
        `无法识别的残疾等级：${cell.text}（应为 一级…四级 或 1…4）`,
        `unrecognised disability grade: ${cell.text} (expected 一级…四级 or 1…4)`,
      );
    }
    default:
      return unreadable(cell);
  }
}
