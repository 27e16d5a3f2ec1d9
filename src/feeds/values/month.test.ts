import { describe, expect, it } from 'vitest';
import { parseMonth } from './month';

const value = (raw: unknown) => {
  const r = parseMonth(raw);
  return r.ok ? r.value : `ERR ${r.reason}`;
};

describe('parseMonth', () => {
  it('reads the formats of the contract', () => {
    expect(value('202503')).toBe('2025-03');
    expect(value('2025-03')).toBe('2025-03');
    expect(value('2025-3')).toBe('2025-03');
    expect(value('2025/03')).toBe('2025-03');
    expect(value('2025年3月')).toBe('2025-03');
    expect(value('2025年03月份')).toBe('2025-03');
  });

  it('reads numbers and dates from XLSX', () => {
    expect(value(202503)).toBe('2025-03');
    expect(value(45717)).toBe('2025-03'); // Excel made '2025-03' into the date 2025-03-01
    expect(value(new Date(Date.UTC(2025, 2, 1)))).toBe('2025-03');
    expect(value('2025-03-31')).toBe('2025-03');
  });

  it('refuses what is not a month', () => {
    expect(value('202513')).toMatch(/^ERR 月份不存在/);
    expect(value('2025-00')).toMatch(/^ERR 月份不存在/);
    expect(value('189912')).toMatch(/^ERR 年月超出/);
    expect(value('三月')).toMatch(/^ERR 无法识别的年月/);
    expect(value(202513)).toMatch(/^ERR 月份不存在/);
    expect(value('')).toBe('ERR 值为空');
  });
});
