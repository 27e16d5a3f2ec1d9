import { describe, expect, it } from 'vitest';
import { normaliseRegionCode, regionLevel, shortRegionCode } from './region-code';

describe('normaliseRegionCode', () => {
  it('pads the short forms to 12 digits', () => {
    expect(normaliseRegionCode('36')).toBe('360000000000');
    expect(normaliseRegionCode('3607')).toBe('360700000000');
    expect(normaliseRegionCode('360731')).toBe('360731000000');
    expect(normaliseRegionCode('360731101')).toBe('360731101000');
    expect(normaliseRegionCode('360731101205')).toBe('360731101205');
    expect(normaliseRegionCode(' 360731 ')).toBe('360731000000');
  });

  it('rejects other lengths and non-digits', () => {
    for (const bad of ['', '3', '360', '36073', '3607311', '36073110120', '3607311012050', '36O731', '360731-101']) {
      expect(normaliseRegionCode(bad)).toBeNull();
    }
  });
});

describe('regionLevel and shortRegionCode', () => {
  it.each([
    ['360000000000', 1, '36'],
    ['360700000000', 2, '3607'],
    ['360731000000', 3, '360731'],
    ['360731101000', 4, '360731101'],
    ['360731101205', 5, '360731101205'],
    ['360502271500', 5, '360502271500'],
  ] as const)('%s is level %i, short %s', (code, level, short) => {
    expect(regionLevel(code)).toBe(level);
    expect(shortRegionCode(code)).toBe(short);
  });
});
