// The household expense ledger (家庭刚性支出台账): every household's rigid expenditure and income over
// RIGID_OVER_INCOME's window as of a day, kept so that a city's or the province's preview of that rule
// counts in a fraction of a second instead of summing 12.6 M settlements and joining 3.5 M people (12–15 s).
//
// The ledger is exact, not an estimate: a build notes the highest record id of each feed it read and the
// last logged change (migration 0010's triggers log households whose members changed and households whose
// RIGID_OVER_INCOME evidence was retired by a closed warning). A preview takes the ledger's figures for
// the households nothing has touched since and evaluates the rule live for the others. The ledger serves
// only on its own day and for the window and income types it was built with; otherwise, or when too much
// has changed since, the preview computes everything live (preview.ts).
import type { Database } from '../platform/db';
import { Binder, ruleSql } from './evaluate';
import { provinceCode } from './comparison-runs';
import { latestBuild, newRecordIds, provinceParams, runLedgerBuild, sameSet, tooManyNewRecords, type LedgerBuildRow } from './ledger-builds';
import type { LedgerMiss, LedgerServing, PreviewLedger } from './ledger-types';
import { rigidLedgerSql } from './rule-catalogue';
import { requireRule } from './rule-store';
import type { RuleParams, RuleSql } from './rule-types';

export const LEDGER_RULE = 'RIGID_OVER_INCOME';

/**
 * Beyond this many households changed since the build, a preview computes everything live: evaluating
 * them one by one would cost more than the ledger saves (a county of 68,000 people, about 24,000
 * households, takes about 1.2 s live).
 */
export const LEDGER_MAX_CHANGED_HOUSEHOLDS = 20_000;
/** Beyond this many records of one feed since the build, the same (their households are not even looked up). */
export const LEDGER_MAX_NEW_RECORDS = 100_000;

export interface LedgerBuild extends LedgerBuildRow {
  windowMonths: number;
  incomeInsuranceTypes: string[];
}

const TABLES = { builds: 'expense_ledger_builds', rows: 'expense_ledger', changes: 'expense_ledger_changes' };

/** The parameters the ledger's figures depend on (the thresholds are applied when counting). */
function ledgerParamsMatch(build: Pick<LedgerBuild, 'windowMonths' | 'incomeInsuranceTypes'>, params: RuleParams): boolean {
  return Number(params.windowMonths) === build.windowMonths
    && Array.isArray(params.incomeInsuranceTypes) && sameSet(params.incomeInsuranceTypes, build.incomeInsuranceTypes);
}

/** The latest finished build, if any. */
export async function latestLedger(db: Database): Promise<LedgerBuild | null> {
  const b = await latestBuild(db, TABLES.builds);
  if (!b) return null;
  const { extra, ...row } = b;
  return { ...row, windowMonths: Number(extra.window_months), incomeInsuranceTypes: extra.income_insurance_types };
}

/**
 * Builds the ledger as of `today` with the province's parameters in force (or `params`), replacing the
 * previous build (ledger-builds.ts: writers are held off only while the build notes how far each table
 * has got).
 */
export async function buildExpenseLedger(db: Database, today: string, params?: RuleParams): Promise<LedgerBuild> {
  const rule = requireRule(LEDGER_RULE);
  const used = params ?? await provinceParams(db, LEDGER_RULE, today);
  // Fetched before the build's transactions (inside them, PGlite's single connection would wait on itself).
  const province = await provinceCode(db);
  await runLedgerBuild(db, {
    name: 'expense ledger', tables: TABLES, feeds: rule.feeds, alsoReads: ['persons', 'warning_evidence'],
    insertBuild: async (tx, marks) => Number((await tx.query<{ id: number }>(
      `insert into expense_ledger_builds (as_of, window_months, income_insurance_types, feed_watermarks, changes_watermark)
       values ($1, $2, $3, $4::jsonb, $5) returning id`,
      [today, Number(used.windowMonths), used.incomeInsuranceTypes, JSON.stringify(marks.feeds), marks.changes])).rows[0].id),
    fill: async (tx, buildId) => {
      // The sums stream in ID order from the covering index (as in the rule's province preview).
      await tx.query(`select set_config('enable_hashagg', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`);
      const b = new Binder();
      const select = ruleSql({ ...rule, sql: rigidLedgerSql }, used, { kind: 'open', region: () => 'true', provinceCode: province }, today, b);
      const id = b.add(buildId, '::bigint');
      return (await tx.query(
        `insert into expense_ledger (build_id, household_id, medical, tuition, income)
         select ${id}, z.household_id, z.medical, z.tuition, z.income from (${select}) z`, b.values)).rowCount;
    },
  });
  return (await latestLedger(db))!;
}

/** The households changed since the build: members of people with newer records, and those logged. */
async function changedHouseholds(db: Database, build: LedgerBuild): Promise<number[]> {
  const fresh = newRecordIds(build, requireRule(LEDGER_RULE).feeds);
  const changed = await db.query<{ household_id: string }>(
    `select distinct x.household_id from (
       select p.household_id from persons p where p.household_id is not null and p.id_number in (${fresh.sql})
       union all
       select c.household_id from expense_ledger_changes c where c.id > $${fresh.values.length + 1}
     ) x`,
    [...fresh.values, build.changesWatermark]);
  return changed.rows.map((r) => Number(r.household_id));
}

/**
 * The ledger a preview with these parameters may count from today, with the households changed since it
 * was built; or why not.
 */
export async function usableLedger(db: Database, params: RuleParams, today: string): Promise<LedgerServing | { miss: LedgerMiss }> {
  const build = await latestLedger(db);
  if (!build) return { miss: 'none' };
  if (build.asOf !== today) return { miss: 'otherDay' };
  if (!ledgerParamsMatch(build, params)) return { miss: 'otherParams' };
  if (await tooManyNewRecords(db, build, requireRule(LEDGER_RULE).feeds, LEDGER_MAX_NEW_RECORDS)) return { miss: 'tooManyChanges' };
  const households = await changedHouseholds(db, build);
  if (households.length > LEDGER_MAX_CHANGED_HOUSEHOLDS) return { miss: 'tooManyChanges' };
  return { build, changed: { households }, firingRule: ledgerFiringRule(build.id, households) };
}

/**
 * RIGID_OVER_INCOME's firing SELECT read off the ledger (the rule's own output columns, without summary
 * and evidence, which a preview describes for its sample afterwards), leaving out the changed households.
 */
function ledgerFiringRule(buildId: number, changed: number[]) {
  const rule = requireRule(LEDGER_RULE);
  return {
    ...rule,
    sql: (q: RuleSql) => `
      select l.household_id, null::text as id_number,
        jsonb_build_object('medicalFen', l.medical, 'tuitionFen', l.tuition, 'expenseFen', l.medical + l.tuition, 'incomeFen', l.income,
          'ratio', ${q.p('ratio')}, 'windowMonths', ${q.p('windowMonths')}, 'minExpenseFen', ${q.p('minExpenseFen')}) as figures,
        ''::text as summary, ''::text as summary_en, '{}'::text[] as ev_feeds, '{}'::bigint[] as ev_ids
      from expense_ledger l
      where l.build_id = ${q.value(buildId)}::bigint
        and l.medical + l.tuition >= ${q.p('minExpenseFen')} and l.medical + l.tuition > ${q.p('ratio')} * l.income
        and l.household_id not in (select unnest(${q.value(changed)}::bigint[]))`,
  };
}

/** The household expense ledger as the previews and the keeper see it. */
export const householdExpenseLedger: PreviewLedger = {
  name: 'householdExpense', ruleCode: LEDGER_RULE, label: 'household expense ledger', unit: 'households',
  serving: usableLedger, build: (db, today) => buildExpenseLedger(db, today), latest: latestLedger,
};
