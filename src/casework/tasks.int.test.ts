// Warning → task → visit → disposition through the API, on both engines: tasks created set-based for new warnings
// with deadlines by level, township queues and bulk assignment, overdue escalation to the county and its view of
// every township, each of the seven dispositions with its effect (and the warning's status), the retried visit
// submission (one visit), region scope (another township gets 404), and the person file.
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
import { openVerificationTasks } from './tasks';
import { importFile } from '../feeds/import/import-file';
import { changeWarningStatus } from '../monitoring';
import { World } from '../monitoring/test-support';
import { insertWarning, PNG_BYTES, pickRegions, registerHousehold, userId, users, type Region } from './test-support';

describeOnEngines('casework tasks and visits', ({ db, engine }) => {
  let app: FastifyInstance;
  let s: Record<string, Session>;
  let region: Region;
  let now = new Date('2026-06-15T02:00:00Z');
  const setToday = (day: string) => { now = new Date(`${day}T02:00:00Z`); };
  const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-casework-visits-'));
  const u = (name: string) => `tsk_${engine}_${name}`;

  beforeAll(async () => {
    let ctx;
    ({ app, ctx } = await testApp(db(), () => now));
    ctx.config.fileStoreDir = fileDir;
    region = await pickRegions(db());
    s = await users(db(), app, region, `tsk_${engine}`, [
      ['dMedical', 'department', region.countyCode, 'medicalSecurity'],
      ['dEdu', 'department', region.countyCode, 'education'],
    ]);
  });
  afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));

  const inA = () => ({ village: region.villageA, township: region.townshipA, county: region.countyCode, city: region.cityCode });
  async function warnedHousehold(level: 'red' | 'yellow' | 'blue', raisedOn = '2026-06-15', where: 'A' | 'B' = 'A') {
    const h = await registerHousehold(where === 'A' ? s.tA : s.tB, where === 'A' ? region.villageA : region.villageB);
    const warningId = await insertWarning(db(), {
      level, personId: h.headPersonId, householdId: h.householdId, idNumber: h.headIdNumber, raisedOn,
      region: where === 'A' ? inA() : { village: region.villageB, township: region.townshipB, county: region.countyCode, city: region.cityCode },
    });
    return { ...h, warningId };
  }
  async function taskOf(warningId: number, who: Session = s.county) {
    const list = await who.request('GET', '/api/v1/tasks?status=active&pageSize=200');
    return list.body.items.find((t: any) => t.warning?.id === warningId);
  }
  const visit = (task: { id: number }, disposition: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) => ({
    clientId: randomUUID(), purpose: 'warningVerification', taskId: task.id, visitedOn: now.toISOString().slice(0, 10),
    visitors: [{ userId: 'u-wq', name: '王强' }, { userId: 'u-lf', name: '李芳' }],
    present: [{ name: '刘大伟', role: '户主' }],
    findings: { health: '户主患尿毒症，每周透析三次', income: '无固定收入', rigidExpenses: '透析自付约每月2000元' },
    ...(disposition && { disposition }),
    ...extra,
  });

  let red: Awaited<ReturnType<typeof warnedHousehold>>;
  let yellow: Awaited<ReturnType<typeof warnedHousehold>>;
  let blue: Awaited<ReturnType<typeof warnedHousehold>>;
  let other: Awaited<ReturnType<typeof warnedHousehold>>;

  it('a new warning becomes a verification task for its township, due by level in working days', async () => {
    red = await warnedHousehold('red');
    yellow = await warnedHousehold('yellow');
    blue = await warnedHousehold('blue');
    other = await warnedHousehold('red', '2026-06-15', 'B');
    const list = await s.tA.request('GET', '/api/v1/tasks');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.items.map((t: any) => t.level)).toEqual(['red', 'yellow', 'blue']);
    const dctx = await loadDeadlineContext(db());
    const [r, y, b] = list.body.items;
    expect(r).toMatchObject({ kind: 'warningVerification', status: 'open', startOn: '2026-06-15', dueOn: computeDeadline(dctx, 'warningVerifyRed', '2026-06-15').due, deadline: { kind: 'warningVerifyRed', amount: 3 } });
    // 2026-06-19 is the Dragon Boat Festival: the yellow limit runs past it.
    expect(r.dueOn).toBe('2026-06-18');
    expect(y.dueOn).toBe('2026-06-23');
    expect(b.dueOn).toBe(computeDeadline(dctx, 'warningVerifyBlue', '2026-06-15').due);
    expect(r).toMatchObject({ workingDaysLeft: 3, overdue: false, warning: { id: red.warningId, status: 'dispatched' }, householdId: red.householdId });
    expect(r.personIdNumberMasked).not.toBe(red.headIdNumber);
  });

  it('task creation is idempotent and set-based', async () => {
    expect(await db().transaction((tx) => openVerificationTasks(tx))).toBe(0);
    await s.tA.request('GET', '/api/v1/tasks');
    const n = await db().query<{ tasks: number; warnings: number }>(
      `select (select count(*)::int from tasks where kind = 'warningVerification') as tasks, (select count(*)::int from warnings) as warnings`);
    expect(n.rows[0].tasks).toBe(n.rows[0].warnings);
    const audit = await db().query(`select 1 from audit_log where action = 'tasks.open'`);
    expect(audit.rows.length).toBeGreaterThanOrEqual(1);
  });

  it('region scope: another township sees only its own queue and gets 404 for the rest', async () => {
    const b = await s.tB.request('GET', '/api/v1/tasks');
    expect(b.body.items.map((t: any) => t.warning.id)).toEqual([other.warningId]);
    const redTask = await taskOf(red.warningId);
    expect((await s.tB.request('GET', `/api/v1/tasks/${redTask.id}`)).status).toBe(404);
    const res = await s.tB.request('POST', '/api/v1/visits', visit(redTask, { kind: 'noHardship' }));
    expect(res.status).toBe(404);
    expect((await s.tB.request('POST', '/api/v1/tasks/assign', { tasks: [{ id: redTask.id, version: 1 }], assigneeUserId: await userId(db(), u('tB')) })).status).toBe(404);
    expect((await s.tB.request('GET', `/api/v1/households/${red.householdId}/file`)).status).toBe(404);
  });

  it('a township assigns tasks to its caseworkers in bulk; a stale version is 409', async () => {
    const people = await s.tA.request('GET', '/api/v1/tasks/assignees');
    expect(people.body.map((p: any) => p.username)).toEqual(expect.arrayContaining([u('tA'), u('tA2'), u('vA')]));
    expect(people.body.map((p: any) => p.username)).not.toContain(u('tB'));
    const r = await taskOf(red.warningId);
    const y = await taskOf(yellow.warningId);
    const vA = await userId(db(), u('vA'));
    const outside = await s.tA.request('POST', '/api/v1/tasks/assign', { tasks: [{ id: r.id, version: r.version }], assigneeUserId: await userId(db(), u('tB')) });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields[0].code).toBe('ASSIGNEE_OUT_OF_REGION');
    expect((await s.vA.request('POST', '/api/v1/tasks/assign', { tasks: [{ id: r.id, version: r.version }], assigneeUserId: vA })).status).toBe(403);
    const res = await s.tA.request('POST', '/api/v1/tasks/assign', { tasks: [{ id: r.id, version: r.version }, { id: y.id, version: y.version }], assigneeUserId: vA });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.tasks.map((t: any) => [t.status, t.assignee.username])).toEqual([['assigned', u('vA')], ['assigned', u('vA')]]);
    const stale = await s.tA.request('POST', '/api/v1/tasks/assign', { tasks: [{ id: r.id, version: r.version }], assigneeUserId: await userId(db(), u('tA2')) });
    expect(stale.status).toBe(409);
    const mine = await s.vA.request('GET', '/api/v1/tasks?assignee=me');
    expect(mine.body.items.map((t: any) => t.id).sort()).toEqual([r.id, y.id].sort());
  });

  it('an overdue task is flagged and escalated to the county, which sees every township\'s queue', async () => {
    setToday('2026-06-22');
    const county = await s.county.request('GET', '/api/v1/tasks?escalated=true');
    expect(county.status).toBe(200);
    expect(county.body.items.map((t: any) => t.warning.id).sort()).toEqual([red.warningId, other.warningId].sort());
    expect(county.body.items.every((t: any) => t.overdue && t.escalatedOn === '2026-06-22' && t.workingDaysLeft < 0)).toBe(true);
    const summary = await s.county.request('GET', '/api/v1/tasks/summary');
    expect(summary.body.groupBy).toBe('township');
    const a = summary.body.rows.find((x: any) => x.code === region.townshipA);
    const b = summary.body.rows.find((x: any) => x.code === region.townshipB);
    expect(a).toMatchObject({ open: 3, unassigned: 1, overdue: 1, escalated: 1 });
    expect(b).toMatchObject({ open: 1, overdue: 1, escalated: 1 });
    expect(summary.body.totals.overdue).toBe(2);
    const w = await db().query<{ status: string }>('select status from warnings where id = $1', [red.warningId]);
    expect(w.rows[0].status).toBe('escalated');
    // Escalation happens once.
    await s.county.request('GET', '/api/v1/tasks');
    const audit = await db().query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'tasks.escalate'`);
    expect(audit.rows[0].n).toBe(1);
  });

  it('disposition noHardship closes the task and the warning; a retry returns the first answer, never a second visit', async () => {
    const t = await taskOf(red.warningId);
    const body = visit(t, { kind: 'noHardship', note: '已康复，收入稳定' }, {
      attachments: [{ clientId: randomUUID(), fileName: '现场.png', mimeType: 'image/png', sizeBytes: PNG_BYTES.length, contentBase64: PNG_BYTES.toString('base64') }],
    });
    const [first, second] = await Promise.all([s.vA.request('POST', '/api/v1/visits', body), s.vA.request('POST', '/api/v1/visits', body)]);
    expect([first.status, second.status].sort(), JSON.stringify([first.body, second.body])).toEqual([200, 201]);
    expect(first.body).toEqual(second.body);
    const third = await s.vA.request('POST', '/api/v1/visits', body);
    expect(third.status).toBe(200);
    expect(third.body).toEqual(first.body);
    expect(first.body).toMatchObject({ task: { id: t.id, status: 'done' }, warning: { id: red.warningId, status: 'closed' }, disposition: 'noHardship' });
    expect(first.body.attachments).toHaveLength(1);
    const n = await db().query<{ n: number }>('select count(*)::int as n from visits where client_id = $1', [body.clientId]);
    expect(n.rows[0].n).toBe(1);
    // Another visit for the same task, with a new id, finds it closed.
    const again = await s.vA.request('POST', '/api/v1/visits', visit(t, { kind: 'close', reason: '重复' }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('TASK_CLOSED');
    const stored = await s.tA.request('GET', `/api/v1/visits/${first.body.visitId}`);
    expect(stored.body).toMatchObject({ visitedOn: '2026-06-22', disposition: { kind: 'noHardship' }, recordedBy: u('vA') });
    expect(stored.body.findings.health).toContain('透析');
  });

  it('a visit with too few facts is refused field by field and leaves nothing behind', async () => {
    const t = await taskOf(yellow.warningId);
    const res = await s.vA.request('POST', '/api/v1/visits', visit(t, { kind: 'referral' }, { findings: {}, present: [], visitedOn: '2026-06-23' }));
    expect(res.status).toBe(400);
    const fields = res.body.error.fields.map((f: any) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['visitedOn', 'present', 'findings', 'disposition.department', 'disposition.why']));
  });

  it('disposition close closes the warning with its reason', async () => {
    const res = await s.vA.request('POST', '/api/v1/visits', visit(await taskOf(blue.warningId), { kind: 'close', reason: '信息有误，系同名人员' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.warning.status).toBe('closed');
    const ev = await db().query<{ to_value: string; actor: string }>(`select to_value, actor from warning_events where warning_id = $1 and kind = 'status' order by id`, [blue.warningId]);
    expect(ev.rows.map((e) => e.to_value)).toEqual(['dispatched', 'verifying', 'closed']);
    expect(ev.rows[2].actor).toBe(u('vA'));
  });

  it('disposition emergencyAssistance records a payment decision due within 3 working days', async () => {
    const w = await warnedHousehold('red', '2026-06-22');
    const res = await s.tA.request('POST', '/api/v1/visits', visit(await taskOf(w.warningId), { kind: 'emergencyAssistance', amountFen: 200_000, reason: '房屋失火，生活无着' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.decision).toMatchObject({ kind: 'emergencyPayment', amountFen: 200_000, payBy: '2026-06-25' });
    expect(res.body.warning.status).toBe('closed');
    const d = await db().query<Record<string, any>>('select * from decisions where id = $1', [res.body.decision.id]);
    expect(d.rows[0]).toMatchObject({ programme: 'temporaryAssistance', household_id: w.householdId, decided_on: '2026-06-22', reason: '房屋失火，生活无着' });
  });

  let referred: Awaited<ReturnType<typeof warnedHousehold>>;

  it('disposition referral puts the family in that department\'s queue; closing it settles the warning', async () => {
    referred = await warnedHousehold('yellow', '2026-06-22');
    const res = await s.tA.request('POST', '/api/v1/visits', visit(await taskOf(referred.warningId), { kind: 'referral', department: 'medicalSecurity', why: '透析费用高，可申请医疗救助' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.referral).toMatchObject({ department: 'medicalSecurity', dueOn: '2026-06-24' });
    expect(res.body.warning.status).toBe('verifying');
    expect((await s.dEdu.request('GET', '/api/v1/referrals')).body.items).toEqual([]);
    const queue = await s.dMedical.request('GET', '/api/v1/referrals');
    expect(queue.body.items).toHaveLength(1);
    const f = queue.body.items[0];
    expect(f).toMatchObject({ why: '透析费用高，可申请医疗救助', status: 'open', allowedActions: ['accept', 'close'], headName: '刘大伟' });
    expect((await s.tA.request('POST', `/api/v1/referrals/${f.id}/actions`, { version: f.version, action: { type: 'accept' } })).status).toBe(403);
    const accepted = await s.dMedical.request('POST', `/api/v1/referrals/${f.id}/actions`, { version: f.version, action: { type: 'accept' } });
    expect(accepted.body.status).toBe('accepted');
    expect((await s.dMedical.request('POST', `/api/v1/referrals/${f.id}/actions`, { version: f.version, action: { type: 'close', result: 'x' } })).status).toBe(409);
    const closed = await s.dMedical.request('POST', `/api/v1/referrals/${f.id}/actions`, { version: accepted.body.version, action: { type: 'close', result: '已纳入医疗救助，年度限额内报销70%' } });
    expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2026-06-22' });
    const w = await db().query<{ status: string }>('select status from warnings where id = $1', [referred.warningId]);
    expect(w.rows[0].status).toBe('closed');
  });

  it('disposition countyCoordination opens a case in the county\'s own queue (一事一议)', async () => {
    const w = await warnedHousehold('red', '2026-06-22');
    const res = await s.tA.request('POST', '/api/v1/visits', visit(await taskOf(w.warningId), { kind: 'countyCoordination', summary: '户主重病、子女辍学、房屋危旧，需多部门会商' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.followUpTask).toMatchObject({ kind: 'countyCoordination' });
    const townshipView = await s.tA.request('GET', '/api/v1/tasks?kind=countyCoordination');
    expect(townshipView.body.items).toEqual([]);
    const county = await s.county.request('GET', '/api/v1/tasks?queue=county');
    const t = county.body.items.find((x: any) => x.id === res.body.followUpTask.id);
    expect(t).toMatchObject({ queueLevel: 'county', detail: '户主重病、子女辍学、房屋危旧，需多部门会商', deadline: { kind: 'countyCoordination', amount: 15 } });
    expect((await s.tA.request('POST', `/api/v1/tasks/${t.id}/resolve`, { version: t.version, outcome: 'x' })).status).toBe(404);
    const done = await s.county.request('POST', `/api/v1/tasks/${t.id}/resolve`, { version: t.version, outcome: '县联席会议决定：纳入低保并给予临时救助5000元' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe('done');
    expect((await db().query<{ status: string }>('select status from warnings where id = $1', [w.warningId])).rows[0].status).toBe('closed');
  });

  it('disposition recheck opens a re-check task for the township, closed by a re-check visit', async () => {
    const w = await warnedHousehold('blue', '2026-06-22');
    const res = await s.tA.request('POST', '/api/v1/visits', visit(await taskOf(w.warningId), { kind: 'recheck', reason: '家庭成员已就业，收入可能超过标准' }));
    expect(res.status).toBe(201);
    expect(res.body.warning.status).toBe('verifying');
    const recheck = (await s.tA.request('GET', `/api/v1/tasks/${res.body.followUpTask.id}`)).body;
    expect(recheck).toMatchObject({ kind: 'recheck', queueLevel: 'township', status: 'open', deadline: { kind: 'recheckVisit' } });
    const done = await s.tA.request('POST', '/api/v1/visits', visit(recheck, { kind: 'close', reason: '复核后收入超过低保标准，转入渐退' }, { purpose: 'recheck' }));
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.task).toEqual({ id: recheck.id, status: 'done' });
    expect((await db().query<{ status: string }>('select status from warnings where id = $1', [w.warningId])).rows[0].status).toBe('closed');
  });

  it('disposition startApplication starts a draft on the family\'s behalf, which is completed and submitted', async () => {
    const t = await taskOf(yellow.warningId);
    const res = await s.vA.request('POST', '/api/v1/visits', visit(t, { kind: 'startApplication', items: ['dibao', 'medicalAssistance'] }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.application).toMatchObject({ status: 'draft', number: expect.stringMatching(/^SQ20260622-/) });
    expect(res.body.warning.status).toBe('verifying');
    const draft = (await s.tA.request('GET', `/api/v1/applications/${res.body.application.id}`)).body;
    expect(draft).toMatchObject({ status: 'draft', origin: 'visit', householdId: yellow.householdId, items: [] });
    expect(draft.members.map((m: any) => m.name).sort()).toEqual(['刘大伟', '陈小芳']);
    // A draft is not on the public status page.
    const pub = await app.inject({ method: 'POST', url: '/api/v1/public/application-status', payload: { applicationNumber: draft.number, idNumber: yellow.headIdNumber } });
    expect(pub.statusCode).toBe(404);
    const form = {
      applicant: { name: '刘大伟', idNumber: yellow.headIdNumber, phone: '13907970000' },
      agent: { name: '李芳', phone: '13907971111', reason: '户主行动不便，村协理员代办' },
      household: { regionCode: region.villageA, areaType: 'rural', address: '测试村 1 组 8 号' },
      members: [
        { name: '刘大伟', idNumber: yellow.headIdNumber, relation: 'head', seriousIllness: true },
        { name: '陈小芳', idNumber: yellow.spouseIdNumber, relation: 'spouse' },
      ],
      incomes: [], assets: [], rigidExpenses: [{ type: 'medical', annualAmountFen: 2_400_000, description: '透析', memberIdNumber: yellow.headIdNumber }],
      bankAccount: { holderIdNumber: yellow.headIdNumber, holderName: '刘大伟', bankName: '江西农商银行', accountNumber: '622848001234567890' },
      authorisation: { signedOn: '2026-06-22', signedBy: [yellow.headIdNumber, yellow.spouseIdNumber] },
      items: [{ kind: 'dibao' }, { kind: 'medicalAssistance', memberIdNumber: yellow.headIdNumber }],
    };
    const submitted = await s.tA.request('POST', `/api/v1/applications/${draft.id}/submit`, { version: draft.version, form });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', receivedOn: '2026-06-22' });
    expect(submitted.body.items.map((i: any) => i.kind).sort()).toEqual(['dibao', 'medicalAssistance']);
    expect((await s.tA.request('POST', `/api/v1/applications/${draft.id}/submit`, { version: draft.version, form })).status).toBe(409);
    // The warning stays open (verifying) until the application's items are decided or withdrawn.
    const status = async () => (await db().query<{ status: string }>('select status from warnings where id = $1', [yellow.warningId])).rows[0].status;
    expect(await status()).toBe('verifying');
    const [dibao, medical] = ['dibao', 'medicalAssistance'].map((k) => submitted.body.items.find((i: any) => i.kind === k));
    const w1 = await s.tA.request('POST', `/api/v1/items/${dibao.id}/actions`, { version: dibao.version, action: { type: 'withdraw', reason: '家庭决定暂不申请' } });
    expect(w1.body.status).toBe('withdrawn');
    expect(await status()).toBe('verifying');
    await s.dMedical.request('POST', `/api/v1/items/${medical.id}/actions`, { version: medical.version, action: { type: 'withdraw', reason: '家庭决定暂不申请' } });
    expect(await status()).toBe('closed');
  });

  it('a warning raised by an import becomes a task at once; one closed elsewhere leaves the queue', async () => {
    const world = new World(db());
    const h = await world.household([{ birthDate: '1966-06-06', name: '赵得胜' }]);
    const id = h.persons[0].idNumber;
    const file = path.join(fileDir, 'medical.csv');
    fs.writeFileSync(file, ['身份证号,姓名,结算单号,结算日期,就诊类型,医疗机构,总费用,统筹支付,个人自付',
      `${id},赵得胜,CW-${engine}-1,2026-05-05,住院,于都县人民医院,60000,30000,30000`].join('\n') + '\n');
    const report = await importFile(db(), path.join(fileDir, 'feeds'), { feed: 'medical_settlement', path: file, actor: { userId: null, name: 'test' } });
    expect(report.status).toBe('completed');
    // Straight from the database, without listing a queue: the subscription made the task.
    const t = await db().query<Record<string, any>>(
      `select t.*, w.status as warning_status from tasks t join warnings w on w.id = t.warning_id where w.person_id = $1`, [h.persons[0].id]);
    const raised = await db().query<{ n: number }>('select count(*)::int as n from warnings where person_id = $1', [h.persons[0].id]);
    expect(raised.rows[0].n).toBeGreaterThanOrEqual(1);
    expect(t.rows).toHaveLength(raised.rows[0].n);
    for (const row of t.rows) {
      expect(row).toMatchObject({ kind: 'warningVerification', status: 'open', township_code: h.townshipCode, warning_status: 'dispatched' });
      expect(row.due_on).not.toBeNull();
    }
    await changeWarningStatus(db(), { userId: null, name: 'test' }, { userId: 0, username: 'p', role: 'province', regionCode: '360000000000', regionLevel: 1 },
      t.rows[0].warning_id, { status: 'closed', note: '核实为重复数据' });
    await s.county.request('GET', '/api/v1/tasks');
    const after = await db().query<{ status: string }>('select status from tasks where id = $1', [t.rows[0].id]);
    expect(after.rows[0].status).toBe('cancelled');
  });

  it('the person file shows warnings, tasks, visits, decisions and referrals with who did what', async () => {
    const file = await s.tA.request('GET', `/api/v1/persons/${referred.headPersonId}/file`);
    expect(file.status, JSON.stringify(file.body)).toBe(200);
    const seen = file.body.entries.map((e: any) => `${e.kind}:${e.action}`);
    expect(seen).toEqual(expect.arrayContaining(['warning:raised', 'warning:status', 'task:created', 'task:done', 'visit:warningVerification', 'referral:created', 'referral:closed']));
    const done = file.body.entries.find((e: any) => e.kind === 'task' && e.action === 'done');
    expect(done.actor).toBe(u('tA'));
    const closed = file.body.entries.find((e: any) => e.kind === 'referral' && e.action === 'closed');
    expect(closed).toMatchObject({ actor: u('dMedical'), detail: { result: '已纳入医疗救助，年度限额内报销70%' } });
    const onlyVisits = await s.tA.request('GET', `/api/v1/persons/${referred.headPersonId}/file?kinds=visit,referral`);
    expect(new Set(onlyVisits.body.entries.map((e: any) => e.kind))).toEqual(new Set(['visit', 'referral']));
    const assigned = await s.county.request('GET', `/api/v1/households/${red.householdId}/file?kinds=task`);
    // Newest first by day (created and assigned share 06-15; within a day the order follows the record times).
    const actions = assigned.body.entries.map((e: any) => e.action);
    expect(actions.slice(0, 2)).toEqual(['done', 'escalated']);
    expect(actions.slice(2).sort()).toEqual(['assigned', 'created']);
    expect(assigned.body.entries.find((e: any) => e.action === 'assigned')).toMatchObject({ actor: u('tA'), detail: { assignee: u('vA') } });
  });

  it('every change is in the audit trail, and the chain holds', async () => {
    const actions = await db().query<{ action: string }>(`select distinct action from audit_log`);
    expect(actions.rows.map((r) => r.action)).toEqual(expect.arrayContaining([
      'tasks.open', 'tasks.escalate', 'task.assign', 'task.resolve', 'visit.record', 'application.draft', 'application.submit', 'referral.accept', 'referral.close',
    ]));
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
