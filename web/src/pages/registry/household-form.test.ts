import { describe, expect, it } from 'vitest';
import type { HouseholdView } from '../../api/registry';
import { validateHousehold } from '../../../../src/registry/household-rules';
import { buildIdNumber } from '../../../../src/registry/id-number';
import { emptyHouseholdForm, errorFieldPath, formToInput, formToPatch, householdToForm } from './household-form';

const view: HouseholdView = {
  id: 7, version: 3, areaType: 'rural', villageCode: '360731100200',
  regionPath: [], address: '一组 1 号', headPersonId: 1,
  bank: { bankName: '农商银行', accountNoMasked: '************5678', holderPersonId: 1 },
  members: [
    { id: 1, idNumberMasked: '3607**********1234', name: '王大明', sex: 'M', birthDate: '1970-05-06', relation: 'head', disabilityKind: 'physical', disabilityGrade: 2, seriousIllness: null, labourCapacity: 'partial', employment: 'farming', schoolStage: null, phoneMasked: '139****5678', diedOn: null },
    { id: 2, idNumberMasked: '3607**********1111', name: '王小明', sex: 'M', birthDate: '2010-01-31', relation: 'child', disabilityKind: null, disabilityGrade: null, seriousIllness: null, labourCapacity: 'none', employment: null, schoolStage: 'junior', phoneMasked: null, diedOn: null },
  ],
  categories: [{ id: 10, category: 'dibao', fromDate: '2024-03-01', toDate: null, reason: '收入低', current: true }],
  updatedAt: '2026-06-15T02:00:00.000Z',
};

describe('household form', () => {
  it('sends only the version and the members when nothing else changed', () => {
    const { patch } = formToPatch(householdToForm(view), view);
    expect(patch.version).toBe(3);
    expect(patch.address).toBeUndefined();
    expect(patch.bank).toBeUndefined();
    expect(patch.categories).toBeUndefined();
    // stored members keep their ID number and phone: none is sent
    expect(patch.members![0]).toEqual({ id: 1, name: '王大明', relation: 'head', labourCapacity: 'partial', disabilityKind: 'physical', disabilityGrade: 2, employment: 'farming' });
    // empty values are left out, never sent as null (the server's body coercion would turn null into '')
    expect(patch.members![1]).toEqual({ id: 2, name: '王小明', relation: 'child', labourCapacity: 'none', schoolStage: 'junior' });
  });

  it('sends a typed ID number, an ended category and a changed account holder', () => {
    const values = householdToForm(view);
    values.members[1].idNumber = ' 36073120100131353x ';
    values.categories[0].toDate = '2026-06-30';
    values.categories.push({ category: 'temporaryAssistance', fromDate: '2026-06-01', reason: '' });
    values.bank!.holderUid = values.members[1].uid;
    const { patch, categoryIndex } = formToPatch(values, view);
    expect(patch.members![1].idNumber).toBe('36073120100131353x');
    expect(patch.categories).toEqual([
      { id: 10, category: 'dibao', fromDate: '2024-03-01', toDate: '2026-06-30', reason: '收入低' },
      { category: 'temporaryAssistance', fromDate: '2026-06-01', reason: '' },
    ]);
    expect(categoryIndex).toEqual([0, 1]);
    expect(patch.bank).toEqual({ bankName: '农商银行', accountNo: undefined, holderMemberIndex: 1 });
  });

  it('removes the bank account when switched off', () => {
    const values = householdToForm(view);
    values.hasBank = false;
    expect(formToPatch(values, view).patch.bank).toBeNull();
  });

  it('maps error paths back to form fields', () => {
    expect(errorFieldPath('members[1].idNumber')).toEqual(['members', 1, 'idNumber']);
    expect(errorFieldPath('members[0].birthDate')).toEqual(['members', 0, 'idNumber']);
    expect(errorFieldPath('members')).toBeNull();
    expect(errorFieldPath('bank.holderMemberIndex')).toEqual(['bank', 'holderUid']);
    expect(errorFieldPath('categories[0].toDate', [2])).toEqual(['categories', 2, 'toDate']);
    expect(errorFieldPath('villageCode')).toEqual(['villageCode']);
    expect(errorFieldPath('body')).toBeNull();
  });

  it('gives the shared rules a whole household to check, with Chinese messages', () => {
    const values = emptyHouseholdForm();
    values.areaType = 'rural';
    values.villageCode = '360731100200';
    values.address = '一组 1 号';
    values.members[0] = { ...values.members[0], name: '王大明', idNumber: '360731197005061312' };
    const bad = validateHousehold(formToInput(values), '2026-06-15');
    expect(bad.errors.map((e) => e.field)).toEqual(['members[0].idNumber']);
    expect(bad.errors[0].message).toMatch(/校验位/);
    values.members[0].idNumber = buildIdNumber('360731', '1970-05-06', 131);
    expect(validateHousehold(formToInput(values), '2026-06-15').errors).toEqual([]);
  });
});
