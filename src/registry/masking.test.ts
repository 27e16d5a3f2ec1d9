import { describe, expect, it } from 'vitest';
import { maskBankAccount, maskIdNumber, maskPhone } from './masking';

describe('masking', () => {
  it('keeps the first and last 4 characters of an ID number', () => {
    expect(maskIdNumber('36073019900101123X')).toBe('3607**********123X');
    expect(maskIdNumber('110105491231002')).toBe('1101*******1002');
  });

  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone(' 13812345678 ')).toBe('138****5678');
    expect(maskPhone('8123456')).toBe('***3456');
  });

  it('keeps the last 4 digits of a bank account', () => {
    expect(maskBankAccount('6228480123456789012')).toBe('***************9012');
    expect(maskBankAccount('6228 4801 2345 6789 012')).toBe('***************9012');
  });

  it('masks whole what is too short to keep ends of', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskPhone('5678')).toBe('****');
    expect(maskBankAccount('')).toBe('');
  });
});
