import { describe, expect, it } from 'vitest';
import { formatFen } from './money';

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [100, '¥1.00'],
    [123450, '¥1,234.50'],
    [93500, '¥935.00'],
    [100000000, '¥1,000,000.00'],
    [-123450, '-¥1,234.50'],
  ])('%i fen → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('refuses fractions of a fen', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
  });
});
