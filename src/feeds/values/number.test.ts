import { describe, expect, it } from 'vitest';
import { parseArea, parseNumber } from './number';

const area = (raw: unknown) => {
  const r = parseArea(raw);
  return r.ok ? r.value : `ERR ${r.reason}`;
};

describe('parseArea', () => {
  it('reads square metres, with or without a unit', () => {
    expect(area('89.5')).toBe(89.5);
    expect(area('120.25㎡')).toBe(120.25);
    expect(area('120.25 平方米')).toBe(120.25);
    expect(area('1,020.5')).toBe(1020.5);
    expect(area(89.12)).toBe(89.12);
    expect(area(0.1 + 0.2)).toBe(0.3);
  });

  it('refuses negative areas, three decimals and words', () => {
    expect(area('-5')).toMatch(/^ERR 不能为负数/);
    expect(area('89.125')).toMatch(/^ERR 最多 2 位小数/);
    expect(area('八十')).toMatch(/^ERR 不是数字/);
  });
});

describe('parseNumber', () => {
  it('reads decimals and honours the sign option', () => {
    expect(parseNumber('3.14159')).toEqual({ ok: true, value: 3.14159 });
    expect(parseNumber('-2')).toMatchObject({ ok: false });
    expect(parseNumber('-2', { negative: true })).toEqual({ ok: true, value: -2 });
    expect(parseNumber(Infinity)).toMatchObject({ ok: false });
  });
});
