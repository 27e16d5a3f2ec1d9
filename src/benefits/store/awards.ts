// Benefit awards: what is paid, to whom, from which month, under which policy version and why. An award is
// never overwritten: a change ends one award and starts its successor; an exit ends it. `awardBenefit` is
// the one way in (casework decisions, the API, the monthly recalculation, the demo); it keeps the
// household's category history and re-check schedule in step and writes the audit entry in the same
// transaction.
import type { Tx } from '../../platform/db';
import { isDatabaseError, UNIQUE_VIOLATION } from '../../platform/db';
import { appendAudit } from '../../platform/audit';
import { householdScopeCondition, type Scope } from '../../platform/auth/scope';
import { AppError, notFound, versionConflict } from '../../platform/errors';
import { addMonthsToMonth, compareDates, isValidDate, isValidMonth } from '../dates';
import type { PolicyRef, Step } from '../explanation';
import { refreshRechecks } from '../dynamic/rechecks';
import {
  badRequest,
  END_REASON_LABELS,
  firstDayOf,
  lastDayOf,
  monthOfDate,
  regionFilter,
  PROGRAMME_CATEGORY,
  PROGRAMME_LABELS,
  PROGRAMMES,
  type BenefitsCaller,
  type EndReason,
  type Programme,
  type Queryable,
} from './common';
import { findByRef, loadPolicyVersions, policyRefView, type StoredPolicy } from './policy-store';
import { loadSubject } from './subjects';

export type AwardSource = 'casework' | 'api' | 'recalculation' | 'demo';

export interface AwardBenefitInput {
  householdId: number;
  /** The supported person for 特困 and 单人保; absent for a household's 低保. */
  personId?: number | null;
  programme: Programme;
  /** Monthly amount in fen, as the assessment computed it. */
  amountFen: number;
  /** First month paid, 'YYYY-MM' (for a decision: the month after the decision date). */
  startMonth: string;
  /** The explanation the assessment produced: its steps and reviewer flags, stored with the award. */
  explanation: { steps: Step[]; flags?: string[] };
  /** The policy version the amount was computed with: the PolicyRef of the result, or a stored id. */
  policyVersion: PolicyRef | { id: number };
  /** The casework item or decision id this award carries out. */
  decisionRef?: string | null;
  /** The decision date; defaults to today (China time). Must be on or after the policy's effective date. */
  decidedOn?: string;
  source?: AwardSource;
  /**
   * The date the amount was assessed on, when not the decision date (a monthly recalculation assesses on
   * the first day of its month). The policy version must be in force on it.
   */
  assessedOn?: string;
  /**
   * When the beneficiary already has an award for the programme: 'adjust' ends it with the month before
   * startMonth and links the new award as its successor (a change of amount). Without it, an overlapping
   * award is refused (409), so nobody is paid twice for a month.
   */
  onExisting?: 'refuse' | 'adjust';
}

export interface AwardRow {
  id: number;
  household_id: number;
  person_id: number | null;
  programme: Programme;
  amount_fen: number;
  start_month: string;
  end_month: string | null;
  end_reason: EndReason | null;
  end_note: string | null;
  ended_on: string | null;
  ended_by: string | null;
  policy_version_id: number;
  policy_ref: PolicyRef;
  explanation: { steps: Step[]; flags: string[] };
  decided_on: string;
  decided_by_user_id: number | null;
  decided_by: string;
  source: AwardSource;
  decision_ref: string | null;
  previous_award_id: number | null;
  version: number;
  created_at: Date;
  person_name?: string | null;
  successor_id?: number | null;
}

function todayCst(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Award status for a month: not yet started, paid, ending (an end month set in the future), ended. An award
 * ended before its first month (end month before start month) was never paid: it is ended, not "not started".
 */
export function awardStatus(a: Pick<AwardRow, 'start_month' | 'end_month'>, month: string): 'notStarted' | 'open' | 'ending' | 'ended' {
  if (a.end_month !== null && (a.end_month < month || a.end_month < a.start_month)) return 'ended';
  if (a.start_month > month) return 'notStarted';
  return a.end_month === null ? 'open' : 'ending';
}

export function awardView(a: AwardRow, month: string, policies?: ReadonlyMap<number, StoredPolicy>) {
  const p = policies?.get(Number(a.policy_version_id));
  return {
    id: Number(a.id),
    householdId: Number(a.household_id),
    personId: a.person_id === null ? null : Number(a.person_id),
    personName: a.person_name ?? null,
    programme: a.programme,
    programmeLabel: PROGRAMME_LABELS[a.programme],
    amountFen: Number(a.amount_fen),
    startMonth: a.start_month,
    endMonth: a.end_month,
    /** The first month no longer paid (exits take effect the month after the end month). */
    exitMonth: a.end_month ? addMonthsToMonth(a.end_month, 1) : null,
    endReason: a.end_reason,
    endReasonLabel: a.end_reason ? END_REASON_LABELS[a.end_reason] : null,
    endNote: a.end_note,
    status: awardStatus(a, month),
    policyVersion: p ? policyRefView(p) : { id: Number(a.policy_version_id), ...a.policy_ref },
    explanation: a.explanation,
    decidedOn: a.decided_on,
    decidedBy: a.decided_by,
    source: a.source,
    decisionRef: a.decision_ref,
    previousAwardId: a.previous_award_id === null ? null : Number(a.previous_award_id),
    successorAwardId: a.successor_id === undefined || a.successor_id === null ? null : Number(a.successor_id),
    version: a.version,
    createdAt: new Date(a.created_at).toISOString(),
  };
}

export type AwardView = ReturnType<typeof awardView>;

async function resolvePolicy(tx: Tx, ref: AwardBenefitInput['policyVersion']): Promise<StoredPolicy | undefined> {
  const versions = await loadPolicyVersions(tx);
  if ('id' in ref && typeof ref.id === 'number') return versions.find((v) => v.id === ref.id);
  return findByRef(versions, ref as PolicyRef);
}

async function openCategory(tx: Tx, caller: BenefitsCaller, householdId: number, programme: Programme, startMonth: string, reason: string) {
  const category = PROGRAMME_CATEGORY[programme];
  if (!category) return;
  const current = await tx.query('select 1 from household_categories where household_id = $1 and category = $2 and to_date is null', [householdId, category]);
  if (current.rows.length > 0) return;
  await tx.query('insert into household_categories (household_id, category, from_date, reason, created_by) values ($1, $2, $3, $4, $5)',
    [householdId, category, firstDayOf(startMonth), reason, caller.actor.userId]);
}

/** Ends the household's open category row when no award of that category is paid after `endMonth`. */
async function closeCategoryIfLast(tx: Tx, householdId: number, programme: Programme, endMonth: string) {
  const category = PROGRAMME_CATEGORY[programme];
  if (!category) return;
  const programmes = PROGRAMMES.filter((p) => PROGRAMME_CATEGORY[p] === category);
  const still = await tx.query(
    `select 1 from benefit_awards where household_id = $1 and programme = any($2::text[]) and (end_month is null or end_month > $3) and start_month <= coalesce(end_month, start_month) limit 1`,
    [householdId, programmes, endMonth]);
  if (still.rows.length > 0) return;
  await tx.query(
    `update household_categories set to_date = greatest(from_date, $3::date) where household_id = $1 and category = $2 and to_date is null`,
    [householdId, category, lastDayOf(endMonth)]);
}

/**
 * Records a benefit award (what will be paid monthly from startMonth) for a household in the caller's
 * scope — the function casework calls when a 低保/特困/单人保 decision is approved. Checks the household
 * (404 outside scope), the beneficiary (a living member), the amount, the policy version (stored, of the
 * household's county chain and area, in force on the decision date) and that no other award of the
 * programme pays the same beneficiary for the same months (409, unless onExisting 'adjust'). Opens the
 * household's category (低保/特困) when it is not current, schedules the re-check, and audits — all in
 * the caller's transaction.
 */
export async function awardBenefit(tx: Tx, caller: BenefitsCaller, input: AwardBenefitInput): Promise<AwardView> {
  const programme = input.programme;
  if (!(PROGRAMMES as readonly string[]).includes(programme)) throw badRequest('programme', 'PROGRAMME', `未知的救助项目：${programme}`, `Unknown programme: ${programme}`);
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) throw badRequest('amountFen', 'AMOUNT', '月发放金额必须是大于0的整数（单位：分）', 'amountFen must be a positive integer');
  if (!isValidMonth(input.startMonth)) throw badRequest('startMonth', 'MONTH', '起始月份必须是 YYYY-MM', 'startMonth must be YYYY-MM');
  const decidedOn = input.decidedOn ?? todayCst();
  if (!isValidDate(decidedOn)) throw badRequest('decidedOn', 'DATE', '决定日期必须是 YYYY-MM-DD', 'decidedOn must be YYYY-MM-DD');
  if (!input.explanation || !Array.isArray(input.explanation.steps) || input.explanation.steps.length === 0) {
    throw badRequest('explanation', 'EXPLANATION', '必须附上计算说明（各计算步骤）', 'The explanation steps are required');
  }
  const personal = programme !== 'dibao';
  const personId = input.personId ?? null;
  if (personal && personId === null) throw badRequest('personId', 'REQUIRED', `${PROGRAMME_LABELS[programme].zh}须指定受助人`, `${programme} needs the supported person`);
  if (!personal && personId !== null) throw badRequest('personId', 'NOT_ALLOWED', '低保按户发放，不指定受助人', 'Dibao is paid to the household');

  const subject = await loadSubject(tx, caller.scope, input.householdId, true);
  const h = subject.household;
  if (personal) {
    const p = subject.members.find((m) => m.id === personId);
    if (!p) throw badRequest('personId', 'NOT_MEMBER', '受助人不是本户家庭成员', 'The person is not a member of the household');
    if (p.died_on && p.died_on <= decidedOn) throw badRequest('personId', 'DECEASED', `受助人已于${p.died_on}死亡`, 'The person is registered dead');
  }
  const policy = await resolvePolicy(tx, input.policyVersion);
  if (!policy) throw badRequest('policyVersion', 'POLICY_UNKNOWN', '政策版本不存在：请使用测算结果所附的政策版本', 'No such stored policy version');
  const chain = [h.county_code, h.county_code.slice(0, 4) + '00000000', h.county_code.slice(0, 2) + '0000000000'];
  if (!chain.includes(policy.regionCode) || (policy.areaType !== 'both' && policy.areaType !== h.area_type)) {
    throw badRequest('policyVersion', 'POLICY_NOT_APPLICABLE', '该政策版本不适用于本户所在地区或城乡类别', 'The policy version does not apply to this household');
  }
  const assessedOn = input.assessedOn ?? decidedOn;
  if (!isValidDate(assessedOn)) throw badRequest('assessedOn', 'DATE', '核算日期必须是 YYYY-MM-DD', 'assessedOn must be YYYY-MM-DD');
  if (compareDates(policy.effectiveFrom, assessedOn) > 0) {
    throw badRequest('policyVersion', 'POLICY_NOT_IN_FORCE', `该政策版本自${policy.effectiveFrom}起执行，核算日期${assessedOn}时尚未生效`, 'The policy version was not in force on the assessment date');
  }

  // Any award of the programme for this beneficiary still paid in or after startMonth.
  const overlap = await tx.query<AwardRow>(
    `select * from benefit_awards where household_id = $1 and programme = $2 and person_id is not distinct from $3
       and (end_month is null or end_month >= $4) and start_month <= coalesce(end_month, start_month)
     order by id for update`, [h.id, programme, personId, input.startMonth]);
  let previous: AwardRow | null = null;
  if (overlap.rows.length > 0) {
    const open = overlap.rows.filter((a) => a.end_month === null);
    if (input.onExisting !== 'adjust' || overlap.rows.length !== 1 || open.length !== 1 || open[0].start_month > input.startMonth) {
      const a = overlap.rows[0];
      throw new AppError(409, 'AWARD_OVERLAP',
        `该对象已有${PROGRAMME_LABELS[programme].zh}待遇（第${a.id}号，${a.start_month}起${a.end_month ? `至${a.end_month}` : ''}），同一月份不能重复发放`,
        `An award of this programme already pays this beneficiary from ${a.start_month} (award ${a.id})`);
    }
    previous = open[0];
    await tx.query(`update benefit_awards set end_month = $2, end_reason = 'adjusted', ended_on = $3, ended_by = $4, version = version + 1 where id = $1`,
      [previous.id, addMonthsToMonth(input.startMonth, -1), decidedOn, caller.actor.name]);
  }

  const ref: PolicyRef = { regionCode: policy.regionCode, areaType: policy.areaType, effectiveFrom: policy.effectiveFrom, version: policy.version };
  const source: AwardSource = input.source ?? (input.decisionRef ? 'casework' : 'api');
  let inserted: AwardRow;
  try {
    const r = await tx.query<AwardRow>(
      `insert into benefit_awards (household_id, person_id, programme, amount_fen, start_month, policy_version_id, policy_ref, explanation,
         decided_on, decided_by_user_id, decided_by, source, decision_ref, previous_award_id)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12, $13, $14) returning *`,
      [h.id, personId, programme, input.amountFen, input.startMonth, policy.id, JSON.stringify(ref),
        JSON.stringify({ steps: input.explanation.steps, flags: input.explanation.flags ?? [] }),
        decidedOn, caller.actor.userId, caller.actor.name, source, input.decisionRef ?? null, previous ? previous.id : null]);
    inserted = r.rows[0];
  } catch (e) {
    if (isDatabaseError(e, UNIQUE_VIOLATION)) throw versionConflict();
    throw e;
  }
  await openCategory(tx, caller, h.id, programme, input.startMonth,
    `${PROGRAMME_LABELS[programme].zh}审核确认${input.decisionRef ? `（${input.decisionRef}）` : ''}，月发放${(input.amountFen / 100).toFixed(2)}元`);
  await appendAudit(tx, caller.actor, {
    action: previous ? 'benefit.adjust' : 'benefit.award', entity: 'benefit_award', entityId: inserted.id, regionCode: h.village_code,
    before: previous ? { awardId: Number(previous.id), amountFen: Number(previous.amount_fen), startMonth: previous.start_month, endMonth: addMonthsToMonth(input.startMonth, -1) } : null,
    after: {
      householdId: h.id, personId, programme, amountFen: input.amountFen, startMonth: input.startMonth, policy: { id: policy.id, ...ref },
      decidedOn, source, decisionRef: input.decisionRef ?? null, previousAwardId: previous ? Number(previous.id) : null,
    },
  });
  await refreshRechecks(tx, { householdIds: [h.id] }, decidedOn);
  return awardView(inserted, monthOfDate(decidedOn), new Map([[policy.id, policy]]));
}

export interface EndAwardInput {
  /** The last month paid, 'YYYY-MM' (the exit takes effect the month after). */
  endMonth: string;
  reason: Exclude<EndReason, 'adjusted'>;
  note?: string;
  endedOn: string;
  /** The award's version the caller saw (409 when it changed). */
  version?: number;
}

/** Ends an award (exit): sets its last paid month; an ended award may only be ended earlier. Audited. */
export async function endAward(tx: Tx, caller: BenefitsCaller, awardId: number, input: EndAwardInput): Promise<AwardView> {
  if (!isValidMonth(input.endMonth)) throw badRequest('endMonth', 'MONTH', '末次发放月份必须是 YYYY-MM', 'endMonth must be YYYY-MM');
  const params: unknown[] = [awardId];
  const cond = householdScopeCondition(caller.scope, 'h', params);
  const r = await tx.query<AwardRow & { village_code: string }>(
    `select a.*, h.village_code from benefit_awards a join households h on h.id = a.household_id where a.id = $1 and ${cond} for update of a`, params);
  const a = r.rows[0];
  if (!a) throw notFound('救助待遇', 'Benefit award');
  if (input.version !== undefined && input.version !== a.version) throw versionConflict();
  if (a.end_month !== null && a.end_month <= input.endMonth) {
    throw new AppError(409, 'AWARD_ENDED', `该待遇已于${a.end_month}停发`, `The award already ends in ${a.end_month}`);
  }
  const updated = await tx.query<AwardRow>(
    `update benefit_awards set end_month = $2, end_reason = $3, end_note = $4, ended_on = $5, ended_by = $6, version = version + 1 where id = $1 returning *`,
    [awardId, input.endMonth, input.reason, input.note ?? null, input.endedOn, caller.actor.name]);
  await closeCategoryIfLast(tx, Number(a.household_id), a.programme, input.endMonth);
  await appendAudit(tx, caller.actor, {
    action: 'benefit.end', entity: 'benefit_award', entityId: awardId, regionCode: a.village_code,
    before: { endMonth: a.end_month, endReason: a.end_reason },
    after: { endMonth: input.endMonth, endReason: input.reason, note: input.note ?? null, exitMonth: addMonthsToMonth(input.endMonth, 1) },
  });
  return awardView(updated.rows[0], monthOfDate(input.endedOn));
}

const AWARD_SELECT = `select a.*, p.name as person_name, (select s.id from benefit_awards s where s.previous_award_id = a.id) as successor_id
  from benefit_awards a join households h on h.id = a.household_id left join persons p on p.id = a.person_id`;

export async function readAward(q: Queryable, scope: Scope, awardId: number, month: string): Promise<AwardView> {
  const params: unknown[] = [awardId];
  const cond = householdScopeCondition(scope, 'h', params);
  const r = await q.query<AwardRow>(`${AWARD_SELECT} where a.id = $1 and ${cond}`, params);
  if (!r.rows[0]) throw notFound('救助待遇', 'Benefit award');
  const versions = await loadPolicyVersions(q);
  return awardView(r.rows[0], month, new Map(versions.map((v) => [v.id, v])));
}

export interface AwardQuery {
  householdId?: number;
  regionCode?: string;
  programme?: Programme;
  /** open: paid in `month` or later; ended: ended before `month`. */
  status?: 'open' | 'ended';
  /** Paid in this month. */
  payableIn?: string;
  page?: number;
  pageSize?: number;
}

export async function listAwards(q: Queryable, scope: Scope, query: AwardQuery, month: string) {
  const params: unknown[] = [];
  const where = [householdScopeCondition(scope, 'h', params)];
  if (query.householdId) {
    params.push(query.householdId);
    where.push(`a.household_id = $${params.length}`);
  }
  if (query.regionCode) {
    where.push(regionFilter(query.regionCode, 'h', params));
  }
  if (query.programme) {
    params.push(query.programme);
    where.push(`a.programme = $${params.length}`);
  }
  if (query.status) {
    params.push(month);
    where.push(query.status === 'open' ? `(a.end_month is null or a.end_month >= $${params.length})` : `a.end_month < $${params.length}`);
  }
  if (query.payableIn) {
    params.push(query.payableIn);
    where.push(`a.start_month <= $${params.length} and (a.end_month is null or a.end_month >= $${params.length})`);
  }
  const pageSize = query.pageSize ?? 50;
  const offset = ((query.page ?? 1) - 1) * pageSize;
  const total = await q.query<{ n: number; fen: number | null }>(
    `select count(*)::int as n, sum(a.amount_fen)::bigint as fen from benefit_awards a join households h on h.id = a.household_id where ${where.join(' and ')}`, params);
  const rows = await q.query<AwardRow>(`${AWARD_SELECT} where ${where.join(' and ')} order by a.household_id, a.id limit ${pageSize} offset ${offset}`, params);
  const versions = await loadPolicyVersions(q);
  const byId = new Map(versions.map((v) => [v.id, v]));
  return {
    total: total.rows[0].n,
    totalAmountFen: Number(total.rows[0].fen ?? 0),
    page: query.page ?? 1,
    pageSize,
    items: rows.rows.map((a) => awardView(a, month, byId)),
  };
}

/** A household's benefits: every award (history included), what is paid this month, facts, re-check, pending changes. */
export async function householdBenefits(q: Queryable, scope: Scope, householdId: number, today: string) {
  const subject = await loadSubject(q, scope, householdId);
  const month = monthOfDate(today);
  const awards = await q.query<AwardRow>(`${AWARD_SELECT} where a.household_id = $1 order by a.start_month desc, a.id desc`, [householdId]);
  const versions = await loadPolicyVersions(q);
  const byId = new Map(versions.map((v) => [v.id, v]));
  const views = awards.rows.map((a) => awardView(a, month, byId));
  const recheck = await q.query<Record<string, any>>('select * from benefit_rechecks where household_id = $1', [householdId]);
  const changes = await q.query<Record<string, any>>(`select id, award_id, kind, previous_amount_fen, new_amount_fen, effective_month, run_month, status from benefit_changes where household_id = $1 and status = 'proposed' order by id`, [householdId]);
  const categories = await q.query<Record<string, any>>('select category, from_date, to_date, reason from household_categories where household_id = $1 order by from_date, id', [householdId]);
  const paidNow = views.filter((a) => a.status === 'open' || a.status === 'ending');
  return {
    householdId,
    month,
    monthlyTotalFen: paidNow.reduce((s, a) => s + a.amountFen, 0),
    awards: views,
    categories: categories.rows.map((c) => ({ category: c.category, fromDate: c.from_date, toDate: c.to_date, reason: c.reason })),
    facts: subject.facts ? { asOf: subject.facts.asOf, source: subject.facts.source, version: subject.facts.version, facts: subject.facts.facts } : null,
    recheck: recheck.rows[0] ? {
      lastCheckedOn: recheck.rows[0].last_checked_on, nextDueOn: recheck.rows[0].next_due_on, dueToDeath: recheck.rows[0].due_to_death,
      intervalMonths: recheck.rows[0].interval_months, incomeCategory: recheck.rows[0].income_category, explanation: recheck.rows[0].explanation,
    } : null,
    pendingChanges: changes.rows.map((c) => ({
      id: Number(c.id), awardId: Number(c.award_id), kind: c.kind, previousAmountFen: Number(c.previous_amount_fen), newAmountFen: Number(c.new_amount_fen),
      effectiveMonth: c.effective_month, runMonth: c.run_month, status: c.status,
    })),
  };
}
