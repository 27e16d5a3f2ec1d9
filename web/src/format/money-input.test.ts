import { describe, expect, it } from 'vitest';
import { fenToYuanInput, yuanToFen } from './money-input';

describe('yuan typed → fen', () => {
  it.each([
    ['715', 71500],
    ['715.5', 71550],
    ['0.01', 1],
    ['1500', 150000],
    ['1,500.00', 150000],
    ['1,072.50', 107250],
    ['1，500', 150000],
    ['¥935.00', 93500],
    ['￥0.29', 29],
    ['800元', 80000],
    [' 12 ', 1200],
    [' 12. ', 1200],
    ['0', 0],
    [760, 76000],
    [0.29, 29],
  ])('%s → %i fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it.each(['', 'abc', '-5', '1.234', '1e3', '12.3.4', '99999999999999999', null, undefined])('refuses %s', (text) => {
    expect(yuanToFen(text)).toBeNull();
  });
});

describe('fen → a yuan input', () => {
  it('writes whole yuan without decimals and fen with two', () => {
    expect(fenToYuanInput(71500)).toBe('715');
    expect(fenToYuanInput(107250)).toBe('1072.50');
    expect(fenToYuanInput(150050)).toBe('1500.50');
    expect(fenToYuanInput(29)).toBe('0.29');
    expect(fenToYuanInput(5)).toBe('0.05');
    expect(fenToYuanInput(-150)).toBe('-1.50');
    expect(fenToYuanInput(null)).toBe('');
    expect(fenToYuanInput(undefined)).toBe('');
  });

  it('round-trips through yuanToFen', () => {
    for (const fen of [0, 1, 29, 99, 100, 71550, 150050, 123456789]) expect(yuanToFen(fenToYuanInput(fen))).toBe(fen);
  });
});
