// Tasks with deadlines: a new warning becomes a verification task for the township that must act (set-based and
// idempotent), a township assigns tasks to caseworkers (in bulk), overdue tasks are flagged and escalated to the
// county, and the county sees every township's queue and its overdue counts. Visits close tasks (visits.ts);
// tasks a visit starts (re-check, county coordination) are resolved here.
import type { Database, Tx } from '../platform/db';
import type { Caller } from '../platform/http/request-context';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../platform/audit';
import { AppError, fieldError, notFound, validationFailed, versionConflict } from '../platform/errors';
import { iso, maskId, scopeCondition, type Queryable } from './common';

const ACTIVE = `('open', 'assigned')`;

/** The deadline kind of a warning's verification, by level (red 3, yellow 5, blue 10 working days by default). */
export const VERIFY_KIND_SQL = `case w.level when 'red' then 'warningVerifyRed' when 'yellow' then 'warningVerifyYellow' else 'warningVerifyBlue' end`;

/**
 * One verification task for every warning that has none, in one statement (idempotent: the unique index on
 * tasks.warning_id makes a second call, or a concurrent one, add nothing). The task starts on the day the
 * warning was raised (China time) and takes the time limit in force on that day, its due day computed in SQL
 * from the materialised calendar. Warnings without a township (people not in the registry wait in the county's
 * or province's routing queue of monitoring) get no task until monitoring routes them to a township. Only 'new'
 * warnings are looked at (migration 0007): one a person has already dispatched, escalated or started verifying by
 * hand is in someone's hands and gets no automatic task.
 */
export async function openVerificationTasks(tx: Tx, actor: Actor = SYSTEM_ACTOR): Promise<number> {
  const inserted = await tx.query<{ id: number; warning_id: number }>(
    `insert into tasks (kind, queue_level, warning_id, household_id, person_id, level, title, detail, village_code, township_code, county_code,
       city_code, deadline_kind, start_on, due_on, deadline_amount, deadline_unit, deadline_effective_from, deadline_source)
     select 'warningVerification', 'township', w.id, w.household_id, w.person_id, w.level, w.summary, w.summary_en, w.village_code,
       w.township_code, w.county_code, w.city_code, k.kind, s.start_on, casework_due_date(s.start_on, p.amount, p.unit),
       p.amount, p.unit, p.effective_from, p.source
     from warnings w
     cross join lateral (select ((w.raised_at at time zone 'UTC') + interval '8 hours')::date as start_on) s
     cross join lateral (select ${VERIFY_KIND_SQL} as kind) k
     left join lateral (select * from deadline_parameters dp where dp.kind = k.kind and dp.effective_from <= s.start_on
                        order by dp.effective_from desc limit 1) p on true
     where w.status = 'new' and w.township_code is not null and w.county_code is not null and w.city_code is not null
     -- No "not exists (a task of this warning)": the unique index is the check, one probe a row. Written out,
     -- the planner could compare every new warning with every verification task when its statistics were
     -- behind the table (114,000 comparisons for 133 warnings, measured under a stream of pushes).
     on conflict (warning_id) where kind = 'warningVerification' do nothing
     returning id, warning_id`,
  );
  if (inserted.rows.length === 0) return 0;
  const warningIds = inserted.rows.map((r) => r.warning_id);
  await setWarningStatus(tx, warningIds, 'dispatched', actor, '已推送乡镇核实', ['new']);
  await appendAudit(tx, actor, {
    action: 'tasks.open', entity: 'task', entityId: null,
    after: { count: inserted.rows.length, tasks: inserted.rows.slice(0, 1000).map((r) => ({ id: r.id, warningId: r.warning_id })) },
  });
  return inserted.rows.length;
}

/**
 * Moves warnings to a status (only those currently in `from`, when given) and records the change as the warning's
 * own event, as monitoring does for its changes.
 */
export async function setWarningStatus(tx: Tx, warningIds: number[], to: 'dispatched' | 'verifying' | 'closed' | 'escalated', actor: Actor, note: string, from?: string[]): Promise<number[]> {
  if (!warningIds.length) return [];
  const r = await tx.query<{ id: number; from_status: string }>(
    `update warnings w set status = $2, updated_at = now(), version = w.version + 1,
       closed_at = case when $2 = 'closed' then now() else w.closed_at end
     from (select id, status as from_status from warnings where id = any($1::bigint[])) old
     where w.id = old.id and w.status <> $2 and w.status <> 'closed' and ($3::text[] is null or w.status = any($3::text[]))
     returning w.id, old.from_status`,
    [warningIds, to, from ?? null],
  );
  if (!r.rows.length) return [];
  await tx.query(
    `insert into warning_events (warning_id, kind, from_value, to_value, actor, note)
     select id, 'status', f, $2, $3, $4 from unnest($1::bigint[], $5::text[]) as x(id, f)`,
    [r.rows.map((x) => x.id), to, actor.name, note, r.rows.map((x) => x.from_status)],
  );
  if (to === 'closed') {
    // Evidence of a closed warning never counts again for that rule (migrations/0004_monitoring.sql).
    await tx.query('update warning_evidence set closed = true where warning_id = any($1::bigint[])', [r.rows.map((x) => x.id)]);
  }
  return r.rows.map((x) => x.id);
}

/**
 * Closes the warnings whose verification is done and whose follow-ups have all finished: the tasks the visit
 * started, its referrals, and the application it started (every item decided or withdrawn).
 */
export async function settleWarnings(tx: Tx, actor: Actor, warningIds?: number[]): Promise<number[]> {
  const r = await tx.query<{ id: number }>(
    `select w.id from warnings w
     join tasks t on t.warning_id = w.id and t.kind = 'warningVerification' and t.status = 'done'
     join visits v on v.id = t.done_visit_id
     where w.status in ('verifying', 'dispatched', 'escalated') and ($1::bigint[] is null or w.id = any($1::bigint[]))
       and not exists (select 1 from tasks x where x.origin_visit_id = v.id and x.status in ${ACTIVE})
       and not exists (select 1 from referrals f where f.visit_id = v.id and f.status <> 'closed')
       and not exists (select 1 from applications a where a.visit_id = v.id and (a.status = 'draft' or exists (
             select 1 from application_items i where i.application_id = a.id and i.status not in ('approved', 'refused', 'withdrawn'))))`,
    [warningIds ?? null],
  );
  return setWarningStatus(tx, r.rows.map((x) => x.id), 'closed', actor, '核实完毕，处置已办结');
}

/** Flags tasks overdue from today and puts them before the county (once per task); their warnings show it too. */
export async function escalateOverdueTasks(tx: Tx, today: string, actor: Actor = SYSTEM_ACTOR): Promise<number> {
  const r = await tx.query<{ id: number; warning_id: number | null }>(
    `update tasks set escalated_on = $1, updated_at = now()
     where status in ${ACTIVE} and escalated_on is null and due_on < $1::date and queue_level = 'township'
     returning id, warning_id`, [today]);
  if (!r.rows.length) return 0;
  await setWarningStatus(tx, r.rows.map((x) => x.warning_id).filter((x): x is number => x !== null), 'escalated', actor, '核实逾期，已提请县级督办');
  await appendAudit(tx, actor, {
    action: 'tasks.escalate', entity: 'task', entityId: null,
    after: { on: today, count: r.rows.length, taskIds: r.rows.slice(0, 1000).map((x) => x.id) },
  });
  return r.rows.length;
}

/** Verification tasks whose warning was closed elsewhere (in monitoring's own screen) leave the queues. */
export async function cancelTasksOfClosedWarnings(tx: Tx, actor: Actor = SYSTEM_ACTOR): Promise<number> {
  const r = await tx.query<{ id: number; warning_id: number }>(
    `update tasks t set status = 'cancelled', outcome = 'warningClosed', version = t.version + 1, updated_at = now()
     from warnings w
     where w.id = t.warning_id and t.kind = 'warningVerification' and t.status in ${ACTIVE} and w.status = 'closed'
     returning t.id, t.warning_id`);
  if (!r.rows.length) return 0;
  await appendAudit(tx, actor, {
    action: 'tasks.cancel', entity: 'task', entityId: null,
    after: { reason: 'warning closed', tasks: r.rows.slice(0, 1000).map((x) => ({ id: x.id, warningId: x.warning_id })) },
  });
  return r.rows.length;
}

/** What listing a queue does first: tasks for new warnings, none for closed ones, escalation of what became overdue. */
export async function refreshQueues(db: Database, today: string): Promise<void> {
  await db.transaction(async (tx) => {
    await openVerificationTasks(tx);
    await cancelTasksOfClosedWarnings(tx);
    await escalateOverdueTasks(tx, today);
  });
}

const TASK_SELECT = `
  select t.*, w.rule_code, w.scenario, w.status as warning_status, w.summary as warning_summary, w.figures as warning_figures,
    w.evidence_count as warning_evidence_count, w.person_name as warning_person_name,
    u.username as assignee_username, u.display_name as assignee_name,
    p.name as person_name, p.id_number as person_id_number, h.address as household_address,
    (select hp.name from persons hp where hp.id = h.head_person_id) as head_name,
    (select r.name from regions r where r.code = t.township_code) as township_name,
    (select r.name from regions r where r.code = t.village_code) as village_name,
    (select d.working_seq from calendar_days d where d.date = t.due_on) - (select d.working_seq from calendar_days d where d.date = $TODAY::date) as working_days_left
  from tasks t
  left join warnings w on w.id = t.warning_id
  left join users u on u.id = t.assignee_user_id
  left join persons p on p.id = t.person_id
  left join households h on h.id = t.household_id`;

function taskView(r: Record<string, any>, today: string) {
  const active = r.status === 'open' || r.status === 'assigned';
  return {
    id: r.id,
    kind: r.kind,
    queueLevel: r.queue_level,
    title: r.title,
    detail: r.detail,
    level: r.level,
    status: r.status,
    warning: r.warning_id
      ? { id: r.warning_id, ruleCode: r.rule_code, scenario: r.scenario, status: r.warning_status, summary: r.warning_summary, figures: r.warning_figures, evidenceCount: r.warning_evidence_count }
      : null,
    originVisitId: r.origin_visit_id,
    householdId: r.household_id,
    householdAddress: r.household_address ?? null,
    headName: r.head_name ?? null,
    personId: r.person_id,
    personName: r.person_name ?? r.warning_person_name ?? null,
    personIdNumberMasked: maskId(r.person_id_number),
    regionCode: r.village_code ?? r.township_code,
    townshipCode: r.township_code,
    townshipName: r.township_name,
    villageName: r.village_name,
    countyCode: r.county_code,
    startOn: r.start_on,
    dueOn: r.due_on,
    deadline: { kind: r.deadline_kind, amount: r.deadline_amount, unit: r.deadline_unit, effectiveFrom: r.deadline_effective_from, source: r.deadline_source },
    workingDaysLeft: active && r.due_on ? r.working_days_left : null,
    overdue: active && r.due_on !== null && r.due_on < today,
    escalatedOn: r.escalated_on,
    assignee: r.assignee_user_id ? { userId: r.assignee_user_id, username: r.assignee_username, name: r.assignee_name } : null,
    assignedAt: iso(r.assigned_at),
    doneOn: r.done_on,
    doneVisitId: r.done_visit_id,
    outcome: r.outcome,
    version: r.version,
    createdAt: iso(r.created_at),
  };
}

export type TaskView = ReturnType<typeof taskView>;

/** Township staff see their township's queue; the county every township's and its own (一事一议) queue. */
function taskScope(caller: Caller, params: unknown[]): string {
  const conds = [scopeCondition(caller.scope, 't', params)];
  if (caller.scope.regionLevel >= 4) conds.push(`t.queue_level = 'township'`);
  return conds.join(' and ');
}

export interface TaskQuery {
  status?: 'active' | 'open' | 'assigned' | 'done' | 'cancelled';
  kind?: string;
  level?: string;
  townshipCode?: string;
  assignee?: string; // 'me' | 'none' | user id
  overdue?: boolean;
  escalated?: boolean;
  queue?: 'township' | 'county';
  /** One warning's tasks; without a status, in every status. */
  warningId?: number;
  page?: number;
  pageSize?: number;
}

export async function listTasks(q: Queryable, caller: Caller, query: TaskQuery, today: string) {
  const params: unknown[] = [];
  const where = [taskScope(caller, params)];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('?', () => `$${params.length}`));
  };
  const status = query.status ?? (query.warningId !== undefined ? undefined : 'active');
  if (status === 'active') where.push(`t.status in ${ACTIVE}`);
  else if (status) add('t.status = ?', status);
  if (query.warningId !== undefined) add('t.warning_id = ?', query.warningId);
  if (query.kind) add('t.kind = ?', query.kind);
  if (query.level) add('t.level = ?', query.level);
  if (query.townshipCode) add('t.township_code = ?', query.townshipCode.padEnd(12, '0'));
  if (query.queue) add('t.queue_level = ?', query.queue);
  if (query.assignee === 'me') add('t.assignee_user_id = ?', caller.user.id);
  else if (query.assignee === 'none') where.push('t.assignee_user_id is null');
  else if (query.assignee && /^\d+$/.test(query.assignee)) add('t.assignee_user_id = ?', Number(query.assignee));
  if (query.overdue) add(`t.status in ${ACTIVE} and t.due_on < ?::date`, today);
  if (query.escalated) where.push('t.escalated_on is not null');
  params.push(today);
  const todayParam = `$${params.length}`;
  const pageSize = Math.min(200, query.pageSize ?? 50);
  const offset = ((query.page ?? 1) - 1) * pageSize;
  const whereSql = where.join(' and ');
  const rows = await q.query<Record<string, any>>(
    `${TASK_SELECT.replace('$TODAY', () => todayParam)} where ${whereSql}
     order by (t.status in ${ACTIVE}) desc, t.due_on nulls last, case t.level when 'red' then 0 when 'yellow' then 1 else 2 end, t.id
     limit ${pageSize} offset ${offset}`, params);
  const total = await q.query<{ n: number }>(`select count(*)::int as n from tasks t where ${whereSql}`, params.slice(0, -1));
  return { items: rows.rows.map((r) => taskView(r, today)), total: total.rows[0].n, page: query.page ?? 1, pageSize };
}

export async function readTask(q: Queryable, caller: Caller, id: number, today: string, forUpdate = false) {
  const params: unknown[] = [id];
  const cond = taskScope(caller, params);
  params.push(today);
  const r = await q.query<Record<string, any>>(`${TASK_SELECT.replace('$TODAY', () => `$${params.length}`)} where t.id = $1 and ${cond}`, params);
  if (!r.rows[0]) throw notFound('任务', 'Task');
  if (forUpdate) await q.query('select 1 from tasks where id = $1 for update', [id]);
  const visits = await q.query<Record<string, any>>(
    'select v.id, v.client_id, v.purpose, v.visited_on, v.disposition_kind, u.username from visits v join users u on u.id = v.recorded_by where v.task_id = $1 order by v.id', [id]);
  return {
    ...taskView(r.rows[0], today),
    visits: visits.rows.map((v) => ({ id: v.id, clientId: v.client_id, purpose: v.purpose, visitedOn: v.visited_on, disposition: v.disposition_kind, recordedBy: v.username })),
  };
}

/** Per township (or per county above county level): open, unassigned, overdue, escalated, due today, done in 30 days. */
export async function taskSummary(q: Queryable, caller: Caller, today: string) {
  const params: unknown[] = [];
  const scope = taskScope(caller, params);
  const groupColumn = caller.scope.regionLevel >= 3 ? 'township_code' : 'county_code';
  params.push(today);
  const d = `$${params.length}::date`;
  const r = await q.query<Record<string, any>>(
    `select t.${groupColumn} as code, (select r.name from regions r where r.code = t.${groupColumn}) as name,
       count(*) filter (where t.status in ${ACTIVE})::int as open,
       count(*) filter (where t.status = 'open')::int as unassigned,
       count(*) filter (where t.status in ${ACTIVE} and t.due_on < ${d})::int as overdue,
       count(*) filter (where t.status in ${ACTIVE} and t.escalated_on is not null)::int as escalated,
       count(*) filter (where t.status in ${ACTIVE} and t.due_on = ${d})::int as due_today,
       count(*) filter (where t.status = 'done' and t.done_on > ${d} - 30)::int as done_last_30_days,
       count(*) filter (where t.status in ${ACTIVE} and t.queue_level = 'county')::int as county_queue
     from tasks t where ${scope} group by t.${groupColumn} order by t.${groupColumn}`, params);
  const rows = r.rows.map((x) => ({
    code: x.code, name: x.name, open: x.open, unassigned: x.unassigned, overdue: x.overdue, escalated: x.escalated,
    dueToday: x.due_today, doneLast30Days: x.done_last_30_days, countyQueue: x.county_queue,
  }));
  const sum = (k: keyof (typeof rows)[number]) => rows.reduce((s, x) => s + (x[k] as number), 0);
  return {
    groupBy: groupColumn === 'township_code' ? 'township' : 'county',
    rows,
    totals: { open: sum('open'), unassigned: sum('unassigned'), overdue: sum('overdue'), escalated: sum('escalated'), dueToday: sum('dueToday'), doneLast30Days: sum('doneLast30Days'), countyQueue: sum('countyQueue') },
  };
}

/** Who the caller can give tasks to: township and village accounts inside the township (county staff for the county queue). */
export async function assignableUsers(q: Queryable, caller: Caller) {
  const column = ({ 2: 'city_code', 3: 'county_code', 4: 'township_code', 5: 'code' } as Record<number, string>)[caller.scope.regionLevel];
  const params: unknown[] = [];
  let cond = 'true';
  if (column) {
    params.push(caller.scope.regionCode);
    cond = `(r.code = $1 or r.${column} = $1)`;
  }
  const r = await q.query<Record<string, any>>(
    `select u.id, u.username, u.display_name, u.role, u.region_code, r.name as region_name from users u join regions r on r.code = u.region_code
     where u.disabled_at is null and u.role in ('township', 'village', 'county') and ${cond}
     order by u.role, u.username`, params);
  return r.rows.map((u) => ({ id: u.id, username: u.username, name: u.display_name, role: u.role, regionCode: u.region_code, regionName: u.region_name }));
}

export interface AssignInput {
  tasks: { id: number; version: number }[];
  assigneeUserId: number;
}

/** Bulk assignment, all or nothing: a task someone else changed meanwhile makes the whole request 409. */
export async function assignTasks(db: Database, caller: Caller, input: AssignInput, today: string, now: Date = new Date()) {
  const ids = input.tasks.map((t) => t.id);
  if (new Set(ids).size !== ids.length) throw validationFailed([fieldError('tasks', 'DUPLICATE', '任务重复', 'A task is listed twice')]);
  return db.transaction(async (tx) => {
    const params: unknown[] = [ids];
    const cond = taskScope(caller, params);
    const found = await tx.query<Record<string, any>>(`select t.* from tasks t where t.id = any($1::bigint[]) and ${cond} order by t.id for update`, params);
    if (found.rows.length !== ids.length) throw notFound('任务', 'Task');
    const u = await tx.query<Record<string, any>>(
      `select u.id, u.username, u.role, u.region_code, u.disabled_at, r.township_code, r.county_code from users u join regions r on r.code = u.region_code where u.id = $1`,
      [input.assigneeUserId]);
    const assignee = u.rows[0];
    if (!assignee || assignee.disabled_at) throw validationFailed([fieldError('assigneeUserId', 'UNKNOWN_USER', '该人员不存在或已停用', 'No such active user')]);
    for (const t of found.rows) {
      const wanted = input.tasks.find((x) => x.id === t.id)!;
      if (t.version !== wanted.version) throw versionConflict();
      if (t.status !== 'open' && t.status !== 'assigned') throw new AppError(409, 'TASK_CLOSED', '任务已办结，不能再分派', 'The task is finished and cannot be assigned');
      const fits = t.queue_level === 'county'
        ? assignee.role === 'county' && assignee.region_code === t.county_code
        : (assignee.role === 'township' && assignee.region_code === t.township_code) || (assignee.role === 'village' && assignee.township_code === t.township_code);
      if (!fits) {
        throw validationFailed([fieldError('assigneeUserId', 'ASSIGNEE_OUT_OF_REGION', '只能分派给本乡镇（或本县）经办人员', 'Tasks can only be given to staff of the task\'s own township (or county)')]);
      }
    }
    const updated = await tx.query<{ id: number }>(
      `update tasks t set assignee_user_id = $2, assigned_by = $3, assigned_at = $5, status = 'assigned', version = t.version + 1, updated_at = now()
       from unnest($1::bigint[], $4::int[]) as x(id, version)
       where t.id = x.id and t.version = x.version and t.status in ${ACTIVE} returning t.id`,
      [ids, assignee.id, caller.user.id, input.tasks.map((t) => t.version), now]);
    if (updated.rows.length !== ids.length) throw versionConflict();
    for (const t of found.rows) {
      await appendAudit(tx, caller.actor, {
        action: 'task.assign', entity: 'task', entityId: t.id, regionCode: t.village_code ?? t.township_code,
        before: { status: t.status, assigneeUserId: t.assignee_user_id, version: t.version },
        after: { status: 'assigned', assigneeUserId: assignee.id, assignee: assignee.username },
      });
    }
    const rows = await tx.query<Record<string, any>>(`${TASK_SELECT.replace('$TODAY', () => '$2')} where t.id = any($1::bigint[]) order by t.id`, [ids, today]);
    return rows.rows.map((r) => taskView(r, today));
  });
}

/** Closes a re-check or county-coordination task with its outcome (verification tasks are closed by their visit). */
export async function resolveTask(db: Database, caller: Caller, id: number, input: { version: number; outcome: string; on?: string }, today: string) {
  return db.transaction(async (tx) => {
    const params: unknown[] = [id];
    const r = await tx.query<Record<string, any>>(`select t.* from tasks t where t.id = $1 and ${taskScope(caller, params)} for update`, params);
    const t = r.rows[0];
    if (!t) throw notFound('任务', 'Task');
    if (t.kind === 'warningVerification') throw new AppError(409, 'VISIT_REQUIRED', '预警核实任务须录入入户核实记录后办结', 'A verification task is closed by recording its visit');
    if (t.queue_level === 'county' && caller.scope.regionLevel > 3) throw new AppError(403, 'NOT_YOUR_QUEUE', '县级统筹事项由县级办理', 'County coordination is decided by the county');
    if (t.version !== input.version) throw versionConflict();
    if (t.status !== 'open' && t.status !== 'assigned') throw new AppError(409, 'TASK_CLOSED', '任务已办结', 'The task is already finished');
    const on = input.on && input.on <= today ? input.on : today;
    const u = await tx.query(`update tasks set status = 'done', done_on = $3, done_by = $4, outcome = $5, version = version + 1, updated_at = now() where id = $1 and version = $2`,
      [id, input.version, on, caller.user.id, input.outcome.trim()]);
    if (u.rowCount === 0) throw versionConflict();
    await appendAudit(tx, caller.actor, {
      action: 'task.resolve', entity: 'task', entityId: id, regionCode: t.village_code ?? t.township_code,
      before: { status: t.status, version: t.version }, after: { status: 'done', on, outcome: input.outcome.trim() },
    });
    // The warning whose visit started this task may now be settled.
    const w = await tx.query<{ warning_id: number }>(
      `select t0.warning_id from tasks t0 where t0.done_visit_id = $1 and t0.warning_id is not null`, [t.origin_visit_id]);
    if (w.rows.length) await settleWarnings(tx, caller.actor, w.rows.map((x) => x.warning_id));
    return readTask(tx, caller, id, today);
  });
}

