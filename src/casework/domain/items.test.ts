import { describe, expect, it } from 'vitest';
import { DEPARTMENT_INFO, DEPARTMENTS } from './departments.js';
import { deadlineTaskFor, ITEM_KIND_INFO, ITEM_KINDS } from './items.js';

describe('item kinds and the bodies that own them', () => {
  it('maps each item to the county body that decides it', () => {
    expect(Object.fromEntries(ITEM_KINDS.map((k) => [k, DEPARTMENT_INFO[ITEM_KIND_INFO[k].department].zh]))).toEqual({
      dibao: '民政局',
      tekun: '民政局',
      temporaryAssistance: '民政局',
      medicalAssistance: '医保局',
      educationAssistance: '教育局',
      housingAssistance: '住建局',
      employmentSupport: '人社局',
      electricityWaiver: '供电公司',
      waterWaiver: '供水公司',
      disabilitySubsidies: '民政局',
      unionSupport: '总工会',
      charity: '慈善总会',
    });
  });

  it('has 残联 review the disability subsidies before civil affairs decides (国发〔2015〕52号)', () => {
    expect(ITEM_KIND_INFO.disabilitySubsidies.reviewers).toEqual(['disabledPersonsFederation']);
  });

  it('routes to every department at least once', () => {
    const used = new Set(ITEM_KINDS.flatMap((k) => [ITEM_KIND_INFO[k].department, ...ITEM_KIND_INFO[k].reviewers]));
    expect([...used].sort()).toEqual([...DEPARTMENTS].sort());
  });

  it('needs the type of temporary assistance to know its time limit', () => {
    expect(deadlineTaskFor('temporaryAssistance', 'emergency')).toBe('emergencyAssistancePayment');
    expect(() => deadlineTaskFor('temporaryAssistance')).toThrow();
    expect(deadlineTaskFor('dibao')).toBe('dibaoProcedure');
  });
});
