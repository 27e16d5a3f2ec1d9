import { describe, expect, it } from 'vitest';
import { monthSeries, totalsOf } from './stats-figures';

const cell = (month: string, n: number, a: number, e: Record<string, number>) => ({
  month, newInclusions: n, adjustments: a, exits: Object.values(e).reduce((s, x) => s + x, 0), newAmountFen: n * 50000,
  exitsByReason: { ineligible: 0, recovered: 0, death: 0, other: 0, ...e },
});

describe('statistics figures', () => {
  const months = [cell('2026-05', 3, 0, {}), cell('2026-06', 1, 2, { death: 1 }), cell('2026-07', 0, 1, { ineligible: 2, recovered: 1 })];

  it('sums the months, exits by reason', () => {
    expect(totalsOf(months)).toEqual({
      newInclusions: 4, adjustments: 3, exits: 4, newAmountFen: 200000,
      exitsByReason: { ineligible: 2, recovered: 1, death: 1, other: 0 },
    });
    expect(totalsOf([])).toEqual({ newInclusions: 0, adjustments: 0, exits: 0, newAmountFen: 0, exitsByReason: {} });
  });

  it('gives one value per month for each series', () => {
    expect(monthSeries(months)).toEqual({
      months: ['2026-05', '2026-06', '2026-07'], newInclusions: [3, 1, 0], adjustments: [0, 2, 1], exits: [0, 1, 3],
    });
  });
});
