import { describe, expect, it } from 'vitest';
import { deadlineState } from './deadline';

const today = '2026-11-23';

describe('deadlineState', () => {
  it('reads the working days the server counted', () => {
    expect(deadlineState({ dueOn: '2026-11-26', overdue: false, final: false, workingDaysLeft: 3 }, today)).toEqual({ tone: 'ok', days: 3 });
    expect(deadlineState({ dueOn: '2026-11-24', overdue: false, final: false, workingDaysLeft: 1 }, today)).toEqual({ tone: 'soon', days: 1 });
    expect(deadlineState({ dueOn: today, overdue: false, final: false, workingDaysLeft: 0 }, today)).toEqual({ tone: 'today', days: 0 });
  });

  it('flags overdue work with how many working days it is late', () => {
    expect(deadlineState({ dueOn: '2026-11-16', overdue: true, final: false, workingDaysLeft: -5 }, today)).toEqual({ tone: 'overdue', days: 5 });
    // items carry no working-day count: overdue from the day after the due day
    expect(deadlineState({ dueOn: '2026-11-20', overdue: false, final: false }, today)).toEqual({ tone: 'overdue', days: null });
  });

  it('stops counting for finished work, and waits when the calendar has no due day yet', () => {
    expect(deadlineState({ dueOn: '2026-11-16', overdue: false, final: true }, today).tone).toBe('done');
    expect(deadlineState({ dueOn: null, overdue: false, final: false }, today).tone).toBe('waiting');
  });
});
