import { describe, expect, it } from 'vitest';
import { addMonthsToDate, addMonthsToMonth, ageOn, isValidDate, monthsBetween } from './dates';

describe('ageOn (周岁)', () => {
  it.each([
    ['1964-06-15', '2024-06-14', 59],
    ['1964-06-15', '2024-06-15', 60],
    ['2008-03-01', '2024-02-29', 15],
    ['2008-03-01', '2024-03-01', 16],
    ['2004-02-29', '2022-02-28', 17], // born on 29 February: not yet 18 on 28 February of a common year
    ['2004-02-29', '2022-03-01', 18],
    ['2004-02-29', '2024-02-29', 20],
  ])('born %s, on %s: %i', (birth, date, age) => {
    expect(ageOn(birth, date)).toBe(age);
  });
  it('rejects impossible dates', () => {
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(() => ageOn('2023-02-29', '2024-01-01')).toThrow(RangeError);
  });
});

describe('months', () => {
  it('adds months across years', () => {
    expect(addMonthsToMonth('2023-12', 1)).toBe('2024-01');
    expect(addMonthsToMonth('2024-10', 3)).toBe('2025-01');
    expect(addMonthsToMonth('2024-01', -1)).toBe('2023-12');
    expect(monthsBetween('2022-01', '2023-12')).toBe(23);
  });
  it('clamps to the end of a shorter month', () => {
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDate('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonthsToDate('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonthsToDate('2024-03-15', 12)).toBe('2025-03-15');
  });
});
