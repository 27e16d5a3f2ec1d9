import { describe, expect, it } from 'vitest';
import { parseGrade } from './grade';

const grade = (raw: unknown) => {
  const r = parseGrade(raw);
  return r.ok ? r.value : `ERR ${r.reason}`;
};

describe('parseGrade', () => {
  it('reads Chinese and Arabic grades', () => {
    expect(['一级', '二级', '三级', '四级'].map(grade)).toEqual([1, 2, 3, 4]);
    expect(['1', '2', '3', '4'].map(grade)).toEqual([1, 2, 3, 4]);
    expect(['1级', '壹级', '一', ' 四级 ', '２'].map(grade)).toEqual([1, 1, 1, 4, 2]);
    expect([1, 2, 3, 4].map(grade)).toEqual([1, 2, 3, 4]);
  });

  it('refuses other grades', () => {
    expect(grade('五级')).toMatch(/^ERR 无法识别的残疾等级/);
    expect(grade('0')).toMatch(/^ERR 无法识别的残疾等级/);
    expect(grade(5)).toMatch(/^ERR 残疾等级应为 1–4/);
    expect(grade(1.5)).toMatch(/^ERR 残疾等级应为 1–4/);
    expect(grade('一级二级')).toMatch(/^ERR/);
  });
});
