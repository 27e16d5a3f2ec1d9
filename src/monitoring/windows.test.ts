import { describe, expect, it } from 'vitest';
import { inWindow, isDate, monthOf, monthsBefore } from './windows';

describe('rule windows', () => {
  it('steps back whole months, clamping to the end of shorter months like PostgreSQL', () => {
    expect(monthsBefore('2026-06-15', 12)).toBe('2025-06-15');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2024-03-31', 1)).toBe('2024-02-29');
    expect(monthsBefore('2025-01-10', 1)).toBe('2024-12-10');
    expect(monthsBefore('2026-06-15', 0)).toBe('2026-06-15');
    expect(monthsBefore('2026-06-15', 30)).toBe('2023-12-15');
  });

  it('names months back from a date', () => {
    expect(monthOf('2026-06-15')).toBe('2026-06');
    expect(monthOf('2026-06-15', 6)).toBe('2025-12');
    expect(monthOf('2026-01-01', 1)).toBe('2025-12');
    expect(monthOf('2026-01-01', 13)).toBe('2024-12');
  });

  it('a 12-month window holds exactly the days after the same day a year ago, up to today', () => {
    expect(inWindow('2026-06-15', '2026-06-15', 12)).toBe(true);
    expect(inWindow('2025-06-16', '2026-06-15', 12)).toBe(true);
    expect(inWindow('2025-06-15', '2026-06-15', 12)).toBe(false); // 12 months ago
    expect(inWindow('2025-06-14', '2026-06-15', 12)).toBe(false); // 12 months and 1 day ago
    expect(inWindow('2026-06-16', '2026-06-15', 12)).toBe(false); // tomorrow
  });

  it('checks calendar dates', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2026-13-01')).toBe(false);
    expect(isDate('20260101')).toBe(false);
  });
});
