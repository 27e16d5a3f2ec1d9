import { describe, expect, it } from 'vitest';
import { parseIdNumberCell } from './id-number';

const ID = '360702199001011232';
const ID_X = '11010519491231002X';

const id = (raw: unknown) => {
  const r = parseIdNumberCell(raw);
  return r.ok ? r.value : `ERR ${r.reason}`;
};

describe('parseIdNumberCell', () => {
  it('accepts 18-character numbers with the usual clutter', () => {
    expect(id(ID)).toBe(ID);
    expect(id(` ${ID}\u3000`)).toBe(ID);
    expect(id(`'${ID}`)).toBe(ID);
    expect(id(ID_X.toLowerCase())).toBe(ID_X);
    expect(id('３６０７０２１９９００１０１１２３２')).toBe(ID); // full-width digits
    expect(id('360702 19900101 1232')).toBe(ID);
  });

  it('converts 15-digit first-generation numbers, as text or as a number', () => {
    expect(id('360702900101123')).toBe(ID);
    expect(id(360702900101123)).toBe(ID);
    expect(id(BigInt(ID))).toBe(ID);
  });

  it('refuses IDs that Excel turned into numbers, with a reason that says so', () => {
    // 360702199001011232 > 2^53: the double holds 360702199001011200 and the digits are gone
    expect(id(Number(ID))).toMatch(/^ERR 身份证号已被Excel变成数字/);
    expect(id(114634195203231000)).toMatch(/^ERR 身份证号已被Excel变成数字/);
    expect(id(1.14634195203231e17)).toMatch(/^ERR 身份证号已被Excel变成数字/);
    expect(id('1.14634195203231E+17')).toMatch(/^ERR 身份证号已被Excel变成数字/);
    expect(id('3.60702E+17')).toMatch(/^ERR 身份证号已被Excel变成数字/);
  });

  it('hints at Excel when a number-formatted column exported ...000', () => {
    expect(id('360702199001011000')).toMatch(/校验位不正确.*末三位为000/);
  });

  it('passes on the registry reasons', () => {
    expect(id('360702199001011233')).toMatch(/^ERR 身份证号码校验位不正确/);
    expect(id('36070219900101123')).toMatch(/^ERR 身份证号码应为18位/);
    expect(id('360702199002301234')).toMatch(/^ERR 身份证号码中的出生日期无效/);
    expect(id(12345)).toMatch(/^ERR 身份证号码应为18位/);
    expect(id(3.5)).toMatch(/^ERR 不是身份证号/);
    expect(id('')).toBe('ERR 值为空');
  });
});
