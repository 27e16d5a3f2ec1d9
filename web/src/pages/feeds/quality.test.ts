import { describe, expect, it } from 'vitest';
import { arrivalLevel, daysSince, formatBytes, formatShare, rejectionLevel, splitDuration } from './quality';

const now = new Date('2026-06-15T02:00:00Z');

describe('data-quality figures', () => {
  it('counts whole days since the last arrival', () => {
    expect(daysSince(null, now)).toBeNull();
    expect(daysSince('2026-06-15T01:00:00Z', now)).toBe(0);
    expect(daysSince('2026-06-14T01:00:00Z', now)).toBe(1);
    expect(daysSince('2026-04-01T02:00:00Z', now)).toBe(75);
    expect(daysSince('2026-06-16T00:00:00Z', now)).toBe(0); // a clock slightly ahead
  });

  it('marks feeds never received or older than 45 days', () => {
    expect(arrivalLevel(null)).toBe('bad');
    expect(arrivalLevel(46)).toBe('bad');
    expect(arrivalLevel(45)).toBe('warn');
    expect(arrivalLevel(33)).toBe('good');
    expect(arrivalLevel(0)).toBe('good');
  });

  it('colours the rejection rate', () => {
    expect(rejectionLevel(null)).toBe('none');
    expect(rejectionLevel(0)).toBe('good');
    expect(rejectionLevel(0.05)).toBe('warn');
    expect(rejectionLevel(0.25)).toBe('bad');
  });

  it('writes shares, sizes and durations', () => {
    expect(formatShare(null)).toBeNull();
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(1 / 11)).toBe('9.1%');
    expect(formatShare(0.456)).toBe('46%');
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(12_700)).toBe('12 KB');
    expect(formatBytes(3.1 * 1024 * 1024)).toBe('3.1 MB');
    expect(splitDuration(420)).toEqual({ minutes: 0, seconds: '0.4' });
    expect(splitDuration(38)).toEqual({ minutes: 0, seconds: '0', millis: 38 });
    expect(splitDuration(0)).toEqual({ minutes: 0, seconds: '0', millis: 0 });
    expect(splitDuration(185_000)).toEqual({ minutes: 3, seconds: '5' });
    expect(splitDuration(null)).toBeNull();
  });
});
