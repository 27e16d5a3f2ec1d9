// One person, one file (一人一档): the timeline of everything that happened to a person and the household, newest
// first — monitoring categories and their changes, warnings, tasks, visits, applications and their items' every
// move, decisions with amounts, referrals — with who did what and when. Read from the records themselves by one
// UNION ALL query; nothing is copied into a second store that could drift.
import type { Caller } from '../platform/http/request-context';
import { notFound } from '../platform/errors';
import { maskIdNumber } from '../registry/masking';
import { scopeCondition, type Queryable } from './common';

export const FILE_ENTRY_KINDS = ['category', 'warning', 'task', 'visit', 'application', 'item', 'decision', 'referral'] as const;
export type FileEntryKind = (typeof FILE_ENTRY_KINDS)[number];

export interface FileEntry {
  kind: FileEntryKind;
  action: string;
  on: string;
  at: string | null;
  actor: string | null;
  refId: number;
  detail: Record<string, unknown>;
}

/**
 * Each part selects (kind, action, on_date, at, actor, ref_id, detail). `$1` household id, `$2` person ids, `$3` ID
 * numbers; `who(alias)` is the condition on a row carrying person_id and household_id.
 */
function parts(who: (alias: string) => string): Record<FileEntryKind, string> {
  // Applications of the household or naming one of the people; items either for the household or for one of them.
  const apps = `(select a.id from applications a where a.household_id = $1
                 or exists (select 1 from application_members m where m.application_id = a.id and m.id_number = any($3::text[])))`;
  const items = `(select i.id from application_items i where i.application_id in ${apps}
                  and (i.member_id_number is null or i.member_id_number = any($3::text[]) or $4::boolean))`;
  return {
    category: `
      select 'category', 'start', c.from_date, c.created_at, u.username, c.id,
        jsonb_build_object('category', c.category, 'reason', c.reason, 'toDate', c.to_date)
      from household_categories c left join users u on u.id = c.created_by where c.household_id = $1
      union all
      select 'category', 'end', c.to_date, null, null, c.id, jsonb_build_object('category', c.category, 'reason', c.reason, 'fromDate', c.from_date)
      from household_categories c where c.household_id = $1 and c.to_date is not null`,
    warning: `
      select 'warning', 'raised', ((w.raised_at at time zone 'UTC') + interval '8 hours')::date, w.raised_at, 'system', w.id,
        jsonb_build_object('ruleCode', w.rule_code, 'scenario', w.scenario, 'level', w.level, 'status', w.status, 'summary', w.summary,
          'evidenceCount', w.evidence_count, 'closedAt', w.closed_at)
      from warnings w where ${who('w')}
      union all
      select 'warning', 'status', ((e.at at time zone 'UTC') + interval '8 hours')::date, e.at, e.actor, w.id,
        jsonb_build_object('from', e.from_value, 'to', e.to_value, 'note', e.note, 'ruleCode', w.rule_code)
      from warning_events e join warnings w on w.id = e.warning_id where e.kind = 'status' and ${who('w')}`,
    task: `
      select 'task', 'created', t.start_on, t.created_at, 'system', t.id,
        jsonb_build_object('taskKind', t.kind, 'title', t.title, 'level', t.level, 'status', t.status, 'dueOn', t.due_on,
          'warningId', t.warning_id, 'escalatedOn', t.escalated_on)
      from tasks t where ${who('t')}
      union all
      select 'task', 'assigned', ((t.assigned_at at time zone 'UTC') + interval '8 hours')::date, t.assigned_at, ab.username, t.id,
        jsonb_build_object('taskKind', t.kind, 'assignee', au.username, 'assigneeName', au.display_name)
      from tasks t join users ab on ab.id = t.assigned_by left join users au on au.id = t.assignee_user_id
      where t.assigned_at is not null and ${who('t')}
      union all
      select 'task', 'escalated', t.escalated_on, null, 'system', t.id, jsonb_build_object('taskKind', t.kind, 'dueOn', t.due_on)
      from tasks t where t.escalated_on is not null and ${who('t')}
      union all
      select 'task', 'done', t.done_on, t.updated_at, du.username, t.id,
        jsonb_build_object('taskKind', t.kind, 'outcome', t.outcome, 'visitId', t.done_visit_id, 'dueOn', t.due_on)
      from tasks t left join users du on du.id = t.done_by where t.status = 'done' and ${who('t')}`,
    visit: `
      select 'visit', v.purpose, v.visited_on, v.recorded_at, u.username, v.id,
        jsonb_build_object('purpose', v.purpose, 'disposition', v.disposition, 'visitors', v.visitors, 'present', v.present,
          'findings', v.findings, 'taskId', v.task_id, 'applicationId', v.application_id,
          'attachments', (select count(*) from casework_files f where f.visit_id = v.id))
      from visits v join users u on u.id = v.recorded_by where ${who('v')}`,
    application: `
      select 'application', case a.status when 'draft' then 'draft' else 'submitted' end,
        coalesce(a.received_on, ((a.created_at at time zone 'UTC') + interval '8 hours')::date), coalesce(a.submitted_at, a.created_at),
        u.username, a.id,
        jsonb_build_object('number', a.number, 'status', a.status, 'origin', a.origin, 'applicantName', a.applicant_name, 'visitId', a.visit_id)
      from applications a left join users u on u.id = coalesce(a.submitted_by, a.created_by) where a.id in ${apps}`,
    item: `
      select 'item', e.action, e.on_date, e.at, e.actor_name, i.id,
        jsonb_build_object('itemKind', i.kind, 'department', i.department, 'applicationId', i.application_id, 'fromStatus', e.from_status,
          'toStatus', e.to_status, 'fromStep', e.from_step, 'toStep', e.to_step, 'note', e.note, 'followOn', i.follow_on, 'dueOn', i.due_on)
      from item_events e join application_items i on i.id = e.item_id where i.id in ${items}`,
    decision: `
      select 'decision', d.kind, d.decided_on, d.created_at, d.decided_by_name, d.id,
        jsonb_build_object('programme', d.programme, 'itemId', d.item_id, 'visitId', d.visit_id, 'amountFenPerMonth', d.amount_fen_per_month,
          'amountFen', d.amount_fen, 'startMonth', d.start_month, 'policyVersion', d.policy_version, 'reason', d.reason, 'payBy', d.pay_by)
      from decisions d where d.item_id in ${items} or (d.item_id is null and ${who('d')})`,
    referral: `
      select 'referral', 'created', f.received_on, f.created_at, u.username, f.id,
        jsonb_build_object('department', f.department, 'why', f.why, 'status', f.status, 'dueOn', f.due_on, 'visitId', f.visit_id)
      from referrals f left join users u on u.id = f.created_by where ${who('f')}
      union all
      select 'referral', 'closed', f.closed_on, f.updated_at, u.username, f.id,
        jsonb_build_object('department', f.department, 'result', f.result)
      from referrals f left join users u on u.id = f.closed_by where f.status = 'closed' and ${who('f')}`,
  };
}

async function timeline(q: Queryable, mode: 'person' | 'household', householdId: number, personIds: number[], idNumbers: string[], kinds: FileEntryKind[], limit: number): Promise<FileEntry[]> {
  // Person file: the person's own records and the household's (not another member's); household file: all of them.
  const who = mode === 'person'
    ? (a: string) => `(${a}.person_id = any($2::bigint[]) or (${a}.person_id is null and ${a}.household_id = $1))`
    : (a: string) => `(${a}.person_id = any($2::bigint[]) or ${a}.household_id = $1)`;
  const all = parts(who);
  const chosen = kinds.length ? kinds : [...FILE_ENTRY_KINDS];
  const union = chosen.map((k) => all[k]).join('\n union all \n');
  const r = await q.query<{ kind: FileEntryKind; action: string; on_date: string; at: Date | null; actor: string | null; ref_id: number; detail: Record<string, unknown> }>(
    // The unused CTE names every parameter, so that a choice of kinds that uses only some of them still binds all four.
    `with args as (select $1::bigint as household_id, $2::bigint[] as person_ids, $3::text[] as id_numbers, $4::boolean as all_items)
     select * from (${union}) as entries (kind, action, on_date, at, actor, ref_id, detail)
     order by on_date desc, at desc nulls last, kind, ref_id desc limit ${limit}`,
    [householdId, personIds, idNumbers, mode === 'household'],
  );
  return r.rows.map((e) => ({ kind: e.kind, action: e.action, on: e.on_date, at: e.at ? new Date(e.at).toISOString() : null, actor: e.actor, refId: e.ref_id, detail: e.detail }));
}

export interface FileQuery {
  kinds?: FileEntryKind[];
  limit?: number;
}

export async function personFile(q: Queryable, caller: Caller, personId: number, query: FileQuery) {
  const params: unknown[] = [personId];
  const r = await q.query<{ id: number; name: string; id_number: string; household_id: number }>(
    `select p.id, p.name, p.id_number, p.household_id from persons p join households h on h.id = p.household_id
     where p.id = $1 and ${scopeCondition(caller.scope, 'h', params)}`, params);
  const p = r.rows[0];
  if (!p) throw notFound('人员', 'Person');
  const entries = await timeline(q, 'person', p.household_id, [p.id], [p.id_number], query.kinds ?? [], Math.min(1000, query.limit ?? 300));
  return { person: { id: p.id, name: p.name, idNumberMasked: maskIdNumber(p.id_number), householdId: p.household_id }, entries };
}

export async function householdFile(q: Queryable, caller: Caller, householdId: number, query: FileQuery) {
  const params: unknown[] = [householdId];
  const h = await q.query<{ id: number; address: string }>(`select h.id, h.address from households h where h.id = $1 and ${scopeCondition(caller.scope, 'h', params)}`, params);
  if (!h.rows[0]) throw notFound('家庭', 'Household');
  const members = await q.query<{ id: number; name: string; id_number: string }>('select id, name, id_number from persons where household_id = $1 order by id', [householdId]);
  const entries = await timeline(q, 'household', householdId, members.rows.map((m) => m.id), members.rows.map((m) => m.id_number), query.kinds ?? [], Math.min(1000, query.limit ?? 300));
  return {
    household: { id: householdId, address: h.rows[0].address, members: members.rows.map((m) => ({ id: m.id, name: m.name, idNumberMasked: maskIdNumber(m.id_number) })) },
    entries,
  };
}
