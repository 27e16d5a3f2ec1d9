import { describe, expect, it } from 'vitest';
import { ageOn, birthDateFromIdNumber, isValidIdNumber } from './id-number-format.js';

describe('ID number on the form', () => {
  it('checks shape, birth date and the MOD 11-2 check digit', () => {
    expect(isValidIdNumber('360731197805120015')).toBe(true);
    expect(isValidIdNumber('11010519491231002X')).toBe(true); // the standard's own example, check digit X
    expect(isValidIdNumber('360731197805120016')).toBe(false);
    expect(isValidIdNumber('36073119780512001')).toBe(false);
    expect(isValidIdNumber('360731197802300013')).toBe(false); // 30 February
    expect(isValidIdNumber(360731197805120015)).toBe(false);
  });

  it('reads the birth date and the age on a day', () => {
    expect(birthDateFromIdNumber('360731200706150045')).toBe('2007-06-15');
    expect(ageOn('360731200706150045', '2025-06-14')).toBe(17);
    expect(ageOn('360731200706150045', '2025-06-15')).toBe(18);
  });
});
