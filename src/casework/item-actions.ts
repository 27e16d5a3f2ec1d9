// Moving an item through its department's queue. Generic items: accept → (review by a reviewing body) → in
// review → approve | refuse, or withdraw. 低保 items walk the procedure of dibao-procedure.ts (survey, economic
// check, first opinion, publicity with objections, confirmation). Each action is checked by the pure domain,
// written with the item's version (a second caseworker acting on the same version gets 409), recorded as an
// item event and in the audit trail. Approving 低保 or 特困 starts the follow-on items and puts the category on
// the registry household.
import type { Database, Tx } from '../platform/db';
import type { Caller } from '../platform/http/request-context';
import { can } from '../platform/auth/roles';
import { appendAudit } from '../platform/audit';
import { AppError, fieldError, forbidden, notFound, validationFailed, versionConflict } from '../platform/errors';
import {
  applyDibaoAction,
  changeItemStatus,
  followOnItems,
  itemStatusOfDibaoStep,
  makeDecisionRecord,
  MONTHLY_ITEM_KINDS,
  openDibaoCase,
  type ApplicationForm,
  type ApplicationItem,
  type DibaoAction,
  type DibaoCase,
  type ItemKind,
  type ItemStatus,
} from './domain';
import { actionDate, callerDepartment, domainRefusal, fromDomainErrors } from './common';
import { loadDeadlineContext, type DeadlineContext } from './deadline-store';
import { insertItems, type AppRow } from './applications';
import { itemVisibility, readItem, type ItemActionType, type ItemView } from './item-view';
import { settleWarnings } from './tasks';

export type ItemAction =
  | { type: 'accept'; on?: string; note?: string }
  | { type: 'startReview'; on?: string; note?: string }
  | { type: 'review'; on?: string; opinion: 'support' | 'oppose'; note: string }
  | { type: 'approve'; on?: string; amountFenPerMonth?: number; amountFen?: number; policyVersion?: string; note?: string }
  | { type: 'refuse'; on?: string; reason: string }
  | { type: 'withdraw'; on?: string; reason: string }
  | { type: 'startSurvey'; on?: string; investigators: string[] }
  | { type: 'completeSurvey'; on?: string; surveyFormSigned: boolean }
  | { type: 'completeEconomicCheck'; on?: string; reportId: string }
  | { type: 'startPublicity'; on?: string }
  | { type: 'recordObjection'; on?: string; summary: string }
  | { type: 'closePublicity'; on?: string; followUp?: { kind: 're_survey'; investigators: string[] } | { kind: 'community_review' } }
  | { type: 'completeCommunityReview'; on?: string; summary: string }
  | { type: 'notifyRefusal'; on?: string };

const DECIDE: readonly ItemActionType[] = ['approve', 'refuse'];

interface ItemRow {
  id: number;
  item_key: string;
  application_id: number;
  kind: ItemKind;
  department: string;
  reviewers: string[];
  queue_department: string;
  member_id_number: string | null;
  member_person_id: number | null;
  status: ItemStatus;
  step: string | null;
  procedure: DibaoCase | null;
  household_id: number | null;
  village_code: string;
  township_code: string;
  county_code: string;
  city_code: string;
  version: number;
}

interface Outcome {
  status: ItemStatus;
  procedure: DibaoCase | null;
  queueDepartment: string;
  refusalReason?: string;
  note?: string | null;
  decision?: { kind: 'approval' | 'refusal'; amountFenPerMonth?: number | null; amountFen?: number | null; startMonth?: string | null; policyVersion?: string | null; reason?: string | null; decidedOn: string };
}

function toDibaoAction(caller: Caller, action: ItemAction, on: string): DibaoAction | null {
  const decidedBy = { userId: String(caller.user.id), name: caller.user.display_name };
  switch (action.type) {
    case 'startSurvey': return { type: 'startSurvey', on, investigators: action.investigators };
    case 'completeSurvey': return { type: 'completeSurvey', on, surveyFormSigned: action.surveyFormSigned };
    case 'completeEconomicCheck': return { type: 'completeEconomicCheck', on, reportId: action.reportId };
    case 'startPublicity': return { type: 'startPublicity', on };
    case 'recordObjection': return { type: 'recordObjection', on, summary: action.summary };
    case 'closePublicity': return { type: 'closePublicity', on, ...(action.followUp && { followUp: action.followUp }) };
    case 'completeCommunityReview': return { type: 'completeCommunityReview', on, summary: action.summary };
    case 'notifyRefusal': return { type: 'notifyRefusal', on };
    case 'withdraw': return { type: 'withdraw', on, reason: action.reason };
    case 'refuse': return { type: 'refuse', on, reason: action.reason, decidedBy };
    case 'approve':
      return { type: 'approve', decision: { amountFenPerMonth: action.amountFenPerMonth ?? 0, decidedOn: on, decidedBy, policyVersion: action.policyVersion ?? '' } };
    default: return null;
  }
}

function dibaoOutcome(caller: Caller, item: ItemRow, action: ItemAction, on: string, dctx: DeadlineContext): Outcome {
  const dibaoAction = toDibaoAction(caller, action, on);
  if (!dibaoAction) throw new AppError(409, 'ILLEGAL_ACTION', '低保事项须按审核确认程序办理', `${action.type} does not apply to a 低保 item in its procedure`);
  const r = applyDibaoAction(item.procedure!, dibaoAction, dctx);
  if (!r.ok) throw domainRefusal(r.error);
  const c = r.value;
  const outcome: Outcome = { status: itemStatusOfDibaoStep(c.step), procedure: c, queueDepartment: item.queue_department };
  if (action.type === 'approve' && c.decision) {
    outcome.decision = { kind: 'approval', amountFenPerMonth: c.decision.amountFenPerMonth, startMonth: c.decision.startMonth, policyVersion: c.decision.policyVersion, decidedOn: on };
  }
  if (action.type === 'refuse') {
    outcome.refusalReason = action.reason;
    outcome.decision = { kind: 'refusal', reason: action.reason, decidedOn: on };
  }
  if (action.type === 'recordObjection' || action.type === 'completeCommunityReview') outcome.note = action.summary;
  if (action.type === 'withdraw') outcome.note = action.reason;
  return outcome;
}

function statusChange(caller: Caller, from: ItemStatus, to: ItemStatus, on: string, reason?: string): void {
  const r = changeItemStatus(from, { to, on, by: caller.user.username, ...(reason !== undefined && { reason }) });
  if (!r.ok) throw domainRefusal(r.error);
}

function genericOutcome(caller: Caller, item: ItemRow, action: ItemAction, on: string, dctx: DeadlineContext): Outcome {
  const base = { procedure: item.procedure, queueDepartment: item.queue_department };
  switch (action.type) {
    case 'accept':
      statusChange(caller, item.status, 'accepted', on);
      // 低保: acceptance (受理) opens the procedure and starts its limits.
      return { ...base, status: 'accepted', procedure: item.kind === 'dibao' ? openDibaoCase(item.item_key, on, dctx) : null, note: action.note ?? null };
    case 'review': {
      if (!action.opinion || !action.note?.trim()) {
        throw validationFailed([fieldError('action.note', 'REQUIRED', '请填写审核意见', 'Give the review opinion and a note')]);
      }
      if (item.queue_department === item.department) throw new AppError(409, 'ILLEGAL_ACTION', '该事项不在审核部门手中', 'This item is not with a reviewing body');
      if (item.status !== 'accepted') throw new AppError(409, 'ILLEGAL_ACTION', '请先受理再审核', 'Accept the item before reviewing it');
      const i = item.reviewers.indexOf(item.queue_department);
      const next = item.reviewers[i + 1] ?? item.department;
      const toDepartment = next === item.department;
      if (toDepartment) statusChange(caller, item.status, 'in_review', on);
      return { ...base, status: toDepartment ? 'in_review' : item.status, queueDepartment: next, note: `${action.opinion === 'support' ? '审核意见：同意' : '审核意见：不同意'}。${action.note}` };
    }
    case 'startReview':
      if (item.queue_department !== item.department) throw new AppError(409, 'ILLEGAL_ACTION', '须先由审核部门审核', 'The reviewing body must review it first');
      statusChange(caller, item.status, 'in_review', on);
      return { ...base, status: 'in_review', note: action.note ?? null };
    case 'approve': {
      statusChange(caller, item.status, 'approved', on);
      if (MONTHLY_ITEM_KINDS.includes(item.kind) || action.amountFenPerMonth !== undefined) {
        const d = makeDecisionRecord({
          amountFenPerMonth: action.amountFenPerMonth as number, decidedOn: on, policyVersion: action.policyVersion as string,
          decidedBy: { userId: String(caller.user.id), name: caller.user.display_name },
        });
        if (!d.ok) throw validationFailed(fromDomainErrors(d.error).map((f) => ({ ...f, field: `action.${f.field}` })));
        return { ...base, status: 'approved', decision: { kind: 'approval', amountFenPerMonth: d.value.amountFenPerMonth, startMonth: d.value.startMonth, policyVersion: d.value.policyVersion, decidedOn: on }, note: action.note ?? null };
      }
      if (action.amountFen !== undefined && !(Number.isInteger(action.amountFen) && action.amountFen > 0)) {
        throw validationFailed([fieldError('action.amountFen', 'INVALID_AMOUNT', '金额应为大于零的整数（以分计）', 'Amount must be a positive whole number of fen')]);
      }
      return { ...base, status: 'approved', decision: { kind: 'approval', amountFen: action.amountFen ?? null, policyVersion: action.policyVersion ?? null, decidedOn: on }, note: action.note ?? null };
    }
    case 'refuse':
      statusChange(caller, item.status, 'refused', on, action.reason);
      return { ...base, status: 'refused', refusalReason: action.reason, decision: { kind: 'refusal', reason: action.reason, decidedOn: on } };
    case 'withdraw':
      if (!action.reason?.trim()) throw validationFailed([fieldError('action.reason', 'REQUIRED', '请记录撤回原因', 'Record why the item was withdrawn')]);
      statusChange(caller, item.status, 'withdrawn', on);
      return { ...base, status: 'withdrawn', note: action.reason };
    default:
      throw new AppError(409, 'ILLEGAL_ACTION', '此事项不适用该操作', `${action.type} does not apply to this item`);
  }
}

/** Starts the linked items of an approved 低保/特困 item (never twice) and returns their ids. */
async function startFollowOns(tx: Tx, caller: Caller, item: ItemRow, status: ItemStatus, decidedOn: string, dctx: DeadlineContext): Promise<number[]> {
  const app = (await tx.query<AppRow>('select * from applications where id = $1', [item.application_id])).rows[0];
  const form = app.form as ApplicationForm;
  // Items the household already has, in this application or another one of the same household.
  const existing = await tx.query<{ kind: ItemKind; member_id_number: string | null; status: ItemStatus }>(
    `select i.kind, i.member_id_number, i.status from application_items i
     where i.application_id = $1 or ($2::bigint is not null and i.household_id = $2)`, [item.application_id, item.household_id]);
  const source = { id: item.item_key, applicationId: String(item.application_id), kind: item.kind, status, memberIdNumber: item.member_id_number ?? undefined } as ApplicationItem;
  const items = followOnItems(source, {
    decidedOn, members: form.members, params: dctx.params, calendar: dctx.calendar,
    existing: existing.rows.map((e) => ({ kind: e.kind, memberIdNumber: e.member_id_number ?? undefined, status: e.status }) as ApplicationItem),
  });
  return items.length ? insertItems(tx, app, items, caller, 'followOn', item.id) : [];
}

/** On approval the registry household takes the category from the first month paid (if not already current). */
async function addCategory(tx: Tx, caller: Caller, item: ItemRow, startMonth: string | null | undefined, applicationNumber: string): Promise<boolean> {
  if (item.household_id === null || (item.kind !== 'dibao' && item.kind !== 'tekun') || !startMonth) return false;
  const r = await tx.query(
    `insert into household_categories (household_id, category, from_date, reason, created_by)
     select $1, $2, $3::date, $4, $5
     where not exists (select 1 from household_categories c where c.household_id = $1 and c.category = $2 and c.to_date is null)`,
    [item.household_id, item.kind, `${startMonth}-01`, `申请 ${applicationNumber} 审批纳入`, caller.user.id]);
  return r.rowCount > 0;
}

export async function performItemAction(db: Database, caller: Caller, itemId: number, input: { version: number; action: ItemAction }, today: string): Promise<ItemView> {
  const action = input.action;
  if (!can(caller.user.role, DECIDE.includes(action.type) ? 'items.decide' : 'items.work')) throw forbidden();
  const on = actionDate(action.on, today, 'action.on');
  return db.transaction(async (tx) => {
    const params: unknown[] = [itemId];
    const r = await tx.query<ItemRow & { application_status: string; application_number: string }>(
      `select i.*, a.status as application_status, a.number as application_number from application_items i join applications a on a.id = i.application_id
       where i.id = $1 and ${itemVisibility(caller, 'i', params)} for update of i`, params);
    const item = r.rows[0];
    if (!item) throw notFound('救助事项', 'Item');
    if (item.queue_department !== callerDepartment(caller)) {
      throw new AppError(403, 'NOT_YOUR_QUEUE', '该事项不在本部门办理队列中', "This item is not in your department's queue");
    }
    if (item.version !== input.version) throw versionConflict();
    const dctx = await loadDeadlineContext(tx);
    const outcome = item.kind === 'dibao' && item.procedure
      ? dibaoOutcome(caller, item, action, on, dctx)
      : genericOutcome(caller, item, action, on, dctx);
    const updated = await tx.query(
      `update application_items set status = $3, procedure = $4::jsonb, step = $5, queue_department = $6,
         refusal_reason = coalesce($7, refusal_reason), version = version + 1, updated_at = now()
       where id = $1 and version = $2`,
      [item.id, input.version, outcome.status, outcome.procedure ? JSON.stringify(outcome.procedure) : null, outcome.procedure?.step ?? null,
        outcome.queueDepartment, outcome.refusalReason ?? null],
    );
    if (updated.rowCount === 0) throw versionConflict();
    await tx.query(
      `insert into item_events (item_id, action, from_status, to_status, from_step, to_step, on_date, note, actor_user_id, actor_name)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [item.id, action.type, item.status, outcome.status, item.procedure?.step ?? null, outcome.procedure?.step ?? null, on,
        outcome.note ?? outcome.refusalReason ?? null, caller.user.id, caller.user.username],
    );
    let decisionId: number | null = null;
    if (outcome.decision) {
      const d = outcome.decision;
      const ins = await tx.query<{ id: number }>(
        `insert into decisions (kind, programme, item_id, household_id, person_id, village_code, township_code, county_code, city_code,
           amount_fen_per_month, amount_fen, start_month, decided_on, decided_by_user_id, decided_by_name, policy_version, reason)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id`,
        [d.kind, item.kind, item.id, item.household_id, item.member_person_id, item.village_code, item.township_code, item.county_code, item.city_code,
          d.amountFenPerMonth ?? null, d.amountFen ?? null, d.startMonth ?? null, d.decidedOn, caller.user.id, caller.user.display_name,
          d.policyVersion ?? null, d.reason ?? null],
      );
      decisionId = ins.rows[0].id;
    }
    let followOnIds: number[] = [];
    let categoryAdded = false;
    if (outcome.status === 'approved' && (item.kind === 'dibao' || item.kind === 'tekun')) {
      followOnIds = await startFollowOns(tx, caller, item, outcome.status, on, dctx);
      categoryAdded = await addCategory(tx, caller, item, outcome.decision?.startMonth, item.application_number);
    }
    // An application a visit started settles its warning once every item is decided or withdrawn.
    if (outcome.status === 'approved' || outcome.status === 'refused' || outcome.status === 'withdrawn') {
      const w = await tx.query<{ warning_id: number }>(
        `select t.warning_id from applications a join tasks t on t.done_visit_id = a.visit_id
         where a.id = $1 and t.warning_id is not null`, [item.application_id]);
      if (w.rows.length) await settleWarnings(tx, caller.actor, w.rows.map((x) => x.warning_id));
    }
    await appendAudit(tx, caller.actor, {
      action: `item.${action.type}`, entity: 'application_item', entityId: item.id, regionCode: item.village_code,
      before: { status: item.status, step: item.procedure?.step ?? null, queue: item.queue_department, version: item.version },
      after: {
        status: outcome.status, step: outcome.procedure?.step ?? null, queue: outcome.queueDepartment, on,
        ...(outcome.note ? { note: outcome.note } : {}),
        ...(outcome.decision ? { decision: { id: decisionId, ...outcome.decision } } : {}),
        ...(followOnIds.length ? { followOnItemIds: followOnIds } : {}),
        ...(categoryAdded ? { categoryAdded: item.kind } : {}),
      },
    });
    return readItem(tx, caller, item.id, today);
  });
}
