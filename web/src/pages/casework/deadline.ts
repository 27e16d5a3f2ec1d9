// How a deadline reads in a queue: finished, waiting for next year's calendar, overdue (red), due today, due
// tomorrow (amber), or in time. Working days come from the server, which counts them by the official calendar.

export type DeadlineTone = 'done' | 'waiting' | 'overdue' | 'today' | 'soon' | 'ok';

export interface DeadlineState {
  tone: DeadlineTone;
  /** Working days left (ok, soon) or overdue (overdue), when the server counted them. */
  days: number | null;
}

export interface DeadlineFacts {
  dueOn: string | null;
  overdue: boolean;
  /** The task or item is finished: its deadline no longer runs. */
  final: boolean;
  workingDaysLeft?: number | null;
}

export function deadlineState(d: DeadlineFacts, today: string): DeadlineState {
  if (d.final) return { tone: 'done', days: null };
  // The due day waits until a province administrator enters next year's official calendar.
  if (!d.dueOn) return { tone: 'waiting', days: null };
  const left = d.workingDaysLeft ?? null;
  if (d.overdue || d.dueOn < today) return { tone: 'overdue', days: left !== null && left < 0 ? -left : null };
  if (d.dueOn === today || left === 0) return { tone: 'today', days: 0 };
  if (left !== null && left <= 1) return { tone: 'soon', days: left };
  return { tone: 'ok', days: left };
}

export const TASK_FINAL_STATUSES: readonly string[] = ['done', 'cancelled'];
export const ITEM_FINAL_STATUSES: readonly string[] = ['approved', 'refused', 'withdrawn'];
