import { describe, expect, it } from 'vitest';
import { ageOn, formatDate, formatDateTime, todayInChina } from './date';

describe('dates', () => {
  it('formats calendar dates the Chinese way and the English way', () => {
    expect(formatDate('2026-06-05', 'zh-CN')).toBe('2026年6月5日');
    expect(formatDate('2026-06-05', 'en')).toBe('5 Jun 2026');
    expect(formatDate(null, 'zh-CN')).toBe('');
  });

  it('formats timestamps with the time of day', () => {
    expect(formatDateTime('2026-06-05T08:07:00', 'zh-CN')).toBe('2026年6月5日 08:07');
  });

  it('counts full years of age', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).toBe(15);
    expect(ageOn('2010-06-15', '2026-06-15')).toBe(16);
  });

  it('takes today in China time', () => {
    expect(todayInChina(new Date('2026-06-14T16:30:00Z'))).toBe('2026-06-15');
  });
});
