// Guards the frozen data: it must still match chinese-days day by day, and name the three notices.
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { addCalendarDays } from './dates.js';
import { OFFICIAL_2024_2026 } from './official-2024-2026.js';
import { createWorkCalendar } from './work-calendar.js';

const calendar = createWorkCalendar();

describe('official 2024–2026 data', () => {
  it('agrees with chinese-days on every day of 2024–2026', () => {
    for (let d = '2024-01-01'; d <= '2026-12-31'; d = addCalendarDays(d, 1)) {
      expect(calendar.isWorkingDay(d), d).toBe(chineseDays.isWorkday(d));
    }
  });

  it('agrees with chinese-days findWorkday on working-day addition', () => {
    for (let d = '2024-01-02'; d <= '2026-11-30'; d = addCalendarDays(d, 5)) {
      for (const n of [1, 3, 15, 20]) expect(calendar.addWorkingDays(d, n), `${d}+${n}`).toBe(chineseDays.findWorkday(n, d));
    }
  });

  it('names the State Council notices it comes from', () => {
    expect(OFFICIAL_2024_2026.notices.map((n) => [n.year, n.number])).toEqual([
      [2024, '国办发明电〔2023〕7号'],
      [2025, '国办发明电〔2024〕12号'],
      [2026, '国办发明电〔2025〕7号'],
    ]);
    expect(OFFICIAL_2024_2026.source).toMatch(/^chinese-days /);
  });

  it('has the statutory make-up working days of each year', () => {
    const workdays = OFFICIAL_2024_2026.entries.filter((e) => e.kind === 'workday').map((e) => e.date);
    expect(workdays).toEqual([
      '2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12',
      '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
  });
});
