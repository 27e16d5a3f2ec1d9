import { describe, expect, it } from 'vitest';
import { planUnits } from './units';

const county = (code: string, people: number) => ({ code, people });

describe('units of a full comparison', () => {
  it('puts every county in exactly one unit, balanced by people', () => {
    const counties = [county('A', 100), county('B', 90), county('C', 50), county('D', 40), county('E', 10), county('F', 0)];
    const plan = planUnits(counties, 2);
    expect(plan).toHaveLength(2);
    expect(plan.flatMap((u) => u.counties).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(plan.map((u) => u.people)).toEqual([150, 140]);
    expect(plan.map((u) => u.unit)).toEqual(['U1', 'U2']);
  });

  it('one unit holds the whole province; a unit of one county is named by it', () => {
    expect(planUnits([county('A', 1), county('B', 2)], 1)).toEqual([{ unit: 'U1', counties: ['A', 'B'], people: 3 }]);
    expect(planUnits([county('360731000000', 5)], 4)).toEqual([{ unit: '360731000000', counties: ['360731000000'], people: 5 }]);
  });

  it('never makes more units than counties, nor empty ones', () => {
    const plan = planUnits([county('A', 1), county('B', 0), county('C', 0)], 10);
    expect(plan).toHaveLength(3);
    expect(plan.every((u) => u.counties.length === 1)).toBe(true);
  });
});
