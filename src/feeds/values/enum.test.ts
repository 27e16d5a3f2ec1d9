import { describe, expect, it } from 'vitest';
import { enumCodes, enumParser } from './enum';
import { parseYesNo } from './yes-no';

describe('enumParser', () => {
  const visitType = enumParser({ 门诊: 'outpatient', 门急诊: 'outpatient', 住院: 'inpatient' });

  it('maps Chinese labels, and the codes themselves, to codes', () => {
    expect(visitType('门诊')).toEqual({ ok: true, value: 'outpatient' });
    expect(visitType('门急诊')).toEqual({ ok: true, value: 'outpatient' });
    expect(visitType(' 住 院 ')).toEqual({ ok: true, value: 'inpatient' });
    expect(visitType('inpatient')).toEqual({ ok: true, value: 'inpatient' });
    expect(visitType('INPATIENT')).toEqual({ ok: true, value: 'inpatient' });
  });

  it('lists the accepted labels when refusing', () => {
    expect(visitType('急诊')).toEqual({
      ok: false,
      reason: '不在可选值中：急诊（应为：门诊、住院）',
      reasonEn: 'not one of the accepted values: 急诊 (expected: 门诊、住院)',
    });
    expect(visitType(1)).toMatchObject({ ok: false });
  });

  it('knows the distinct codes and their first label', () => {
    expect(enumCodes({ 门诊: 'outpatient', 门急诊: 'outpatient', 住院: 'inpatient' })).toEqual([
      { code: 'outpatient', label: '门诊' },
      { code: 'inpatient', label: '住院' },
    ]);
  });
});

describe('parseYesNo', () => {
  it('reads 是/否 and their usual spellings', () => {
    for (const yes of ['是', 'Y', 'yes', 'TRUE', '1', 1, true]) expect(parseYesNo(yes)).toEqual({ ok: true, value: true });
    for (const no of ['否', 'n', 'No', 'false', '0', 0, false]) expect(parseYesNo(no)).toEqual({ ok: true, value: false });
  });

  it('refuses anything else', () => {
    expect(parseYesNo('不详')).toMatchObject({ ok: false, reason: '应为 是 或 否：不详' });
    expect(parseYesNo(2)).toMatchObject({ ok: false });
  });
});
