import { describe, expect, it } from 'vitest';
import { CalendarYearNotCoveredError } from '../../platform/calendar/index.js';
import {
  DEFAULT_DEADLINE_PARAMETERS,
  daysLeft,
  deadlineFor,
  isOverdue,
  metDeadline,
  NoDeadlineParameterError,
  parameterFor,
  TASK_KINDS,
  workingDaysLeft,
  type DeadlineParameters,
} from './deadlines.js';
import { calendar, params } from './test-fixtures.js';

describe('default time limits', () => {
  it('has a version for every task kind', () => {
    for (const kind of TASK_KINDS) expect(() => parameterFor(kind, '2025-01-01', params), kind).not.toThrow();
  });

  it.each([
    ['warningVerifyRed', 3, 'workingDays'],
    ['warningVerifyYellow', 5, 'workingDays'],
    ['warningVerifyBlue', 10, 'workingDays'],
    ['emergencyAssistancePayment', 3, 'workingDays'],
    ['dibaoSurveyStart', 3, 'workingDays'],
    ['dibaoPublicity', 7, 'calendarDays'],
    ['dibaoProcedure', 20, 'workingDays'],
    ['tekunTownshipOpinion', 15, 'workingDays'],
    ['refusalReasons', 3, 'workingDays'],
  ] as const)('%s is %i %s', (kind, amount, unit) => {
    expect(parameterFor(kind, '2025-06-01', params)).toMatchObject({ amount, unit });
  });
});

describe('deadlineFor', () => {
  it('a red warning pushed on the Friday before Spring Festival 2025 is due after the holiday', () => {
    // 1/26 (working Sunday), 1/27, then 1/28–2/4 off, 2/5
    expect(deadlineFor('warningVerifyRed', '2025-01-24', params, calendar)).toMatchObject({
      kind: 'warningVerifyRed', start: '2025-01-24', due: '2025-02-05', amount: 3, unit: 'workingDays', effectiveFrom: '2021-07-01',
    });
  });

  it('the 低保 survey must start by 2026-02-25 after an acceptance on Friday 2026-02-13', () => {
    expect(deadlineFor('dibaoSurveyStart', '2026-02-13', params, calendar).due).toBe('2026-02-25');
  });

  it('publicity counts calendar days, holidays included', () => {
    expect(deadlineFor('dibaoPublicity', '2025-01-27', params, calendar).due).toBe('2025-02-03');
  });

  it('the whole 低保 procedure runs 20 working days across National Day 2025', () => {
    expect(deadlineFor('dibaoProcedure', '2025-09-15', params, calendar).due).toBe('2025-10-17');
  });

  it('the 特困 township opinion runs 15 working days across Mid-autumn and National Day 2026', () => {
    expect(deadlineFor('tekunTownshipOpinion', '2026-09-21', params, calendar).due).toBe('2026-10-19');
  });

  it('written refusal reasons within 3 working days reach the working Saturday 2025-10-11', () => {
    expect(deadlineFor('refusalReasons', '2025-09-30', params, calendar).due).toBe('2025-10-11');
  });

  it('refuses to compute a working-day deadline that runs into a year without calendar data', () => {
    expect(() => deadlineFor('dibaoProcedure', '2026-12-20', params, calendar)).toThrow(CalendarYearNotCoveredError);
  });
});

describe('versions', () => {
  const withNewVersion: DeadlineParameters = [
    ...DEFAULT_DEADLINE_PARAMETERS,
    { kind: 'dibaoProcedure', amount: 15, unit: 'workingDays', effectiveFrom: '2026-01-01', source: 'county notice (example)' },
  ];

  it('takes the version in force on the start date, so running cases keep their limit', () => {
    expect(deadlineFor('dibaoProcedure', '2025-12-31', withNewVersion, calendar)).toMatchObject({ amount: 20, effectiveFrom: '2021-07-01' });
    expect(deadlineFor('dibaoProcedure', '2026-01-05', withNewVersion, calendar)).toMatchObject({
      amount: 15, effectiveFrom: '2026-01-01', source: 'county notice (example)', due: '2026-01-26',
    });
  });

  it('has nothing before the first version', () => {
    expect(() => parameterFor('dibaoProcedure', '2020-12-31', params)).toThrow(NoDeadlineParameterError);
  });

  it('rejects two versions starting the same day', () => {
    const twice: DeadlineParameters = [...withNewVersion, { ...withNewVersion.at(-1)!, amount: 10 }];
    expect(() => parameterFor('dibaoProcedure', '2026-02-01', twice)).toThrow(/Two versions/);
  });
});

describe('overdue and days left', () => {
  const d = deadlineFor('warningVerifyRed', '2025-01-24', params, calendar); // due 2025-02-05

  it('the due day itself is still in time', () => {
    expect(isOverdue(d, '2025-02-05')).toBe(false);
    expect(isOverdue(d, '2025-02-06')).toBe(true);
    expect(metDeadline(d, '2025-02-05')).toBe(true);
    expect(metDeadline(d, '2025-02-06')).toBe(false);
  });

  it('counts working days left: the holiday week does not count', () => {
    expect(workingDaysLeft(d, '2025-01-27', calendar)).toBe(1);
    expect(workingDaysLeft(d, '2025-01-30', calendar)).toBe(1);
    expect(workingDaysLeft(d, '2025-02-05', calendar)).toBe(0);
    expect(workingDaysLeft(d, '2025-02-07', calendar)).toBe(-2);
  });

  it('counts publicity in calendar days', () => {
    const p = deadlineFor('dibaoPublicity', '2025-01-27', params, calendar);
    expect(daysLeft(p, '2025-01-30', calendar)).toBe(4);
    expect(daysLeft(d, '2025-01-24', calendar)).toBe(3);
  });
});
