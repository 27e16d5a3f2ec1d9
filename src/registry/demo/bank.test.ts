import { describe, expect, it } from 'vitest';
import { accountNumber, luhnDigit } from './bank';

describe('demo bank accounts', () => {
  it('computes Luhn check digits', () => {
    expect(luhnDigit('7992739871')).toBe('3'); // the textbook example
  });

  it('gives each household its own 19-digit number with a valid check digit', () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    for (let id = 1; id <= 20_000; id++) {
      const no = accountNumber('中国农业银行', id, 42);
      if (!/^622848\d{13}$/.test(no) || luhnDigit(no.slice(0, 18)) !== no[18]) bad.push(no);
      seen.add(no);
    }
    expect(bad).toEqual([]);
    expect(seen.size).toBe(20_000);
    expect(accountNumber('中国农业银行', 999_999_999, 42)).toMatch(/^\d{19}$/);
  });
});
