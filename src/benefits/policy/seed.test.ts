// The seed carries the published figures exactly as the notices state them, in fen.

import { describe, expect, it } from 'vitest';
import { SEED_POLICY_VERSIONS, SHANGYOU_COUNTY } from './seed';

const [v2022, v2024] = SEED_POLICY_VERSIONS;

describe('上犹县 seed', () => {
  it('is for 上犹县 and dated as the notices say', () => {
    expect(v2022.regionCode).toBe(SHANGYOU_COUNTY);
    expect(v2022.effectiveFrom).toBe('2022-01-01');
    expect(v2024.effectiveFrom).toBe('2024-01-01');
    expect(v2024.version).toBeGreaterThan(v2022.version);
  });
  it('2022: 低保 825/600, 特困 1,080/780 (rural disabled 1,080), care 80/350/1,380 yuan', () => {
    const p = v2022.params;
    expect(p.dibaoStandard).toEqual({ urban: 82_500, rural: 60_000 });
    expect(p.tekunBasic.urban.default).toEqual({ mode: 'amount', amountFen: 108_000 });
    expect(p.tekunBasic.rural.default).toEqual({ mode: 'amount', amountFen: 78_000 });
    expect(p.tekunBasic.rural.bySelfCareLevel?.fullyLost).toEqual({ mode: 'amount', amountFen: 108_000 });
    expect(p.tekunCare).toEqual({ selfCare: 8_000, partlyLost: 35_000, fullyLost: 138_000 });
  });
  it('2024: 低保 935/715, 特困 1,220/930, care 100/375/1,500 yuan', () => {
    const p = v2024.params;
    expect(p.dibaoStandard).toEqual({ urban: 93_500, rural: 71_500 });
    expect(p.tekunBasic.urban.default).toEqual({ mode: 'amount', amountFen: 122_000 });
    expect(p.tekunBasic.rural.default).toEqual({ mode: 'amount', amountFen: 93_000 });
    expect(p.tekunCare).toEqual({ selfCare: 10_000, partlyLost: 37_500, fullyLost: 150_000 });
  });
  it('lists what was assumed, so every use is flagged', () => {
    for (const v of SEED_POLICY_VERSIONS) expect(v.source.assumed.length).toBeGreaterThan(0);
    expect(v2024.source.assumed.join()).toContain('effectiveFrom');
  });
});
