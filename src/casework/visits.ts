// The home visit (入户核实 / 入户调查) as one self-contained submission from a tablet: findings, who visited and
// who was present, photos and documents, and the disposition, with the UUID the tablet generated. A retry after a
// lost connection finds the first visit by that UUID and gets its first answer back, never a second visit.
// The disposition does its work in the same transaction: a draft application, an emergency payment decision, a
// referral to a department's queue, a county coordination task, a re-check task — and the task is closed and its
// warning moves on (verifying while follow-ups run, closed when nothing is left).
import type { Database, Tx } from '../platform/db';
import { isDatabaseError, UNIQUE_VIOLATION } from '../platform/db';
import type { Caller } from '../platform/http/request-context';
import { appendAudit } from '../platform/audit';
import { AppError, fieldError, notFound, validationFailed } from '../platform/errors';
import {
  applyDibaoAction,
  DISPOSITION_LABELS,
  itemStatusOfDibaoStep,
  validateVisitRecord,
  type DibaoCase,
  type ItemKind,
  type VisitDisposition,
  type VisitPurpose,
  type VisitRecord,
} from './domain';
import { fromDomainErrors, iso, scopeCondition, type Queryable } from './common';
import { computeDeadline, dueOrNull, loadDeadlineContext, type DeadlineContext } from './deadline-store';
import { decodeAttachments, storeAttachment, type AttachmentUpload } from './files';
import { createDraftApplication, findApplicationInScope } from './applications';
import { createReferral } from './referrals';
import { openVerificationTasks, setWarningStatus, settleWarnings } from './tasks';

export interface VisitInput {
  clientId: string;
  purpose: VisitPurpose;
  taskId?: number;
  warningId?: number;
  applicationId?: number;
  householdId?: number;
  visitedOn: string;
  visitors: { userId: string; name: string }[];
  present: { name: string; role: string }[];
  findings: Record<string, string>;
  surveyFormSigned?: boolean;
  attachments?: AttachmentUpload[];
  disposition?: VisitDisposition;
}

/** The answer to a visit submission; stored with the visit and given again, unchanged, to every retry. */
export interface VisitAnswer {
  visitId: number;
  clientId: string;
  visitedOn: string;
  purpose: string;
  disposition: string | null;
  task: { id: number; status: string } | null;
  warning: { id: number; status: string } | null;
  application: { id: number; number: string; status: string } | null;
  decision: { id: number; kind: string; amountFen: number; payBy: string | null } | null;
  referral: { id: number; department: string; dueOn: string | null } | null;
  followUpTask: { id: number; kind: string; dueOn: string | null } | null;
  procedure: { itemId: number; step: string } | { itemId: number; error: string } | null;
  attachments: { id: number; fileName: string; sha256: string }[];
}

interface Target {
  task: Record<string, any> | null;
  householdId: number | null;
  personId: number | null;
  warningId: number | null;
  applicationId: number | null;
  region: { village_code: string | null; township_code: string; county_code: string; city_code: string };
}

/** A verification visit closes its warning's task, a re-check visit its re-check task; other visits only link. */
function closesTask(task: Record<string, any>, purpose: VisitPurpose): boolean {
  return (task.kind === 'warningVerification' && purpose === 'warningVerification') || (task.kind === 'recheck' && purpose === 'recheck');
}

async function stored(q: Queryable, caller: Caller, clientId: string): Promise<VisitAnswer | null> {
  const params: unknown[] = [clientId];
  const r = await q.query<{ response: VisitAnswer | null; id: number }>(`select v.id, v.response from visits v where v.client_id = $1`, params);
  if (!r.rows[0]) return null;
  const scoped = [r.rows[0].id];
  const visible = await q.query(`select 1 from visits v where v.id = $1 and ${scopeCondition(caller.scope, 'v', scoped)}`, scoped);
  // Someone else's visit under that UUID: the caller may not learn anything about it.
  if (!visible.rows.length || !r.rows[0].response) throw notFound('走访记录', 'Visit');
  return r.rows[0].response;
}

async function resolveTarget(tx: Tx, caller: Caller, input: VisitInput): Promise<Target> {
  let task: Record<string, any> | null = null;
  if (input.taskId !== undefined || (input.purpose === 'warningVerification' && input.warningId !== undefined)) {
    const params: unknown[] = [];
    let where: string;
    if (input.taskId !== undefined) {
      params.push(input.taskId);
      where = 't.id = $1';
    } else {
      // A tablet that knew only the warning: make sure its task exists.
      await openVerificationTasks(tx);
      params.push(input.warningId);
      where = `t.warning_id = $1 and t.kind = 'warningVerification'`;
    }
    const r = await tx.query<Record<string, any>>(`select t.* from tasks t where ${where} and ${scopeCondition(caller.scope, 't', params)} for update`, params);
    task = r.rows[0] ?? null;
    if (!task) throw notFound('任务', 'Task');
    if (input.warningId !== undefined && task.warning_id !== input.warningId) {
      throw validationFailed([fieldError('warningId', 'WARNING_MISMATCH', '预警与任务不对应', 'The warning is not the task\'s warning')]);
    }
    return {
      task, householdId: task.household_id, personId: task.person_id, warningId: task.warning_id, applicationId: input.applicationId ?? null,
      region: { village_code: task.village_code, township_code: task.township_code, county_code: task.county_code, city_code: task.city_code },
    };
  }
  if (input.applicationId !== undefined) {
    const app = await findApplicationInScope(tx, caller, input.applicationId);
    return {
      task: null, householdId: app.household_id, personId: app.applicant_person_id, warningId: null, applicationId: app.id,
      region: { village_code: app.village_code, township_code: app.township_code, county_code: app.county_code, city_code: app.city_code },
    };
  }
  if (input.householdId !== undefined) {
    const params: unknown[] = [input.householdId];
    const r = await tx.query<Record<string, any>>(`select h.* from households h where h.id = $1 and ${scopeCondition(caller.scope, 'h', params)}`, params);
    const h = r.rows[0];
    if (!h) throw notFound('家庭', 'Household');
    return {
      task: null, householdId: h.id, personId: null, warningId: null, applicationId: null,
      region: { village_code: h.village_code, township_code: h.township_code, county_code: h.county_code, city_code: h.city_code },
    };
  }
  throw validationFailed([fieldError('taskId', 'TARGET_REQUIRED', '请关联任务、申请或家庭', 'Name the task, the application or the household visited')]);
}

/** A household survey feeds its application's 低保 procedure: the survey starts and completes on the visit day. */
async function feedSurvey(tx: Tx, caller: Caller, applicationId: number, input: VisitInput, dctx: DeadlineContext): Promise<VisitAnswer['procedure']> {
  const r = await tx.query<{ id: number; procedure: DibaoCase | null; status: string; version: number; village_code: string }>(
    `select id, procedure, status, version, village_code from application_items where application_id = $1 and kind = 'dibao' for update`, [applicationId]);
  const item = r.rows[0];
  if (!item || !item.procedure) return null;
  let c = item.procedure;
  const investigators = input.visitors.map((v) => v.name);
  const steps = [];
  if (c.step === 'accepted') steps.push({ type: 'startSurvey' as const, on: input.visitedOn, investigators });
  if (c.step === 'accepted' || c.step === 'household_survey') steps.push({ type: 'completeSurvey' as const, on: input.visitedOn, surveyFormSigned: input.surveyFormSigned === true });
  if (!steps.length) return { itemId: item.id, error: `procedure is at ${c.step}` };
  const from = c.step;
  for (const step of steps) {
    const res = applyDibaoAction(c, step, dctx);
    if (!res.ok) return { itemId: item.id, error: res.error.en };
    c = res.value;
  }
  const status = itemStatusOfDibaoStep(c.step);
  await tx.query(`update application_items set procedure = $2::jsonb, step = $3, status = $4, version = version + 1, updated_at = now() where id = $1`,
    [item.id, JSON.stringify(c), c.step, status]);
  for (const step of steps) {
    await tx.query(
      `insert into item_events (item_id, action, from_status, to_status, from_step, to_step, on_date, note, actor_user_id, actor_name)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [item.id, step.type, item.status, status, from, c.step, input.visitedOn, `入户调查记录 ${input.clientId}`, caller.user.id, caller.user.username]);
  }
  await appendAudit(tx, caller.actor, {
    action: 'item.survey', entity: 'application_item', entityId: item.id, regionCode: item.village_code,
    before: { step: from, version: item.version }, after: { step: c.step, investigators, visit: input.clientId },
  });
  return { itemId: item.id, step: c.step };
}

async function dispose(tx: Tx, caller: Caller, d: VisitDisposition, visitId: number, target: Target, input: VisitInput, today: string, dctx: DeadlineContext, answer: VisitAnswer) {
  switch (d.kind) {
    case 'startApplication': {
      if (target.householdId === null) {
        throw validationFailed([fieldError('disposition', 'HOUSEHOLD_REQUIRED', '该对象尚未登记家庭，请先登记再代为申请', 'Register the household before applying on its behalf')]);
      }
      const app = await createDraftApplication(tx, caller, { householdId: target.householdId, items: d.items as ItemKind[], visitId, today });
      answer.application = { id: app.id, number: app.number, status: app.status };
      return;
    }
    case 'emergencyAssistance': {
      const due = computeDeadline(dctx, 'emergencyAssistancePayment', input.visitedOn);
      const r = await tx.query<{ id: number }>(
        `insert into decisions (kind, programme, visit_id, household_id, person_id, village_code, township_code, county_code, city_code,
           amount_fen, decided_on, decided_by_user_id, decided_by_name, reason, pay_by)
         values ('emergencyPayment', 'temporaryAssistance', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
        [visitId, target.householdId, target.personId, target.region.village_code, target.region.township_code, target.region.county_code,
          target.region.city_code, d.amountFen, input.visitedOn, caller.user.id, caller.user.display_name, d.reason.trim(), dueOrNull(due.due)]);
      answer.decision = { id: r.rows[0].id, kind: 'emergencyPayment', amountFen: d.amountFen, payBy: dueOrNull(due.due) };
      return;
    }
    case 'referral': {
      const id = await createReferral(tx, caller, dctx, {
        department: d.department, why: d.why, visitId, taskId: target.task?.id ?? null, householdId: target.householdId, personId: target.personId,
        region: target.region, today,
      });
      const r = await tx.query<{ due_on: string | null }>('select due_on from referrals where id = $1', [id]);
      answer.referral = { id, department: d.department, dueOn: r.rows[0].due_on };
      return;
    }
    case 'countyCoordination':
    case 'recheck': {
      const kind = d.kind === 'recheck' ? 'recheck' : 'countyCoordination';
      const deadline = computeDeadline(dctx, d.kind === 'recheck' ? 'recheckVisit' : 'countyCoordination', today);
      const text = d.kind === 'recheck' ? d.reason : d.summary;
      const r = await tx.query<{ id: number }>(
        `insert into tasks (kind, queue_level, origin_visit_id, household_id, person_id, level, title, detail, village_code, township_code, county_code, city_code,
           deadline_kind, start_on, due_on, deadline_amount, deadline_unit, deadline_effective_from, deadline_source)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) returning id`,
        [kind, kind === 'recheck' ? 'township' : 'county', visitId, target.householdId, target.personId, target.task?.level ?? null,
          kind === 'recheck' ? '复核：可能不再符合条件' : '县级统筹（一事一议）', text.trim(), target.region.village_code, target.region.township_code,
          target.region.county_code, target.region.city_code, deadline.kind, today, dueOrNull(deadline.due), deadline.amount, deadline.unit,
          deadline.effectiveFrom, deadline.source]);
      answer.followUpTask = { id: r.rows[0].id, kind, dueOn: dueOrNull(deadline.due) };
      return;
    }
    case 'close':
    case 'noHardship':
      return;
  }
}

/** Records a visit once; a retry with the same client id gets the first answer (created: false). */
export async function recordVisit(db: Database, caller: Caller, input: VisitInput, today: string, fileStoreDir: string): Promise<{ created: boolean; answer: VisitAnswer }> {
  const first = await stored(db, caller, input.clientId);
  if (first) return { created: false, answer: first };

  const uploads = input.attachments ?? [];
  const record: VisitRecord = {
    clientId: input.clientId, purpose: input.purpose, visitedOn: input.visitedOn, visitors: input.visitors, present: input.present,
    findings: input.findings, attachments: uploads.map(({ contentBase64: _, ...meta }) => meta),
    ...(input.warningId !== undefined && { warningId: String(input.warningId) }),
    ...(input.taskId !== undefined && input.purpose === 'warningVerification' && input.warningId === undefined && { warningId: `task:${input.taskId}` }),
    ...(input.applicationId !== undefined && { applicationId: String(input.applicationId) }),
    ...(input.surveyFormSigned !== undefined && { surveyFormSigned: input.surveyFormSigned }),
    ...(input.disposition !== undefined && { disposition: input.disposition }),
  };
  const errors = validateVisitRecord(record, { today });
  if (errors.length) throw validationFailed(fromDomainErrors(errors));
  const files = decodeAttachments(uploads);

  try {
    return await db.transaction(async (tx) => {
      const target = await resolveTarget(tx, caller, input);
      // The task is locked now: a concurrent submission of this same visit has committed or not started.
      const replay = await stored(tx, caller, input.clientId);
      if (replay) return { created: false, answer: replay };
      const t0 = target.task;
      if (t0 && closesTask(t0, input.purpose) && t0.status !== 'open' && t0.status !== 'assigned') {
        throw new AppError(409, 'TASK_CLOSED', '该任务已由另一条走访记录办结', 'This task was already closed by another visit');
      }
      const ins = await tx.query<{ id: number }>(
        `insert into visits (client_id, purpose, task_id, warning_id, application_id, household_id, person_id, village_code, township_code, county_code,
           city_code, visited_on, visitors, present, findings, survey_form_signed, disposition_kind, disposition, recorded_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb, $15::jsonb, $16, $17, $18::jsonb, $19)
         on conflict (client_id) do nothing returning id`,
        [input.clientId, input.purpose, target.task?.id ?? null, target.warningId, target.applicationId, target.householdId, target.personId,
          target.region.village_code, target.region.township_code, target.region.county_code, target.region.city_code, input.visitedOn,
          JSON.stringify(input.visitors), JSON.stringify(input.present), JSON.stringify(input.findings), input.surveyFormSigned ?? null,
          input.disposition?.kind ?? null, input.disposition ? JSON.stringify(input.disposition) : null, caller.user.id]);
      if (!ins.rows[0]) {
        // A concurrent submission of the same visit committed first: answer as it did.
        const again = await stored(tx, caller, input.clientId);
        if (again) return { created: false, answer: again };
        throw new AppError(409, 'VISIT_IN_PROGRESS', '该走访记录正在提交，请稍后重试', 'This visit is being submitted; retry shortly');
      }
      const visitId = ins.rows[0].id;
      const dctx = await loadDeadlineContext(tx);
      const answer: VisitAnswer = {
        visitId, clientId: input.clientId, visitedOn: input.visitedOn, purpose: input.purpose, disposition: input.disposition?.kind ?? null,
        task: null, warning: null, application: null, decision: null, referral: null, followUpTask: null, procedure: null, attachments: [],
      };
      for (const f of files) {
        storeAttachment(fileStoreDir, f);
        const r = await tx.query<{ id: number }>(
          `insert into casework_files (visit_id, client_id, file_name, mime_type, size_bytes, sha256, uploaded_by) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
          [visitId, f.clientId, f.fileName, f.mimeType, f.sizeBytes, f.sha256, caller.user.id]);
        answer.attachments.push({ id: r.rows[0].id, fileName: f.fileName, sha256: f.sha256 });
      }
      if (input.disposition) await dispose(tx, caller, input.disposition, visitId, target, input, today, dctx, answer);
      if (input.purpose === 'householdSurvey' && target.applicationId !== null) {
        answer.procedure = await feedSurvey(tx, caller, target.applicationId, input, dctx);
      }
      const t = target.task;
      const closes = t !== null && closesTask(t, input.purpose);
      if (t && closes) {
        const u = await tx.query(
          `update tasks set status = 'done', done_on = $2, done_by = $3, done_visit_id = $4, outcome = $5, version = version + 1, updated_at = now()
           where id = $1 and status in ('open', 'assigned')`,
          [t.id, input.visitedOn, caller.user.id, visitId, input.disposition?.kind ?? null]);
        if (u.rowCount === 0) throw new AppError(409, 'TASK_CLOSED', '该任务已由另一条走访记录办结', 'This task was already closed by another visit');
        answer.task = { id: t.id, status: 'done' };
      } else if (t) {
        answer.task = { id: t.id, status: t.status };
      }
      if (t?.kind === 'warningVerification' && closes && t.warning_id) {
        await setWarningStatus(tx, [t.warning_id], 'verifying', caller.actor, `入户核实：${input.disposition ? DISPOSITION_LABELS[input.disposition.kind].zh : '未处置'}`);
        await settleWarnings(tx, caller.actor, [t.warning_id]);
      } else if (t?.kind === 'recheck' && closes && t.origin_visit_id) {
        const w = await tx.query<{ warning_id: number }>('select warning_id from tasks where done_visit_id = $1 and warning_id is not null', [t.origin_visit_id]);
        if (w.rows.length) await settleWarnings(tx, caller.actor, w.rows.map((x) => x.warning_id));
      }
      if (target.warningId) {
        const w = await tx.query<{ status: string }>('select status from warnings where id = $1', [target.warningId]);
        answer.warning = w.rows[0] ? { id: target.warningId, status: w.rows[0].status } : null;
      }
      await tx.query('update visits set response = $2::jsonb where id = $1', [visitId, JSON.stringify(answer)]);
      await appendAudit(tx, caller.actor, {
        action: 'visit.record', entity: 'visit', entityId: visitId, regionCode: target.region.village_code ?? target.region.township_code,
        after: {
          clientId: input.clientId, purpose: input.purpose, visitedOn: input.visitedOn, taskId: t?.id ?? null, warningId: target.warningId,
          disposition: input.disposition ?? null, visitors: input.visitors.map((v) => v.userId), attachments: answer.attachments.map((a) => a.sha256),
          outcome: { application: answer.application?.id ?? null, decision: answer.decision?.id ?? null, referral: answer.referral?.id ?? null, followUpTask: answer.followUpTask?.id ?? null },
        },
      });
      return { created: true, answer };
    });
  } catch (e) {
    if (isDatabaseError(e, UNIQUE_VIOLATION)) {
      const again = await stored(db, caller, input.clientId);
      if (again) return { created: false, answer: again };
    }
    throw e;
  }
}

export async function readVisit(q: Queryable, caller: Caller, id: number) {
  const params: unknown[] = [id];
  const r = await q.query<Record<string, any>>(
    `select v.*, u.username as recorded_by_username from visits v join users u on u.id = v.recorded_by where v.id = $1 and ${scopeCondition(caller.scope, 'v', params)}`, params);
  const v = r.rows[0];
  if (!v) throw notFound('走访记录', 'Visit');
  const files = await q.query<Record<string, any>>('select id, client_id, file_name, mime_type, size_bytes, sha256 from casework_files where visit_id = $1 order by id', [id]);
  return {
    id: v.id, clientId: v.client_id, purpose: v.purpose, taskId: v.task_id, warningId: v.warning_id, applicationId: v.application_id,
    householdId: v.household_id, personId: v.person_id, regionCode: v.village_code ?? v.township_code, visitedOn: v.visited_on,
    visitors: v.visitors, present: v.present, findings: v.findings, surveyFormSigned: v.survey_form_signed, disposition: v.disposition,
    recordedBy: v.recorded_by_username, recordedAt: iso(v.recorded_at), outcome: v.response,
    attachments: files.rows.map((f) => ({ id: f.id, clientId: f.client_id, fileName: f.file_name, mimeType: f.mime_type, sizeBytes: f.size_bytes, sha256: f.sha256 })),
  };
}

/** A stored attachment, when the visit or application it belongs to is inside the caller's region. */
export async function readCaseworkFile(q: Queryable, caller: Caller, id: number): Promise<{ fileName: string; mimeType: string; sha256: string; sizeBytes: number }> {
  const params: unknown[] = [id];
  const r = await q.query<Record<string, any>>(
    `select f.* from casework_files f
     left join visits v on v.id = f.visit_id
     left join applications a on a.id = f.application_id
     where f.id = $1 and ((v.id is not null and ${scopeCondition(caller.scope, 'v', params)}) or (a.id is not null and ${scopeCondition(caller.scope, 'a', params)}))`,
    params);
  const f = r.rows[0];
  if (!f) throw notFound('附件', 'Attachment');
  if (caller.user.role === 'department') {
    if (!f.application_id) throw notFound('附件', 'Attachment');
    await findApplicationInScope(q, caller, f.application_id);
  }
  return { fileName: f.file_name, mimeType: f.mime_type, sha256: f.sha256, sizeBytes: Number(f.size_bytes) };
}
