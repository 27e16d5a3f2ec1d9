// Reading application items as a caller may see them: inside the region, and for a department account only the
// items in its own department (or that it reviews). Each item comes with its deadline, whether it is overdue,
// the 低保 procedure's own limits, the latest decision, and the actions this caller may take now.
import type { Caller } from '../platform/http/request-context';
import { can } from '../platform/auth/roles';
import { notFound } from '../platform/errors';
import { compareDates } from '../platform/calendar';
import {
  DEPARTMENT_INFO,
  DIBAO_ACTION_STEPS,
  DIBAO_FINAL_STEPS,
  DIBAO_STEP_LABELS,
  ITEM_KIND_INFO,
  ITEM_STATUS_LABELS,
  openDeadlines,
  type DepartmentCode,
  type DibaoCase,
  type DibaoStep,
  type ItemKind,
  type ItemStatus,
} from './domain';
import { callerDepartment, iso, maskId, scopeCondition, type Queryable } from './common';
import { dueOrNull } from './deadline-store';

export const ITEM_SELECT = `
  select i.*, a.number as application_number, a.status as application_status, m.name as member_name,
    d.amount_fen_per_month as decision_amount_fen_per_month, d.amount_fen as decision_amount_fen, d.start_month as decision_start_month,
    d.decided_on as decision_decided_on, d.decided_by_name as decision_decided_by, d.policy_version as decision_policy_version, d.kind as decision_kind,
    d.id as decision_id
  from application_items i
  join applications a on a.id = i.application_id
  left join application_members m on m.application_id = i.application_id and m.id_number = i.member_id_number
  left join lateral (select * from decisions x where x.item_id = i.id order by x.id desc limit 1) d on true`;

/** Region scope, and the department filter for department accounts. */
export function itemVisibility(caller: Caller, alias: string, params: unknown[]): string {
  const conds = [scopeCondition(caller.scope, alias, params)];
  if (caller.user.role === 'department') {
    params.push(caller.user.department ?? '');
    conds.push(`(${alias}.department = $${params.length} or $${params.length} = any(${alias}.reviewers))`);
  }
  return conds.join(' and ');
}

const FINAL: readonly string[] = ['approved', 'refused', 'withdrawn'];
const DECIDE_ACTIONS = new Set(['approve', 'refuse']);

export type ItemActionType =
  | 'accept' | 'startReview' | 'review' | 'approve' | 'refuse' | 'withdraw'
  | 'startSurvey' | 'completeSurvey' | 'completeEconomicCheck' | 'startPublicity' | 'recordObjection'
  | 'closePublicity' | 'completeCommunityReview' | 'notifyRefusal';

/** What the caller may do with the item now (the web shows these buttons; the service checks them again). */
export function allowedActions(caller: Caller, row: Record<string, any>): ItemActionType[] {
  if (row.application_status !== 'submitted') return [];
  if (row.queue_department !== callerDepartment(caller)) return [];
  let actions: ItemActionType[];
  const procedure = row.procedure as DibaoCase | null;
  if (row.kind === 'dibao' && procedure) {
    const step = procedure.step;
    actions = (Object.keys(DIBAO_ACTION_STEPS) as (keyof typeof DIBAO_ACTION_STEPS)[])
      .filter((a) => DIBAO_ACTION_STEPS[a].includes(step)) as ItemActionType[];
    if (!DIBAO_FINAL_STEPS.includes(step)) actions.push('withdraw');
  } else if (FINAL.includes(row.status)) {
    actions = [];
  } else if (row.status === 'submitted') {
    actions = ['accept', 'withdraw'];
  } else if (row.status === 'accepted') {
    actions = [row.queue_department !== row.department ? 'review' : 'startReview', 'withdraw'];
  } else {
    actions = ['approve', 'refuse', 'withdraw'];
  }
  return actions.filter((a) => can(caller.user.role, DECIDE_ACTIONS.has(a) ? 'items.decide' : 'items.work'));
}

function deadlineView(d: { due: string; kind: string; amount: number; unit: string; effectiveFrom: string; source: string }, today: string) {
  const due = dueOrNull(d.due);
  return { kind: d.kind, due, amount: d.amount, unit: d.unit, effectiveFrom: d.effectiveFrom, source: d.source, overdue: due !== null && compareDates(today, due) > 0 };
}

function procedureView(c: DibaoCase, today: string) {
  return {
    step: c.step,
    stepLabel: DIBAO_STEP_LABELS[c.step as DibaoStep],
    acceptedOn: c.acceptedOn,
    investigators: c.investigators,
    publicityRounds: c.publicityRounds,
    publicity: c.publicity
      ? { startedOn: c.publicity.startedOn, endsOn: c.publicity.deadline.due, ended: compareDates(today, c.publicity.deadline.due) > 0, objections: c.publicity.objections }
      : null,
    decision: c.decision ?? null,
    refusal: c.refusal
      ? { decidedOn: c.refusal.decidedOn, decidedBy: c.refusal.decidedBy, reason: c.refusal.reason, noticeDue: dueOrNull(c.refusal.noticeDeadline.due), notifiedOn: c.refusal.notifiedOn ?? null }
      : null,
    // The end of publicity is a date to wait for, never overdue (dibao-procedure.ts overdueDeadlines).
    openDeadlines: openDeadlines(c).map((o) => ({
      what: o.what, ...deadlineView(o.deadline, today), ...(o.what === 'publicityEnd' ? { overdue: false } : {}),
    })),
    history: c.history,
  };
}

export function itemView(caller: Caller, r: Record<string, any>, today: string) {
  const kind = r.kind as ItemKind;
  const final = FINAL.includes(r.status);
  return {
    id: r.id,
    applicationId: r.application_id,
    applicationNumber: r.application_number,
    kind,
    kindLabel: { zh: ITEM_KIND_INFO[kind]?.zh ?? kind, en: ITEM_KIND_INFO[kind]?.en ?? kind },
    department: r.department,
    departmentLabel: DEPARTMENT_INFO[r.department as DepartmentCode] ?? null,
    reviewers: r.reviewers ?? [],
    queueDepartment: r.queue_department,
    memberName: r.member_name ?? null,
    memberIdNumberMasked: maskId(r.member_id_number),
    memberPersonId: r.member_person_id,
    temporaryAssistanceType: r.temporary_assistance_type,
    status: r.status as ItemStatus,
    statusLabel: ITEM_STATUS_LABELS[r.status as ItemStatus],
    receivedOn: r.received_on,
    dueOn: r.due_on,
    deadline: { kind: r.deadline_kind, amount: r.deadline_amount, unit: r.deadline_unit, effectiveFrom: r.deadline_effective_from, source: r.deadline_source },
    overdue: !final && r.due_on !== null && compareDates(today, r.due_on) > 0,
    followOn: r.follow_on,
    sourceItemId: r.source_item_id,
    refusalReason: r.refusal_reason,
    procedure: r.procedure ? procedureView(r.procedure as DibaoCase, today) : null,
    decision: r.decision_id
      ? {
          id: r.decision_id, kind: r.decision_kind, amountFenPerMonth: r.decision_amount_fen_per_month, amountFen: r.decision_amount_fen,
          startMonth: r.decision_start_month, decidedOn: r.decision_decided_on, decidedBy: r.decision_decided_by, policyVersion: r.decision_policy_version,
        }
      : null,
    allowedActions: allowedActions(caller, r),
    version: r.version,
    updatedAt: iso(r.updated_at),
  };
}

export type ItemView = ReturnType<typeof itemView>;

export async function readItem(q: Queryable, caller: Caller, id: number, today: string): Promise<ItemView> {
  const params: unknown[] = [id];
  const r = await q.query<Record<string, any>>(`${ITEM_SELECT} where i.id = $1 and ${itemVisibility(caller, 'i', params)}`, params);
  if (!r.rows[0]) throw notFound('救助事项', 'Item');
  return itemView(caller, r.rows[0], today);
}

export async function itemHistory(q: Queryable, itemId: number) {
  const r = await q.query<Record<string, any>>('select * from item_events where item_id = $1 order by id', [itemId]);
  return r.rows.map((e) => ({
    action: e.action, fromStatus: e.from_status, toStatus: e.to_status, fromStep: e.from_step, toStep: e.to_step,
    on: e.on_date, note: e.note, actor: e.actor_name, at: iso(e.at),
  }));
}

export interface ItemQuery {
  status?: string;
  kind?: string;
  department?: string;
  applicationId?: number;
  overdue?: boolean;
  /** Only items waiting in the caller's own queue. */
  mine?: boolean;
  page?: number;
  pageSize?: number;
}

export async function listItems(q: Queryable, caller: Caller, query: ItemQuery, today: string) {
  const params: unknown[] = [];
  const where = [itemVisibility(caller, 'i', params), `a.status = 'submitted'`];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', () => `$${params.length}`));
  };
  if (query.status) add('i.status = ?', query.status);
  if (query.kind) add('i.kind = ?', query.kind);
  if (query.department) add('i.department = ?', query.department);
  if (query.applicationId) add('i.application_id = ?', query.applicationId);
  if (query.mine) add('i.queue_department = ?', callerDepartment(caller));
  if (query.overdue) add(`i.status not in ('approved', 'refused', 'withdrawn') and i.due_on < ?::date`, today);
  const pageSize = Math.min(100, query.pageSize ?? 20);
  const offset = ((query.page ?? 1) - 1) * pageSize;
  const whereSql = where.join(' and ');
  const rows = await q.query<Record<string, any>>(`${ITEM_SELECT} where ${whereSql} order by i.due_on nulls last, i.id limit ${pageSize} offset ${offset}`, params);
  const total = await q.query<{ n: number }>(`select count(*)::int as n from application_items i join applications a on a.id = i.application_id where ${whereSql}`, params);
  return { items: rows.rows.map((r) => itemView(caller, r, today)), total: total.rows[0].n, page: query.page ?? 1, pageSize };
}
