import { describe, expect, it } from 'vitest';
import { selectionSummary } from './change-selection';

describe('selectionSummary', () => {
  const changes = [
    { id: 1, deltaFen: 20000, kind: 'increase' as const },
    { id: 2, deltaFen: -71500, kind: 'decrease' as const },
    { id: 3, deltaFen: -93000, kind: 'exit' as const },
  ];

  it('counts the selected proposals and their change in the monthly amount', () => {
    expect(selectionSummary(changes, [1, 3])).toEqual({ count: 2, deltaFen: -73000, exits: 1 });
    expect(selectionSummary(changes, [])).toEqual({ count: 0, deltaFen: 0, exits: 0 });
  });

  it('ignores ids no longer on the page', () => {
    expect(selectionSummary(changes, [2, 99])).toEqual({ count: 1, deltaFen: -71500, exits: 0 });
  });
});
