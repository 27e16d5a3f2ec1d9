// Exact money arithmetic for benefits: amounts are integer fen; where policy divides (an annual income
// spread over 12 months, a per-capita share, a ratio such as 1.5 × the standard) the result is kept as an
// exact fraction of fen, compared exactly, and turned back into whole fen only by a rounding rule that
// the policy names. No floating point touches money, so "one fen under the standard" stays under it.

/** An exact amount of fen: num / den, den > 0, always reduced. */
export interface Fraction {
  readonly num: number;
  readonly den: number;
}

/** How a fractional amount becomes the fen actually paid; chosen per policy version. */
export const ROUNDING_RULES = ['halfUpFen', 'ceilFen', 'halfUpYuan', 'ceilYuan', 'floorYuan', 'ceilTenYuan'] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];

export const ROUNDING_RULE_LABELS: Record<RoundingRule, { zh: string; en: string }> = {
  halfUpFen: { zh: '四舍五入到分', en: 'round half up to the fen' },
  ceilFen: { zh: '向上取整到分', en: 'round up to the fen' },
  halfUpYuan: { zh: '四舍五入到元', en: 'round half up to the yuan' },
  ceilYuan: { zh: '向上取整到元', en: 'round up to the yuan' },
  floorYuan: { zh: '向下取整到元', en: 'round down to the yuan' },
  ceilTenYuan: { zh: '向上取整到十元', en: 'round up to ten yuan' },
};

function safe(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`money: ${what} is not a safe integer (${n})`);
  return n;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export function fraction(num: number, den = 1): Fraction {
  safe(num, 'numerator');
  safe(den, 'denominator');
  if (den === 0) throw new RangeError('money: division by zero');
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den) || 1;
  return { num: num / g, den: den / g };
}

export const fen = (n: number): Fraction => fraction(safe(n, 'fen'), 1);

export function add(a: Fraction, b: Fraction): Fraction {
  return fraction(safe(a.num * b.den + b.num * a.den, 'sum'), safe(a.den * b.den, 'denominator'));
}

export function sub(a: Fraction, b: Fraction): Fraction {
  return add(a, { num: -b.num, den: b.den });
}

/** Multiply by num/den (a count, a number of months, a per-mille ratio as (permille, 1000)…). */
export function mul(a: Fraction, num: number, den = 1): Fraction {
  return fraction(safe(a.num * num, 'product'), safe(a.den * den, 'denominator'));
}

export function div(a: Fraction, by: number): Fraction {
  return mul(a, 1, by);
}

export function cmp(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const l = safe(a.num * b.den, 'comparison');
  const r = safe(b.num * a.den, 'comparison');
  return l < r ? -1 : l > r ? 1 : 0;
}

export const lt = (a: Fraction, b: Fraction) => cmp(a, b) < 0;
export const le = (a: Fraction, b: Fraction) => cmp(a, b) <= 0;
export const gt = (a: Fraction, b: Fraction) => cmp(a, b) > 0;
export const isZero = (a: Fraction) => a.num === 0;
export const max0 = (a: Fraction): Fraction => (a.num < 0 ? fen(0) : a);
export const isWhole = (a: Fraction) => a.den === 1;

/** floor(a / unit) for a unit in whole fen, exactly. */
function floorUnits(a: Fraction, unit: number): number {
  const n = a.num;
  const d = a.den * unit;
  const q = Math.trunc(n / d);
  // Correct for the truncation of negative values and for float error in n / d.
  let r = q;
  while (r * d > n) r -= 1;
  while ((r + 1) * d <= n) r += 1;
  return r;
}

function halfUpUnits(a: Fraction, unit: number): number {
  // floor(a/unit + 1/2) = floor((2a + unit) / (2 unit))
  return floorUnits(add(mul(a, 2), fen(unit)), unit * 2);
}

function ceilUnits(a: Fraction, unit: number): number {
  return -floorUnits({ num: -a.num, den: a.den }, unit);
}

/** Whole fen from an exact amount, by the policy's rounding rule. */
export function round(a: Fraction, rule: RoundingRule): number {
  switch (rule) {
    case 'halfUpFen':
      return halfUpUnits(a, 1);
    case 'ceilFen':
      return ceilUnits(a, 1);
    case 'halfUpYuan':
      return halfUpUnits(a, 100) * 100;
    case 'ceilYuan':
      return ceilUnits(a, 100) * 100;
    case 'floorYuan':
      return floorUnits(a, 100) * 100;
    case 'ceilTenYuan':
      return ceilUnits(a, 1000) * 1000;
  }
}

/** Whole yuan to fen, for data entry and seeds written in yuan as the notices are. */
export function yuan(y: number): number {
  return safe(Math.round(y * 100), 'yuan');
}

/**
 * '825.00元'. A value that is not whole fen shows '≈' and four decimals of yuan, cut towards zero, so
 * that 599.9991… yuan reads as below 600 and never as '600.00' next to "below the standard".
 */
export function formatFen(a: number | Fraction): string {
  const f = typeof a === 'number' ? fen(a) : a;
  const sign = f.num < 0 ? '-' : '';
  const abs = { num: Math.abs(f.num), den: f.den };
  if (isWhole(f)) return `${sign}${Math.floor(abs.num / 100)}.${String(abs.num % 100).padStart(2, '0')}元`;
  const hundredths = floorUnits(mul(abs, 100), 1); // in 0.01 fen = 0.0001 yuan
  return `≈${sign}${Math.floor(hundredths / 10_000)}.${String(hundredths % 10_000).padStart(4, '0')}元`;
}

/** Display fen of an exact amount (half up to the fen); never use it to decide eligibility. */
export function displayFen(a: Fraction): number {
  return halfUpUnits(a, 1);
}

/** '1.5' from 1500‰, for explanations. */
export function formatPermille(permille: number): string {
  return String(permille / 1000);
}
