import { describe, expect, it } from 'vitest';
import type { CalendarDay, CalendarOverview } from '../../api/casework';
import {
  calendarErrorPath, dayTone, formToRequest, knownYears, mergeEntries, monthWeeks, spanEntries, specialDays, weekdayIndex, yearToForm,
} from './calendar-form';

const overview: CalendarOverview = {
  officialYears: [2024, 2025, 2026],
  officialNotices: [2024, 2025, 2026].map((year) => ({ year, number: `国办发明电〔${year - 1}〕1号`, issuedOn: `${year - 1}-11-01`, title: `${year}年部分节假日安排`, url: 'https://www.gov.cn/' })),
  declaredYears: [{ year: 2027, notice: '国办发明电〔2026〕9号', declaredBy: '省民政厅 周红', declaredOn: '2026-11-05' }],
  coveredYears: [2024, 2025, 2026, 2027],
  overrides: [
    { date: '2026-03-03', kind: 'holiday', name: '地方假日' },
    { date: '2027-02-06', kind: 'holiday', name: '春节' },
    { date: '2027-02-20', kind: 'workday', name: '春节' },
    { date: '2028-01-03', kind: 'holiday', name: '地方假日' },
  ],
};

describe('the working-day calendar form', () => {
  it('lists every year known, newest first, with where it comes from', () => {
    const years = knownYears(overview);
    expect(years.map((y) => y.year)).toEqual([2028, 2027, 2026, 2025, 2024]);
    expect(years[0]).toMatchObject({ official: null, declared: null, overrides: 1, covered: false });
    expect(years[1]).toMatchObject({ official: null, declared: { declaredBy: '省民政厅 周红' }, overrides: 2, covered: true });
    expect(years[2]).toMatchObject({ official: { number: '国办发明电〔2025〕1号' }, declared: null, overrides: 1, covered: true });
  });

  it('opens a year with its stored list: declared and new years whole, official years as local adjustments', () => {
    expect(yearToForm(2027, overview)).toEqual({
      year: 2027, complete: true, notice: '国办发明电〔2026〕9号',
      entries: [{ date: '2027-02-06', kind: 'holiday', name: '春节' }, { date: '2027-02-20', kind: 'workday', name: '春节' }],
    });
    expect(yearToForm(2026, overview)).toMatchObject({ complete: false, notice: '', entries: [{ date: '2026-03-03' }] });
    expect(yearToForm(2029, overview)).toEqual({ year: 2029, complete: true, notice: '', entries: [] });
  });

  it('sends the entries in the form\'s order, trimmed, without an empty notice', () => {
    expect(formToRequest({
      year: 2027, complete: true, notice: '  ',
      entries: [{ date: '2027-02-20', kind: 'workday', name: ' 春节 ' }, { date: '2027-01-01', kind: 'holiday', name: '元旦' }],
    })).toEqual({
      year: 2027, complete: true,
      entries: [{ date: '2027-02-20', kind: 'workday', name: '春节' }, { date: '2027-01-01', kind: 'holiday', name: '元旦' }],
    });
    expect(formToRequest({ year: 2026, complete: false, notice: ' 赣府厅字〔2026〕1号 ', entries: [] }))
      .toEqual({ year: 2026, complete: false, notice: '赣府厅字〔2026〕1号', entries: [] });
  });

  it('puts the server\'s errors on the row and field they name; the list as a whole above the form', () => {
    expect(calendarErrorPath('entries[3].date')).toEqual(['entries', 3, 'date']);
    expect(calendarErrorPath('entries[0].name')).toEqual(['entries', 0, 'name']);
    expect(calendarErrorPath('notice')).toEqual(['notice']);
    expect(calendarErrorPath('entries')).toBeNull();
    expect(calendarErrorPath('body')).toBeNull();
  });

  it('enters a festival\'s days off as one span, and a listed date takes the new entry', () => {
    const spring = spanEntries('2027-02-06', 7, 'holiday', ' 春节 ');
    expect(spring).toHaveLength(7);
    expect(spring[6]).toEqual({ date: '2027-02-12', kind: 'holiday', name: '春节' });
    // across a month's end, and nothing for an unfinished or implausible span
    expect(spanEntries('2027-01-30', 3, 'holiday', '春节').map((e) => e.date)).toEqual(['2027-01-30', '2027-01-31', '2027-02-01']);
    expect(spanEntries('2027-02-06', 0, 'holiday', '春节')).toEqual([]);
    expect(spanEntries('2027-02-06', 40, 'holiday', '春节')).toEqual([]);
    expect(spanEntries(null, 7, 'holiday', '春节')).toEqual([]);
    expect(spanEntries('2027-02-06', 7, 'holiday', ' ')).toEqual([]);
    const rows = mergeEntries([{ date: '2027-02-20', kind: 'workday', name: '春节' }, { kind: 'holiday' }, { date: '2027-02-08', kind: 'workday', name: '错' }], spring);
    expect(rows.map((r) => r.date)).toEqual(['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-20', undefined]);
    expect(rows[2]).toEqual({ date: '2027-02-08', kind: 'holiday', name: '春节' });
  });

  it('reads each day of the year view and draws months from Monday', () => {
    const days = [
      { date: '2027-02-06', covered: true, working: false, source: 'override', kind: 'holiday', name: '春节' },
      { date: '2027-02-15', covered: true, working: true, source: 'weekday' },
      { date: '2027-02-20', covered: true, working: true, source: 'override', kind: 'workday', name: '春节' },
      { date: '2027-02-21', covered: true, working: false, source: 'weekday' },
      { date: '2028-01-04', covered: false, working: null, source: null },
    ] as CalendarDay[];
    expect(days.map(dayTone)).toEqual(['holiday', 'work', 'workday', 'weekend', 'uncovered']);
    expect(specialDays(days).map((d) => d.date)).toEqual(['2027-02-06', '2027-02-20']);
    // February 2027 starts on a Monday and fills four weeks exactly; March 2027 starts on a Monday too.
    expect(monthWeeks(2027, 2)).toHaveLength(4);
    expect(monthWeeks(2027, 2)[0][0]).toBe('2027-02-01');
    // January 2027 starts on a Friday: four empty cells first, and Sunday 2027-01-31 closes the last week.
    const jan = monthWeeks(2027, 1);
    expect(jan[0]).toEqual([null, null, null, null, '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(jan.at(-1)!.at(-1)).toBe('2027-01-31');
    expect(weekdayIndex('2027-02-20')).toBe(5);
  });
});
