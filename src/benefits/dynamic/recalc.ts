// Monthly recalculation (`bin/safetynet benefits recalc --month YYYY-MM [--county CODE]`): every open award
// is assessed again on the first day of the month from new data — the registry as it is now (deaths,
// births, disability, members who left), the household's stored facts, and the tax department's income
// feed where it has records for a member — and the difference is proposed, never applied: a county
// reviewer confirms proposals in bulk (or rejects them). Confirming an increase or decrease ends the award
// and starts its successor from the effective month; an exit ends the award.
import type { Database, Tx } from '../../platform/db';
import { appendAudit } from '../../platform/audit';
import { householdScopeCondition, type Scope } from '../../platform/auth/scope';
import { AppError } from '../../platform/errors';
import { assessDibao } from '../assessment/dibao';
import { proposeChange, type ProposedChange } from '../assessment/recalculation';
import type { IncomeItem } from '../assessment/types';
import { addMonthsToMonth } from '../dates';
import { step, type Step } from '../explanation';
import { assessProgramme } from '../store/assess';
import { awardBenefit, endAward, type AwardRow } from '../store/awards';
import { firstDayOf, PROGRAMME_LABELS, regionFilter, type BenefitsCaller, type Programme, type Queryable } from '../store/common';
import { loadPolicyVersions, policyForCounty } from '../store/policy-store';
import { buildHousehold, forEachSubjectPage, type HouseholdFacts, type Subject } from '../store/subjects';
import { refreshRechecks } from './rechecks';
import { proposePersonalChange } from './person-change';

export interface RecalcSummary {
  month: string;
  assessedOn: string;
  countyCode: string | null;
  households: number;
  awards: number;
  unchanged: number;
  increase: number;
  decrease: number;
  exit: number;
  /** Awards not assessed: no stored facts (no income data) or no policy in force. */
  skippedNoFacts: number;
  skippedNoPolicy: number;
  /** Members whose wages came from the tax feed instead of the stored facts. */
  taxFeedMembers: number;
  proposals: number;
  seconds: number;
}

interface TaxIncome {
  total: number;
  months: number;
  from: string;
  to: string;
}

async function taxIncomes(q: Queryable, personIds: number[], from: string, to: string): Promise<Map<number, TaxIncome>> {
  if (personIds.length === 0) return new Map();
  const r = await q.query<{ person_id: number; total: number; months: number; first: string; last: string }>(
    // By ID number (the natural key's index), which also finds records that came before the person was registered.
    `select p.id as person_id, sum(t.income)::bigint as total, count(distinct t.period)::int as months, min(t.period) as first, max(t.period) as last
     from persons p join feed_tax_income t on t.id_number = p.id_number
     where p.id = any($1::bigint[]) and t.period >= $2 and t.period <= $3 group by p.id`, [personIds, from, to]);
  return new Map(r.rows.map((x) => [Number(x.person_id), { total: Number(x.total), months: x.months, from: x.first, to: x.last }]));
}

/**
 * The facts with new data applied: a member with tax-feed income in the 12 months before the month has
 * their wages replaced by the feed's total over those months (as annual income; months without a record
 * count as no income). Other income kinds, assets and member facts stay as stored.
 */
export function withTaxFeed(facts: HouseholdFacts, tax: ReadonlyMap<number, TaxIncome>, memberIds: number[]): { facts: HouseholdFacts; used: { personId: number; annualFen: number; months: number; from: string; to: string }[] } {
  const used: { personId: number; annualFen: number; months: number; from: string; to: string }[] = [];
  let incomes: IncomeItem[] = facts.incomes;
  for (const id of memberIds) {
    const t = tax.get(id);
    if (!t) continue;
    const key = String(id);
    incomes = incomes.filter((i) => !(i.memberId === key && i.kind === 'wages'));
    incomes.push({ memberId: key, kind: 'wages', annualFen: t.total, note: `税务部门个人收入数据 ${t.from}至${t.to}（${t.months}个月有记录），按近12个月合计计算` });
    used.push({ personId: id, annualFen: t.total, months: t.months, from: t.from, to: t.to });
  }
  return { facts: used.length ? { ...facts, incomes } : facts, used };
}

/** Proposes the changes of one month (first day of the month is the assessment date). */
export async function recalculateMonth(db: Database, caller: BenefitsCaller, input: { month: string; countyCode?: string }, pageSize = 1000): Promise<RecalcSummary> {
  const started = Date.now();
  const assessedOn = firstDayOf(input.month);
  const summary: RecalcSummary = {
    month: input.month, assessedOn, countyCode: input.countyCode ?? null, households: 0, awards: 0, unchanged: 0, increase: 0, decrease: 0, exit: 0,
    skippedNoFacts: 0, skippedNoPolicy: 0, taxFeedMembers: 0, proposals: 0, seconds: 0,
  };
  const versions = await loadPolicyVersions(db);
  const params: unknown[] = [input.month];
  const conds = [`exists (select 1 from benefit_awards a where a.household_id = h.id and a.end_month is null and a.start_month <= $1)`,
    householdScopeCondition(caller.scope, 'h', params)];
  if (input.countyCode) conds.push(regionFilter(input.countyCode, 'h', params));
  const taxFrom = addMonthsToMonth(input.month, -12);
  const taxTo = addMonthsToMonth(input.month, -1);

  await forEachSubjectPage(db, conds.join(' and '), params, pageSize, async (page: Subject[]) => {
    const ids = page.map((s) => s.household.id);
    const awards = await db.query<AwardRow>(
      `select * from benefit_awards where household_id = any($1::bigint[]) and end_month is null and start_month <= $2 order by household_id, id`, [ids, input.month]);
    const byHousehold = new Map<number, AwardRow[]>();
    for (const a of awards.rows) {
      const list = byHousehold.get(Number(a.household_id)) ?? [];
      list.push(a);
      byHousehold.set(Number(a.household_id), list);
    }
    const tax = await taxIncomes(db, page.flatMap((s) => s.members.map((m) => m.id)), taxFrom, taxTo);
    const proposals: { award: AwardRow; change: ProposedChange; policyId: number; dataUsed: unknown }[] = [];
    const unchangedAwardIds: number[] = [];
    for (const subject of page) {
      summary.households++;
      const list = byHousehold.get(subject.household.id) ?? [];
      summary.awards += list.length;
      if (!subject.facts) {
        summary.skippedNoFacts += list.length;
        continue;
      }
      const h = subject.household;
      const policy = policyForCounty(versions, h.county_code, h.area_type, assessedOn);
      if (!policy) {
        summary.skippedNoPolicy += list.length;
        continue;
      }
      const applied = withTaxFeed(subject.facts.facts, tax, subject.members.map((m) => m.id));
      summary.taxFeedMembers += applied.used.length;
      const built = buildHousehold(subject, applied.facts, assessedOn, policy);
      const dataUsed = { factsAsOf: subject.facts.asOf, factsSource: subject.facts.source, taxFeed: applied.used, registryMembers: built.living.length };
      const sourceStep = step('重新核算所用数据', 'Data used',
        `户籍成员${built.living.length}人（截至${assessedOn}）；家庭收入财产核对数据截至${subject.facts.asOf}` +
          (applied.used.length ? `；税务收入数据${applied.used.length}人（${taxFrom}至${taxTo}）` : '；无新的税务收入数据'));
      for (const award of list) {
        const programme = award.programme as Programme;
        let change: ProposedChange;
        if (programme === 'dibao') {
          const a = assessDibao(built.household, policy, assessedOn);
          change = proposeChange(Number(award.amount_fen), { ...a, steps: [sourceStep, ...built.steps, ...a.steps], flags: [...built.flags, ...a.flags] });
        } else {
          const r = assessProgramme(built, policy, assessedOn, programme, award.person_id === null ? null : Number(award.person_id));
          change = proposePersonalChange(Number(award.amount_fen), assessedOn, { ...r, steps: [sourceStep, ...r.steps] }, PROGRAMME_LABELS[programme].zh);
        }
        if (change.kind === 'unchanged') {
          summary.unchanged++;
          unchangedAwardIds.push(Number(award.id));
          continue;
        }
        summary[change.kind]++;
        proposals.push({ award, change, policyId: policy.id, dataUsed });
      }
    }
    await db.transaction(async (tx) => {
      if (unchangedAwardIds.length) {
        await tx.query(`update benefit_changes set status = 'superseded' where award_id = any($1::bigint[]) and status = 'proposed'`, [unchangedAwardIds]);
      }
      for (const p of proposals) {
        const awardId = Number(p.award.id);
        // A newer month's proposal replaces pending older ones of the same award.
        await tx.query(`update benefit_changes set status = 'superseded' where award_id = $1 and status = 'proposed' and run_month <> $2`, [awardId, input.month]);
        const r = await tx.query(
          `insert into benefit_changes (award_id, household_id, person_id, programme, run_month, assessed_on, kind, previous_amount_fen, new_amount_fen,
             effective_month, policy_version_id, policy_ref, explanation, data_used, created_by)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15)
           on conflict (award_id, run_month) do update set assessed_on = excluded.assessed_on, kind = excluded.kind,
             previous_amount_fen = excluded.previous_amount_fen, new_amount_fen = excluded.new_amount_fen, effective_month = excluded.effective_month,
             policy_version_id = excluded.policy_version_id, policy_ref = excluded.policy_ref, explanation = excluded.explanation,
             data_used = excluded.data_used, created_by = excluded.created_by, created_at = now(), version = benefit_changes.version + 1
           where benefit_changes.status in ('proposed', 'superseded')`,
          [awardId, p.award.household_id, p.award.person_id, p.award.programme, input.month, assessedOn, p.change.kind, p.change.previousAmountFen,
            p.change.newAmountFen, p.change.effectiveMonth, p.policyId, JSON.stringify(p.change.policyVersion),
            JSON.stringify({ steps: p.change.steps, flags: p.change.flags }), JSON.stringify(p.dataUsed), caller.actor.name]);
        summary.proposals += r.rowCount;
      }
    });
  });
  summary.seconds = (Date.now() - started) / 1000;
  await db.transaction(async (tx) => {
    await appendAudit(tx, caller.actor, { action: 'benefits.recalc', entity: 'benefit_changes', entityId: null, regionCode: input.countyCode ?? caller.scope.regionCode, after: summary });
  });
  return summary;
}

interface ChangeRow {
  id: number;
  award_id: number;
  household_id: number;
  person_id: number | null;
  programme: Programme;
  run_month: string;
  assessed_on: string;
  kind: 'increase' | 'decrease' | 'exit';
  previous_amount_fen: number;
  new_amount_fen: number;
  effective_month: string;
  policy_version_id: number;
  policy_ref: unknown;
  explanation: { steps: Step[]; flags: string[] };
  data_used: unknown;
  status: string;
  created_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  new_award_id: number | null;
  version: number;
}

export function changeView(c: ChangeRow & { head_name?: string; person_name?: string | null; address?: string }) {
  return {
    id: Number(c.id), awardId: Number(c.award_id), householdId: Number(c.household_id), personId: c.person_id === null ? null : Number(c.person_id),
    headName: c.head_name ?? null, personName: c.person_name ?? null, address: c.address ?? null,
    programme: c.programme, programmeLabel: PROGRAMME_LABELS[c.programme], runMonth: c.run_month, assessedOn: c.assessed_on, kind: c.kind,
    previousAmountFen: Number(c.previous_amount_fen), newAmountFen: Number(c.new_amount_fen), deltaFen: Number(c.new_amount_fen) - Number(c.previous_amount_fen),
    effectiveMonth: c.effective_month, policyVersion: { id: Number(c.policy_version_id), ...(c.policy_ref as object) }, explanation: c.explanation, dataUsed: c.data_used,
    status: c.status, decidedBy: c.decided_by, decidedAt: c.decided_at ? new Date(c.decided_at).toISOString() : null, decisionNote: c.decision_note,
    newAwardId: c.new_award_id === null ? null : Number(c.new_award_id), createdAt: new Date(c.created_at).toISOString(),
  };
}

export async function listChanges(q: Queryable, scope: Scope, query: { status?: string; month?: string; regionCode?: string; kind?: string; page?: number; pageSize?: number }) {
  const params: unknown[] = [];
  const where = [householdScopeCondition(scope, 'h', params), regionFilter(query.regionCode, 'h', params)];
  if (query.status) {
    params.push(query.status);
    where.push(`c.status = $${params.length}`);
  }
  if (query.month) {
    params.push(query.month);
    where.push(`c.run_month = $${params.length}`);
  }
  if (query.kind) {
    params.push(query.kind);
    where.push(`c.kind = $${params.length}`);
  }
  const pageSize = query.pageSize ?? 50;
  const offset = ((query.page ?? 1) - 1) * pageSize;
  const totals = await q.query<{ kind: string; n: number; delta: number }>(
    `select c.kind, count(*)::int as n, sum(c.new_amount_fen - c.previous_amount_fen)::bigint as delta
     from benefit_changes c join households h on h.id = c.household_id where ${where.join(' and ')} group by c.kind`, params);
  const rows = await q.query<ChangeRow & { head_name: string; person_name: string | null; address: string }>(
    `select c.*, hp.name as head_name, p.name as person_name, h.address from benefit_changes c join households h on h.id = c.household_id
       left join persons hp on hp.id = h.head_person_id left join persons p on p.id = c.person_id
     where ${where.join(' and ')} order by c.id limit ${pageSize} offset ${offset}`, params);
  const byKind = Object.fromEntries(totals.rows.map((t) => [t.kind, { count: t.n, deltaFen: Number(t.delta) }]));
  return {
    total: totals.rows.reduce((s, t) => s + t.n, 0),
    byKind,
    monthlyDeltaFen: totals.rows.reduce((s, t) => s + Number(t.delta), 0),
    page: query.page ?? 1,
    pageSize,
    items: rows.rows.map(changeView),
  };
}

export interface ConfirmResult {
  confirmed: { id: number; awardId: number; newAwardId: number | null; kind: string }[];
  skipped: { id: number; reason: string }[];
}

/** Confirms proposals in bulk (one transaction): each becomes an award change or an exit. Audited. */
export async function confirmChanges(db: Database, caller: BenefitsCaller, ids: number[], today: string, note?: string): Promise<ConfirmResult> {
  return db.transaction(async (tx: Tx) => {
    const result: ConfirmResult = { confirmed: [], skipped: [] };
    const params: unknown[] = [ids];
    const cond = householdScopeCondition(caller.scope, 'h', params);
    const rows = await tx.query<ChangeRow & { end_month: string | null; amount_fen: number; village_code: string }>(
      `select c.*, a.end_month, a.amount_fen, h.village_code from benefit_changes c join benefit_awards a on a.id = c.award_id
         join households h on h.id = c.household_id
       where c.id = any($1::bigint[]) and ${cond} order by c.id for update of c`, params);
    const found = new Set(rows.rows.map((r) => Number(r.id)));
    for (const id of ids) if (!found.has(id)) result.skipped.push({ id, reason: '不存在或不在管辖范围内' });
    for (const c of rows.rows) {
      const id = Number(c.id);
      if (c.status !== 'proposed') {
        result.skipped.push({ id, reason: `状态为${c.status}，不能确认` });
        continue;
      }
      if (c.end_month !== null || Number(c.amount_fen) !== Number(c.previous_amount_fen)) {
        await tx.query(`update benefit_changes set status = 'superseded' where id = $1`, [id]);
        result.skipped.push({ id, reason: '待遇已变更或停发，建议已失效' });
        continue;
      }
      let newAwardId: number | null = null;
      // Each proposal on its own savepoint: one that can no longer be applied is skipped, not the batch.
      await tx.query(`savepoint change_${id}`);
      try {
        if (c.kind === 'exit') {
          const living = await tx.query<{ n: number }>(
            c.person_id === null
              ? `select count(*)::int as n from persons where household_id = $1 and (died_on is null or died_on > $2::date)`
              : `select count(*)::int as n from persons where id = $1 and (died_on is null or died_on > $2::date)`,
            [c.person_id ?? c.household_id, c.assessed_on]);
          await endAward(tx, caller, Number(c.award_id), {
            endMonth: addMonthsToMonth(c.effective_month, -1),
            reason: living.rows[0].n === 0 ? 'death' : 'ineligible',
            note: `月度重新核算（${c.run_month}）确认停发，建议第${id}号${note ? `；${note}` : ''}`,
            endedOn: today,
          });
        } else {
          const award = await awardBenefit(tx, caller, {
            householdId: Number(c.household_id), personId: c.person_id === null ? null : Number(c.person_id), programme: c.programme,
            amountFen: Number(c.new_amount_fen), startMonth: c.effective_month, explanation: c.explanation,
            policyVersion: { id: Number(c.policy_version_id) }, decisionRef: `benefit_change:${id}`, decidedOn: today, assessedOn: c.assessed_on,
            source: 'recalculation', onExisting: 'adjust',
          });
          newAwardId = award.id;
        }
        await tx.query(
          `update benefit_changes set status = 'confirmed', decided_by_user_id = $2, decided_by = $3, decided_at = now(), decision_note = $4, new_award_id = $5, version = version + 1 where id = $1`,
          [id, caller.actor.userId, caller.actor.name, note ?? null, newAwardId]);
        await tx.query(`release savepoint change_${id}`);
      } catch (e) {
        await tx.query(`rollback to savepoint change_${id}`);
        if (!(e instanceof AppError)) throw e;
        result.skipped.push({ id, reason: e.messageZh });
        continue;
      }
      result.confirmed.push({ id, awardId: Number(c.award_id), newAwardId, kind: c.kind });
    }
    if (result.confirmed.length) {
      await appendAudit(tx, caller.actor, {
        action: 'benefit_changes.confirm', entity: 'benefit_changes', entityId: null, regionCode: caller.scope.regionCode,
        after: { confirmed: result.confirmed, skipped: result.skipped, note: note ?? null },
      });
    }
    return result;
  });
}

export async function rejectChanges(db: Database, caller: BenefitsCaller, ids: number[], note: string) {
  if (!note.trim()) throw new AppError(400, 'VALIDATION', '请填写不予调整的理由', 'A reason is required', [{ field: 'note', code: 'REQUIRED', message: '请填写不予调整的理由', messageEn: 'A reason is required' }]);
  return db.transaction(async (tx) => {
    const params: unknown[] = [ids, caller.actor.userId, caller.actor.name, note];
    const cond = householdScopeCondition(caller.scope, 'h', params);
    const r = await tx.query<{ id: number }>(
      `update benefit_changes c set status = 'rejected', decided_by_user_id = $2, decided_by = $3, decided_at = now(), decision_note = $4, version = c.version + 1
       from households h where h.id = c.household_id and c.id = any($1::bigint[]) and c.status = 'proposed' and ${cond} returning c.id`, params);
    const rejected = r.rows.map((x) => Number(x.id));
    if (rejected.length) {
      await appendAudit(tx, caller.actor, { action: 'benefit_changes.reject', entity: 'benefit_changes', entityId: null, regionCode: caller.scope.regionCode, after: { rejected, note } });
    }
    return { rejected, skipped: ids.filter((id) => !rejected.includes(id)) };
  });
}

/** After confirmations, the schedule of the households touched follows. */
export async function refreshAfterConfirm(db: Database, householdIds: number[], today: string) {
  if (householdIds.length) await refreshRechecks(db, { householdIds }, today);
}
