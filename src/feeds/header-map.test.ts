import { describe, expect, it } from 'vitest';
import { getFeed } from './catalogue';
import { looksLikeHeader, mapHeader, normaliseHeader } from './header-map';

const medical = getFeed('medical_settlement');
const keys = (m: ReturnType<typeof mapHeader>) => m.columns.map((c) => `${c.index}:${c.column.key}`);

describe('normaliseHeader', () => {
  it('ignores spaces of both widths, required markers and case', () => {
    expect(normaliseHeader(' 身份\u3000证号 ')).toBe('身份证号');
    expect(normaliseHeader('*结算日期')).toBe('结算日期');
    expect(normaliseHeader('ＩＤ_Number')).toBe('id_number');
    expect(normaliseHeader(null)).toBe('');
  });
});

describe('mapHeader', () => {
  it('maps Chinese headers, aliases and English keys in any order', () => {
    const m = mapHeader(medical, ['total_cost', '公民身份号码', '结算 日期', '结算单号', '个人负担']);
    expect(keys(m)).toEqual(['0:total_cost', '1:id_number', '2:settled_on', '3:settlement_no', '4:self_paid']);
    expect(m.columns[1].header).toBe('公民身份号码'); // errors name the column as the file does
    expect(m.rejectReason).toBeUndefined();
  });

  it('reads headers with a unit or remark in brackets', () => {
    const m = mapHeader(medical, ['身份证号', '结算单号', '结算日期', '总费用（元）', '个人自付(元)', '诊断【主要】']);
    expect(keys(m)).toContain('3:total_cost');
    expect(keys(m)).toContain('4:self_paid');
    expect(keys(m)).toContain('5:diagnosis');
  });

  it('lists unknown columns as ignored and skips empty header cells', () => {
    const m = mapHeader(medical, ['身份证号', '结算单号', '结算日期', '总费用', '个人自付', '备注', '', '经办人']);
    expect(m.ignored).toEqual([
      { index: 5, header: '备注' },
      { index: 7, header: '经办人' },
    ]);
    expect(m.rejectReason).toBeUndefined();
  });

  it('rejects the file when required columns are missing', () => {
    const m = mapHeader(medical, ['身份证号', '姓名', '总费用']);
    expect(m.missingRequired.map((c) => c.key)).toEqual(['settlement_no', 'settled_on', 'self_paid']);
    expect(m.rejectReason?.zh).toBe('缺少必填列：结算单号、结算日期、个人自付');
    expect(m.rejectReason?.en).toMatch(/missing required columns: 结算单号 \(settlement_no\)/);
  });

  it('rejects two columns that claim the same field', () => {
    const m = mapHeader(medical, ['身份证号', '证件号码', '结算单号', '结算日期', '总费用', '个人自付']);
    expect(m.conflicts).toEqual([{ column: medical.columns[0], headers: ['身份证号', '证件号码'] }]);
    expect(m.rejectReason?.zh).toMatch(/多列对应同一字段“身份证号”：身份证号、证件号码/);
    expect(keys(m)[0]).toBe('0:id_number');
  });

  it('uses each feed its own ID header', () => {
    const vehicle = mapHeader(getFeed('vehicle_registration'), ['所有人身份证号', '号牌号码', '车辆类型', '登记日期']);
    expect(vehicle.rejectReason).toBeUndefined();
    const property = mapHeader(getFeed('property_registration'), ['身份证号', '不动产单元号', '登记日期']);
    expect(property.rejectReason).toBeUndefined();
  });
});

describe('looksLikeHeader', () => {
  it('recognises the header among title rows', () => {
    const isHeader = looksLikeHeader(medical);
    expect(isHeader(['2025年3月医疗费用结算明细'])).toBe(false);
    expect(isHeader(['身份证号', '结算单号', '结算日期', '总费用', '个人自付'])).toBe(true);
  });
});
