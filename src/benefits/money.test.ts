import { describe, expect, it } from 'vitest';
import { add, cmp, fen, formatFen, fraction, lt, mul, round, sub, yuan, type RoundingRule } from './money';

describe('exact fractions', () => {
  it('reduces and keeps signs on the numerator', () => {
    expect(fraction(6, -4)).toEqual({ num: -3, den: 2 });
    expect(fraction(0, 7)).toEqual({ num: 0, den: 1 });
  });
  it('an annual income over 12 months stays exact: 12 × (719,999 / 12) is 719,999 again', () => {
    const monthly = mul(fen(719_999), 1, 12);
    expect(mul(monthly, 12)).toEqual(fen(719_999));
    expect(lt(monthly, fen(60_000))).toBe(true); // 59,999.92 fen is below 600 yuan
  });
  it('compares without floating point: 0.1 + 0.2 style sums', () => {
    const a = add(fraction(1, 10), fraction(2, 10));
    expect(cmp(a, fraction(3, 10))).toBe(0);
    expect(sub(fen(5), fen(7))).toEqual(fen(-2));
  });
  it('refuses unsafe integers rather than losing fen', () => {
    expect(() => mul(fen(Number.MAX_SAFE_INTEGER), 2)).toThrow(RangeError);
    expect(() => fraction(1, 0)).toThrow(RangeError);
  });
});

describe('rounding rules', () => {
  // 32,449.58 fen: the gap of a one-person urban household (825 yuan) with annual income 600,605 fen.
  const gap = sub(fen(82_500), mul(fen(600_605), 1, 12));
  const halfFen = fraction(64_901, 2); // 32,450.5 fen
  const halfYuan = fen(32_450); // 324.50 yuan
  it.each<[RoundingRule, number, number, number]>([
    // rule, 32,449.58 →, 32,450.5 →, 32,450 →
    ['halfUpFen', 32_450, 32_451, 32_450],
    ['ceilFen', 32_450, 32_451, 32_450],
    ['halfUpYuan', 32_400, 32_500, 32_500],
    ['ceilYuan', 32_500, 32_500, 32_500],
    ['floorYuan', 32_400, 32_400, 32_400],
    ['ceilTenYuan', 33_000, 33_000, 33_000],
  ])('%s', (rule, a, b, c) => {
    expect(round(gap, rule)).toBe(a);
    expect(round(halfFen, rule)).toBe(b);
    expect(round(halfYuan, rule)).toBe(c);
  });
  it('1.3 × the 2022 urban standard (1,072.50 yuan) rounded up to ten yuan is the published 1,080', () => {
    expect(round(mul(fen(yuan(825)), 1300, 1000), 'ceilTenYuan')).toBe(yuan(1080));
    expect(round(mul(fen(yuan(600)), 1300, 1000), 'ceilTenYuan')).toBe(yuan(780));
    expect(round(mul(fen(yuan(935)), 1300, 1000), 'ceilTenYuan')).toBe(yuan(1220));
    expect(round(mul(fen(yuan(715)), 1300, 1000), 'ceilTenYuan')).toBe(yuan(930));
  });
  it('whole amounts are unchanged by every rule that keeps fen', () => {
    expect(round(fen(110_000), 'halfUpYuan')).toBe(110_000);
    expect(round(fen(1), 'halfUpYuan')).toBe(0);
    expect(round(fen(50), 'halfUpYuan')).toBe(100);
    expect(round(fen(49), 'halfUpYuan')).toBe(0);
  });
});

describe('formatting', () => {
  it('shows yuan with two decimals and marks inexact values', () => {
    expect(formatFen(82_500)).toBe('825.00元');
    expect(formatFen(5)).toBe('0.05元');
    expect(formatFen(mul(fen(719_999), 1, 12))).toBe('≈599.9991元');
    expect(formatFen(fraction(70_000, 3))).toBe('≈233.3333元');
    expect(formatFen(-150)).toBe('-1.50元');
  });
});
