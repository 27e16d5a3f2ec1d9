// Splitting a full comparison into units of whole counties. Pure. Every unit scans each feed table once
// (a hash join against its people), so fewer, larger units do less work in all; a run has as many units
// as workers by default, balanced by people (largest first onto the lightest unit), and more on request
// for finer progress.

export interface CountyLoad {
  code: string;
  people: number;
}

export interface UnitPlan {
  unit: string;
  counties: string[];
  people: number;
}

export function planUnits(counties: readonly CountyLoad[], units: number): UnitPlan[] {
  const n = Math.max(1, Math.min(units, counties.length || 1));
  const bins: UnitPlan[] = Array.from({ length: n }, () => ({ unit: '', counties: [], people: 0 }));
  const sorted = [...counties].sort((a, b) => b.people - a.people || a.code.localeCompare(b.code));
  for (const c of sorted) {
    let lightest = bins[0];
    for (const b of bins) if (b.people < lightest.people || (b.people === lightest.people && b.counties.length < lightest.counties.length)) lightest = b;
    lightest.counties.push(c.code);
    lightest.people += c.people;
  }
  const used = bins.filter((b) => b.counties.length > 0).sort((a, b) => b.people - a.people);
  for (const [i, b] of used.entries()) {
    b.counties.sort();
    // A unit of one county is named by it; a group by its number.
    b.unit = b.counties.length === 1 ? b.counties[0] : `U${i + 1}`;
  }
  return used;
}
