import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  calendarDaysBetween,
  dayOfWeek,
  InvalidDateError,
  isIsoDate,
  monthAfter,
} from './dates.js';

describe('plain calendar dates', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-5')).toBe(false);
    expect(isIsoDate('2025-01-05T00:00:00Z')).toBe(false);
    expect(isIsoDate(20250105)).toBe(false);
  });

  it('knows the weekday', () => {
    expect(dayOfWeek('2025-01-26')).toBe(0); // the working Sunday before Spring Festival 2025
    expect(dayOfWeek('2026-02-14')).toBe(6);
  });

  it('adds calendar days across month and year ends without counting the start day', () => {
    expect(addCalendarDays('2025-01-28', 7)).toBe('2025-02-04');
    expect(addCalendarDays('2024-12-28', 7)).toBe('2025-01-04');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(calendarDaysBetween('2025-12-25', '2026-01-01')).toBe(7);
  });

  it('rejects malformed input with a typed error', () => {
    expect(() => addCalendarDays('2025-02-30', 1)).toThrow(InvalidDateError);
    expect(() => addCalendarDays('2025-02-01', 1.5)).toThrow(RangeError);
  });

  it('gives the month after a date, across the year end', () => {
    expect(monthAfter('2025-06-30')).toBe('2025-07');
    expect(monthAfter('2025-12-01')).toBe('2026-01');
  });
});
