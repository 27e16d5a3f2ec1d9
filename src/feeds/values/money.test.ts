import { describe, expect, it } from 'vitest';
import { parseMoney } from './money';

const fen = (raw: unknown, negative = false) => {
  const r = parseMoney(raw, { negative });
  return r.ok ? r.value : `ERR ${r.reason}`;
};

describe('parseMoney', () => {
  it('reads yuan as written and returns integer fen', () => {
    expect(fen('1234.5')).toBe(123450);
    expect(fen('1,234.50')).toBe(123450);
    expect(fen('￥1234.50')).toBe(123450);
    expect(fen('¥1234.50')).toBe(123450);
    expect(fen('1234.50元')).toBe(123450);
    expect(fen('1,234,567.89')).toBe(123456789);
    expect(fen(' 0 ')).toBe(0);
    expect(fen('.5')).toBe(50);
    expect(fen('12.')).toBe(1200);
    expect(fen('０.０１')).toBe(1); // full-width
  });

  it('reads number cells as Excel shows them', () => {
    expect(fen(1234.5)).toBe(123450);
    expect(fen(0.1 + 0.2)).toBe(30); // 0.30000000000000004 in the file
    expect(fen(19.99)).toBe(1999);
    expect(fen(1234.567)).toMatch(/^ERR 金额最多两位小数/);
  });

  it('refuses more than two decimals instead of rounding', () => {
    expect(fen('1234.567')).toMatch(/^ERR 金额最多两位小数/);
    expect(fen('1234.500')).toMatch(/^ERR 金额最多两位小数/);
  });

  it('allows negative amounts only where the column says so', () => {
    expect(fen('-12.30')).toMatch(/^ERR 金额不能为负数/);
    expect(fen('-12.30', true)).toBe(-1230);
    expect(fen('￥-12.30', true)).toBe(-1230);
    expect(fen('-￥12.30', true)).toBe(-1230);
    expect(fen(-5, true)).toBe(-500);
    expect(fen('-0', false)).toBe(0);
  });

  it('refuses what is not an amount', () => {
    expect(fen('12,34.5')).toMatch(/^ERR 千位分隔符位置不对/);
    expect(fen('abc')).toMatch(/^ERR 不是金额/);
    expect(fen('1.2.3')).toMatch(/^ERR 不是金额/);
    expect(fen('.')).toMatch(/^ERR 不是金额/);
    expect(fen('1e5')).toMatch(/^ERR 不是金额/);
    expect(fen('99999999999999999')).toMatch(/^ERR 金额过大/);
    expect(fen(Infinity)).toMatch(/^ERR 不是金额/);
    expect(fen('')).toBe('ERR 值为空');
  });
});
