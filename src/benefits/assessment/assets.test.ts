import { describe, expect, it } from 'vitest';
import { checkAssets } from './assets';
import type { AssetItem } from './types';
import type { AssetLimits } from '../policy/types';

const limits: AssetLimits = {
  financialPerPerson: { mode: 'monthsOfStandard', months: 24 },
  vehicles: { allowed: false, exemptKinds: ['motorcycle', 'disabilityVehicle'], maxTotalValueFen: null },
  extraHousingAllowed: 0,
};
const STANDARD = 60_000; // 600 yuan: 24 months = 14,400 yuan per person

describe('checkAssets', () => {
  it.each([
    [3 * 1_440_000, true], // exactly at the limit for 3 persons: 不超过 passes
    [3 * 1_440_000 + 1, false], // one fen over
    [3 * 1_440_000 - 1, true],
  ])('3 persons, deposits + securities of %i fen → within %s', (total, within) => {
    const assets: AssetItem[] = [{ kind: 'deposit', valueFen: total - 100_000 }, { kind: 'securities', valueFen: 100_000 }];
    expect(checkAssets(assets, 3, limits, STANDARD, '低保').within).toBe(within);
  });

  it('a set amount per person instead of months', () => {
    const l: AssetLimits = { ...limits, financialPerPerson: { mode: 'amount', amountFen: 2_000_000 } };
    expect(checkAssets([{ kind: 'deposit', valueFen: 2_000_000 }], 1, l, STANDARD, '低保').within).toBe(true);
    expect(checkAssets([{ kind: 'insuranceCashValue', valueFen: 2_000_001 }], 1, l, STANDARD, '低保').within).toBe(false);
  });

  it('vehicles: exempt kinds pass, a car fails when not allowed, value limit when allowed', () => {
    expect(checkAssets([{ kind: 'vehicle', vehicleKind: 'motorcycle', valueFen: 500_000 }], 1, limits, STANDARD, '低保').within).toBe(true);
    expect(checkAssets([{ kind: 'vehicle', vehicleKind: 'car', valueFen: 100_000 }], 1, limits, STANDARD, '低保').within).toBe(false);
    const allowed: AssetLimits = { ...limits, vehicles: { allowed: true, exemptKinds: [], maxTotalValueFen: 3_000_000 } };
    expect(checkAssets([{ kind: 'vehicle', vehicleKind: 'car', valueFen: 3_000_000 }], 1, allowed, STANDARD, '低保').within).toBe(true);
    expect(checkAssets([{ kind: 'vehicle', vehicleKind: 'car', valueFen: 3_000_001 }], 1, allowed, STANDARD, '低保').within).toBe(false);
  });

  it('a vehicle of unknown kind counts as not exempt and is flagged', () => {
    const r = checkAssets([{ kind: 'vehicle', valueFen: 100 }], 1, limits, STANDARD, '低保');
    expect(r.within).toBe(false);
    expect(r.flags[0]).toContain('未填写类型');
  });

  it('housing beyond need, and other assets left to a person', () => {
    expect(checkAssets([{ kind: 'extraHousing', valueFen: 1 }], 1, limits, STANDARD, '低保').within).toBe(false);
    expect(checkAssets([{ kind: 'extraHousing', valueFen: 1 }], 1, { ...limits, extraHousingAllowed: 1 }, STANDARD, '低保').within).toBe(true);
    const r = checkAssets([{ kind: 'other', valueFen: 10_000 }], 1, limits, STANDARD, '低保');
    expect(r.within).toBe(true);
    expect(r.flags[0]).toContain('人工判断');
  });
});
