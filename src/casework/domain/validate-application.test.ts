import { describe, expect, it } from 'vitest';
import type { ApplicationForm } from './application-form.js';
import { ID, validForm } from './test-fixtures.js';
import { validateApplicationForm } from './validate-application.js';

const today = '2025-01-24';
const codes = (form: ApplicationForm) => validateApplicationForm(form, { today }).map((e) => `${e.field}:${e.code}`);

describe('validateApplicationForm', () => {
  it('accepts a complete form', () => {
    expect(validateApplicationForm(validForm(), { today })).toEqual([]);
  });

  it('words every error in Chinese and English', () => {
    const errors = validateApplicationForm({ ...validForm(), items: [] }, { today });
    expect(errors).toEqual([{ field: 'items', code: 'required', zh: '请至少勾选一项救助事项', en: 'Tick at least one assistance item' }]);
  });

  it('checks the applicant is a household member with a valid ID number', () => {
    const f = validForm();
    expect(codes({ ...f, applicant: { ...f.applicant, idNumber: '360731197805120016' } })).toContain('applicant.idNumber:invalid_id_number');
    expect(codes({ ...f, applicant: { ...f.applicant, idNumber: ID.toddler } })).toContain('applicant.idNumber:applicant_not_member');
    expect(codes({ ...f, applicant: { ...f.applicant, name: ' ', phone: 'abc' } })).toEqual(['applicant.name:required', 'applicant.phone:invalid_phone']);
  });

  it('checks members: ID numbers, duplicates, relations and exactly one head', () => {
    const f = validForm();
    const members = [...f.members, { ...f.members[1]! }, { name: '某', idNumber: ID.toddler, relation: 'head' as const }];
    expect(codes({ ...f, members })).toEqual(['members[5].idNumber:duplicate_member', 'members:one_head']);
    expect(codes({ ...f, members: [] })).toEqual(expect.arrayContaining(['members:required']));
    const badGrade = f.members.map((m, i) => (i === 4 ? { ...m, disability: { kind: 'physical' as const, grade: 5 as 1 } } : m));
    expect(codes({ ...f, members: badGrade })).toEqual(['members[4].disability.grade:invalid_choice']);
  });

  it('requires the declarations to be present and amounts in whole fen', () => {
    const f = validForm();
    expect(codes({ ...f, incomes: undefined as never })).toEqual(['incomes:required']);
    expect(codes({ ...f, incomes: [{ type: 'wages', monthlyAmountFen: 1200.5 }] })).toEqual(['incomes[0].monthlyAmountFen:invalid_amount']);
    expect(codes({ ...f, assets: [{ type: 'vehicle', valueFen: -1, description: '' }] })).toEqual([
      'assets[0].valueFen:invalid_amount',
      'assets[0].description:required',
    ]);
    expect(codes({ ...f, rigidExpenses: [{ type: 'medical', annualAmountFen: 100, description: '药费', memberIdNumber: ID.toddler }] })).toEqual([
      'rigidExpenses[0].memberIdNumber:not_a_member',
    ]);
    expect(codes({ ...f, incomes: [], assets: [], rigidExpenses: [] })).toEqual([]);
  });

  it("pays only into a household member's own account", () => {
    const f = validForm();
    expect(codes({ ...f, bankAccount: { ...f.bankAccount, holderIdNumber: ID.toddler } })).toEqual(['bankAccount.holderIdNumber:account_not_member']);
    expect(codes({ ...f, bankAccount: { ...f.bankAccount, holderName: '王会计' } })).toEqual(['bankAccount.holderName:holder_name_mismatch']);
    expect(codes({ ...f, bankAccount: { ...f.bankAccount, accountNumber: '6230-9100' } })).toEqual(['bankAccount.accountNumber:invalid_account']);
  });

  it('needs a dated authorisation signed by every adult member', () => {
    const f = validForm();
    expect(codes({ ...f, authorisation: { signedOn: '2025-01-25', signedBy: f.authorisation.signedBy } })).toEqual([
      'authorisation.signedOn:future_date',
    ]);
    expect(codes({ ...f, authorisation: { signedOn: '', signedBy: f.authorisation.signedBy } })).toEqual(['authorisation.signedOn:invalid_date']);
    // The university student turned 18 on 2025-06-15: before that a guardian signs for her.
    const withoutStudent = [ID.head, ID.spouse, ID.grandfather];
    expect(codes({ ...f, authorisation: { signedOn: '2025-01-24', signedBy: withoutStudent } })).toEqual([]);
    const errors = validateApplicationForm({ ...f, authorisation: { signedOn: '2025-06-15', signedBy: withoutStudent } }, { today: '2025-07-01' });
    expect(errors).toEqual([expect.objectContaining({ field: 'authorisation.signedBy', code: 'adult_not_signed', zh: '成年家庭成员张小红未签署授权书' })]);
  });

  it('checks the ticked items', () => {
    const f = validForm();
    expect(
      codes({
        ...f,
        items: [
          { kind: 'dibao', memberIdNumber: ID.head },
          { kind: 'educationAssistance' },
          { kind: 'tekun', memberIdNumber: ID.toddler },
          { kind: 'temporaryAssistance' },
          { kind: 'rentSubsidy' as never },
          { kind: 'medicalAssistance', memberIdNumber: ID.head },
          { kind: 'medicalAssistance', memberIdNumber: ID.head },
        ],
      }),
    ).toEqual([
      'items[0].memberIdNumber:household_item',
      'items[1].memberIdNumber:member_required',
      'items[2].memberIdNumber:not_a_member',
      'items[3].temporaryAssistanceType:invalid_choice',
      'items[4].kind:invalid_choice',
      'items[6].kind:duplicate_item',
    ]);
  });

  it('lets the same person item be asked for two different members', () => {
    const f = validForm();
    const items = [...f.items, { kind: 'educationAssistance' as const, memberIdNumber: ID.pupil }];
    expect(codes({ ...f, items })).toEqual([]);
  });
});
