import { describe, expect, it } from 'vitest';
import { validateApplicationForm } from '../../../../src/casework/domain/validate-application';
import { applicationErrorField, draftToValues, emptyApplicationForm, formToApplication, type ApplicationFormValues } from './application-form';

const ID = { head: '360731197805120015', spouse: '360731198003030020', pupil: '360731201209010038' };

function family(): ApplicationFormValues {
  const v = emptyApplicationForm('2026-11-23');
  const head = v.members[0].uid;
  return {
    ...v,
    applicantPhone: ' 13907971234 ',
    household: { regionCode: '360731100001', areaType: 'rural', address: ' 测试村 3 组 ' },
    members: [
      { uid: head, name: ' 张建国 ', idNumber: ID.head, relation: 'head', seriousIllness: true },
      { uid: 'sp', name: '李秀英', idNumber: ID.spouse, relation: 'spouse' },
      { uid: 'kid', name: '张小明', idNumber: ID.pupil, relation: 'child', schoolStage: 'junior' },
    ],
    incomes: [{ type: 'wages', amountYuan: '1,200.50', memberUid: 'sp' }],
    assets: [{ type: 'deposit', valueYuan: 3000, description: '活期存款' }],
    rigidExpenses: [{ type: 'medical', annualYuan: '45000', description: '化疗自付', memberUid: head }],
    bank: { holderUid: head, bankName: '江西农商银行', accountNumber: '6230 9100 1234 5678 901' },
    authorisation: { signedOn: '2026-11-20', signedByUids: [head, 'sp'] },
    items: {
      dibao: { ticked: true },
      medicalAssistance: { ticked: true, memberUids: [head] },
      educationAssistance: { ticked: true, memberUids: ['kid'] },
      temporaryAssistance: { ticked: true, temporaryType: 'emergency' },
      charity: { ticked: false },
    },
  };
}

describe('the one form → ApplicationForm', () => {
  it('names members by ID number, sends fen, and passes the shared rules', () => {
    const { form, items } = formToApplication(family());
    expect(form.applicant).toEqual({ name: '张建国', idNumber: ID.head, phone: '13907971234' });
    expect(form.incomes).toEqual([{ type: 'wages', monthlyAmountFen: 120050, memberIdNumber: ID.spouse }]);
    expect(form.assets[0].valueFen).toBe(300000);
    expect(form.rigidExpenses[0]).toMatchObject({ annualAmountFen: 4500000, memberIdNumber: ID.head });
    expect(form.bankAccount).toEqual({ holderIdNumber: ID.head, holderName: '张建国', bankName: '江西农商银行', accountNumber: '6230910012345678901' });
    expect(form.authorisation.signedBy).toEqual([ID.head, ID.spouse]);
    expect(form.items).toEqual([
      { kind: 'dibao' },
      { kind: 'temporaryAssistance', temporaryAssistanceType: 'emergency' },
      { kind: 'medicalAssistance', memberIdNumber: ID.head },
      { kind: 'educationAssistance', memberIdNumber: ID.pupil },
    ]);
    expect(items.map((i) => i.kind)).toEqual(['dibao', 'temporaryAssistance', 'medicalAssistance', 'educationAssistance']);
    expect(form.members[2]).toEqual({ name: '张小明', idNumber: ID.pupil, relation: 'child', schoolStage: 'junior' });
    expect(validateApplicationForm(form, { today: '2026-11-23' })).toEqual([]);
  });

  it('puts what the shared rules refuse on the field that caused it', () => {
    const v = family();
    v.members[1].idNumber = '360731198003030021'; // wrong check digit
    v.authorisation.signedByUids = [v.members[0].uid];
    v.incomes[0].amountYuan = '12.345';
    v.items.educationAssistance = { ticked: true, memberUids: [] };
    const { form, items } = formToApplication(v);
    const fields = validateApplicationForm(form, { today: '2026-11-23' }).map((e) => applicationErrorField(e.field, items));
    expect(fields).toEqual(expect.arrayContaining([
      ['members', 1, 'idNumber'], ['incomes', 0, 'amountYuan'], ['items', 'educationAssistance', 'memberUids'],
    ]));
  });

  it('maps the server\'s paths (prefixed form.) too', () => {
    expect(applicationErrorField('form.household.regionCode')).toEqual(['household', 'regionCode']);
    expect(applicationErrorField('form.bankAccount.holderName')).toEqual(['bank', 'holderUid']);
    expect(applicationErrorField('form.authorisation.signedBy')).toEqual(['authorisation', 'signedByUids']);
    expect(applicationErrorField('form.members[0].disability.grade')).toEqual(['members', 0, 'disabilityGrade']);
    expect(applicationErrorField('form.items[1].temporaryAssistanceType', [{ kind: 'dibao' }, { kind: 'temporaryAssistance' }])).toEqual(['items', 'temporaryAssistance', 'temporaryType']);
    expect(applicationErrorField('form.members')).toBeNull();
    expect(applicationErrorField('form.items')).toBeNull();
  });

  it('starts a draft from the registry members and the items the visit chose', () => {
    const v = draftToValues({
      form: { draft: true, household: { regionCode: '360731100001', areaType: 'rural', address: '测试村' }, items: [{ kind: 'dibao', scope: 'household' }, { kind: 'medicalAssistance', scope: 'person' }] },
      members: [
        { name: '陈小芳', relation: 'spouse', idNumberMasked: '3607**********0020', personId: 2 },
        { name: '刘大伟', relation: 'head', idNumberMasked: '3607**********0015', personId: 1 },
      ],
    }, '2026-11-23');
    const head = v.members.find((m) => m.name === '刘大伟')!;
    expect(v.applicantUid).toBe(head.uid);
    expect(v.household.address).toBe('测试村');
    expect(v.items).toEqual({ dibao: { ticked: true }, medicalAssistance: { ticked: true, memberUids: [head.uid] } });
    expect(v.members.every((m) => m.idNumber === undefined && m.idNumberMasked)).toBe(true);
  });
});
