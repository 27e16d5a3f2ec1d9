import { describe, expect, it } from 'vitest';
import { anyActiveRun, formatEvidenceValue, formatFigure, keyEvidenceFields, nextStatuses, splitMs } from './monitoring-format';

const yesNo = (v: boolean) => (v ? '是' : '否');

describe('monitoring format', () => {
  it('shows figures by their kind: fen as money, dates, lists, numbers', () => {
    expect(formatFigure('selfPaidFen', 2_341_050, 'zh-CN', yesNo)).toBe('¥23,410.50');
    expect(formatFigure('thresholdFen', 2_000_000, 'zh-CN', yesNo)).toBe('¥20,000.00');
    expect(formatFigure('admittedOn', '2026-05-01', 'zh-CN', yesNo)).toBe('2026年5月1日');
    expect(formatFigure('admittedOn', '2026-05-01', 'en', yesNo)).toBe('1 May 2026');
    expect(formatFigure('settlements', 12345, 'zh-CN', yesNo)).toBe('12,345');
    expect(formatFigure('events', ['洪涝', '山体滑坡'], 'zh-CN', yesNo)).toBe('洪涝、山体滑坡');
    expect(formatFigure('serious', true, 'zh-CN', yesNo)).toBe('是');
    expect(formatFigure('multiple', null, 'zh-CN', yesNo)).toBe('—');
    expect(formatFigure('month', '2026-05', 'zh-CN', yesNo)).toBe('2026-05');
  });

  it('shows evidence values by their feed type', () => {
    const field = (type: string, value: unknown, valueLabel: string | null = null) =>
      ({ key: 'k', label: 'l', type, value, valueLabel }) as Parameters<typeof formatEvidenceValue>[0];
    expect(formatEvidenceValue(field('money', 2_341_050), 'zh-CN', yesNo)).toBe('¥23,410.50');
    expect(formatEvidenceValue(field('date', '2026-04-01'), 'zh-CN', yesNo)).toBe('2026年4月1日');
    expect(formatEvidenceValue(field('yesNo', true), 'zh-CN', yesNo)).toBe('是');
    expect(formatEvidenceValue(field('enum', 'inpatient', '住院'), 'zh-CN', yesNo)).toBe('住院');
    expect(formatEvidenceValue(field('enum', 'inpatient', '住院'), 'en', yesNo)).toBe('inpatient');
    expect(formatEvidenceValue(field('text', null), 'zh-CN', yesNo)).toBe('—');
  });

  it('picks the fields worth a glance: no ID numbers, names or empty values', () => {
    const fields = [
      { key: 'id_number', label: '身份证号', type: 'idNumber', value: '3607**********1234', valueLabel: null },
      { key: 'name', label: '姓名', type: 'text', value: '王大明', valueLabel: null },
      { key: 'admitted_on', label: '入院日期', type: 'date', value: '2026-05-01', valueLabel: null },
      { key: 'discharged_on', label: '出院日期', type: 'date', value: null, valueLabel: null },
      { key: 'disease', label: '疾病名称', type: 'text', value: '胃恶性肿瘤', valueLabel: null },
    ] as Parameters<typeof keyEvidenceFields>[0];
    expect(keyEvidenceFields(fields).map((f) => f.key)).toEqual(['admitted_on', 'disease']);
    const settlement = ['settlement_no:text', 'settled_on:date', 'visit_type:enum', 'hospital:text', 'total_cost:money', 'fund_paid:money', 'self_paid:money']
      .map((x) => ({ key: x.split(':')[0], label: x, type: x.split(':')[1], value: 'v', valueLabel: null })) as Parameters<typeof keyEvidenceFields>[0];
    expect(keyEvidenceFields(settlement).map((f) => f.key)).toEqual(['settled_on', 'total_cost', 'fund_paid', 'self_paid']);
  });

  it('offers the server\'s status moves; closed is final', () => {
    expect(nextStatuses('new')).toEqual(['dispatched', 'verifying', 'escalated', 'closed']);
    expect(nextStatuses('closed')).toEqual([]);
  });

  it('splits durations and sees running runs', () => {
    expect(splitMs(320)).toEqual({ unit: 'ms', ms: 320 });
    expect(splitMs(4_240)).toEqual({ unit: 's', s: '4.2' });
    expect(splitMs(185_000)).toEqual({ unit: 'min', m: 3, ss: '05' });
    expect(splitMs(null)).toBeNull();
    expect(anyActiveRun([{ status: 'completed' }, { status: 'running' }])).toBe(true);
    expect(anyActiveRun([{ status: 'failed' }])).toBe(false);
    expect(anyActiveRun(undefined)).toBe(false);
  });
});
