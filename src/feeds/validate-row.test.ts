import { describe, expect, it } from 'vitest';
import { getFeed } from './catalogue';
import { mapHeader } from './header-map';
import { rowValidator, validateRow } from './validate-row';

const ID = '360702199001011232';

describe('validateRow', () => {
  const medical = mapHeader(getFeed('medical_settlement'), ['证件号码', '结算单号', '结算日期', '总费用', '统筹支付', '个人自付', '备注']);

  it('normalises a good row into a typed record with every column of the feed', () => {
    const r = validateRow(medical, { rowNumber: 2, cells: [` ${ID}`, 'JS1', '2025/3/9', '1,234.50', '', '￥234.5', 'x'] });
    expect(r).toEqual({
      ok: true,
      row: 2,
      record: {
        id_number: ID,
        name: null,
        settlement_no: 'JS1',
        settled_on: '2025-03-09',
        visit_type: null,
        hospital: null,
        diagnosis: null,
        total_cost: 123450,
        fund_paid: null,
        self_paid: 23450,
      },
    });
  });

  it('reports every problem of a row at once, naming columns as the file does and masking IDs', () => {
    const r = validateRow(medical, { rowNumber: 7, cells: ['360702199001011233', '', '2025-02-30', '12.345', 'abc', '-1'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [7, '证件号码', '3607**********1233'],
      [7, '结算单号', ''],
      [7, '结算日期', '2025-02-30'],
      [7, '总费用', '12.345'],
      [7, '统筹支付', 'abc'],
    ]);
    expect(r.errors[1].reason).toBe('必填项为空');
    expect(r.errors[0].reason).toMatch(/校验位/);
    expect(r.errors[0].reasonEn).toMatch(/check digit/);
    expect(r.errors[0].columnKey).toBe('id_number');
  });

  it('treats missing trailing cells as empty', () => {
    const r = validateRow(medical, { rowNumber: 3, cells: [ID, 'JS2', '20250309', '10'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ column: '个人自付', reason: '必填项为空' })]);
  });

  it('checks the order of dates within a row', () => {
    const hosp = mapHeader(getFeed('hospitalization'), ['身份证号', '入院日期', '出院日期', '疾病名称']);
    const validate = rowValidator(hosp);
    expect(validate({ rowNumber: 2, cells: [ID, '2025-03-09', '2025-03-09', '肺炎'] }).ok).toBe(true);
    expect(validate({ rowNumber: 3, cells: [ID, '2025-03-09', '', '肺炎'] }).ok).toBe(true);
    const r = validate({ rowNumber: 4, cells: [ID, '2025-03-09', '2025-03-01', '肺炎'] });
    expect(r).toMatchObject({ ok: false, errors: [{ row: 4, column: '出院日期', value: '2025-03-01', reason: '出院日期（2025-03-01）早于入院日期（2025-03-09）' }] });
  });

  it('refuses to validate against a rejected header', () => {
    const bad = mapHeader(getFeed('medical_settlement'), ['身份证号']);
    expect(() => rowValidator(bad)).toThrow(/rejected header/);
  });
});
