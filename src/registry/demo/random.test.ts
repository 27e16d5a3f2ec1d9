import { describe, expect, it } from 'vitest';
import { Random, Weighted } from './random';

describe('Random', () => {
  it('repeats a stream for a seed and differs between seeds', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(seqA);
  });

  it('stays in range and looks uniform', () => {
    const r = new Random(1);
    const counts = new Array(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) outside++;
      counts[r.int(10)]++;
      const v = r.between(3, 5);
      if (!(v >= 3 && v <= 5)) outside++;
    }
    expect(outside).toBe(0);
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });
});

describe('Weighted', () => {
  it('picks in proportion to the weights and never a zero weight', () => {
    const w = new Weighted([['a', 1], ['b', 3], ['never', 0]] as const);
    const r = new Random(9);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 40_000; i++) counts[w.pick(r)]++;
    expect(counts.never).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
  });

  it('refuses weights that cannot be picked from', () => {
    expect(() => new Weighted([['a', 0]])).toThrow(RangeError);
    expect(() => new Weighted([['a', -1]])).toThrow(RangeError);
  });
});
