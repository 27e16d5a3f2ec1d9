import { describe, expect, it } from 'vitest';
import { addMonths, formatMonth, monthOf } from './months';

describe('months', () => {
  it('formats a month the Chinese way and the English way', () => {
    expect(formatMonth('2026-07', 'zh-CN')).toBe('2026年7月');
    expect(formatMonth('2026-12', 'en')).toBe('Dec 2026');
    expect(formatMonth(null, 'zh-CN')).toBe('');
    expect(formatMonth('soon', 'en')).toBe('soon');
  });

  it('adds months across years', () => {
    expect(addMonths('2026-11', 1)).toBe('2026-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-06', -11)).toBe('2025-07');
    expect(addMonths('2026-06', 0)).toBe('2026-06');
  });

  it('takes the month of a date', () => {
    expect(monthOf('2026-06-15')).toBe('2026-06');
  });
});
