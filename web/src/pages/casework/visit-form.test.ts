import { describe, expect, it } from 'vitest';
import { validateVisitRecord, type VisitRecord } from '../../../../src/casework/domain/visit';
import type { VisitBody } from '../../api/casework';
import { emptyVisitForm, purposeFor, visitBody, visitErrorField, type VisitFormValues } from './visit-form';

const me = { username: 'township_a', displayName: '王强' };
const clientId = '0b8f5a52-93b5-4a52-9d4e-3f8c2a1d7e61';
/** The record the shared rules check, as the server builds it from the submission. */
const record = (b: VisitBody) => ({ ...b, taskId: undefined, warningId: 'task:7', attachments: b.attachments ?? [] }) as unknown as VisitRecord;

function filled(patch: Partial<VisitFormValues> = {}): VisitFormValues {
  return {
    ...emptyVisitForm('2026-11-23', me, { personName: '刘大伟' }),
    present: [{ name: '刘大伟', role: '户主' }, { name: '', role: '' }],
    visitors: [{ name: '王强', userId: 'township_a' }, { name: ' 李芳 ' }, { name: '' }],
    findings: { health: ' 尿毒症，每周透析三次 ', income: '', housing: '土坯房' },
    disposition: { kind: 'emergencyAssistance', amountYuan: '1,500.00', reason: ' 透析费用无力支付 ' },
    ...patch,
  };
}

describe('visit form → POST /visits', () => {
  it('sends trimmed findings, named visitors and the amount in fen', () => {
    const body = visitBody(filled(), { clientId, purpose: 'warningVerification', taskId: 7 });
    expect(body).toEqual({
      clientId, purpose: 'warningVerification', taskId: 7, visitedOn: '2026-11-23',
      visitors: [{ userId: 'township_a', name: '王强' }, { userId: 'name:李芳', name: '李芳' }],
      present: [{ name: '刘大伟', role: '户主' }],
      findings: { health: '尿毒症，每周透析三次', housing: '土坯房' },
      disposition: { kind: 'emergencyAssistance', amountFen: 150000, reason: '透析费用无力支付' },
    });
  });

  it('is what the shared rules accept, and what they refuse lands on the right fields', () => {
    const ok = visitBody(filled(), { clientId, purpose: 'warningVerification', taskId: 7 });
    expect(validateVisitRecord(record(ok), { today: '2026-11-23' })).toEqual([]);
    const bad = visitBody(filled({ findings: {}, present: [], disposition: { kind: 'emergencyAssistance', amountYuan: 'abc', reason: '' } }),
      { clientId, purpose: 'warningVerification', taskId: 7 });
    const fields = validateVisitRecord(record(bad), { today: '2026-11-23' }).map((e) => visitErrorField(e.field));
    expect(fields).toEqual(expect.arrayContaining([['present', 0, 'name'], ['findings', 'members'], ['disposition', 'amountYuan'], ['disposition', 'reason']]));
  });

  it('sends each disposition with its own payload only', () => {
    const d = (disposition: VisitFormValues['disposition']) => visitBody(filled({ disposition }), { clientId, purpose: 'recheck', taskId: 1 }).disposition;
    expect(d({ kind: 'startApplication', items: ['dibao', 'medicalAssistance'], reason: 'x' })).toEqual({ kind: 'startApplication', items: ['dibao', 'medicalAssistance'] });
    expect(d({ kind: 'referral', department: 'medicalSecurity', why: '医疗救助' })).toEqual({ kind: 'referral', department: 'medicalSecurity', why: '医疗救助' });
    expect(d({ kind: 'countyCoordination', summary: '多部门会商' })).toEqual({ kind: 'countyCoordination', summary: '多部门会商' });
    expect(d({ kind: 'close', reason: '同名人员' })).toEqual({ kind: 'close', reason: '同名人员' });
    expect(d({ kind: 'noHardship', note: '' })).toEqual({ kind: 'noHardship' });
    expect(d({})).toBeUndefined();
  });

  it('picks the purpose that closes the task', () => {
    expect(purposeFor({ kind: 'warningVerification' })).toBe('warningVerification');
    expect(purposeFor({ kind: 'recheck' })).toBe('recheck');
    expect(purposeFor({ kind: 'countyCoordination' })).toBe('followUp');
  });

  it('maps server error paths to form fields, or above the form', () => {
    expect(visitErrorField('visitors')).toEqual(['visitors', 0, 'name']);
    expect(visitErrorField('present[1].role')).toEqual(['present', 1, 'role']);
    expect(visitErrorField('findings.health')).toEqual(['findings', 'health']);
    expect(visitErrorField('attachments[0].mimeType')).toEqual(['attachments']);
    expect(visitErrorField('disposition.items[2]')).toEqual(['disposition', 'items']);
    expect(visitErrorField('taskId')).toBeNull();
  });
});
