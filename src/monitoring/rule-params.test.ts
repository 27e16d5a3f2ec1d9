import { describe, expect, it } from 'vitest';
import { findRule } from './rule-catalogue';
import { formatYuan, validateParams } from './rule-params';

const medical = findRule('MEDICAL_SELF_PAID_12M')!;
const disability = findRule('DISABILITY_SEVERE')!;
const unemployed = findRule('UNEMPLOYED')!;

describe('rule parameters', () => {
  it('formats fen as yuan', () => {
    expect(formatYuan(2_341_050)).toBe('23,410.50');
    expect(formatYuan(2_000_000)).toBe('20,000');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(-12_345)).toBe('-123.45');
  });

  it('completes a partial edit from the version it starts from', () => {
    const r = validateParams(medical, { thresholdFen: 1_500_000 }, medical.defaults.params);
    expect(r.errors).toEqual([]);
    expect(r.params).toEqual({ windowMonths: 12, thresholdFen: 1_500_000 });
  });

  it('names every field at fault, in Chinese', () => {
    const r = validateParams(medical, { thresholdFen: -1, windowMonths: 12.5, colour: 'red' }, medical.defaults.params);
    expect(r.errors.map((e) => e.field).sort()).toEqual(['params.colour', 'params.thresholdFen', 'params.windowMonths']);
    const threshold = r.errors.find((e) => e.field === 'params.thresholdFen')!;
    expect(threshold.message).toBe('「个人自付累计金额阈值」应为0 到 100,000,000 元之间的金额（以分为单位的整数）');
    expect(threshold.messageEn).toMatch(/Self-paid total threshold must be/);
    expect(r.errors.find((e) => e.field === 'params.windowMonths')!.message).toBe('「统计月数」应为1 到 36 个月之间的整数');
  });

  it('checks lists: codes from their vocabulary, grades in range, duplicates removed, order kept by the vocabulary', () => {
    const ok = validateParams(disability, { grades: [2, 1, 2], extraGradeKinds: ['mental', 'intellectual'] }, disability.defaults.params);
    expect(ok.errors).toEqual([]);
    expect(ok.params.grades).toEqual([1, 2]);
    expect(ok.params.extraGradeKinds).toEqual(['intellectual', 'mental']);
    const bad = validateParams(disability, { grades: [0, 5], extraGradeKinds: ['sad'] }, disability.defaults.params);
    expect(bad.errors.map((e) => e.field).sort()).toEqual(['params.extraGradeKinds', 'params.grades']);
    expect(bad.errors.find((e) => e.field === 'params.extraGradeKinds')!.message).toContain('智力');
  });

  it('runs cross-checks once the values themselves are valid', () => {
    const r = validateParams(unemployed, { minAge: 60, maxAge: 16 }, unemployed.defaults.params);
    expect(r.errors).toEqual([{ field: 'params.maxAge', code: 'PARAM_CHECK', message: '最大年龄不能小于最小年龄', messageEn: 'The maximum age may not be below the minimum age' }]);
  });

  it('refuses a non-object', () => {
    expect(validateParams(medical, [1], medical.defaults.params).errors[0].field).toBe('params');
  });
});
