// The personal medical ledger (个人医疗自付台账): every person's self-paid medical costs over
// MEDICAL_SELF_PAID_12M's window as of a day, kept so that a city's or the province's preview of that rule
// reads the few per cent of people at or above its threshold instead of summing 12.6 M settlements.
//
// Exact, as the household expense ledger is (ledger-builds.ts): a build notes the highest settlement id it
// read and the last logged change (migration 0011's trigger logs the people whose settlements stopped
// counting because a warning of the rule was closed). A preview takes the ledger's sums for everyone else
// and evaluates the rule live for the people with newer settlements or logged changes. Routing, "applies
// to" and "already open" are read live; only the sums come from the ledger, which holds people inside and
// outside the registry alike (the rule discovers both).
import type { Database } from '../platform/db';
import { Binder, ruleSql } from './evaluate';
import { provinceCode } from './comparison-runs';
import { latestBuild, newRecordIds, provinceParams, runLedgerBuild, tooManyNewRecords, type LedgerBuildRow } from './ledger-builds';
import type { LedgerMiss, LedgerServing, PreviewLedger } from './ledger-types';
import { medicalLedgerSql } from './rule-catalogue';
import { requireRule } from './rule-store';
import type { RuleDefinition, RuleParams, RuleSql } from './rule-types';

export const MEDICAL_LEDGER_RULE = 'MEDICAL_SELF_PAID_12M';

/**
 * Beyond this many people changed since the build, a preview computes everything live: each is routed and
 * summed one by one (about 25 µs to route), and a live province count takes about 2.5 s.
 */
export const MEDICAL_LEDGER_MAX_CHANGED_PEOPLE = 30_000;
/** Beyond this many settlements since the build, the same (their people are not even looked up). */
export const MEDICAL_LEDGER_MAX_NEW_RECORDS = 100_000;

export interface MedicalLedgerBuild extends LedgerBuildRow {
  windowMonths: number;
}

const TABLES = { builds: 'medical_ledger_builds', rows: 'medical_ledger', changes: 'medical_ledger_changes' };

export async function latestMedicalLedger(db: Database): Promise<MedicalLedgerBuild | null> {
  const b = await latestBuild(db, TABLES.builds);
  if (!b) return null;
  const { extra, ...row } = b;
  return { ...row, windowMonths: Number(extra.window_months) };
}

/** Builds the ledger as of `today` with the province's window in force (or `params`'), replacing the previous build. */
export async function buildMedicalLedger(db: Database, today: string, params?: RuleParams): Promise<MedicalLedgerBuild> {
  const rule = requireRule(MEDICAL_LEDGER_RULE);
  const used = params ?? await provinceParams(db, MEDICAL_LEDGER_RULE, today);
  // Fetched before the build's transactions (inside them, PGlite's single connection would wait on itself).
  const province = await provinceCode(db);
  await runLedgerBuild(db, {
    name: 'medical ledger', tables: TABLES, feeds: rule.feeds, alsoReads: ['warning_evidence'],
    insertBuild: async (tx, marks) => Number((await tx.query<{ id: number }>(
      `insert into medical_ledger_builds (as_of, window_months, feed_watermarks, changes_watermark) values ($1, $2, $3::jsonb, $4) returning id`,
      [today, Number(used.windowMonths), JSON.stringify(marks.feeds), marks.changes])).rows[0].id),
    fill: async (tx, buildId) => {
      // The sums stream in ID order from the covering index (as in the rule's province preview).
      await tx.query(`select set_config('enable_hashagg', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`);
      const b = new Binder();
      const select = ruleSql({ ...rule, sql: medicalLedgerSql }, used, { kind: 'open', region: () => 'true', provinceCode: province }, today, b);
      const id = b.add(buildId, '::bigint');
      return (await tx.query(
        `insert into medical_ledger (build_id, id_number, self_paid) select ${id}, z.id_number, z.self_paid from (${select}) z`, b.values)).rowCount;
    },
  });
  return (await latestMedicalLedger(db))!;
}

/** The people changed since the build: with newer settlements, or logged. */
async function changedPeople(db: Database, build: MedicalLedgerBuild): Promise<string[]> {
  const fresh = newRecordIds(build, requireRule(MEDICAL_LEDGER_RULE).feeds);
  const changed = await db.query<{ id_number: string }>(
    `${fresh.sql} union select c.id_number from medical_ledger_changes c where c.id > $${fresh.values.length + 1}`,
    [...fresh.values, build.changesWatermark]);
  return changed.rows.map((r) => r.id_number);
}

/** The ledger a preview with these parameters may count from today, with the people changed since; or why not. */
export async function usableMedicalLedger(db: Database, params: RuleParams, today: string): Promise<LedgerServing | { miss: LedgerMiss }> {
  const build = await latestMedicalLedger(db);
  if (!build) return { miss: 'none' };
  if (build.asOf !== today) return { miss: 'otherDay' };
  if (Number(params.windowMonths) !== build.windowMonths) return { miss: 'otherParams' };
  if (await tooManyNewRecords(db, build, requireRule(MEDICAL_LEDGER_RULE).feeds, MEDICAL_LEDGER_MAX_NEW_RECORDS)) return { miss: 'tooManyChanges' };
  const idNumbers = await changedPeople(db, build);
  if (idNumbers.length > MEDICAL_LEDGER_MAX_CHANGED_PEOPLE) return { miss: 'tooManyChanges' };
  return { build, changed: { idNumbers }, firingRule: ledgerFiringRule(build.id, idNumbers) };
}

/**
 * MEDICAL_SELF_PAID_12M's firing SELECT read off the ledger (the rule's own output columns, without
 * summary and evidence, which a preview describes for its sample afterwards), leaving out the changed
 * people. inSlice keeps a preview's range of ID numbers.
 */
function ledgerFiringRule(buildId: number, changed: string[]): RuleDefinition {
  const rule = requireRule(MEDICAL_LEDGER_RULE);
  return {
    ...rule,
    sql: (q: RuleSql) => `
      select l.id_number, null::text as name,
        jsonb_build_object('selfPaidFen', l.self_paid, 'thresholdFen', ${q.p('thresholdFen')}, 'windowMonths', ${q.p('windowMonths')}) as figures,
        ''::text as summary, ''::text as summary_en, '{}'::text[] as ev_feeds, '{}'::bigint[] as ev_ids
      from medical_ledger l
      where l.build_id = ${q.value(buildId)}::bigint and l.self_paid >= ${q.p('thresholdFen')} and ${q.inSlice('l')}
        and l.id_number not in (select unnest(${q.value(changed)}::text[]))`,
  };
}

/** The personal medical ledger as the previews and the keeper see it. */
export const medicalSelfPaidLedger: PreviewLedger = {
  name: 'medicalSelfPaid', ruleCode: MEDICAL_LEDGER_RULE, label: 'personal medical ledger', unit: 'people',
  serving: usableMedicalLedger, build: (db, today) => buildMedicalLedger(db, today), latest: latestMedicalLedger,
};
