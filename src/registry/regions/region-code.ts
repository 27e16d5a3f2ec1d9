// Region codes: the 12-digit statistical code (NBS 统计用区划代码) is the one form stored; people and files
// also write the short forms (2-digit province, 4 city, 6 county per GB/T 2260, 9 township), so every
// entry point normalises here first.

export const REGION_LEVELS = [1, 2, 3, 4, 5] as const;
/** 1 province, 2 city, 3 county, 4 township/street, 5 village/community. */
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_LEVEL_LABELS: Record<RegionLevel, { zh: string; en: string }> = {
  1: { zh: '省', en: 'Province' },
  2: { zh: '市', en: 'City' },
  3: { zh: '县（市、区）', en: 'County' },
  4: { zh: '乡镇（街道）', en: 'Township' },
  5: { zh: '村（社区）', en: 'Village' },
};

/** Digits a code keeps at each level; the rest of the 12 digits are zeros. */
const SHORT_LENGTH: Record<RegionLevel, number> = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 };

const DIGITS_12 = /^\d{12}$/;
const SHORT_FORM = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

/**
 * Normalises a 2/4/6/9/12-digit code (surrounding spaces ignored) to 12 digits, or null when the input is
 * not such a code. A code whose own segment is zero (e.g. '3601000', '360100') is still accepted: it is
 * the padded form of a higher level.
 */
export function normaliseRegionCode(input: string): string | null {
  if (DIGITS_12.test(input)) return input; // the hot path: already stored form
  const code = input.trim();
  if (!SHORT_FORM.test(code)) return null;
  return code.padEnd(12, '0');
}

/** Level of a 12-digit code, read from which segments are non-zero. */
export function regionLevel(code12: string): RegionLevel {
  if (code12.endsWith('0000000000')) return 1;
  if (code12.endsWith('00000000')) return 2;
  if (code12.endsWith('000000')) return 3;
  if (code12.endsWith('000')) return 4;
  return 5;
}

/** The short form of a 12-digit code: '360000000000' → '36', '360731000000' → '360731'. */
export function shortRegionCode(code12: string): string {
  return code12.slice(0, SHORT_LENGTH[regionLevel(code12)]);
}

