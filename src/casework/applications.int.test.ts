// One form, many programmes through the API, on both engines: an application with 5 items routed to 5
// departments (each sees only its own, in its own region), the 低保 procedure with an objection during publicity,
// automatic follow-on items, concurrent decisions (409), the public status page (a wrong ID number answers like a
// wrong number; guessing is throttled), region scope (another township gets 404) and the one-person file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeOnEngines } from '../../test/engines';
import { testApp, type Session } from '../../test/api-client';
import { verifyAuditChain } from '../platform/audit';
import { computeDeadline, loadDeadlineContext } from './deadline-store';
import type { ApplicationForm } from './domain';
import { applicationForm, FORM_IDS, PDF_BYTES, PNG_BYTES, pickRegions, users, type Region } from './test-support';

describeOnEngines('casework applications', ({ db, engine }) => {
  let app: FastifyInstance;
  let s: Record<string, Session>;
  let region: Region;
  let now = new Date('2026-06-15T02:00:00Z');
  const setToday = (day: string) => { now = new Date(`${day}T02:00:00Z`); };
  const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-casework-files-'));
  let householdId: number;
  let headPersonId: number;
  let spousePersonId: number;

  beforeAll(async () => {
    let ctx;
    ({ app, ctx } = await testApp(db(), () => now));
    ctx.config.fileStoreDir = fileDir;
    region = await pickRegions(db());
    s = await users(db(), app, region, `app_${engine}`, [
      ['county2', 'county', region.countyCode],
      ['dCivil', 'department', region.countyCode, 'civilAffairs'],
      ['dMedical', 'department', region.countyCode, 'medicalSecurity'],
      ['dEdu', 'department', region.countyCode, 'education'],
      ['dHousing', 'department', region.countyCode, 'housing'],
      ['dPower', 'department', region.countyCode, 'powerSupply'],
      ['dWater', 'department', region.countyCode, 'waterSupply'],
      ['dDisabled', 'department', region.countyCode, 'disabledPersonsFederation'],
      ['dMedicalOther', 'department', '360732000000', 'medicalSecurity'],
    ]);
    // The family is registered: the application is linked to its household and the people in it.
    const ID = FORM_IDS;
    const h = await s.tA.request('POST', '/api/v1/households', {
      areaType: 'rural', villageCode: region.villageA, address: '测试村 3 组 12 号',
      members: [
        { idNumber: ID.head, name: '张建国', relation: 'head', seriousIllness: '肺癌' },
        { idNumber: ID.spouse, name: '李秀英', relation: 'spouse' },
        { idNumber: ID.pupil, name: '张小明', relation: 'child', schoolStage: 'junior' },
        { idNumber: ID.student, name: '张小红', relation: 'child', schoolStage: 'bachelor' },
        { idNumber: ID.grandfather, name: '张老汉', relation: 'parent', disabilityKind: 'physical', disabilityGrade: 2 },
      ],
    });
    expect(h.status, JSON.stringify(h.body)).toBe(201);
    householdId = h.body.id;
    headPersonId = h.body.members.find((m: any) => m.relation === 'head').id;
    spousePersonId = h.body.members.find((m: any) => m.relation === 'spouse').id;
  });

  afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));

  const FIVE: ApplicationForm['items'] = [
    { kind: 'dibao' },
    { kind: 'medicalAssistance', memberIdNumber: FORM_IDS.head },
    { kind: 'educationAssistance', memberIdNumber: FORM_IDS.student },
    { kind: 'housingAssistance' },
    { kind: 'electricityWaiver' },
  ];
  let application: any;
  const item = (kind: string, member?: string) =>
    application.items.find((i: any) => i.kind === kind && (member === undefined || i.memberIdNumberMasked?.endsWith(member.slice(-4))));
  const refresh = async () => {
    application = (await s.county.request('GET', `/api/v1/applications/${application.id}`)).body;
  };
  const act = (who: Session, itemId: number, version: number, action: Record<string, unknown>) =>
    who.request('POST', `/api/v1/items/${itemId}/actions`, { version, action });

  it('refuses an invalid form field by field, and an attachment whose content is not its type', async () => {
    const bad = applicationForm(region.villageA, [{ kind: 'dibao' }]);
    const res = await s.tA.request('POST', '/api/v1/applications', { form: { ...bad, applicant: { ...bad.applicant, idNumber: '360731197805120016' } } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: any) => f.field)).toContain('form.applicant.idNumber');
    const wrongType = await s.tA.request('POST', '/api/v1/applications', {
      form: bad, attachments: [{ clientId: randomUUID(), fileName: 'x.png', mimeType: 'image/png', sizeBytes: PDF_BYTES.length, contentBase64: PDF_BYTES.toString('base64') }],
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.fields[0].code).toBe('FILE_TYPE_MISMATCH');
    const outside = await s.tA.request('POST', '/api/v1/applications', { form: applicationForm(region.villageB, [{ kind: 'dibao' }]) });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields[0].code).toBe('VILLAGE_OUT_OF_SCOPE');
    expect((await db().query<{ n: number }>('select count(*)::int as n from applications')).rows[0].n).toBe(0);
  });

  it('splits one application into 5 items routed to 5 departments, each with its deadline', async () => {
    const clientId = randomUUID();
    const res = await s.tA.request('POST', '/api/v1/applications', {
      clientId, form: applicationForm(region.villageA, FIVE),
      attachments: [{ clientId: randomUUID(), fileName: '授权书.pdf', mimeType: 'application/pdf', sizeBytes: PDF_BYTES.length, contentBase64: PDF_BYTES.toString('base64') }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    application = res.body;
    expect(application.number).toMatch(/^SQ20260615-[A-Z2-9]{8}$/);
    expect(application.householdId).toBe(householdId);
    expect(application.items.map((i: any) => i.department).sort()).toEqual(['civilAffairs', 'education', 'housing', 'medicalSecurity', 'powerSupply']);
    const dctx = await loadDeadlineContext(db());
    expect(item('dibao')).toMatchObject({ status: 'submitted', dueOn: computeDeadline(dctx, 'dibaoProcedure', '2026-06-15').due, followOn: false });
    expect(item('medicalAssistance').dueOn).toBe('2026-06-17');
    expect(JSON.stringify(application)).not.toContain(FORM_IDS.head);
    expect(application.form.bankAccount.accountNumberMasked).toBe('***************8901');
    expect(application.attachments).toHaveLength(1);
    // A retry with the same client id returns the first application.
    const again = await s.tA.request('POST', '/api/v1/applications', { clientId, form: applicationForm(region.villageA, FIVE) });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(application.id);
    expect((await db().query<{ n: number }>('select count(*)::int as n from applications')).rows[0].n).toBe(1);
  });

  it('each department sees only its own item, and only in its own region', async () => {
    const expected: [string, string][] = [['dCivil', 'dibao'], ['dMedical', 'medicalAssistance'], ['dEdu', 'educationAssistance'], ['dHousing', 'housingAssistance'], ['dPower', 'electricityWaiver']];
    for (const [who, kind] of expected) {
      const list = await s[who].request('GET', '/api/v1/items');
      expect(list.status, who).toBe(200);
      expect(list.body.items.map((i: any) => i.kind), who).toEqual([kind]);
      const view = await s[who].request('GET', `/api/v1/applications/${application.id}`);
      expect(view.body.items.map((i: any) => i.kind), who).toEqual([kind]);
    }
    expect((await s.dMedicalOther.request('GET', '/api/v1/items')).body.items).toEqual([]);
    expect((await s.dMedicalOther.request('GET', `/api/v1/items/${item('medicalAssistance').id}`)).status).toBe(404);
    expect((await s.dWater.request('GET', `/api/v1/applications/${application.id}`)).status).toBe(404);
    expect((await s.dEdu.request('GET', `/api/v1/items/${item('medicalAssistance').id}`)).status).toBe(404);
    // Civil-affairs staff of the township see all five.
    expect((await s.tA.request('GET', `/api/v1/items?applicationId=${application.id}`)).body.total).toBe(5);
  });

  it('another township gets 404 for the application, its items and its files', async () => {
    expect((await s.tB.request('GET', `/api/v1/applications/${application.id}`)).status).toBe(404);
    expect((await s.tB.request('GET', `/api/v1/items/${item('dibao').id}`)).status).toBe(404);
    expect((await act(s.tB, item('dibao').id, 1, { type: 'accept' })).status).toBe(404);
    expect((await s.tB.request('GET', `/api/v1/casework-files/${application.attachments[0].id}`)).status).toBe(404);
    const file = await app.inject({ method: 'GET', url: `/api/v1/casework-files/${application.attachments[0].id}`, headers: { cookie: s.tA.cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF_BYTES)).toBe(true);
    expect((await s.tB.request('GET', `/api/v1/persons/${headPersonId}/file`)).status).toBe(404);
  });

  it('a department works its item: accept, review, approve; others may not touch it', async () => {
    const m = item('medicalAssistance');
    expect((await act(s.tA, m.id, 1, { type: 'accept' })).status).toBe(403);
    const a = await act(s.dMedical, m.id, 1, { type: 'accept' });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body).toMatchObject({ status: 'accepted', version: 2, allowedActions: ['startReview', 'withdraw'] });
    expect((await act(s.dMedical, m.id, 1, { type: 'startReview' })).status).toBe(409);
    const illegal = await act(s.dMedical, m.id, 2, { type: 'approve' });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.code).toBe('ILLEGAL_ACTION');
    await act(s.dMedical, m.id, 2, { type: 'startReview' });
    const done = await act(s.dMedical, m.id, 3, { type: 'approve', amountFen: 300000, policyVersion: '上犹县2024' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'approved', decision: { kind: 'approval', amountFen: 300000 } });
    const h = await s.dHousing.request('POST', `/api/v1/items/${item('housingAssistance').id}/actions`, { version: 1, action: { type: 'accept' } });
    await act(s.dHousing, h.body.id, 2, { type: 'startReview' });
    const noReason = await act(s.dHousing, h.body.id, 3, { type: 'refuse', reason: ' ' });
    expect(noReason.status).toBe(400);
    const refused = await act(s.dHousing, h.body.id, 3, { type: 'refuse', reason: '家庭已有住房，不符合公租房保障条件' });
    expect(refused.body).toMatchObject({ status: 'refused', refusalReason: '家庭已有住房，不符合公租房保障条件', allowedActions: [] });
  });

  let dibaoId: number;
  let version: number;
  const step = async (who: Session, action: Record<string, unknown>, status = 200) => {
    const res = await act(who, dibaoId, version, action);
    expect(res.status, `${action.type}: ${JSON.stringify(res.body)}`).toBe(status);
    if (res.status === 200) version = res.body.version;
    return res.body;
  };

  it('低保: acceptance, then a household survey visit with two investigators feeds the procedure', async () => {
    dibaoId = item('dibao').id;
    version = item('dibao').version;
    const accepted = await step(s.tA, { type: 'accept' });
    expect(accepted.procedure.step).toBe('accepted');
    expect(accepted.procedure.openDeadlines.map((d: any) => d.what)).toEqual(['surveyStart', 'procedure']);
    expect(accepted.procedure.openDeadlines[0].due).toBe('2026-06-18');
    setToday('2026-06-16');
    const visit = {
      clientId: randomUUID(), purpose: 'householdSurvey', applicationId: application.id, visitedOn: '2026-06-16',
      visitors: [{ userId: 'u1', name: '王强' }, { userId: 'u2', name: '李芳' }],
      present: [{ name: '张建国', role: '户主' }],
      findings: { livingConditions: '家中两间平房', housing: '自建房，年久失修', income: '配偶务工月收入约1200元', assets: '存款3000元', members: '5人共同生活' },
      surveyFormSigned: true,
      attachments: [{ clientId: randomUUID(), fileName: '调查表.png', mimeType: 'image/png', sizeBytes: PNG_BYTES.length, contentBase64: PNG_BYTES.toString('base64') }],
    };
    const one = await s.vA.request('POST', '/api/v1/visits', { ...visit, visitors: [visit.visitors[0]] });
    expect(one.status).toBe(400);
    expect(one.body.error.fields.map((f: any) => f.field)).toContain('visitors');
    const res = await s.vA.request('POST', '/api/v1/visits', visit);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.procedure).toEqual({ itemId: dibaoId, step: 'economic_check' });
    const after = (await s.tA.request('GET', `/api/v1/items/${dibaoId}`)).body;
    expect(after.procedure.investigators).toEqual(['王强', '李芳']);
    expect(after.history.map((h: any) => h.action)).toEqual(['submit', 'accept', 'startSurvey', 'completeSurvey']);
    version = after.version;
  });

  it('低保: an objection during publicity leads to a community review and a new publicity round', async () => {
    setToday('2026-06-17');
    await step(s.tA, { type: 'completeEconomicCheck', reportId: 'HD-2026-0617-001' });
    const pub = await step(s.tA, { type: 'startPublicity' });
    expect(pub.procedure.publicity).toMatchObject({ startedOn: '2026-06-17', endsOn: '2026-06-24', objections: [] });
    setToday('2026-06-18');
    const obj = await step(s.tA, { type: 'recordObjection', summary: '村民反映其子女在外地有稳定工作' });
    expect(obj.procedure.publicity.objections).toEqual([{ receivedOn: '2026-06-18', summary: '村民反映其子女在外地有稳定工作' }]);
    const noFollowUp = await step(s.tA, { type: 'closePublicity' }, 400);
    expect(noFollowUp.error.fields[0].code).toBe('FOLLOW_UP_REQUIRED');
    await step(s.tA, { type: 'closePublicity', followUp: { kind: 'community_review' } });
    setToday('2026-06-22');
    const reviewed = await step(s.tA, { type: 'completeCommunityReview', summary: '民主评议：子女就读大学，无稳定收入，异议不成立' });
    expect(reviewed.procedure.step).toBe('first_opinion');
    const second = await step(s.tA, { type: 'startPublicity' });
    expect(second.procedure).toMatchObject({ publicityRounds: 2, publicity: { startedOn: '2026-06-22', endsOn: '2026-06-29' } });
    const early = await step(s.tA, { type: 'closePublicity' }, 400);
    expect(early.error.fields[0].code).toBe('PUBLICITY_NOT_ENDED');
    setToday('2026-06-30');
    const confirmed = await step(s.tA, { type: 'closePublicity' });
    expect(confirmed).toMatchObject({ status: 'in_review', procedure: { step: 'confirmation' } });
    expect(confirmed.allowedActions).toEqual(['withdraw']);
  });

  it('two reviewers deciding at once: one approves, the other gets 409', async () => {
    expect((await act(s.tA, dibaoId, version, { type: 'approve', amountFenPerMonth: 150000, policyVersion: 'p' })).status).toBe(403);
    const decide = (who: Session) => act(who, dibaoId, version, { type: 'approve', amountFenPerMonth: 156000, policyVersion: '赣州市2024年低保标准' });
    const results = await Promise.all([decide(s.county), decide(s.county2)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body;
    expect(winner).toMatchObject({
      status: 'approved', procedure: { step: 'approved' },
      decision: { kind: 'approval', amountFenPerMonth: 156000, startMonth: '2026-07', decidedOn: '2026-06-30', policyVersion: '赣州市2024年低保标准' },
    });
    expect((await db().query<{ n: number }>(`select count(*)::int as n from decisions where item_id = $1`, [dibaoId])).rows[0].n).toBe(1);
  });

  it('approving 低保 starts the follow-on items, marked as such, in their departments\' queues', async () => {
    await refresh();
    const follow = application.items.filter((i: any) => i.followOn);
    expect(follow.every((i: any) => i.sourceItemId === dibaoId && i.receivedOn === '2026-06-30' && i.status === 'submitted')).toBe(true);
    const summary = follow.map((i: any) => i.kind).sort();
    // Electricity, medical for the head and education for the student were asked for already: not started twice.
    expect(summary).toEqual(['disabilitySubsidies', 'educationAssistance', 'medicalAssistance', 'medicalAssistance', 'medicalAssistance', 'medicalAssistance', 'waterWaiver']);
    expect((await s.dWater.request('GET', '/api/v1/items')).body.items.map((i: any) => i.kind)).toEqual(['waterWaiver']);
    // Disability subsidies wait for 残联's review first, then civil affairs decides.
    const dis = (await s.dDisabled.request('GET', '/api/v1/items')).body.items[0];
    expect(dis).toMatchObject({ kind: 'disabilitySubsidies', department: 'civilAffairs', queueDepartment: 'disabledPersonsFederation', allowedActions: ['accept', 'withdraw'] });
    const accepted = await act(s.dDisabled, dis.id, dis.version, { type: 'accept' });
    const reviewed = await act(s.dDisabled, dis.id, accepted.body.version, { type: 'review', opinion: 'support', note: '残疾等级二级，符合条件' });
    expect(reviewed.body).toMatchObject({ status: 'in_review', queueDepartment: 'civilAffairs' });
    expect(reviewed.body.allowedActions).toEqual([]);
    expect((await s.county.request('GET', `/api/v1/items/${dis.id}`)).body.allowedActions).toEqual(['approve', 'refuse', 'withdraw']);
    // The registry household is now a 低保 household from the first month paid.
    const h = await s.tA.request('GET', `/api/v1/households/${householdId}`);
    expect(h.body.categories).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'dibao', fromDate: '2026-07-01', reason: expect.stringContaining(application.number) })]));
  });

  it('the public status page shows each item\'s status and deadline, nothing else, without login', async () => {
    const ask = (body: unknown, ip = '10.0.0.1') => app.inject({ method: 'POST', url: '/api/v1/public/application-status', payload: body as never, remoteAddress: ip });
    const ok = await ask({ applicationNumber: application.number.toLowerCase(), idNumber: FORM_IDS.spouse });
    expect(ok.statusCode).toBe(200);
    const body = ok.json();
    expect(Object.keys(body)).toEqual(['items']);
    expect(body.items).toHaveLength(application.items.length);
    for (const i of body.items) expect(Object.keys(i).sort()).toEqual(['dueOn', 'kind', 'name', 'status', 'statusLabel']);
    expect(body.items.find((i: any) => i.kind === 'dibao')).toMatchObject({ status: 'approved', statusLabel: { zh: '已批准' } });
    expect(ok.body).not.toContain('张建国');
    const wrongId = await ask({ applicationNumber: application.number, idNumber: '360731199001010018' });
    const wrongNumber = await ask({ applicationNumber: 'SQ20260615-AAAAAAAA', idNumber: FORM_IDS.head });
    const malformed = await ask({ applicationNumber: application.number, idNumber: '12345' });
    expect(wrongId.statusCode).toBe(404);
    expect(wrongId.body).toBe(wrongNumber.body);
    expect(malformed.body).toBe(wrongNumber.body);
    // Guessing one number from many addresses is throttled per number, then even the right ID is refused.
    for (let i = 0; i < 3; i++) await ask({ applicationNumber: application.number, idNumber: `36073119900101${String(100 + i)}8` }, `10.0.1.${i}`);
    const blocked = await ask({ applicationNumber: application.number, idNumber: FORM_IDS.head }, '10.0.2.1');
    expect(blocked.statusCode).toBe(429);
    const stored = await db().query<{ n: number }>('select count(*)::int as n from public_status_attempts where application_number = $1', [application.number]);
    expect(stored.rows[0].n).toBeGreaterThanOrEqual(6);
  });

  it('the person file is a timeline of the records themselves, newest first, filterable by kind', async () => {
    const file = await s.tA.request('GET', `/api/v1/persons/${headPersonId}/file`);
    expect(file.status, JSON.stringify(file.body)).toBe(200);
    const kinds = new Set(file.body.entries.map((e: any) => e.kind));
    for (const k of ['category', 'visit', 'application', 'item', 'decision']) expect(kinds, k).toContain(k);
    const days = file.body.entries.map((e: any) => e.on);
    expect([...days].sort().reverse()).toEqual(days);
    const approval = file.body.entries.find((e: any) => e.kind === 'decision' && e.detail.programme === 'dibao');
    expect(approval).toMatchObject({ action: 'approval', on: '2026-06-30', detail: { amountFenPerMonth: 156000, startMonth: '2026-07' } });
    expect(approval.actor).toBeTruthy();
    const accept = file.body.entries.find((e: any) => e.kind === 'item' && e.action === 'accept' && e.detail.itemKind === 'dibao');
    expect(accept.actor).toBe(`app_${engine}_tA`);
    // The spouse's file has the household's items and her own, not the head's own medical assistance.
    const spouse = await s.tA.request('GET', `/api/v1/persons/${spousePersonId}/file?kinds=item`);
    const medical = spouse.body.entries.filter((e: any) => e.detail.itemKind === 'medicalAssistance');
    expect(medical.length).toBeGreaterThan(0);
    expect(medical.every((e: any) => e.detail.followOn)).toBe(true);
    expect(spouse.body.entries.every((e: any) => e.kind === 'item')).toBe(true);
    const decisions = await s.county.request('GET', `/api/v1/households/${householdId}/file?kinds=decision`);
    expect(decisions.body.entries.map((e: any) => e.detail.programme).sort()).toEqual(['dibao', 'housingAssistance', 'medicalAssistance']);
    expect((await s.tA.request('GET', `/api/v1/persons/${headPersonId}/file?kinds=nonsense`)).status).toBe(400);
  });

  it('every change is in the audit trail, and the chain holds', async () => {
    const actions = await db().query<{ action: string }>(`select distinct action from audit_log where entity in ('application', 'application_item', 'visit')`);
    expect(actions.rows.map((r) => r.action)).toEqual(expect.arrayContaining([
      'application.submit', 'item.accept', 'item.survey', 'item.startPublicity', 'item.recordObjection', 'item.closePublicity', 'item.approve', 'item.refuse', 'visit.record',
    ]));
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
