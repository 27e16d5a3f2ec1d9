import { describe, expect, it } from 'vitest';
import type { ParamSpecView } from '../../api/monitoring';
import { errorFieldPath, formToInput, integerChoices, paramsToForm, previewInput } from './rule-form';

const specs = [
  { key: 'windowMonths', label: '统计月数', labelEn: 'Window', type: 'integer', help: null, unit: '个月', unitEn: 'months', min: 1, max: 36 },
  { key: 'thresholdFen', label: '阈值', labelEn: 'Threshold', type: 'money', help: null, unit: '分', unitEn: 'fen', min: 0, max: 10_000_000_000 },
  { key: 'grades', label: '等级', labelEn: 'Grades', type: 'integerList', help: null, min: 1, max: 4, minItems: 1 },
  { key: 'kinds', label: '类别', labelEn: 'Kinds', type: 'codeList', help: null, minItems: 0, values: [{ code: 'mental', label: '精神', labelEn: 'Mental' }] },
  { key: 'words', label: '词', labelEn: 'Words', type: 'textList', help: null, minItems: 0, maxItems: 20, maxLength: 20 },
  { key: 'counts', label: '计入', labelEn: 'Counts', type: 'boolean', help: null },
] as ParamSpecView[];

describe('rule form', () => {
  it('shows money in yuan and sends it back in whole fen', () => {
    const form = paramsToForm(specs, { windowMonths: 12, thresholdFen: 2_000_000, grades: [1, 2], kinds: ['mental'], words: ['无'], counts: true });
    expect(form).toEqual({ windowMonths: 12, thresholdFen: 20_000, grades: [1, 2], kinds: ['mental'], words: ['无'], counts: true });
    const input = formToInput(specs, { params: { ...form, thresholdFen: 23_410.5, words: [' 无 ', '', '完好'] }, level: 'red', enabled: true, appliesTo: 'both' }, undefined, 1);
    expect(input).toEqual({
      params: { windowMonths: 12, thresholdFen: 2_341_050, grades: [1, 2], kinds: ['mental'], words: ['无', '完好'], counts: true },
      level: 'red', enabled: true, appliesTo: 'both', baseVersion: 1,
    });
  });

  it('sends an emptied field as null for the server to name, and the region, dates and note when given', () => {
    const input = formToInput(specs, {
      params: { windowMonths: null }, level: 'yellow', enabled: false, appliesTo: 'monitored', effectiveFrom: '2026-07-01', effectiveTo: null, note: '  依据新标准 ',
    }, '360731000000');
    expect(input.params).toMatchObject({ windowMonths: null, thresholdFen: null });
    expect(input).toMatchObject({ regionCode: '360731000000', effectiveFrom: '2026-07-01', note: '依据新标准' });
    expect(input).not.toHaveProperty('effectiveTo');
    expect(previewInput(input)).toEqual({ params: input.params, level: 'yellow', enabled: false, appliesTo: 'monitored', regionCode: '360731000000' });
  });

  it('puts a server field error on its field, or nowhere', () => {
    expect(errorFieldPath('params.thresholdFen', specs)).toEqual(['params', 'thresholdFen']);
    expect(errorFieldPath('params.nonsense', specs)).toBeNull();
    expect(errorFieldPath('effectiveFrom', specs)).toEqual(['effectiveFrom']);
    expect(errorFieldPath('regionCode', specs)).toEqual(['regionCode']);
    expect(errorFieldPath('params', specs)).toBeNull();
  });

  it('lists few whole numbers as choices', () => {
    expect(integerChoices({ min: 1, max: 4 })).toEqual([1, 2, 3, 4]);
    expect(integerChoices({ min: 0, max: 120 })).toBeNull();
  });
});
