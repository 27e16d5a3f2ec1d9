import { describe, expect, it } from 'vitest';
import { IdSequences } from './id-sequences';

describe('IdSequences', () => {
  it('hands out distinct sequences of the right parity per county, day and sex', () => {
    const seq = new IdSequences(3, 10);
    const men = new Set<number>();
    const women = new Set<number>();
    for (let i = 0; i < 255; i++) {
      const m = seq.next(1, 4, 'M')!;
      const f = seq.next(1, 4, 'F')!;
      expect(m % 2).toBe(1);
      expect(f % 2).toBe(0);
      expect(m >= 1 && m <= 999 && f >= 2 && f <= 998).toBe(true);
      men.add(m);
      women.add(f);
    }
    expect(men.size).toBe(255);
    expect(women.size).toBe(255);
    expect(seq.next(1, 4, 'M')).toBeNull(); // the cell is full
    expect(seq.next(1, 5, 'M')).not.toBeNull(); // the next day is not
  });

  it('refuses cells outside the table', () => {
    expect(() => new IdSequences(1, 1).next(1, 0, 'M')).toThrow(RangeError);
  });
});
