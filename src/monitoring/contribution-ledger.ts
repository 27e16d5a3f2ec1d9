// The personal contribution ledger (个人社保缴费台账): for every person and insurance type, the months of the
// last LEDGER_MONTHS in which a contribution was paid, as bits, as of a day. A city's or the province's
// preview of RECOVERY_EMPLOYMENT finds runs of consecutive months from these bits (a few shifts and ANDs
// per person) instead of ranking 4 M contributions and hashing the 1.9 M members of 低保/特困 households
// (about 3 s on the bench).
//
// Exact, as the other ledgers are (ledger-builds.ts): a build notes the highest contribution id it read and
// the last logged change (migration 0011's trigger logs the people whose contributions stopped counting
// because a warning of the rule was closed); a preview evaluates the rule live for the people with newer
// contributions or logged changes. The bits hold every insurance type and the longest window the
// parameters allow, so any version of the rule can count from them; whether a person's household holds
// one of the rule's categories, routing, "applies to" and "already open" are read live.
import type { Database } from '../platform/db';
import { Binder, ruleSql } from './evaluate';
import { provinceCode } from './comparison-runs';
import { latestBuild, newRecordIds, runLedgerBuild, tooManyNewRecords, type LedgerBuildRow } from './ledger-builds';
import type { LedgerMiss, LedgerServing, PreviewLedger } from './ledger-types';
import { requireRule } from './rule-store';
import type { RuleDefinition, RuleParams, RuleSql } from './rule-types';

export const CONTRIBUTION_LEDGER_RULE = 'RECOVERY_EMPLOYMENT';

/** Months the bits cover, this month included: the rule's longest window (24 months' look-back, runs of 36). */
export const LEDGER_MONTHS = 59;

/** Beyond this many people changed since the build, a preview computes everything live. */
export const CONTRIBUTION_LEDGER_MAX_CHANGED_PEOPLE = 30_000;
/** Beyond this many contributions since the build, the same (their people are not even looked up). */
export const CONTRIBUTION_LEDGER_MAX_NEW_RECORDS = 100_000;

const TABLES = { builds: 'contribution_ledger_builds', rows: 'contribution_ledger', changes: 'contribution_ledger_changes' };

/** The ledger's rows: each person's months with contributions of each type, bit i = i months before this month. */
function contributionLedgerSql(q: RuleSql): string {
  return `
    select s.id_number, s.insurance_type,
      bit_or(1::bigint << (monitoring_month_index(${q.monthOffset(0)}) - monitoring_month_index(s.period))) as months
    from feed_social_insurance_contribution s
    where ${q.inSlice('s')} and s.period > ${q.monthOffset(LEDGER_MONTHS)} and s.period <= ${q.monthOffset(0)}
      and ${q.fresh('s', 'social_insurance_contribution')}
    group by s.id_number, s.insurance_type`;
}

export async function latestContributionLedger(db: Database): Promise<LedgerBuildRow | null> {
  const b = await latestBuild(db, TABLES.builds);
  if (!b) return null;
  const { extra: _extra, ...row } = b;
  return row;
}

/** Builds the ledger as of `today`, replacing the previous build. Its bits serve every version of the rule. */
export async function buildContributionLedger(db: Database, today: string): Promise<LedgerBuildRow> {
  const rule = requireRule(CONTRIBUTION_LEDGER_RULE);
  // Fetched before the build's transactions (inside them, PGlite's single connection would wait on itself).
  const province = await provinceCode(db);
  await runLedgerBuild(db, {
    name: 'contribution ledger', tables: TABLES, feeds: rule.feeds, alsoReads: ['warning_evidence'],
    insertBuild: async (tx, marks) => Number((await tx.query<{ id: number }>(
      `insert into contribution_ledger_builds (as_of, feed_watermarks, changes_watermark) values ($1, $2::jsonb, $3) returning id`,
      [today, JSON.stringify(marks.feeds), marks.changes])).rows[0].id),
    fill: async (tx, buildId) => {
      const b = new Binder();
      const select = ruleSql({ ...rule, sql: contributionLedgerSql }, rule.defaults.params, { kind: 'open', region: () => 'true', provinceCode: province }, today, b);
      const id = b.add(buildId, '::bigint');
      return (await tx.query(
        `insert into contribution_ledger (build_id, id_number, insurance_type, months)
         select ${id}, z.id_number, z.insurance_type, z.months from (${select}) z`, b.values)).rowCount;
    },
  });
  return (await latestContributionLedger(db))!;
}

/** The people changed since the build: with newer contributions, or logged. */
async function changedPeople(db: Database, build: LedgerBuildRow): Promise<string[]> {
  const fresh = newRecordIds(build, requireRule(CONTRIBUTION_LEDGER_RULE).feeds);
  const changed = await db.query<{ id_number: string }>(
    `${fresh.sql} union select c.id_number from contribution_ledger_changes c where c.id > $${fresh.values.length + 1}`,
    [...fresh.values, build.changesWatermark]);
  return changed.rows.map((r) => r.id_number);
}

/** The run and look-back of a version, as whole months (validated integers, written into the SQL). */
function window(params: RuleParams): { run: number; lookback: number } {
  return { run: Math.trunc(Number(params.consecutiveMonths)), lookback: Math.trunc(Number(params.lookbackMonths)) };
}

export async function usableContributionLedger(db: Database, params: RuleParams, today: string): Promise<LedgerServing | { miss: LedgerMiss }> {
  const build = await latestContributionLedger(db);
  if (!build) return { miss: 'none' };
  if (build.asOf !== today) return { miss: 'otherDay' };
  const { run, lookback } = window(params);
  if (!(run >= 1 && lookback >= 1 && lookback + run - 1 <= LEDGER_MONTHS)) return { miss: 'otherParams' };
  if (await tooManyNewRecords(db, build, requireRule(CONTRIBUTION_LEDGER_RULE).feeds, CONTRIBUTION_LEDGER_MAX_NEW_RECORDS)) return { miss: 'tooManyChanges' };
  const idNumbers = await changedPeople(db, build);
  if (idNumbers.length > CONTRIBUTION_LEDGER_MAX_CHANGED_PEOPLE) return { miss: 'tooManyChanges' };
  return { build, changed: { idNumbers }, firingRule: ledgerFiringRule(build.id, idNumbers) };
}

/**
 * A run of at least `run` consecutive months whose last month is one of the latest `lookback` months, in
 * months bits (bit i: i months ago). Bit i of m & m>>1 & … & m>>(run-1) says that months i to i+run-1 were
 * all paid: a run of `run` months ending at month i. The rule only reads the months of its window
 * (lookback + run - 1 of them); a run that ends in the look-back lies within it, so earlier bits change
 * nothing.
 */
export function runCondition(bits: string, run: number, lookback: number): string {
  const ends = Array.from({ length: run }, (_, k) => (k === 0 ? bits : `(${bits} >> ${k})`)).join(' & ');
  return `((${ends}) & ((1::bigint << ${lookback}) - 1)) <> 0`;
}

/**
 * RECOVERY_EMPLOYMENT's firing SELECT read off the ledger (the rule's own output columns, without figures,
 * summary and evidence, which a preview describes for its sample afterwards), leaving out the changed
 * people. The household's categories are probed per person with a run (as EXISTS, the planner hashed the
 * province's 1.9 M members of such households); inSlice keeps a preview's range of ID numbers.
 */
function ledgerFiringRule(buildId: number, changed: string[]): RuleDefinition {
  const rule = requireRule(CONTRIBUTION_LEDGER_RULE);
  return {
    ...rule,
    sql: (q: RuleSql, p: RuleParams) => {
      const { run, lookback } = window(p);
      return `
      with m as (
        select l.id_number, bit_or(l.months) as months
        from contribution_ledger l
        where l.build_id = ${q.value(buildId)}::bigint and l.insurance_type = any(${q.p('insuranceTypes')}) and ${q.inSlice('l')}
          and l.id_number not in (select unnest(${q.value(changed)}::text[]))
        group by l.id_number
      )
      select m.id_number, null::text as name, '{}'::jsonb as figures,
        ''::text as summary, ''::text as summary_en, '{}'::text[] as ev_feeds, '{}'::bigint[] as ev_ids
      from m
      where ${runCondition('m.months', run, lookback)}
        and coalesce((select true from persons cp join household_categories cc on cc.household_id = cp.household_id and cc.to_date is null
                       where cp.id_number = m.id_number and cc.category = any(${q.p('categories')}) limit 1), false)`;
    },
  };
}

/** The personal contribution ledger as the previews and the keeper see it. */
export const contributionMonthsLedger: PreviewLedger = {
  name: 'contributionMonths', ruleCode: CONTRIBUTION_LEDGER_RULE, label: 'personal contribution ledger', unit: 'people',
  serving: usableContributionLedger, build: buildContributionLedger, latest: latestContributionLedger,
};
