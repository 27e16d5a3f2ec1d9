import { describe, expect, it } from 'vitest';
import { excelSerialToDate, parseDate } from './date';

const value = (raw: unknown) => {
  const r = parseDate(raw);
  return r.ok ? r.value : `ERR ${r.reason}`;
};

describe('parseDate', () => {
  it('reads the formats of the contract', () => {
    expect(value('2025-03-09')).toBe('2025-03-09');
    expect(value('2025/3/9')).toBe('2025-03-09');
    expect(value('20250309')).toBe('2025-03-09');
    expect(value('2025年3月9日')).toBe('2025-03-09');
    expect(value('2025 年 3 月 9 日')).toBe('2025-03-09');
    expect(value('  2025-3-9 ')).toBe('2025-03-09');
    expect(value('２０２５年３月９日')).toBe('2025-03-09'); // full-width digits from a Chinese IME
  });

  it('drops the time of day of database exports', () => {
    expect(value('2025-03-09 14:22:01')).toBe('2025-03-09');
    expect(value('2025/3/9 8:05')).toBe('2025-03-09');
  });

  it('reads a zoned instant as the date in China', () => {
    // new Date(2025, 2, 9) serialised by a client in Beijing
    expect(value('2025-03-08T16:00:00.000Z')).toBe('2025-03-09');
    expect(value('2025-03-09T00:00:00+08:00')).toBe('2025-03-09');
  });

  it('reads Excel serials and Date cells from XLSX', () => {
    expect(value(45725)).toBe('2025-03-09');
    expect(value(45725.75)).toBe('2025-03-09'); // with a time of day
    expect(value(61)).toBe('1900-03-01');
    expect(value(new Date(Date.UTC(2025, 2, 9)))).toBe('2025-03-09');
    expect(value(20250309)).toBe('2025-03-09'); // yyyymmdd typed into a number cell
  });

  it('refuses dates that do not exist or make no sense', () => {
    expect(value('2025-02-29')).toMatch(/^ERR 日期不存在/);
    expect(value('2024-02-29')).toBe('2024-02-29');
    expect(value('2025-13-01')).toMatch(/^ERR 日期不存在/);
    expect(value('1899-12-31')).toMatch(/^ERR 日期超出/);
    expect(value('09/03/2025')).toMatch(/^ERR 无法识别的日期/);
    expect(value('2025-3')).toMatch(/^ERR 无法识别的日期/);
    expect(value('明天')).toMatch(/^ERR 无法识别的日期/);
    expect(value(60)).toMatch(/^ERR 不是有效的Excel日期序号/); // Excel's phantom 1900-02-29
    expect(value(-1)).toMatch(/^ERR/);
    expect(value({ error: '#VALUE!' })).toMatch(/公式错误值 #VALUE!/);
    expect(value('')).toBe('ERR 值为空');
    expect(value(true)).toMatch(/^ERR 无法识别的单元格内容/);
  });

  it('gives reasons in English too', () => {
    const r = parseDate('2025-02-30');
    expect(r).toEqual({ ok: false, reason: '日期不存在：2025-02-30', reasonEn: 'no such date: 2025-02-30' });
  });

  it('converts serials across the range', () => {
    expect(excelSerialToDate(1)).toMatchObject({ ok: false });
    expect(excelSerialToDate(36526)).toEqual({ ok: true, value: '2000-01-01' });
    expect(excelSerialToDate(73415)).toEqual({ ok: true, value: '2100-12-31' });
    expect(excelSerialToDate(73416)).toMatchObject({ ok: false });
  });
});
