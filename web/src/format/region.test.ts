import { describe, expect, it } from 'vitest';
import { withinRegion } from './region';

describe('withinRegion', () => {
  it('drops the part of the place the account shares', () => {
    expect(withinRegion('鄱阳县双港镇彭家村村民委员会', '上饶市鄱阳县双港镇')).toBe('彭家村村民委员会');
    expect(withinRegion('鄱阳县双港镇彭家村村民委员会', '上饶市鄱阳县')).toBe('双港镇彭家村村民委员会');
  });

  it('keeps the place whole when nothing is shared', () => {
    expect(withinRegion('鄱阳县双港镇彭家村村民委员会', '江西省')).toBe('鄱阳县双港镇彭家村村民委员会');
    expect(withinRegion('彭家村村民委员会', '上饶市鄱阳县双港镇彭家村村民委员会')).toBe('彭家村村民委员会');
  });
});
