// Referrals: a visit found a family possibly eligible for another department's programme and pushed it to that
// department's queue (国办发〔2023〕39号: 推送相关部门). The department sees only its own referrals in its region,
// accepts one and closes it with its result; the county's civil affairs follows them all.
import type { Database, Tx } from '../platform/db';
import type { Caller } from '../platform/http/request-context';
import { appendAudit } from '../platform/audit';
import { AppError, notFound, versionConflict } from '../platform/errors';
import { compareDates } from '../platform/calendar';
import { DEPARTMENT_INFO, type DepartmentCode } from './domain';
import { actionDate, callerDepartment, iso, scopeCondition, type Queryable } from './common';
import { computeDeadline, dueOrNull, type DeadlineContext } from './deadline-store';
import { settleWarnings } from './tasks';

export async function createReferral(
  tx: Tx, caller: Caller, dctx: DeadlineContext,
  r: { department: DepartmentCode; why: string; visitId: number; taskId: number | null; householdId: number | null; personId: number | null; region: { village_code: string | null; township_code: string; county_code: string; city_code: string }; today: string },
): Promise<number> {
  const d = computeDeadline(dctx, 'partnerItemHandling', r.today);
  const ins = await tx.query<{ id: number }>(
    `insert into referrals (department, why, visit_id, task_id, household_id, person_id, village_code, township_code, county_code, city_code,
       received_on, deadline_kind, due_on, deadline_effective_from, deadline_source, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) returning id`,
    [r.department, r.why.trim(), r.visitId, r.taskId, r.householdId, r.personId, r.region.village_code, r.region.township_code, r.region.county_code,
      r.region.city_code, r.today, d.kind, dueOrNull(d.due), d.effectiveFrom, d.source, caller.user.id],
  );
  return ins.rows[0].id;
}

/** A department account sees its own department's referrals; civil-affairs staff see all of them in their region. */
function referralVisibility(caller: Caller, params: unknown[]): string {
  const conds = [scopeCondition(caller.scope, 'f', params)];
  if (caller.user.role === 'department') {
    params.push(caller.user.department ?? '');
    conds.push(`f.department = $${params.length}`);
  }
  return conds.join(' and ');
}

const SELECT = `select f.*, h.address as household_address, (select hp.name from persons hp where hp.id = h.head_person_id) as head_name,
    p.name as person_name, u.username as created_by_username
  from referrals f left join households h on h.id = f.household_id left join persons p on p.id = f.person_id left join users u on u.id = f.created_by`;

function view(caller: Caller, r: Record<string, any>, today: string) {
  const open = r.status !== 'closed';
  return {
    id: r.id, department: r.department, departmentLabel: DEPARTMENT_INFO[r.department as DepartmentCode] ?? null, why: r.why, status: r.status, result: r.result,
    visitId: r.visit_id, taskId: r.task_id, householdId: r.household_id, householdAddress: r.household_address ?? null, headName: r.head_name ?? null,
    personId: r.person_id, personName: r.person_name ?? null, regionCode: r.village_code ?? r.township_code,
    receivedOn: r.received_on, dueOn: r.due_on, deadline: { kind: r.deadline_kind, effectiveFrom: r.deadline_effective_from, source: r.deadline_source },
    overdue: open && r.due_on !== null && compareDates(today, r.due_on) > 0,
    closedOn: r.closed_on, createdBy: r.created_by_username, createdAt: iso(r.created_at), version: r.version,
    allowedActions: r.department !== callerDepartment(caller) ? [] : r.status === 'open' ? ['accept', 'close'] : r.status === 'accepted' ? ['close'] : [],
  };
}

export async function listReferrals(q: Queryable, caller: Caller, query: { status?: string; page?: number; pageSize?: number }, today: string) {
  const params: unknown[] = [];
  const where = [referralVisibility(caller, params)];
  if (query.status) {
    params.push(query.status);
    where.push(`f.status = $${params.length}`);
  }
  const pageSize = Math.min(100, query.pageSize ?? 20);
  const offset = ((query.page ?? 1) - 1) * pageSize;
  const rows = await q.query<Record<string, any>>(`${SELECT} where ${where.join(' and ')} order by f.status = 'closed', f.due_on nulls last, f.id limit ${pageSize} offset ${offset}`, params);
  const total = await q.query<{ n: number }>(`select count(*)::int as n from referrals f where ${where.join(' and ')}`, params);
  return { items: rows.rows.map((r) => view(caller, r, today)), total: total.rows[0].n };
}

export async function readReferral(q: Queryable, caller: Caller, id: number, today: string) {
  const params: unknown[] = [id];
  const r = await q.query<Record<string, any>>(`${SELECT} where f.id = $1 and ${referralVisibility(caller, params)}`, params);
  if (!r.rows[0]) throw notFound('转介', 'Referral');
  return view(caller, r.rows[0], today);
}

export type ReferralAction = { type: 'accept'; on?: string } | { type: 'close'; on?: string; result: string };

export async function referralAction(db: Database, caller: Caller, id: number, input: { version: number; action: ReferralAction }, today: string) {
  const on = actionDate(input.action.on, today, 'action.on');
  return db.transaction(async (tx) => {
    const params: unknown[] = [id];
    const r = await tx.query<Record<string, any>>(`select f.* from referrals f where f.id = $1 and ${referralVisibility(caller, params)} for update`, params);
    const f = r.rows[0];
    if (!f) throw notFound('转介', 'Referral');
    if (f.department !== callerDepartment(caller)) throw new AppError(403, 'NOT_YOUR_QUEUE', '该转介不在本部门办理队列中', "This referral is not in your department's queue");
    if (f.version !== input.version) throw versionConflict();
    const a = input.action;
    const allowed = a.type === 'accept' ? f.status === 'open' : f.status !== 'closed';
    if (!allowed) throw new AppError(409, 'ILLEGAL_ACTION', '当前状态不能执行此操作', `${a.type} is not allowed while the referral is ${f.status}`);
    const to = a.type === 'accept' ? 'accepted' : 'closed';
    const u = await tx.query(
      `update referrals set status = $3, result = coalesce($4, result), closed_on = $5, closed_by = $6, version = version + 1, updated_at = now()
       where id = $1 and version = $2`,
      [id, input.version, to, a.type === 'close' ? a.result.trim() : null, to === 'closed' ? on : null, to === 'closed' ? caller.user.id : null]);
    if (u.rowCount === 0) throw versionConflict();
    await appendAudit(tx, caller.actor, {
      action: `referral.${a.type}`, entity: 'referral', entityId: id, regionCode: f.village_code ?? f.township_code,
      before: { status: f.status, version: f.version }, after: { status: to, on, ...(a.type === 'close' ? { result: a.result.trim() } : {}) },
    });
    if (to === 'closed' && f.task_id) {
      const w = await tx.query<{ warning_id: number }>('select warning_id from tasks where id = $1 and warning_id is not null', [f.task_id]);
      if (w.rows.length) await settleWarnings(tx, caller.actor, w.rows.map((x) => x.warning_id));
    }
    return readReferral(tx, caller, id, today);
  });
}
