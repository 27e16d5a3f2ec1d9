import { describe, expect, it } from 'vitest';
import { DayTable } from './day-table';

describe('DayTable', () => {
  const days = new DayTable('2026-03-01', 106);

  it('ends on today and writes dates both ways', () => {
    expect(days.iso[days.todayIndex]).toBe('2026-03-01');
    expect(days.compact[days.todayIndex]).toBe('20260301');
    expect(days.iso[0]).toBe('1920-03-02');
    expect(days.indexOf('2000-02-29')).toBeGreaterThan(0);
    expect(days.iso[days.indexOf('2000-02-29')]).toBe('2000-02-29');
    expect(days.indexOf('1900-01-01')).toBe(-1);
  });

  it('counts full years of age', () => {
    expect(days.age(days.indexOf('2000-03-01'))).toBe(26);
    expect(days.age(days.indexOf('2000-03-02'))).toBe(25);
    expect(days.age(days.indexOf('2008-02-29'))).toBe(18);
  });

  it('refuses a today that is not a date', () => {
    expect(() => new DayTable('2026-02-30', 1)).toThrow(RangeError);
    expect(() => new DayTable('20260301', 1)).toThrow(RangeError);
  });
});
