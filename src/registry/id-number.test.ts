import { describe, expect, it } from 'vitest';
import { buildIdNumber, computeCheckDigit, parseIdNumber } from './id-number';

describe('parseIdNumber', () => {
  it('reads the GB 11643 example, check digit X', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      addressCode: '110105',
      birthDate: '1949-12-31',
      sex: 'F',
      wasFifteen: false,
    });
  });

  it('reads a Jiangxi number; odd sequence is male', () => {
    const r = parseIdNumber('360731198506203317');
    expect(r).toMatchObject({ ok: true, addressCode: '360731', birthDate: '1985-06-20', sex: 'M' });
  });

  it('accepts lower-case x, spaces and a leading apostrophe', () => {
    for (const input of ['11010519491231002x', '  11010519491231002X ', "'11010519491231002X", " '11010519491231002x\t"]) {
      expect(parseIdNumber(input)).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
    }
  });

  it('rejects a wrong check digit', () => {
    const r = parseIdNumber('110105194912310021');
    expect(r).toMatchObject({ ok: false, code: 'ID_CHECK_DIGIT' });
    if (!r.ok) expect(r.message.zh).toContain('校验位');
  });

  it('rejects a swapped pair of digits through the check digit', () => {
    expect(parseIdNumber('360731198506023317')).toMatchObject({ ok: false, code: 'ID_CHECK_DIGIT' });
  });

  it('converts a first-generation 15-digit number to 18 digits', () => {
    expect(parseIdNumber('110105491231002')).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      addressCode: '110105',
      birthDate: '1949-12-31',
      sex: 'F',
      wasFifteen: true,
    });
    expect(parseIdNumber('362101650315213')).toMatchObject({ ok: true, idNumber: '362101196503152130', sex: 'M' });
  });

  it('accepts a retired address code (362101, the former 赣州地区 Ganzhou prefecture)', () => {
    expect(parseIdNumber('362101196503152130')).toMatchObject({ ok: true, addressCode: '362101' });
  });

  it('rejects impossible birth dates', () => {
    for (const first17 of ['36073119990230123', '36073119991301123', '36073119990000123', '36073119000229123', '36073118000101123']) {
      expect(parseIdNumber(first17 + computeCheckDigit(first17))).toMatchObject({ ok: false, code: 'ID_BIRTH_DATE' });
    }
    expect(parseIdNumber('360731990230123')).toMatchObject({ ok: false, code: 'ID_BIRTH_DATE' });
    // 2000 is a leap year, 1900 is not
    expect(parseIdNumber(buildIdNumber('360731', '2000-02-29', 123))).toMatchObject({ ok: true });
  });

  it('rejects birth dates after today when today is given', () => {
    const id = buildIdNumber('360731', '2026-03-02', 1);
    expect(parseIdNumber(id)).toMatchObject({ ok: true });
    expect(parseIdNumber(id, { today: '2026-03-02' })).toMatchObject({ ok: true });
    expect(parseIdNumber(id, { today: '2026-03-01' })).toMatchObject({ ok: false, code: 'ID_BIRTH_DATE' });
  });

  it('rejects other shapes', () => {
    for (const input of ['', '36073119850620331', '3607311985062033177', '36073119850620331Y', '3607311985X620331', '1.10105194912310E+17', '36073119850620331 7']) {
      expect(parseIdNumber(input)).toMatchObject({ ok: false, code: 'ID_FORMAT' });
    }
  });
});

describe('computeCheckDigit and buildIdNumber', () => {
  it('computes MOD 11-2 check characters', () => {
    expect(computeCheckDigit('11010519491231002')).toBe('X');
    expect(computeCheckDigit('36073119850620331')).toBe('7');
    expect(() => computeCheckDigit('1234')).toThrow(RangeError);
  });

  it('builds numbers that parse back to their parts', () => {
    const id = buildIdNumber('360731', '1985-06-20', 335);
    expect(id).toBe('36073119850620335X');
    expect(parseIdNumber(id)).toMatchObject({ ok: true, addressCode: '360731', birthDate: '1985-06-20', sex: 'M' });
    expect(buildIdNumber('360731', '1985-06-20', '002').slice(14, 17)).toBe('002');
  });

  it('refuses parts that cannot make a number', () => {
    expect(() => buildIdNumber('36073', '1985-06-20', 1)).toThrow(RangeError);
    expect(() => buildIdNumber('360731', '1985-02-30', 1)).toThrow(RangeError);
    expect(() => buildIdNumber('360731', '1985-06-20', 0)).toThrow(RangeError);
    expect(() => buildIdNumber('360731', '1985-06-20', 1000)).toThrow(RangeError);
  });
});
