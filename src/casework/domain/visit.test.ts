import { describe, expect, it } from 'vitest';
import { isUuid, validateDisposition, validateVisitRecord, type VisitRecord } from './visit.js';

const today = '2025-03-12';

function verification(): VisitRecord {
  return {
    clientId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    purpose: 'warningVerification',
    warningId: 'W-2025-000123',
    visitedOn: '2025-03-11',
    visitors: [{ userId: 'u-township-01', name: '刘助理' }],
    present: [{ name: '张建国', role: '户主' }],
    findings: { health: '户主肺癌化疗中，无法务工', needs: '医疗费用和子女学费' },
    attachments: [{ clientId: '7d444840-9dc0-11d1-b245-5ffdce74fad2', fileName: 'house.jpg', mimeType: 'image/jpeg', sizeBytes: 2_400_000 }],
    disposition: { kind: 'startApplication', items: ['dibao', 'medicalAssistance'] },
  };
}

function survey(): VisitRecord {
  return {
    ...verification(),
    purpose: 'householdSurvey',
    applicationId: 'APP-2025-0001',
    visitors: [{ userId: 'u-inv-1', name: '调查员甲' }, { userId: 'u-inv-2', name: '调查员乙' }],
    findings: { livingConditions: '三间土木结构平房', housing: '自有住房，无其他房产', income: '配偶务工月收入约1200元', assets: '存款3000元，无车辆' },
    surveyFormSigned: true,
    disposition: undefined,
  };
}

const codes = (v: VisitRecord) => validateVisitRecord(v, { today }).map((e) => `${e.field}:${e.code}`);

describe('visit record', () => {
  it('accepts a complete warning verification and a complete household survey', () => {
    expect(validateVisitRecord(verification(), { today })).toEqual([]);
    expect(validateVisitRecord(survey(), { today })).toEqual([]);
  });

  it('needs a UUID generated on the tablet', () => {
    expect(isUuid('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    expect(codes({ ...verification(), clientId: '' })).toEqual(['clientId:invalid_uuid']);
    expect(codes({ ...verification(), clientId: 'visit-1' })).toEqual(['clientId:invalid_uuid']);
  });

  it('needs a valid visit date, not in the future', () => {
    expect(codes({ ...verification(), visitedOn: '2025-03-13' })).toEqual(['visitedOn:future_date']);
    expect(validateVisitRecord({ ...verification(), visitedOn: '11/03/2025' }, { today })).toEqual([
      { field: 'visitedOn', code: 'invalid_date', zh: '请填写走访日期', en: 'Visit date is required (YYYY-MM-DD)' },
    ]);
  });

  it('needs two distinct investigators, the four survey sections and a signed form for a household survey', () => {
    const one = { ...survey(), visitors: [survey().visitors[0]!, survey().visitors[0]!] };
    expect(validateVisitRecord(one, { today })).toEqual([
      { field: 'visitors', code: 'too_few_visitors', zh: '入户调查须有2名以上调查人员', en: 'A household survey needs at least 2 investigators' },
    ]);
    expect(codes({ ...survey(), findings: { livingConditions: '一般', income: ' ' }, surveyFormSigned: false })).toEqual([
      'findings.housing:required',
      'findings.income:required',
      'findings.assets:required',
      'surveyFormSigned:required',
    ]);
    expect(codes({ ...survey(), applicationId: undefined })).toEqual(['applicationId:required']);
  });

  it('records who was present', () => {
    expect(codes({ ...verification(), present: [] })).toEqual(['present:required']);
    expect(codes({ ...verification(), present: [{ name: '王某', role: '' }] })).toEqual(['present[0].role:required']);
  });

  it('needs some findings, in known sections', () => {
    expect(codes({ ...verification(), findings: {} })).toEqual(['findings:required']);
    expect(codes({ ...verification(), findings: { health: '良好', mood: '乐观' } as never })).toEqual(['findings.mood:unknown_section']);
  });

  it('limits attachments by type, size and count', () => {
    const a = verification().attachments[0]!;
    const uuid = (n: number) => `7d444840-9dc0-41d1-b245-5ffdce74f${String(n).padStart(3, '0')}`;
    expect(codes({ ...verification(), attachments: [{ ...a, mimeType: 'application/x-msdownload' }] })).toEqual(['attachments[0].mimeType:file_type_not_allowed']);
    expect(codes({ ...verification(), attachments: [{ ...a, sizeBytes: 11 * 1024 * 1024 }] })).toEqual(['attachments[0].sizeBytes:file_too_large']);
    expect(codes({ ...verification(), attachments: [{ ...a, sizeBytes: 0 }, { ...a }] })).toEqual([
      'attachments[0].sizeBytes:invalid_size',
      'attachments[1].clientId:duplicate_attachment',
    ]);
    const many = Array.from({ length: 21 }, (_, i) => ({ ...a, clientId: uuid(i), sizeBytes: 1000 }));
    expect(codes({ ...verification(), attachments: many })).toEqual(['attachments:too_many_files']);
    const big = Array.from({ length: 6 }, (_, i) => ({ ...a, clientId: uuid(i), sizeBytes: 9 * 1024 * 1024 }));
    expect(codes({ ...verification(), attachments: big })).toEqual(['attachments:total_too_large']);
    const tight = { maxCount: 1, maxFileBytes: 100, maxTotalBytes: 100, allowedTypes: ['image/jpeg'] };
    expect(validateVisitRecord({ ...verification() }, { today, limits: tight }).map((e) => e.code)).toEqual(['file_too_large', 'total_too_large']);
  });

  it('requires a disposition except on a household survey', () => {
    expect(codes({ ...verification(), disposition: undefined })).toEqual(['disposition.kind:required']);
    expect(codes({ ...survey(), disposition: { kind: 'recheck', reason: '' } })).toEqual(['disposition.reason:required']);
  });
});

describe('dispositions (国办发〔2023〕39号 four ways, plus none)', () => {
  it('accepts each well-formed disposition', () => {
    expect(validateDisposition({ kind: 'startApplication', items: ['dibao'] })).toEqual([]);
    expect(validateDisposition({ kind: 'emergencyAssistance', amountFen: 200_000, reason: '房屋失火' })).toEqual([]);
    expect(validateDisposition({ kind: 'referral', department: 'medicalSecurity', why: '大病医疗费用高' })).toEqual([]);
    expect(validateDisposition({ kind: 'countyCoordination', summary: '多部门政策均不覆盖，需一事一议' })).toEqual([]);
    expect(validateDisposition({ kind: 'recheck', reason: '子女已参加职工社保12个月' })).toEqual([]);
    expect(validateDisposition({ kind: 'close', reason: '已迁出本县' })).toEqual([]);
    expect(validateDisposition({ kind: 'noHardship' })).toEqual([]);
  });

  it('says what is missing', () => {
    const fields = (d: Parameters<typeof validateDisposition>[0]) => validateDisposition(d).map((e) => `${e.field}:${e.code}`);
    expect(fields({ kind: 'startApplication', items: [] })).toEqual(['disposition.items:required']);
    expect(fields({ kind: 'startApplication', items: ['lottery' as never] })).toEqual(['disposition.items[0]:invalid_choice']);
    expect(fields({ kind: 'emergencyAssistance', amountFen: 1500.5, reason: '' })).toEqual(['disposition.amountFen:invalid_amount', 'disposition.reason:required']);
    expect(fields({ kind: 'referral', department: 'police' as never, why: '' })).toEqual(['disposition.department:invalid_choice', 'disposition.why:required']);
    expect(fields({ kind: 'countyCoordination', summary: '' })).toEqual(['disposition.summary:required']);
    expect(fields({ kind: 'close', reason: '' })).toEqual(['disposition.reason:required']);
    expect(fields({ kind: 'unknown' } as never)).toEqual(['disposition.kind:required']);
  });
});
