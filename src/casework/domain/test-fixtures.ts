// Shared test data (used only by *.test.ts): a five-member rural household in a Ganzhou county applying on one
// form. ID numbers carry valid check digits; names are invented.

import { createWorkCalendar } from '../../platform/calendar/index.js';
import type { ApplicationForm } from './application-form.js';
import { DEFAULT_DEADLINE_PARAMETERS } from './deadlines.js';

export const calendar = createWorkCalendar();
export const params = DEFAULT_DEADLINE_PARAMETERS;

export const ID = {
  head: '360731197805120015',
  spouse: '360731198003030020',
  pupil: '360731201209010038', // junior high
  student: '360731200706150045', // university, adult by 2025
  grandfather: '360731195001010057', // physical disability grade 2
  toddler: '360731202002200066',
} as const;

export function validForm(): ApplicationForm {
  return {
    applicant: { name: '张建国', idNumber: ID.head, phone: '13907971234' },
    household: { regionCode: '360731101201', areaType: 'rural', address: '江西省赣州市于都县贡江镇某村3组12号' },
    members: [
      { name: '张建国', idNumber: ID.head, relation: 'head', seriousIllness: true },
      { name: '李秀英', idNumber: ID.spouse, relation: 'spouse' },
      { name: '张小明', idNumber: ID.pupil, relation: 'child', schoolStage: 'junior' },
      { name: '张小红', idNumber: ID.student, relation: 'child', schoolStage: 'bachelor' },
      { name: '张老汉', idNumber: ID.grandfather, relation: 'parent', disability: { kind: 'physical', grade: 2 } },
    ],
    incomes: [{ type: 'wages', monthlyAmountFen: 120_000, memberIdNumber: ID.spouse }],
    assets: [{ type: 'deposit', valueFen: 300_000, description: '农村信用社活期存款' }],
    rigidExpenses: [{ type: 'medical', annualAmountFen: 4_500_000, memberIdNumber: ID.head, description: '肺癌化疗自付费用' }],
    bankAccount: { holderIdNumber: ID.head, holderName: '张建国', bankName: '江西农商银行', accountNumber: '6230910012345678901' },
    authorisation: { signedOn: '2025-01-24', signedBy: [ID.head, ID.spouse, ID.student, ID.grandfather] },
    items: [
      { kind: 'dibao' },
      { kind: 'medicalAssistance', memberIdNumber: ID.head },
      { kind: 'educationAssistance', memberIdNumber: ID.student },
      { kind: 'temporaryAssistance', temporaryAssistanceType: 'emergency' },
      { kind: 'disabilitySubsidies', memberIdNumber: ID.grandfather },
    ],
  };
}
