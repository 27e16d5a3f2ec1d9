import { describe, expect, it } from 'vitest';
import { taskHistory } from './task-history';

describe('taskHistory', () => {
  it('tells a task oldest first: created, assigned, escalated, visited, done', () => {
    const events = taskHistory({
      startOn: '2026-11-09', assignedAt: '2026-11-10T01:00:00.000Z', assignee: { userId: 3, username: 'cw2', name: '赵敏' },
      escalatedOn: '2026-11-17', status: 'done', doneOn: '2026-11-23', outcome: 'emergencyAssistance',
      visits: [{ id: 9, clientId: 'x', purpose: 'warningVerification', visitedOn: '2026-11-23', disposition: 'emergencyAssistance', recordedBy: 'cw2' }],
    });
    expect(events.map((e) => e.kind)).toEqual(['created', 'assigned', 'escalated', 'visit', 'done']);
    expect(events[1]).toEqual({ kind: 'assigned', at: '2026-11-10T01:00:00.000Z', name: '赵敏' });
  });

  it('counts an assignment late in the evening on its China day', () => {
    const events = taskHistory({
      startOn: '2026-11-10', assignedAt: '2026-11-09T17:00:00.000Z', assignee: { userId: 3, username: 'cw2', name: '' },
      escalatedOn: null, status: 'cancelled', doneOn: null, outcome: null, visits: [],
    });
    expect(events.map((e) => e.kind)).toEqual(['created', 'assigned', 'cancelled']);
    expect(events[1]).toMatchObject({ name: 'cw2' });
  });
});
