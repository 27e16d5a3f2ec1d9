import { describe, expect, it } from 'vitest';
import { CalendarYearNotCoveredError, createWorkCalendar } from './work-calendar.js';
import type { CalendarOverride } from './types.js';

const calendar = createWorkCalendar();

function offDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = calendar.addCalendarDays(d, 1)) days.push(d);
  return days;
}

// Expectations are the State Council notices' own words (as quoted in chinese-days' generate.ts), not the data file.
describe('2025 (国办发明电〔2024〕12号)', () => {
  it('Spring Festival: 1月28日至2月4日放假调休，1月26日（周日）、2月8日（周六）上班', () => {
    for (const d of offDays('2025-01-28', '2025-02-04')) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-08')).toBe(true);
    expect(calendar.isWorkingDay('2025-01-27')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-05')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-09')).toBe(false); // an ordinary Sunday
  });

  it('National Day and Mid-autumn: 10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班', () => {
    for (const d of offDays('2025-10-01', '2025-10-08')) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
  });

  it('New Year: 1月1日（周三）放假1天，不调休; Labour Day: 4月27日（周日）上班', () => {
    expect(calendar.isWorkingDay('2025-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2025-01-02')).toBe(true);
    expect(calendar.isWorkingDay('2025-04-27')).toBe(true);
    expect(calendar.isWorkingDay('2025-05-05')).toBe(false);
  });
});

describe('2026 (国办发明电〔2025〕7号)', () => {
  it('New Year: 1月1日至3日放假调休，1月4日（周日）上班', () => {
    for (const d of offDays('2026-01-01', '2026-01-03')) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true);
  });

  it('Spring Festival: 2月15日至23日放假调休，2月14日（周六）、2月28日（周六）上班', () => {
    for (const d of offDays('2026-02-15', '2026-02-23')) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-21')).toBe(false);
  });

  it('National Day: 10月1日至7日放假调休，9月20日（周日）、10月10日（周六）上班', () => {
    for (const d of offDays('2026-10-01', '2026-10-07')) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false);
  });

  it('names the day and where the answer came from', () => {
    expect(calendar.dayInfo('2026-02-17')).toMatchObject({ working: false, source: 'official', kind: 'holiday', name: '春节' });
    expect(calendar.dayInfo('2026-09-20')).toMatchObject({ working: true, source: 'official', kind: 'workday', name: '国庆节' });
    expect(calendar.dayInfo('2026-03-10')).toEqual({ date: '2026-03-10', working: true, source: 'weekday' });
  });
});

describe('addWorkingDays: the day of acceptance is not counted', () => {
  it('one working day after a Friday before a normal weekend is Monday', () => {
    expect(calendar.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10');
  });

  it('runs through the 2025 Spring Festival and its working Sunday and Saturday', () => {
    expect(calendar.addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(calendar.addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(calendar.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(calendar.addWorkingDays('2025-01-27', 3)).toBe('2025-02-07');
    expect(calendar.addWorkingDays('2025-01-27', 4)).toBe('2025-02-08');
  });

  it('runs through the 2026 Spring Festival and National Day', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
  });

  it('crosses the year end into a working Sunday (2026-01-04)', () => {
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
  });

  it('counts from a holiday start as from any other day', () => {
    expect(calendar.addWorkingDays('2025-10-03', 1)).toBe('2025-10-09');
  });

  it('gives the start for 0 and goes backwards for negative counts', () => {
    expect(calendar.addWorkingDays('2025-02-08', 0)).toBe('2025-02-08');
    expect(calendar.addWorkingDays('2025-02-05', -1)).toBe('2025-01-27');
    expect(() => calendar.addWorkingDays('2025-02-05', 1.5)).toThrow(RangeError);
  });

  it('a 20-working-day 低保 limit from acceptance on 2025-09-15 ends on 2025-10-17', () => {
    expect(calendar.addWorkingDays('2025-09-15', 20)).toBe('2025-10-17');
  });
});

describe('workingDaysBetween counts (a, b]', () => {
  it('is the inverse of addWorkingDays', () => {
    for (const [start, n] of [['2025-01-24', 7], ['2026-02-10', 5], ['2025-09-26', 12], ['2024-12-27', 4]] as const) {
      expect(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n))).toBe(n);
    }
  });

  it('counts the 2025 Spring Festival fortnight', () => {
    // 1/26, 1/27, 2/5, 2/6, 2/7, 2/8, 2/10
    expect(calendar.workingDaysBetween('2025-01-24', '2025-02-10')).toBe(7);
    expect(calendar.workingDaysBetween('2025-02-10', '2025-01-24')).toBe(-7);
    expect(calendar.workingDaysBetween('2025-02-10', '2025-02-10')).toBe(0);
  });
});

describe('years without data', () => {
  it('refuses to guess about a year outside 2024–2026', () => {
    expect(() => calendar.isWorkingDay('2027-02-08')).toThrow(CalendarYearNotCoveredError);
    expect(() => calendar.isWorkingDay('2023-10-02')).toThrow(/2023/);
    try {
      calendar.isWorkingDay('2027-02-08');
    } catch (e) {
      expect(e).toMatchObject({ code: 'calendar_year_not_covered', year: 2027, coveredYears: [2024, 2025, 2026] });
    }
  });

  it('fails rather than run silently past the end of the data', () => {
    expect(() => calendar.addWorkingDays('2026-12-30', 5)).toThrow(CalendarYearNotCoveredError);
    expect(() => calendar.workingDaysBetween('2026-12-20', '2027-01-10')).toThrow(CalendarYearNotCoveredError);
  });

  it('calendar-day arithmetic needs no data', () => {
    expect(calendar.addCalendarDays('2027-02-05', 7)).toBe('2027-02-12');
  });
});

describe('administrator overrides', () => {
  // An illustrative 2027 entry, not the real 2027 schedule.
  const overrides: CalendarOverride[] = [
    { date: '2027-02-06', kind: 'workday', name: '春节调休上班' },
    { date: '2027-02-08', kind: 'holiday', name: '春节' },
    { date: '2025-10-09', kind: 'holiday', name: '地方临时放假' },
  ];
  const withOverrides = createWorkCalendar({ overrides, overrideYears: [2027] });

  it('covers a year once an administrator declares it entered', () => {
    expect(withOverrides.coveredYears).toEqual([2024, 2025, 2026, 2027]);
    expect(withOverrides.isWorkingDay('2027-02-06')).toBe(true); // a Saturday made working
    expect(withOverrides.isWorkingDay('2027-02-08')).toBe(false); // a Monday made a holiday
    expect(withOverrides.isWorkingDay('2027-02-09')).toBe(true);
    expect(withOverrides.dayInfo('2027-02-08')).toMatchObject({ source: 'override', name: '春节' });
  });

  it('wins over the official data', () => {
    expect(withOverrides.isWorkingDay('2025-10-09')).toBe(false);
    expect(withOverrides.addWorkingDays('2025-09-30', 1)).toBe('2025-10-10');
  });

  it('rejects malformed or duplicated overrides', () => {
    expect(() => createWorkCalendar({ overrides: [{ date: '2027-02-30', kind: 'holiday', name: 'x' }] })).toThrow();
    expect(() =>
      createWorkCalendar({
        overrides: [
          { date: '2027-02-08', kind: 'holiday', name: 'a' },
          { date: '2027-02-08', kind: 'workday', name: 'b' },
        ],
      }),
    ).toThrow(/twice/);
  });

  it('does not treat a year as known because one date in it was overridden', () => {
    const early = createWorkCalendar({ overrides: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    expect(early.isWorkingDay('2027-01-01')).toBe(false);
    expect(() => early.isWorkingDay('2027-02-08')).toThrow(CalendarYearNotCoveredError);
  });

  it('can run on overrides alone', () => {
    const bare = createWorkCalendar({ official: { source: 'none', years: [], notices: [], entries: [] }, overrides, overrideYears: [2027] });
    expect(bare.isWorkingDay('2025-10-09')).toBe(false);
    expect(() => bare.isWorkingDay('2025-01-28')).toThrow(CalendarYearNotCoveredError);
    expect(bare.isWorkingDay('2027-02-06')).toBe(true);
  });
});
