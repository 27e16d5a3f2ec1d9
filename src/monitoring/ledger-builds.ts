// How a preview ledger is built, whatever it holds (expense-ledger.ts: households' rigid expenditure;
// person-ledgers.ts: the ledgers of people). A ledger is exact because a build first notes, in a
// short transaction holding off writers of the tables it reads, how far each feed and its change log have
// got, and commits a build row; everything after that point is seen by previews as a change and computed
// live. Only then does it read, for as long as it takes, blocking no one. Builds of one ledger run one at a
// time; a crashed build leaves an unfinished row that the next build removes.
import type { Database, Tx } from '../platform/db';
import { findFeed, feedTable } from '../feeds/catalogue';
import { tuneTransaction } from './evaluate';
import { ensureRules, loadVersions, requireRule } from './rule-store';
import type { RuleParams } from './rule-types';
import { versionInForce } from './rule-versions';

/** The tables of one ledger (migrations 0010 and 0011). */
export interface LedgerTables {
  /** One row per build: as_of, the parameters used, feed_watermarks, changes_watermark, row_count, finished_at, duration_ms. */
  builds: string;
  /** The figures, with build_id. */
  rows: string;
  /** Changes the feeds' records do not show, logged by triggers while a build row exists. */
  changes: string;
}

export interface LedgerBuildSpec {
  /** Names the advisory lock: builds of one ledger run one at a time. */
  name: string;
  tables: LedgerTables;
  /** The feeds the figures sum. */
  feeds: readonly string[];
  /** Other tables the figures read, held still while the watermarks are noted. */
  alsoReads: readonly string[];
  /** Inserts the build row (unfinished) and returns its id. */
  insertBuild(tx: Tx, watermarks: { feeds: Record<string, number>; changes: number }): Promise<number>;
  /** Fills the rows of the build; returns how many. */
  fill(tx: Tx, buildId: number): Promise<number>;
}

const feedTables = (feeds: readonly string[]) => feeds.map((code) => ({ code, table: feedTable(findFeed(code)!) }));

/** Runs a build as described above; returns the new build's id. */
export async function runLedgerBuild(db: Database, spec: LedgerBuildSpec): Promise<number> {
  const { builds, rows, changes } = spec.tables;
  const started = Date.now();
  const feeds = feedTables(spec.feeds);
  // A build holds this lock in both its transactions: a build row without a holder is a crashed build.
  const lock = `select pg_try_advisory_xact_lock(hashtext('${spec.name}')) as ok`;
  const busy = () => new Error(`another ${spec.name} build is running`);
  const buildId = await db.transaction(async (tx) => {
    // A waiting lock would queue every writer behind it: give up instead, the caller tries again later.
    await tx.query(`select set_config('lock_timeout', '5s', true)`);
    if (!(await tx.query<{ ok: boolean }>(lock)).rows[0].ok) throw busy();
    await tx.query(`lock table ${[...spec.alsoReads, changes, ...feeds.map((f) => f.table)].join(', ')} in share mode`);
    const marks = await tx.query<Record<string, string | null>>(
      `select ${feeds.map((f, i) => `(select max(id) from ${f.table}) as f${i}`).join(', ')}, (select max(id) from ${changes}) as changes`);
    const m = marks.rows[0];
    // Builds left unfinished by a crash go; a committed build row makes the triggers log from now on.
    await tx.query(`delete from ${builds} where finished_at is null`);
    return spec.insertBuild(tx, {
      feeds: Object.fromEntries(feeds.map((f, i) => [f.code, Number(m[`f${i}`] ?? 0)])),
      changes: Number(m.changes ?? 0),
    });
  });
  try {
    await db.transaction(async (tx) => {
      if (!(await tx.query<{ ok: boolean }>(lock)).rows[0].ok) throw busy();
      // Another build may have started between the two transactions and taken this one's place.
      if ((await tx.query(`select 1 from ${builds} where id = $1`, [buildId])).rows.length === 0) {
        throw new Error(`another ${spec.name} build took over`);
      }
      await tuneTransaction(tx);
      const count = await spec.fill(tx, buildId);
      await tx.query(`update ${builds} set row_count = $2, finished_at = now(), duration_ms = $3 where id = $1`, [buildId, count, Date.now() - started]);
      await tx.query(`delete from ${rows} where build_id <> $1`, [buildId]);
      // Statistics of the new rows, before any preview plans a count over them.
      await tx.query(`analyze ${rows}`);
      await tx.query(`delete from ${builds} where id <> $1`, [buildId]);
      await tx.query(`delete from ${changes} where id <= (select changes_watermark from ${builds} where id = $1)`, [buildId]);
    });
  } catch (e) {
    await db.query(`delete from ${builds} where id = $1 and finished_at is null`, [buildId]).catch(() => undefined);
    throw e;
  }
  // The new rows' visibility, noted once (outside a transaction, as VACUUM must be): otherwise the first
  // previews after a build visit the table for every row the index gives and set its hint bits
  // (RECOVERY_EMPLOYMENT, province: 4.3 s, then 1.0 s). It removes the previous build's rows too.
  await db.query(`vacuum ${rows}`);
  return buildId;
}

/** What every build row holds, whatever the ledger. */
export interface LedgerBuildRow {
  id: number;
  asOf: string;
  feedWatermarks: Record<string, number>;
  changesWatermark: number;
  /** Rows of figures (households, people). */
  rows: number;
  finishedAt: string;
  durationMs: number;
}

/** The latest finished build of a ledger, with its own columns (`extra`) as stored. */
export async function latestBuild(db: Database | Tx, builds: string): Promise<(LedgerBuildRow & { extra: Record<string, any> }) | null> {
  const r = await db.query<Record<string, any>>(
    `select b.*, b.as_of::text as as_of_text from ${builds} b where b.finished_at is not null order by b.id desc limit 1`);
  const b = r.rows[0];
  if (!b) return null;
  const marks = typeof b.feed_watermarks === 'string' ? JSON.parse(b.feed_watermarks) : b.feed_watermarks;
  return {
    id: Number(b.id), asOf: b.as_of_text,
    feedWatermarks: Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, Number(v)])),
    changesWatermark: Number(b.changes_watermark), rows: Number(b.row_count),
    finishedAt: new Date(b.finished_at).toISOString(), durationMs: Number(b.duration_ms),
    extra: b,
  };
}

/** Whether more than `limit` records of any of the feeds arrived after the build's watermarks. */
export async function tooManyNewRecords(db: Database, build: LedgerBuildRow, feeds: readonly string[], limit: number): Promise<boolean> {
  const tables = feedTables(feeds);
  const counts = await db.query<Record<string, string>>(
    `select ${tables.map((f, i) => `(select count(*) from (select 1 from ${f.table} where id > $${i + 1} limit ${limit + 1}) x) as f${i}`).join(', ')}`,
    tables.map((f) => build.feedWatermarks[f.code] ?? 0));
  return tables.some((_, i) => Number(counts.rows[0][`f${i}`]) > limit);
}

/** A union of the ID numbers of the feeds' records after the build (placeholders from $first on), with its values. */
export function newRecordIds(build: LedgerBuildRow, feeds: readonly string[], first = 1): { sql: string; values: number[] } {
  const tables = feedTables(feeds);
  return {
    sql: tables.map((f, i) => `select id_number from ${f.table} where id > $${first + i}`).join(' union '),
    values: tables.map((f) => build.feedWatermarks[f.code] ?? 0),
  };
}

/** The province's version of a rule in force today: the parameters a ledger's build uses by default. */
export async function provinceParams(db: Database, ruleCode: string, today: string): Promise<RuleParams> {
  await ensureRules(db);
  const versions = (await loadVersions(db, ruleCode)).get(ruleCode) ?? [];
  const version = versionInForce(versions, null, today);
  return version?.params ?? requireRule(ruleCode).defaults.params;
}

export const sameSet = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && [...a].map(String).sort().join('\u0001') === [...b].map(String).sort().join('\u0001');
