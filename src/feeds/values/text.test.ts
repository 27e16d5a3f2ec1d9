import { describe, expect, it } from 'vitest';
import { parseText } from './text';

const text = (raw: unknown, options = {}) => {
  const r = parseText(raw, options);
  return r.ok ? r.value : `ERR ${r.reason}`;
};

describe('parseText', () => {
  it('trims half- and full-width spaces and the apostrophe text marker', () => {
    expect(text('  赣州市人民医院\u3000')).toBe('赣州市人民医院');
    expect(text("'JS0001")).toBe('JS0001');
  });

  it('turns number, boolean and date cells into text', () => {
    expect(text(202503090001)).toBe('202503090001');
    expect(text(12.5)).toBe('12.5');
    expect(text(true)).toBe('是');
    expect(text(new Date(Date.UTC(2025, 2, 9)))).toBe('2025-03-09');
  });

  it('refuses long codes Excel already rounded into floats', () => {
    expect(text(911101080000000123)).toMatch(/^ERR Excel已把该值变成数字/);
    expect(text('9.11101E+17')).toMatch(/^ERR Excel已把该值变成数字/);
  });

  it('upper-cases codes and limits length', () => {
    expect(text('赣b12345', { upperCase: true })).toBe('赣B12345');
    expect(text('长'.repeat(201))).toMatch(/^ERR 内容过长/);
    expect(text('长'.repeat(5), { maxLength: 4 })).toMatch(/^ERR 内容过长（最多 4 个字）/);
  });

  it('refuses error cells and blanks', () => {
    expect(text({ error: '#N/A' })).toBe('ERR 单元格是公式错误值 #N/A');
    expect(text("'")).toBe('ERR 值为空');
  });
});
