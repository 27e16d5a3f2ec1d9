import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import {
  canEndAward, defaultEndMonth, endAwardBody, endAwardErrorField, endMonthAllowed, endsBeforeFirstPayment, monthRange, plainMonthItem,
  recheckBody, recheckDateAllowed, recheckErrorField, recoverableAwards, recoveryBody, recoveryErrorField,
} from './award-actions';

describe('recording a re-check', () => {
  it('sends incomeVaries only when the re-check changed it, and no empty note', () => {
    expect(recheckBody({ checkedOn: '2026-06-15', income: 'keep', note: '  ' })).toEqual({ checkedOn: '2026-06-15' });
    expect(recheckBody({ checkedOn: '2026-06-15', income: 'varies', note: null })).toEqual({ checkedOn: '2026-06-15', incomeVaries: true });
    expect(recheckBody({ checkedOn: '2026-06-15', income: 'stable', note: ' 入户核实，收入无变化 ' }))
      .toEqual({ checkedOn: '2026-06-15', incomeVaries: false, note: '入户核实，收入无变化' });
  });

  it('takes dates from the last check to today, both included', () => {
    expect(recheckDateAllowed('2026-06-15', '2025-12-20', '2026-06-15')).toBe(true);
    expect(recheckDateAllowed('2025-12-20', '2025-12-20', '2026-06-15')).toBe(true);
    expect(recheckDateAllowed('2025-12-19', '2025-12-20', '2026-06-15')).toBe(false);
    expect(recheckDateAllowed('2026-06-16', '2025-12-20', '2026-06-15')).toBe(false);
    expect(recheckDateAllowed('2020-01-01', null, '2026-06-15')).toBe(true);
  });

  it('puts the server\'s errors on their fields; the rest (e.g. not under management) above the form', () => {
    expect(recheckErrorField('checkedOn')).toEqual(['checkedOn']);
    expect(recheckErrorField('incomeVaries')).toEqual(['income']);
    expect(recheckErrorField('note')).toEqual(['note']);
    expect(recheckErrorField('householdId')).toBeNull();
  });
});

describe('confirming a recovery (渐退)', () => {
  it('leaves the grace months to the policy when empty, and keeps 0 (exit next month)', () => {
    expect(recoveryBody({ confirmationMonth: '2026-06', graceMonths: null, note: '' })).toEqual({ confirmationMonth: '2026-06' });
    expect(recoveryBody({ confirmationMonth: '2026-06' })).toEqual({ confirmationMonth: '2026-06' });
    expect(recoveryBody({ confirmationMonth: '2026-06', graceMonths: 0 })).toEqual({ confirmationMonth: '2026-06', graceMonths: 0 });
    expect(recoveryBody({ confirmationMonth: '2026-06', graceMonths: 3, note: ' 户主就业 ' })).toEqual({ confirmationMonth: '2026-06', graceMonths: 3, note: '户主就业' });
  });

  it('offers it while an open 低保 or 单人保 award exists (特困 and ended awards are not its business)', () => {
    const awards = [
      { id: 1, programme: 'dibao' as const, endMonth: '2026-05' },
      { id: 2, programme: 'tekun' as const, endMonth: null },
      { id: 3, programme: 'singlePersonDibao' as const, endMonth: null },
      { id: 4, programme: 'dibao' as const, endMonth: null },
    ];
    expect(recoverableAwards(awards).map((a) => a.id)).toEqual([3, 4]);
    expect(recoverableAwards(awards.slice(0, 2))).toEqual([]);
  });

  it('shows the grace months as one range', () => {
    expect(monthRange([], 'zh-CN')).toBe('');
    expect(monthRange(['2026-07'], 'zh-CN')).toBe('2026年7月');
    expect(monthRange(['2026-07', '2026-08', '2026-09'], 'zh-CN')).toBe('2026年7月至2026年9月');
    expect(monthRange(['2026-11', '2026-12', '2027-01'], 'en')).toBe('Nov 2026 – Jan 2027');
  });

  it('places the server\'s field errors', () => {
    expect(recoveryErrorField('graceMonths')).toEqual(['graceMonths']);
    expect(recoveryErrorField('confirmationMonth')).toEqual(['confirmationMonth']);
    expect(recoveryErrorField('householdId')).toBeNull();
  });
});

describe('ending an award by hand', () => {
  it('sends the reason, the trimmed note and the version the page saw', () => {
    expect(endAwardBody({ endMonth: '2026-06', reason: 'death', note: ' 受助人已死亡 ' }, { version: 3 }))
      .toEqual({ endMonth: '2026-06', reason: 'death', note: '受助人已死亡', version: 3 });
  });

  it('is offered on awards still paid or to be paid', () => {
    expect(canEndAward({ status: 'open' })).toBe(true);
    expect(canEndAward({ status: 'notStarted' })).toBe(true);
    expect(canEndAward({ status: 'ending' })).toBe(true);
    expect(canEndAward({ status: 'ended' })).toBe(false);
  });

  it('proposes this month as the last paid, or the month before an end already set', () => {
    expect(defaultEndMonth({ endMonth: null }, '2026-06')).toBe('2026-06');
    expect(defaultEndMonth({ endMonth: '2026-12' }, '2026-06')).toBe('2026-06');
    expect(defaultEndMonth({ endMonth: '2026-06' }, '2026-06')).toBe('2026-05');
    expect(endMonthAllowed('2026-11', { endMonth: '2026-12' })).toBe(true);
    expect(endMonthAllowed('2026-12', { endMonth: '2026-12' })).toBe(false);
    expect(endMonthAllowed('2030-01', { endMonth: null })).toBe(true);
  });

  it('knows when the award would never be paid', () => {
    expect(endsBeforeFirstPayment('2026-06', { startMonth: '2026-07' })).toBe(true);
    expect(endsBeforeFirstPayment('2026-07', { startMonth: '2026-07' })).toBe(false);
  });

  it('places the server\'s field errors', () => {
    expect(endAwardErrorField('note')).toEqual(['note']);
    expect(endAwardErrorField('endMonth')).toEqual(['endMonth']);
    expect(endAwardErrorField('version')).toBeNull();
  });
});

describe('a month field', () => {
  it('holds the plain month the API takes', () => {
    expect(plainMonthItem.normalize(dayjs('2026-06-01'))).toBe('2026-06');
    expect(plainMonthItem.normalize(null)).toBeNull();
    expect(plainMonthItem.getValueProps('2026-06').value?.format('YYYY-MM-DD')).toBe('2026-06-01');
    expect(plainMonthItem.getValueProps(null).value).toBeNull();
  });
});
