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
import type { Database, Tx } from '../platform/db';
import { findFeed, feedTable } from '../feeds/catalogue';
import { Binder, ruleSql, tuneTransaction } from './evaluate';
import { provinceCode } from './comparison-runs';
import { rigidLedgerSql } from './rule-catalogue';
import { ensureRules, loadVersions, requireRule } from './rule-store';
import type { RuleDefinition, RuleParams, RuleSql } from './rule-types';
import { versionInForce } from './rule-versions';

export const LEDGER_RULE = 'RIGID_OVER_INCOME';

/**
 * Beyond this many households changed since the build, a preview computes everything live: evaluating
 * them one by one would cost more than the ledger saves (a county of 68,000 people, about 24,000
 * households, takes about 1.2 s live).
 */
export const LEDGER_MAX_CHANGED_HOUSEHOLDS = 20_000;
/** Beyond this many records of one feed since the build, the same (their households are not even looked up). */
export const LEDGER_MAX_NEW_RECORDS = 100_000;

export interface LedgerBuild {
  id: number;
  asOf: string;
  windowMonths: number;
  incomeInsuranceTypes: string[];
  feedWatermarks: Record<string, number>;
  changesWatermark: number;
  households: number;
  finishedAt: string;
  durationMs: number;
}

/** A ledger a preview may count from, and the households it must evaluate live. */
export interface UsableLedger {
  build: LedgerBuild;
  changedHouseholds: number[];
}

/** Why a preview did not use the ledger (shown with the preview, so that a slow one explains itself). */
export type LedgerMiss = 'none' | 'otherDay' | 'otherParams' | 'tooManyChanges';

const sameSet = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && [...a].map(String).sort().join('\u0001') === [...b].map(String).sort().join('\u0001');

/** The parameters the ledger's figures depend on (the thresholds are applied when counting). */
function ledgerParamsMatch(build: Pick<LedgerBuild, 'windowMonths' | 'incomeInsuranceTypes'>, params: RuleParams): boolean {
  return Number(params.windowMonths) === build.windowMonths
    && Array.isArray(params.incomeInsuranceTypes) && sameSet(params.incomeInsuranceTypes, build.incomeInsuranceTypes);
}

/** The province's version of the rule in force today: the parameters a build uses by default. */
async function provinceParams(db: Database, today: string): Promise<RuleParams> {
  await ensureRules(db);
  const versions = (await loadVersions(db, LEDGER_RULE)).get(LEDGER_RULE) ?? [];
  const version = versionInForce(versions, null, today);
  return version?.params ?? requireRule(LEDGER_RULE).defaults.params;
}

/** The latest finished build, if any. */
export async function latestLedger(db: Database | Tx): Promise<LedgerBuild | null> {
  const r = await db.query<Record<string, any>>(
    `select id, as_of::text as as_of, window_months, income_insurance_types, feed_watermarks, changes_watermark, households,
       finished_at, duration_ms
     from expense_ledger_builds where finished_at is not null order by id desc limit 1`);
  const b = r.rows[0];
  if (!b) return null;
  return {
    id: Number(b.id), asOf: b.as_of, windowMonths: Number(b.window_months), incomeInsuranceTypes: b.income_insurance_types,
    feedWatermarks: Object.fromEntries(Object.entries(typeof b.feed_watermarks === 'string' ? JSON.parse(b.feed_watermarks) : b.feed_watermarks).map(([k, v]) => [k, Number(v)])),
    changesWatermark: Number(b.changes_watermark), households: Number(b.households),
    finishedAt: new Date(b.finished_at).toISOString(), durationMs: Number(b.duration_ms),
  };
}

/**
 * Builds the ledger as of `today` with the province's parameters in force (or `params`), replacing the
 * previous build. First, in a short transaction holding off writers of the tables read (persons, evidence,
 * the feeds), it notes how far each has got; every change after that point is seen as a change by the
 * previews, so the build itself may take its time without blocking anyone. Builds run one at a time.
 */
export async function buildExpenseLedger(db: Database, today: string, params?: RuleParams): Promise<LedgerBuild> {
  const rule = requireRule(LEDGER_RULE);
  const used = params ?? await provinceParams(db, today);
  const started = Date.now();
  const feeds = rule.feeds.map((code) => ({ code, table: feedTable(findFeed(code)!) }));
  const province = await provinceCode(db);
  // A build holds this lock in both its transactions: a build row without a holder is a crashed build.
  const lock = `select pg_try_advisory_xact_lock(hashtext('expense_ledger_build')) as ok`;
  const buildId = await db.transaction(async (tx) => {
    // A waiting lock would queue every writer behind it: give up instead, the caller tries again later.
    await tx.query(`select set_config('lock_timeout', '5s', true)`);
    if (!(await tx.query<{ ok: boolean }>(lock)).rows[0].ok) throw new Error('another expense ledger build is running');
    await tx.query(`lock table persons, warning_evidence, expense_ledger_changes, ${feeds.map((f) => f.table).join(', ')} in share mode`);
    const marks = await tx.query<Record<string, string | null>>(
      `select ${feeds.map((f, i) => `(select max(id) from ${f.table}) as f${i}`).join(', ')}, (select max(id) from expense_ledger_changes) as changes`);
    const m = marks.rows[0];
    const watermarks = Object.fromEntries(feeds.map((f, i) => [f.code, Number(m[`f${i}`] ?? 0)]));
    // Builds left unfinished by a crash go; a committed build row makes the triggers log from now on.
    await tx.query('delete from expense_ledger_builds where finished_at is null');
    const r = await tx.query<{ id: number }>(
      `insert into expense_ledger_builds (as_of, window_months, income_insurance_types, feed_watermarks, changes_watermark)
       values ($1, $2, $3, $4::jsonb, $5) returning id`,
      [today, Number(used.windowMonths), used.incomeInsuranceTypes, JSON.stringify(watermarks), Number(m.changes ?? 0)]);
    return Number(r.rows[0].id);
  });
  try {
    await db.transaction(async (tx) => {
      if (!(await tx.query<{ ok: boolean }>(lock)).rows[0].ok) throw new Error('another expense ledger build is running');
      // Another build may have started between the two transactions and taken this one's place.
      if ((await tx.query('select 1 from expense_ledger_builds where id = $1', [buildId])).rows.length === 0) {
        throw new Error('another expense ledger build took over');
      }
      await tuneTransaction(tx);
      // The sums stream in ID order from the covering index (as in the rule's province preview).
      await tx.query(`select set_config('enable_hashagg', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`);
      const b = new Binder();
      const select = ruleSql({ ...rule, sql: rigidLedgerSql }, used, { kind: 'open', region: () => 'true', provinceCode: province }, today, b);
      const id = b.add(buildId, '::bigint');
      const inserted = await tx.query(
        `insert into expense_ledger (build_id, household_id, medical, tuition, income)
         select ${id}, z.household_id, z.medical, z.tuition, z.income from (${select}) z`, b.values);
      await tx.query(
        `update expense_ledger_builds set households = $2, finished_at = now(), duration_ms = $3 where id = $1`,
        [buildId, inserted.rowCount, Date.now() - started]);
      await tx.query('delete from expense_ledger where build_id <> $1', [buildId]);
      // Statistics of the new rows, before any preview plans a count over them.
      await tx.query('analyze expense_ledger');
      await tx.query('delete from expense_ledger_builds where id <> $1', [buildId]);
      await tx.query(`delete from expense_ledger_changes where id <= (select changes_watermark from expense_ledger_builds where id = $1)`, [buildId]);
    });
  } catch (e) {
    await db.query('delete from expense_ledger_builds where id = $1 and finished_at is null', [buildId]).catch(() => undefined);
    throw e;
  }
  return (await latestLedger(db))!;
}

/**
 * The ledger a preview with these parameters may count from today, with the households changed since it
 * was built; or why not.
 */
export async function usableLedger(db: Database, params: RuleParams, today: string): Promise<UsableLedger | { miss: LedgerMiss }> {
  const build = await latestLedger(db);
  if (!build) return { miss: 'none' };
  if (build.asOf !== today) return { miss: 'otherDay' };
  if (!ledgerParamsMatch(build, params)) return { miss: 'otherParams' };
  const rule = requireRule(LEDGER_RULE);
  const feeds = rule.feeds.map((code) => ({ code, table: feedTable(findFeed(code)!), after: build.feedWatermarks[code] ?? 0 }));
  const counts = await db.query<Record<string, string>>(
    `select ${feeds.map((f, i) => `(select count(*) from (select 1 from ${f.table} where id > $${i + 1} limit ${LEDGER_MAX_NEW_RECORDS + 1}) x) as f${i}`).join(', ')}`,
    feeds.map((f) => f.after));
  if (feeds.some((_, i) => Number(counts.rows[0][`f${i}`]) > LEDGER_MAX_NEW_RECORDS)) return { miss: 'tooManyChanges' };
  const after = feeds.length + 1;
  const changed = await db.query<{ household_id: string }>(
    `select distinct x.household_id from (
       select p.household_id from persons p
       where p.household_id is not null and p.id_number in (${feeds.map((f, i) => `select id_number from ${f.table} where id > $${i + 1}`).join(' union ')})
       union all
       select c.household_id from expense_ledger_changes c where c.id > $${after}
     ) x`,
    [...feeds.map((f) => f.after), build.changesWatermark]);
  if (changed.rows.length > LEDGER_MAX_CHANGED_HOUSEHOLDS) return { miss: 'tooManyChanges' };
  return { build, changedHouseholds: changed.rows.map((r) => Number(r.household_id)) };
}

/**
 * RIGID_OVER_INCOME's firing SELECT read off the ledger (the rule's own output columns, without summary
 * and evidence, which a preview describes for its sample afterwards), leaving out the changed households.
 */
export function ledgerFiringRule(ledger: UsableLedger): RuleDefinition {
  const rule = requireRule(LEDGER_RULE);
  return {
    ...rule,
    sql: (q: RuleSql) => `
      select l.household_id, null::text as id_number,
        jsonb_build_object('medicalFen', l.medical, 'tuitionFen', l.tuition, 'expenseFen', l.medical + l.tuition, 'incomeFen', l.income,
          'ratio', ${q.p('ratio')}, 'windowMonths', ${q.p('windowMonths')}, 'minExpenseFen', ${q.p('minExpenseFen')}) as figures,
        ''::text as summary, ''::text as summary_en, '{}'::text[] as ev_feeds, '{}'::bigint[] as ev_ids
      from expense_ledger l
      where l.build_id = ${q.value(ledger.build.id)}::bigint
        and l.medical + l.tuition >= ${q.p('minExpenseFen')} and l.medical + l.tuition > ${q.p('ratio')} * l.income
        and l.household_id not in (select unnest(${q.value(ledger.changedHouseholds)}::bigint[]))`,
  };
}

/** Why the ledger cannot serve today's previews with the province's parameters; null when it can. */
export async function ledgerOutOfDate(db: Database, today: string): Promise<LedgerMiss | null> {
  const usable = await usableLedger(db, await provinceParams(db, today), today);
  return 'build' in usable ? null : usable.miss;
}

/** Builds the ledger again if it cannot serve today (a new day, a new province version, many changes). */
export async function keepLedgerCurrent(db: Database, today: string): Promise<{ build: LedgerBuild; why: LedgerMiss } | null> {
  const why = await ledgerOutOfDate(db, today);
  return why === null ? null : { build: await buildExpenseLedger(db, today), why };
}
