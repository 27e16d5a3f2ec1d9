// The story of one task, oldest first, from the task's own fields and its visits: created (when the warning
// was raised), given to a caseworker, escalated to the county when overdue, visited, finished or cancelled.
import type { TaskDetail } from '../../api/casework';

export type TaskEvent =
  | { kind: 'created'; on: string }
  | { kind: 'assigned'; at: string; name: string }
  | { kind: 'escalated'; on: string }
  | { kind: 'visit'; on: string; visitId: number; disposition: string | null; recordedBy: string }
  | { kind: 'done'; on: string; outcome: string | null }
  | { kind: 'cancelled' };

/** Sortable day of an event (timestamps count by their China day, as the server's file does). */
const dayOf = (e: TaskEvent) => ('on' in e ? e.on : 'at' in e ? new Date(new Date(e.at).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '9999-12-31');
const ORDER: Record<TaskEvent['kind'], number> = { created: 0, assigned: 1, escalated: 2, visit: 3, done: 4, cancelled: 5 };

export function taskHistory(task: Pick<TaskDetail, 'startOn' | 'assignedAt' | 'assignee' | 'escalatedOn' | 'visits' | 'status' | 'doneOn' | 'outcome'>): TaskEvent[] {
  const events: TaskEvent[] = [{ kind: 'created', on: task.startOn }];
  if (task.assignedAt && task.assignee) events.push({ kind: 'assigned', at: task.assignedAt, name: task.assignee.name || task.assignee.username });
  if (task.escalatedOn) events.push({ kind: 'escalated', on: task.escalatedOn });
  for (const v of task.visits) events.push({ kind: 'visit', on: v.visitedOn, visitId: v.id, disposition: v.disposition, recordedBy: v.recordedBy });
  if (task.status === 'done' && task.doneOn) events.push({ kind: 'done', on: task.doneOn, outcome: task.outcome });
  if (task.status === 'cancelled') events.push({ kind: 'cancelled' });
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => dayOf(a.e).localeCompare(dayOf(b.e)) || ORDER[a.e.kind] - ORDER[b.e.kind] || a.i - b.i)
    .map((x) => x.e);
}
