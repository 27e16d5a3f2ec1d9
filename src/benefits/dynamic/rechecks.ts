// The re-check schedule (复核) of every household under dynamic management, i.e. with an award still paid
// or to be paid: nextRecheck() from its category (income stable or not, members able to work), the last
// check, and a member's registered death (re-check within the policy's months). Due re-checks are listed
// by scope and, where the casework tables exist, become casework tasks (kind 'recheck') for the township.
import type { Database, Tx } from '../../platform/db';
import { appendAudit } from '../../platform/audit';
import { householdScopeCondition, type Scope } from '../../platform/auth/scope';
import { nextRecheck } from '../assessment/recheck';
import { compareDates } from '../dates';
import { badRequest, monthOfDate, regionFilter, type BenefitsCaller, type Queryable } from '../store/common';
import { loadPolicyVersions, policyForCounty, type StoredPolicy } from '../store/policy-store';
import { buildHousehold, EMPTY_FACTS, forEachSubjectPage, loadSubject, type Subject } from '../store/subjects';

/** Whether the casework tables (migrations/0005_casework.sql) are installed, so tasks can be created. */
export async function caseworkTasksAvailable(q: Queryable): Promise<boolean> {
  const r = await q.query<{ ok: boolean }>(`select to_regclass('tasks') is not null as ok`);
  return r.rows[0]?.ok === true;
}

interface CheckInfo {
  lastDecision: string | null;
  lastStored: string | null;
  lastTaskDone: string | null;
}

async function checkInfo(q: Queryable, householdIds: number[], tasks: boolean): Promise<Map<number, CheckInfo>> {
  const r = await q.query<{ household_id: number; last_decision: string | null; last_stored: string | null; last_task: string | null }>(
    `select h.id as household_id,
       (select max(a.decided_on) from benefit_awards a where a.household_id = h.id and a.source <> 'recalculation') as last_decision,
       (select r.last_checked_on from benefit_rechecks r where r.household_id = h.id) as last_stored,
       ${tasks ? `(select max(t.done_on) from tasks t where t.household_id = h.id and t.kind = 'recheck' and t.status = 'done')` : 'null::date'} as last_task
     from households h where h.id = any($1::bigint[])`, [householdIds]);
  return new Map(r.rows.map((x) => [Number(x.household_id), { lastDecision: x.last_decision, lastStored: x.last_stored, lastTaskDone: x.last_task }]));
}

const latest = (...dates: (string | null)[]) => dates.filter((d): d is string => !!d).sort().at(-1) ?? null;

/** One household's schedule, or null when it cannot be computed (no policy in force, nobody living). */
export function scheduleFor(subject: Subject, versions: readonly StoredPolicy[], lastCheckDate: string) {
  const h = subject.household;
  const policy = policyForCounty(versions, h.county_code, h.area_type, lastCheckDate);
  if (!policy) return null;
  const facts = subject.facts?.facts ?? EMPTY_FACTS;
  const built = buildHousehold(subject, facts, lastCheckDate, policy);
  if (built.household.members.length === 0) return null;
  const deaths = subject.members.map((p) => p.died_on).filter((d): d is string => !!d && compareDates(d, lastCheckDate) > 0).sort();
  const s = nextRecheck(built.household, policy, { lastCheckDate, incomeVaries: facts.incomeVaries ?? false, memberDeathDate: deaths[0] });
  return { policy, schedule: s };
}

export interface RefreshResult {
  scheduled: number;
  removed: number;
  skipped: number;
}

/**
 * Recomputes the schedule of the households with an award paid in or after `today`'s month, within the
 * filter (a county, or given households), and removes the rows of households no longer under management.
 */
export async function refreshRechecks(q: Queryable, filter: { countyCode?: string; householdIds?: number[] }, today: string, pageSize = 2000): Promise<RefreshResult> {
  const month = monthOfDate(today);
  const params: unknown[] = [month];
  let where = `exists (select 1 from benefit_awards a where a.household_id = h.id and (a.end_month is null or a.end_month >= $1))`;
  let scope = 'true';
  if (filter.countyCode) {
    params.push(filter.countyCode);
    scope = `h.county_code = $${params.length}`;
  }
  if (filter.householdIds) {
    params.push(filter.householdIds);
    scope += ` and h.id = any($${params.length}::bigint[])`;
  }
  where = `${where} and ${scope}`;
  const versions = await loadPolicyVersions(q);
  const tasks = await caseworkTasksAvailable(q);
  const result: RefreshResult = { scheduled: 0, removed: 0, skipped: 0 };
  await forEachSubjectPage(q, where, params, pageSize, async (page) => {
    const info = await checkInfo(q, page.map((s) => s.household.id), tasks);
    const rows: Record<string, unknown>[] = [];
    for (const subject of page) {
      const i = info.get(subject.household.id);
      const last = latest(i?.lastStored ?? null, i?.lastTaskDone ?? null, i?.lastDecision ?? null);
      if (!last) {
        result.skipped++;
        continue;
      }
      const computed = scheduleFor(subject, versions, last);
      if (!computed) {
        result.skipped++;
        continue;
      }
      const s = computed.schedule;
      rows.push({
        household_id: subject.household.id, last_checked_on: last, regular_due_on: s.regularDate, next_due_on: s.nextRecheckDate,
        due_to_death: s.dueToDeath, interval_months: s.intervalMonths, income_category: s.category,
        explanation: { steps: s.steps, flags: s.flags }, policy_version_id: computed.policy.id,
      });
    }
    if (rows.length > 0) {
      // One statement per page. A new due date (a death, a recorded check) needs a new task; the same
      // due date keeps its task.
      await q.query(
        `insert into benefit_rechecks (household_id, last_checked_on, regular_due_on, next_due_on, due_to_death, interval_months, income_category, explanation, policy_version_id)
         select x.household_id, x.last_checked_on, x.regular_due_on, x.next_due_on, x.due_to_death, x.interval_months, x.income_category, x.explanation, x.policy_version_id
         from jsonb_to_recordset($1::jsonb) as x(household_id bigint, last_checked_on date, regular_due_on date, next_due_on date, due_to_death boolean,
           interval_months smallint, income_category text, explanation jsonb, policy_version_id bigint)
         on conflict (household_id) do update set last_checked_on = excluded.last_checked_on, regular_due_on = excluded.regular_due_on,
           next_due_on = excluded.next_due_on, due_to_death = excluded.due_to_death, interval_months = excluded.interval_months,
           income_category = excluded.income_category, explanation = excluded.explanation, policy_version_id = excluded.policy_version_id,
           task_id = case when benefit_rechecks.next_due_on = excluded.next_due_on then benefit_rechecks.task_id else null end,
           updated_at = now()`, [JSON.stringify(rows)]);
    }
    result.scheduled += rows.length;
  });
  // Households in the filter that left dynamic management (every award ended before this month).
  const removeParams: unknown[] = [month];
  let removeScope = '';
  if (filter.countyCode) {
    removeParams.push(filter.countyCode);
    removeScope += ` and h.county_code = $${removeParams.length}`;
  }
  if (filter.householdIds) {
    removeParams.push(filter.householdIds);
    removeScope += ` and h.id = any($${removeParams.length}::bigint[])`;
  }
  const removed = await q.query(
    `delete from benefit_rechecks r using households h where h.id = r.household_id ${removeScope}
       and not exists (select 1 from benefit_awards a where a.household_id = r.household_id and (a.end_month is null or a.end_month >= $1))`, removeParams);
  result.removed = removed.rowCount;
  return result;
}

/**
 * Households whose member died after their last check while their schedule does not yet reflect it: the
 * registered death moves the re-check forward (within the policy's months). Cheap; run before listing.
 */
export async function refreshAfterDeaths(q: Queryable, today: string, countyCode?: string): Promise<number> {
  const params: unknown[] = [];
  let cond = '';
  if (countyCode) {
    params.push(countyCode);
    cond = `and h.county_code = $1`;
  }
  const r = await q.query<{ household_id: number }>(
    `select distinct r.household_id from benefit_rechecks r join households h on h.id = r.household_id
       join persons p on p.household_id = r.household_id
     where p.died_on is not null and p.died_on > r.last_checked_on and p.died_on < r.next_due_on and not r.due_to_death ${cond}`, params);
  if (r.rows.length === 0) return 0;
  const ids = r.rows.map((x) => Number(x.household_id));
  await refreshRechecks(q, { householdIds: ids }, today);
  return ids.length;
}

export interface DueRecheckQuery {
  due: string;
  regionCode?: string;
  page?: number;
  pageSize?: number;
}

/** Re-checks due on or before `due` in the caller's scope, soonest first. */
export async function listDueRechecks(q: Queryable, scope: Scope, query: DueRecheckQuery) {
  const params: unknown[] = [query.due];
  const scopeCond = householdScopeCondition(scope, 'h', params);
  const region = regionFilter(query.regionCode, 'h', params);
  const pageSize = query.pageSize ?? 50;
  const offset = ((query.page ?? 1) - 1) * pageSize;
  const tasks = await caseworkTasksAvailable(q);
  const total = await q.query<{ n: number }>(
    `select count(*)::int as n from benefit_rechecks r join households h on h.id = r.household_id where r.next_due_on <= $1 and ${scopeCond} and ${region}`, params);
  const rows = await q.query<Record<string, any>>(
    `select r.*, h.address, h.area_type, h.village_code, h.township_code, h.county_code, hp.name as head_name,
       (select string_agg(distinct a.programme, ',') from benefit_awards a where a.household_id = h.id and (a.end_month is null or a.end_month >= to_char(r.next_due_on, 'YYYY-MM'))) as programmes,
       (select max(p.died_on) from persons p where p.household_id = h.id) as last_death
       ${tasks ? `, t.status as task_status, t.due_on as task_due_on` : ''}
     from benefit_rechecks r join households h on h.id = r.household_id left join persons hp on hp.id = h.head_person_id
       ${tasks ? 'left join tasks t on t.id = r.task_id' : ''}
     where r.next_due_on <= $1 and ${scopeCond} and ${region}
     order by r.next_due_on, r.household_id limit ${pageSize} offset ${offset}`, params);
  return {
    due: query.due,
    total: total.rows[0].n,
    page: query.page ?? 1,
    pageSize,
    tasksAvailable: tasks,
    items: rows.rows.map((r) => ({
      householdId: Number(r.household_id), headName: r.head_name, address: r.address, areaType: r.area_type, villageCode: r.village_code,
      townshipCode: r.township_code, countyCode: r.county_code,
      programmes: r.programmes ? String(r.programmes).split(',') : [],
      lastCheckedOn: r.last_checked_on, regularDueOn: r.regular_due_on, nextDueOn: r.next_due_on, dueToDeath: r.due_to_death,
      intervalMonths: r.interval_months, incomeCategory: r.income_category, lastDeath: r.last_death,
      explanation: r.explanation,
      task: r.task_id ? { id: Number(r.task_id), status: r.task_status ?? null, dueOn: r.task_due_on ?? null } : null,
    })),
  };
}

/**
 * Creates one casework task (kind 'recheck', township queue) per household whose re-check is due by `due`
 * and has no task for that due date yet. Set-based; one audit entry for the batch. Returns null when the
 * casework tables are not installed (the due re-checks are then only listed).
 */
export async function createRecheckTasks(db: Database, caller: BenefitsCaller, due: string, today: string, countyCode?: string): Promise<{ created: number } | null> {
  if (!(await caseworkTasksAvailable(db))) return null;
  return db.transaction(async (tx) => {
    const params: unknown[] = [due, today];
    const scopeCond = householdScopeCondition(caller.scope, 'h', params);
    let county = '';
    if (countyCode) {
      params.push(countyCode);
      county = `and h.county_code = $${params.length}`;
    }
    const made = await tx.query<{ id: number; household_id: number }>(
      `with due as (
         select r.household_id, r.next_due_on, r.due_to_death, r.last_checked_on, h.village_code, h.township_code, h.county_code, h.city_code, h.address
         from benefit_rechecks r join households h on h.id = r.household_id
         where r.next_due_on <= $1 and r.task_id is null and ${scopeCond} ${county}
           -- a re-check task casework already opened (after a visit) serves as well
           and not exists (select 1 from tasks t where t.household_id = r.household_id and t.kind = 'recheck' and t.status in ('open', 'assigned'))
         for update of r
       ), made as (
         insert into tasks (kind, queue_level, household_id, title, detail, village_code, township_code, county_code, city_code,
                            deadline_kind, start_on, due_on, deadline_source)
         select 'recheck', 'township', d.household_id,
           case when d.due_to_death then '家庭成员死亡后复核' else '低保/特困定期复核' end,
           '上次核查' || to_char(d.last_checked_on, 'YYYY-MM-DD') || '，应于' || to_char(d.next_due_on, 'YYYY-MM-DD') || '前完成复核（' || d.address || '）',
           d.village_code, d.township_code, d.county_code, d.city_code,
           'scheduledRecheck', least($2::date, d.next_due_on), d.next_due_on,
           'benefits: nextRecheck（民发〔2021〕57号 动态管理；成员死亡后3个月内复核）'
         from due d
         returning id, household_id
       )
       update benefit_rechecks r set task_id = made.id from made where r.household_id = made.household_id
       returning made.id, made.household_id`, params);
    if (made.rows.length > 0) {
      await appendAudit(tx, caller.actor, {
        action: 'recheck.tasks.create', entity: 'benefit_rechecks', entityId: null, regionCode: countyCode ?? caller.scope.regionCode,
        after: { due, created: made.rows.length, households: made.rows.slice(0, 1000).map((r) => Number(r.household_id)) },
      });
    }
    return { created: made.rows.length };
  });
}

/** A re-check done on `checkedOn`: the schedule starts again from it. Audited. */
export async function recordRecheck(db: Database, caller: BenefitsCaller, householdId: number, input: { checkedOn: string; incomeVaries?: boolean; note?: string }, today: string) {
  if (compareDates(input.checkedOn, today) > 0) throw badRequest('checkedOn', 'FUTURE', '复核日期不能晚于今天', 'The re-check date cannot be in the future');
  return db.transaction(async (tx: Tx) => {
    const subject = await loadSubject(tx, caller.scope, householdId, true);
    const before = await tx.query<Record<string, any>>('select * from benefit_rechecks where household_id = $1', [householdId]);
    if (!before.rows[0]) throw badRequest('householdId', 'NOT_MANAGED', '该家庭没有在保的救助待遇，无需复核', 'The household has no benefit under dynamic management');
    if (compareDates(input.checkedOn, before.rows[0].last_checked_on) < 0) {
      throw badRequest('checkedOn', 'BEFORE_LAST', `复核日期不能早于上次核查日期${before.rows[0].last_checked_on}`, 'The re-check date is before the last check');
    }
    if (input.incomeVaries !== undefined) {
      await tx.query(`update benefit_household_facts set facts = jsonb_set(facts, '{incomeVaries}', $2::jsonb), version = version + 1, updated_at = now() where household_id = $1`,
        [householdId, JSON.stringify(input.incomeVaries)]);
    }
    await tx.query('update benefit_rechecks set last_checked_on = $2, task_id = null where household_id = $1', [householdId, input.checkedOn]);
    await refreshRechecks(tx, { householdIds: [householdId] }, today);
    const after = await tx.query<Record<string, any>>('select * from benefit_rechecks where household_id = $1', [householdId]);
    await appendAudit(tx, caller.actor, {
      action: 'recheck.record', entity: 'household', entityId: householdId, regionCode: subject.household.village_code,
      before: { lastCheckedOn: before.rows[0].last_checked_on, nextDueOn: before.rows[0].next_due_on },
      after: { lastCheckedOn: input.checkedOn, nextDueOn: after.rows[0]?.next_due_on ?? null, note: input.note ?? null },
    });
    return after.rows[0] ? { householdId, lastCheckedOn: after.rows[0].last_checked_on, nextDueOn: after.rows[0].next_due_on, dueToDeath: after.rows[0].due_to_death, explanation: after.rows[0].explanation } : null;
  });
}
