// A preview ledger keyed by person (ID number): what the ledgers of MEDICAL_SELF_PAID_12M, MEDICAL_SPIKE and
// RECOVERY_EMPLOYMENT share. Each names its tables (migration 0011), the rows it keeps and how its rule
// reads them; this module builds it (ledger-builds.ts), decides whether it serves a preview and hands the
// preview the rule read off it. The people changed since a build are those with records above its
// watermarks and those the migration's trigger logged (their evidence was retired by a closed warning);
// the preview evaluates them live. Only the figures come from a ledger: routing, categories, "applies to"
// and "already open" are read live, so moves in the registry change nothing in it.
import type { Database } from '../platform/db';
import { Binder, ruleSql } from './evaluate';
import { provinceCode } from './comparison-runs';
import { latestBuild, newRecordIds, provinceParams, runLedgerBuild, tooManyNewRecords, type LedgerBuildRow, type LedgerTables } from './ledger-builds';
import type { LedgerMiss, LedgerName, LedgerServing, PreviewLedger } from './ledger-types';
import { requireRule } from './rule-store';
import type { RuleParams, RuleSql } from './rule-types';

/** Beyond this many people changed since the build, a preview computes everything live. */
export const PERSON_LEDGER_MAX_CHANGED_PEOPLE = 30_000;
/** Beyond this many records of the rule's feed since the build, the same (their people are not even looked up). */
export const PERSON_LEDGER_MAX_NEW_RECORDS = 100_000;

export interface PersonLedgerBuild extends LedgerBuildRow {
  /** The build row's own columns (the parameters the figures depend on), as stored. */
  params: Record<string, unknown>;
}

export interface PersonLedgerSpec {
  name: LedgerName;
  label: string;
  ruleCode: string;
  tables: LedgerTables;
  /** The rule's parameters the figures depend on: build row column ← parameter key. */
  dependsOn?: Record<string, string>;
  /** Whether a build serves a version's parameters besides those (e.g. a minimum above the ledger's floor). */
  serves?: (params: RuleParams) => boolean;
  /** The ledger's columns besides build_id, and the SELECT giving them (the rule's own SQL pieces, with q). */
  columns: readonly string[];
  rows: (q: RuleSql) => string;
  /**
   * The rule's firing SELECT read off the ledger `l` of build `buildId`, keeping `notChanged` (a condition
   * on l.id_number) and q.inSlice('l') (a preview's range of ID numbers).
   */
  firing: (q: RuleSql, p: RuleParams, ledger: { buildId: string; notChanged: string }) => string;
  /** Several versions at once (LedgerServing.firingTogether); the ledger's conditions bound with qs[0]. */
  together?: (qs: RuleSql[], ps: RuleParams[], ledger: { buildId: string; notChanged: string }) => string;
}

export interface PersonLedger extends PreviewLedger {
  latest(db: Database): Promise<PersonLedgerBuild | null>;
  build(db: Database, today: string, params?: RuleParams): Promise<PersonLedgerBuild>;
}

export function personLedger(spec: PersonLedgerSpec): PersonLedger {
  const dependsOn = Object.entries(spec.dependsOn ?? {});
  const feeds = () => requireRule(spec.ruleCode).feeds;

  const latest = async (db: Database): Promise<PersonLedgerBuild | null> => {
    const b = await latestBuild(db, spec.tables.builds);
    if (!b) return null;
    const { extra, ...row } = b;
    return { ...row, params: Object.fromEntries(dependsOn.map(([column]) => [column, extra[column]])) };
  };

  const build = async (db: Database, today: string, params?: RuleParams): Promise<PersonLedgerBuild> => {
    const rule = requireRule(spec.ruleCode);
    const used = params ?? await provinceParams(db, spec.ruleCode, today);
    // Fetched before the build's transactions (inside them, PGlite's single connection would wait on itself).
    const province = await provinceCode(db);
    const extra = dependsOn.map(([column]) => column);
    await runLedgerBuild(db, {
      name: spec.label, tables: spec.tables, feeds: rule.feeds, alsoReads: ['warning_evidence'],
      insertBuild: async (tx, marks) => Number((await tx.query<{ id: number }>(
        `insert into ${spec.tables.builds} (as_of, feed_watermarks, changes_watermark${extra.map((c) => `, ${c}`).join('')})
         values ($1, $2::jsonb, $3${extra.map((_, i) => `, $${i + 4}`).join('')}) returning id`,
        [today, JSON.stringify(marks.feeds), marks.changes, ...dependsOn.map(([, key]) => used[key])])).rows[0].id),
      fill: async (tx, buildId) => {
        // Sums stream in ID order from the feeds' id_number-led indexes (as in an idOrder rule's province preview).
        await tx.query(`select set_config('enable_hashagg', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`);
        const b = new Binder();
        const select = ruleSql({ ...rule, sql: spec.rows }, used, { kind: 'open', region: () => 'true', provinceCode: province }, today, b);
        const id = b.add(buildId, '::bigint');
        return (await tx.query(
          `insert into ${spec.tables.rows} (build_id, ${spec.columns.join(', ')})
           select ${id}, ${spec.columns.map((c) => `z.${c}`).join(', ')} from (${select}) z`, b.values)).rowCount;
      },
    });
    return (await latest(db))!;
  };

  /** The people changed since the build: with newer records, or logged. */
  const changedPeople = async (db: Database, b: LedgerBuildRow): Promise<string[]> => {
    const fresh = newRecordIds(b, feeds());
    const changed = await db.query<{ id_number: string }>(
      `${fresh.sql} union select c.id_number from ${spec.tables.changes} c where c.id > $${fresh.values.length + 1}`,
      [...fresh.values, b.changesWatermark]);
    return changed.rows.map((r) => r.id_number);
  };

  const serving = async (db: Database, params: RuleParams, today: string): Promise<LedgerServing | { miss: LedgerMiss }> => {
    const b = await latest(db);
    if (!b) return { miss: 'none' };
    if (b.asOf !== today) return { miss: 'otherDay' };
    if (dependsOn.some(([column, key]) => String(b.params[column]) !== String(params[key])) || (spec.serves && !spec.serves(params))) return { miss: 'otherParams' };
    if (await tooManyNewRecords(db, b, feeds(), PERSON_LEDGER_MAX_NEW_RECORDS)) return { miss: 'tooManyChanges' };
    const idNumbers = await changedPeople(db, b);
    if (idNumbers.length > PERSON_LEDGER_MAX_CHANGED_PEOPLE) return { miss: 'tooManyChanges' };
    const rule = requireRule(spec.ruleCode);
    const ledger = (q: RuleSql) => ({
      buildId: `${q.value(b.id)}::bigint`,
      // Hashed once (a NOT IN over a subquery), not compared element by element for each row.
      notChanged: `l.id_number not in (select unnest(${q.value(idNumbers)}::text[]))`,
    });
    const together = spec.together;
    return {
      build: b,
      changed: { idNumbers },
      firingRule: { ...rule, sql: (q: RuleSql, p: RuleParams) => spec.firing(q, p, ledger(q)) },
      firingTogether: together && ((qs, ps) => together(qs, ps, ledger(qs[0]))),
    };
  };

  return { name: spec.name, ruleCode: spec.ruleCode, label: spec.label, unit: 'people', serving, build, latest };
}
