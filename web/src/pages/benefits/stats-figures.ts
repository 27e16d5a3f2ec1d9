// The statistics page's figures: per-month series for the chart, and totals over the months asked for
// (inclusions, adjustments, exits by reason), from GET /benefits/stats.
import type { BenefitStats } from '../../api/benefits';

type MonthCell = BenefitStats['months'][number];

export interface StatsTotals {
  newInclusions: number;
  adjustments: number;
  exits: number;
  newAmountFen: number;
  exitsByReason: Record<string, number>;
}

export function totalsOf(months: readonly Omit<MonthCell, 'month'>[]): StatsTotals {
  const t: StatsTotals = { newInclusions: 0, adjustments: 0, exits: 0, newAmountFen: 0, exitsByReason: {} };
  for (const m of months) {
    t.newInclusions += m.newInclusions;
    t.adjustments += m.adjustments;
    t.exits += m.exits;
    t.newAmountFen += m.newAmountFen;
    for (const [reason, n] of Object.entries(m.exitsByReason)) t.exitsByReason[reason] = (t.exitsByReason[reason] ?? 0) + n;
  }
  return t;
}

/** The three series of the chart, one value per month in order. */
export function monthSeries(months: readonly MonthCell[]) {
  return {
    months: months.map((m) => m.month),
    newInclusions: months.map((m) => m.newInclusions),
    adjustments: months.map((m) => m.adjustments),
    exits: months.map((m) => m.exits),
  };
}
