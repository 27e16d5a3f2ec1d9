// What a reviewer is about to confirm or reject: how many proposals are selected and what they change in
// the monthly amount paid (increases minus decreases and exits).
export interface ChangeLike {
  id: number;
  deltaFen: number;
  kind: 'increase' | 'decrease' | 'exit';
}

export function selectionSummary(changes: readonly ChangeLike[], selected: readonly number[]) {
  const ids = new Set(selected);
  const chosen = changes.filter((c) => ids.has(c.id));
  return {
    count: chosen.length,
    deltaFen: chosen.reduce((s, c) => s + c.deltaFen, 0),
    exits: chosen.filter((c) => c.kind === 'exit').length,
  };
}
