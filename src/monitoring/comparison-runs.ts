// Comparison runs: the full comparison (全面比对), split into units of whole counties that workers (processes
// or in-process loops) claim with FOR UPDATE SKIP LOCKED; and the evaluation after each import or API push
// of the rules that read that feed, for the people in it. Each unit commits whole: its warnings, its counts
// and its audit entry; a unit that fails leaves nothing and can be run again (warnings are deduplicated).
import type { Database, Tx } from '../platform/db';
import { isDatabaseError } from '../platform/db';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../platform/audit';
import { notFound } from '../platform/errors';
import { findFeed, feedTable } from '../feeds/catalogue';
import type { FeedRecordsLoaded } from '../feeds/import/feed-events';
import { RULES, rulesReading } from './rule-catalogue';
import { ensureRules, loadVersions } from './rule-store';
import { versionInForce, type RuleVersion } from './rule-versions';
import {
  addCountiesToSlice, addIdsToSlice, ensureWorkTables, fillSliceWithIds, evaluateSlice, describeSlice, tuneTransaction,
  type RuleCount, type RunInfo,
} from './evaluate';
import { planUnits } from './units';


const provinceCodes = new WeakMap<Database, string>();

/** The installation's province (one province per installation). */
export async function provinceCode(db: Database): Promise<string> {
  let code = provinceCodes.get(db);
  if (!code) {
    const r = await db.query<{ code: string }>('select code from regions where level = 1 order by code limit 1');
    if (!r.rows[0]) throw new Error('no province in the regions table: run migrate (reference data) first');
    code = r.rows[0].code;
    provinceCodes.set(db, code);
  }
  return code;
}

async function saveCounts(tx: Tx, runId: number, unit: string, counts: RuleCount[]) {
  if (!counts.length) return;
  await tx.query(
    `insert into comparison_run_counts (run_id, unit, rule_code, firings, raised, updated, evidence_added, duration_ms)
     select $1, $2, t.rule, t.firings, t.raised, t.updated, t.evidence, t.ms
     from unnest($3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[]) as t(rule, firings, raised, updated, evidence, ms)`,
    [runId, unit, counts.map((c) => c.ruleCode), counts.map((c) => c.firings), counts.map((c) => c.raised),
      counts.map((c) => c.updated), counts.map((c) => c.evidenceAdded), counts.map((c) => c.durationMs)]);
}

async function auditChanges(tx: Tx, runId: number, unit: string, counts: RuleCount[], kind: string) {
  const changed = counts.filter((c) => c.raised + c.updated > 0);
  if (!changed.length) return;
  await appendAudit(tx, SYSTEM_ACTOR, {
    action: 'warnings.compare', entity: 'comparison_run', entityId: runId, regionCode: /^\d{12}$/.test(unit) ? unit : null,
    after: { kind, unit, rules: Object.fromEntries(changed.map((c) => [c.ruleCode, { raised: c.raised, updated: c.updated, evidence: c.evidenceAdded }])) },
  });
}

const isRetryable = (e: unknown) => isDatabaseError(e, '40P01') || isDatabaseError(e, '40001');

// ── after an import or a push ──────────────────────────────────────────────────────────────────────────

export interface ImportEvaluation {
  runId: number;
  counts: RuleCount[];
  raised: number;
  updated: number;
}

/** Records above which an import's people are gathered set-based (see fillSliceWithIds). */
const BULK_SLICE_RECORDS = 5_000;

/**
 * Evaluates the rules that read the feeds of committed imports (files or API batches) for the people in
 * them, over their whole windows: one slice, one run, whatever the number of imports (real-time pushes
 * arriving together are evaluated together). Never throws: a failure is recorded on the run (the imports
 * themselves stand).
 */
export async function evaluateImports(db: Database, events: readonly FeedRecordsLoaded[], today: string, now: Date): Promise<ImportEvaluation | null> {
  const withRecords = events.filter((e) => e.accepted > 0 && findFeed(e.feed) && rulesReading(e.feed).length > 0);
  if (!withRecords.length) return null;
  const feeds = [...new Set(withRecords.map((e) => e.feed))].sort();
  const rules = RULES.filter((r) => r.feeds.some((f) => feeds.includes(f)));
  let runId: number | null = null;
  try {
    await ensureRules(db);
    const [versions, province] = await Promise.all([loadVersions(db), provinceCode(db)]);
    const kind = withRecords.every((e) => e.source === 'api') ? 'push' : 'import';
    const started = Date.now();
    const importIds = withRecords.map((e) => e.importId);
    runId = (await db.query<{ id: number }>(
      `insert into comparison_runs (kind, today, feed, import_id, import_ids, actor) values ($1, $2, $3, $4, $5, 'system') returning id`,
      [kind, today, feeds.join(','), importIds.length === 1 ? importIds[0] : null, importIds])).rows[0].id;
    const run: RunInfo = { id: runId, today, now, actor: 'system' };
    const ids = feeds.map((f) => `select f.id_number from ${feedTable(findFeed(f)!)} f where f.import_id = any($1::bigint[])`).join(' union ');
    const records = withRecords.reduce((total, e) => total + e.accepted, 0);
    if (records > BULK_SLICE_RECORDS) {
      // Statistics from before a big file would have the planner look its people up one by one.
      for (const f of feeds) await db.query(`analyze ${feedTable(findFeed(f)!)}`);
    }
    const counts = await withRetry(() => db.transaction(async (tx) => {
      await ensureWorkTables(tx);
      // A file of thousands of records: its people joined set-based; a push's few: looked up one by one.
      const bulk = records > BULK_SLICE_RECORDS;
      if (bulk) await tuneTransaction(tx);
      const n = bulk ? await fillSliceWithIds(tx, ids, [importIds], province) : await addIdsToSlice(tx, ids, [importIds], province);
      // The planner must know how few (or many) people this is: index lookups for a push, hash joins for a big file.
      if (n > 500 && !bulk) await tuneTransaction(tx);
      await tx.query('analyze mon_slice');
      const result = await evaluateSlice(tx, rules, versions, await describeSlice(tx), run);
      await saveCounts(tx, run.id, 'import', result.filter((c) => c.firings > 0));
      await tx.query(`update comparison_runs set status = 'completed', finished_at = $2, duration_ms = $3 where id = $1`, [run.id, new Date(), Date.now() - started]);
      await auditChanges(tx, run.id, 'import', result, kind);
      return result;
    }));
    return { runId, counts, raised: sum(counts, 'raised'), updated: sum(counts, 'updated') };
  } catch (e) {
    console.error(`[monitoring] evaluation of import(s) ${withRecords.map((x) => x.importId).join(', ')} failed: ${(e as Error).message}`);
    if (runId !== null) {
      await db.query(`update comparison_runs set status = 'failed', error = $2, finished_at = now() where id = $1`, [runId, (e as Error).message]).catch(() => undefined);
    }
    return null;
  }
}

/** One import alone (see evaluateImports). */
export function evaluateImport(db: Database, event: FeedRecordsLoaded, today: string, now: Date): Promise<ImportEvaluation | null> {
  return evaluateImports(db, [event], today, now);
}

const sum = (counts: RuleCount[], key: 'raised' | 'updated' | 'firings' | 'evidenceAdded') => counts.reduce((s, c) => s + c[key], 0);

async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !isRetryable(e)) throw e;
      await new Promise((r) => setTimeout(r, 20 * i));
    }
  }
}

// ── the full comparison ────────────────────────────────────────────────────────────────────────────────

export interface FullComparisonOptions {
  today: string;
  /** One county only (12 digits); absent: every county and the province's queue. */
  countyCode?: string | null;
  workers?: number;
  /** Units of whole counties to split the run into (default: as many as workers). */
  units?: number;
  actor: Actor;
}

/** Feeds whose unmatched records may raise warnings on this day (a rule reading them applies to discovery). */
function discoveryFeeds(versions: Map<string, RuleVersion[]>, today: string): string[] {
  const feeds = new Set<string>();
  for (const rule of RULES) {
    if (rule.subject !== 'person') continue;
    const list = versions.get(rule.code) ?? [];
    if (list.some((v) => v.enabled && v.appliesTo !== 'monitored' && (versionInForce(list, v.regionCode, today) === v))) {
      for (const f of rule.feeds) feeds.add(f);
    }
  }
  return [...feeds].sort();
}

/** Creates a run and its units, and finds the people not in the registry once for all units. */
export async function startFullComparison(db: Database, options: FullComparisonOptions): Promise<number> {
  await ensureRules(db);
  const versions = await loadVersions(db);
  const county = options.countyCode ? options.countyCode.padEnd(12, '0') : null;
  if (county) {
    const c = await db.query('select 1 from regions where code = $1 and level = 3', [county]);
    if (!c.rows.length) throw notFound('县（市、区）', 'County');
  }
  const workers = Math.max(1, options.workers ?? 1);
  const loads = await db.query<{ code: string; people: number }>(
    `select r.code, coalesce(h.people, 0)::int as people
     from regions r left join (select hh.county_code, count(*) as people from households hh join persons p on p.household_id = hh.id group by hh.county_code) h
       on h.county_code = r.code
     where r.level = 3 and ($1::text is null or r.code = $1)`, [county]);
  const plan = planUnits(loads.rows, options.units ?? workers);
  return db.transaction(async (tx) => {
    const run = await tx.query<{ id: number }>(
      `insert into comparison_runs (kind, today, county_code, workers, actor) values ('full', $1, $2, $3, $4) returning id`,
      [options.today, county, workers, options.actor.name]);
    const runId = run.rows[0].id;
    await tx.query(
      `insert into comparison_run_units (run_id, unit, counties, people, ord)
       select $1, t.unit, string_to_array(t.counties, ','), t.people, t.ord
       from unnest($2::text[], $3::text[], $4::int[], $5::int[]) as t(unit, counties, people, ord)`,
      [runId, plan.map((u) => u.unit), plan.map((u) => u.counties.join(',')), plan.map((u) => u.people), plan.map((_, i) => i + 1)]);
    const feeds = discoveryFeeds(versions, options.today);
    if (feeds.length) {
      const prefix = county ? county.slice(0, 6) : null;
      const range = prefix ? `and f.id_number >= $2 and f.id_number < $3` : '';
      const union = feeds.map((f) => `select f.id_number from ${feedTable(findFeed(f)!)} f where f.person_id is null ${range}`).join(' union ');
      // By the unit holding the county of the ID's address code; the province's queue goes with the first unit.
      await tx.query(
        `insert into comparison_run_discovery (run_id, unit, id_number)
         select $1, coalesce(un.unit, (select unit from comparison_run_units where run_id = $1 order by ord limit 1)), u.id_number
         from (${union}) u
         left join regions rc on rc.level = 3 and rc.code = substr(u.id_number, 1, 6) || '000000'
         left join comparison_run_units un on un.run_id = $1 and rc.code = any(un.counties)
         where not exists (select 1 from persons p where p.id_number = u.id_number and p.household_id is not null)
           ${county ? 'and rc.code is not null' : ''}
         on conflict do nothing`,
        prefix ? [runId, prefix, String(Number(prefix) + 1).padStart(6, '0')] : [runId]);
    }
    await appendAudit(tx, options.actor, {
      action: 'comparison.start', entity: 'comparison_run', entityId: runId, regionCode: county,
      after: { kind: 'full', today: options.today, county, workers, units: plan.length },
    });
    return runId;
  });
}

interface RunRow {
  id: number;
  kind: string;
  status: string;
  today: string;
  county_code: string | null;
  county_name?: string | null;
  feed: string | null;
  import_id: number | null;
  workers: number;
  actor: string;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
}

async function readRun(db: Database, runId: number): Promise<RunRow> {
  const r = await db.query<RunRow>(
    'select r.*, (select g.name from regions g where g.code = r.county_code) as county_name from comparison_runs r where r.id = $1', [runId]);
  if (!r.rows[0]) throw notFound('比对任务', 'Comparison run');
  return r.rows[0];
}

async function claimUnit(db: Database, runId: number, worker: string): Promise<string | null> {
  const r = await db.query<{ unit: string }>(
    `update comparison_run_units u set status = 'running', worker = $2, started_at = now()
     where u.run_id = $1 and u.unit = (
       select q.unit from comparison_run_units q where q.run_id = $1 and q.status = 'queued' order by q.ord limit 1 for update skip locked)
     returning u.unit`,
    [runId, worker]);
  return r.rows[0]?.unit ?? null;
}

async function processUnit(db: Database, run: RunInfo, unit: string, versions: Map<string, RuleVersion[]>, province: string): Promise<void> {
  const started = Date.now();
  // Nobody to evaluate (no registry households, no unknown people): done at once.
  const empty = await db.query(
    `update comparison_run_units u set status = 'done', finished_at = now(), duration_ms = 0, subjects = 0, rules_done = $3
     where u.run_id = $1 and u.unit = $2
       and not exists (select 1 from households h where h.county_code = any(u.counties))
       and not exists (select 1 from comparison_run_discovery d where d.run_id = $1 and d.unit = $2)`, [run.id, unit, RULES.length]);
  if (empty.rowCount > 0) return;
  const counties = (await db.query<{ counties: string[] }>('select counties from comparison_run_units where run_id = $1 and unit = $2', [run.id, unit])).rows[0].counties;
  // Progress inside the unit, from outside its transaction (not awaited: an embedded database has one session).
  const ruleDone = (n: number) => {
    db.query('update comparison_run_units set rules_done = $3 where run_id = $1 and unit = $2', [run.id, unit, n]).catch(() => undefined);
  };
  try {
    await withRetry(() => db.transaction(async (tx) => {
      await tuneTransaction(tx);
      await ensureWorkTables(tx);
      let subjects = await addCountiesToSlice(tx, counties);
      subjects += await addIdsToSlice(tx, 'select d.id_number from comparison_run_discovery d where d.run_id = $1 and d.unit = $2', [run.id, unit], province);
      let counts: RuleCount[] = [];
      if (subjects > 0) {
        await tx.query('analyze mon_slice');
        counts = await evaluateSlice(tx, RULES, versions, await describeSlice(tx), run, ruleDone);
      }
      await saveCounts(tx, run.id, unit, counts);
      await tx.query(
        `update comparison_run_units set status = 'done', finished_at = now(), duration_ms = $3, subjects = $4, rules_done = $5, error = null where run_id = $1 and unit = $2`,
        [run.id, unit, Date.now() - started, subjects, RULES.length]);
      await auditChanges(tx, run.id, unit, counts, 'full');
    }));
  } catch (e) {
    await db.query(`update comparison_run_units set status = 'failed', finished_at = now(), duration_ms = $3, error = $4 where run_id = $1 and unit = $2`,
      [run.id, unit, Date.now() - started, (e as Error).message]);
  }
}

/** One worker: claims units of the run until none is left. Returns how many it did. */
export async function workFullComparison(db: Database, runId: number, worker: string, now: () => Date = () => new Date()): Promise<number> {
  const row = await readRun(db, runId);
  const [versions, province] = await Promise.all([loadVersions(db), provinceCode(db)]);
  let done = 0;
  for (;;) {
    const unit = await claimUnit(db, runId, worker);
    if (!unit) return done;
    await processUnit(db, { id: runId, today: row.today, now: now(), actor: `comparison:${runId}` }, unit, versions, province);
    done++;
  }
}

/** Puts back units whose worker went away (status running), so another worker can take them. */
export async function requeueAbandoned(db: Database, runId: number): Promise<number> {
  const r = await db.query(`update comparison_run_units set status = 'queued', worker = null, rules_done = 0 where run_id = $1 and status = 'running'`, [runId]);
  return r.rowCount;
}

/** Closes a run: completed when every unit is done, failed otherwise; forgets its discovery list. */
export async function finishFullComparison(db: Database, runId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const left = await tx.query<{ n: number; failed: number; first_error: string | null }>(
      `select count(*) filter (where status <> 'done')::int as n, count(*) filter (where status = 'failed')::int as failed,
         min(unit || ': ' || error) as first_error
       from comparison_run_units where run_id = $1`, [runId]);
    const { n, failed, first_error } = left.rows[0];
    const error = n === 0 ? null : `${n} unit(s) not done (${failed} failed)${first_error ? `; ${first_error}` : ''}`;
    await tx.query(
      `update comparison_runs set status = $2, error = $3, finished_at = now(), duration_ms = (extract(epoch from (now() - started_at)) * 1000)::int where id = $1`,
      [runId, n === 0 ? 'completed' : 'failed', error]);
    await tx.query('delete from comparison_run_discovery where run_id = $1', [runId]);
    const totals = await tx.query<{ raised: number; updated: number }>(
      'select coalesce(sum(raised), 0)::int as raised, coalesce(sum(updated), 0)::int as updated from comparison_run_counts where run_id = $1', [runId]);
    await appendAudit(tx, SYSTEM_ACTOR, { action: 'comparison.finish', entity: 'comparison_run', entityId: runId, after: { status: n === 0 ? 'completed' : 'failed', ...totals.rows[0], error } });
  });
}

/** The whole full comparison in this process: `workers` loops share the units (each on its own session). */
export async function runFullComparison(db: Database, options: FullComparisonOptions & { onProgress?: (p: RunProgress) => void }): Promise<RunProgress> {
  const runId = await startFullComparison(db, options);
  const workers = Math.max(1, options.workers ?? 1);
  let timer: NodeJS.Timeout | undefined;
  if (options.onProgress) {
    timer = setInterval(() => {
      comparisonRunProgress(db, runId).then(options.onProgress!, () => undefined);
    }, 1000);
  }
  try {
    await Promise.all(Array.from({ length: workers }, (_, i) => workFullComparison(db, runId, `${process.pid}/${i + 1}`)));
  } finally {
    if (timer) clearInterval(timer);
  }
  await finishFullComparison(db, runId);
  return comparisonRunProgress(db, runId);
}

// ── progress ───────────────────────────────────────────────────────────────────────────────────────────

export interface RuleProgress {
  ruleCode: string;
  ruleName: string;
  firings: number;
  raised: number;
  updated: number;
  evidenceAdded: number;
  durationMs: number;
}

export interface RunProgress {
  id: number;
  kind: 'full' | 'import' | 'push';
  status: 'running' | 'completed' | 'failed';
  today: string;
  countyCode: string | null;
  /** The county's name, so that a list of runs needs no lookup per row. */
  countyName: string | null;
  feed: string | null;
  importId: number | null;
  workers: number;
  actor: string;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number;
  units: { total: number; queued: number; running: number; done: number; failed: number };
  /** 0–100, by units (full runs) or 0/100. */
  percent: number;
  /** Seconds left at the pace so far (full runs while running). */
  etaSeconds: number | null;
  subjects: number;
  totals: { firings: number; raised: number; updated: number; evidenceAdded: number };
  rules: RuleProgress[];
}

export interface UnitProgress {
  unit: string;
  name: string;
  counties: string[];
  people: number;
  rulesDone: number;
  status: string;
  worker: string | null;
  subjects: number | null;
  durationMs: number | null;
  error: string | null;
}

export async function comparisonRunProgress(db: Database, runId: number): Promise<RunProgress> {
  const run = await readRun(db, runId);
  const [units, counts] = await Promise.all([
    db.query<{ status: string; n: number; subjects: number; rules_done: number }>(
      `select status, count(*)::int as n, coalesce(sum(subjects), 0)::int as subjects, coalesce(sum(rules_done), 0)::int as rules_done
       from comparison_run_units where run_id = $1 group by status`, [runId]),
    db.query<{ rule_code: string; firings: number; raised: number; updated: number; evidence_added: number; duration_ms: number }>(
      `select rule_code, sum(firings)::int as firings, sum(raised)::int as raised, sum(updated)::int as updated,
         sum(evidence_added)::int as evidence_added, sum(duration_ms)::int as duration_ms
       from comparison_run_counts where run_id = $1 group by rule_code`, [runId]),
  ]);
  const u = { total: 0, queued: 0, running: 0, done: 0, failed: 0 };
  let subjects = 0;
  let runningRules = 0;
  for (const r of units.rows) {
    u[r.status as 'queued'] = r.n;
    u.total += r.n;
    subjects += r.subjects;
    if (r.status === 'running') runningRules = r.rules_done;
  }
  const byRule = new Map(counts.rows.map((r) => [r.rule_code, r]));
  const rules: RuleProgress[] = RULES.filter((rule) => byRule.has(rule.code) || run.kind === 'full').map((rule) => {
    const r = byRule.get(rule.code);
    return { ruleCode: rule.code, ruleName: rule.name, firings: r?.firings ?? 0, raised: r?.raised ?? 0, updated: r?.updated ?? 0, evidenceAdded: r?.evidence_added ?? 0, durationMs: r?.duration_ms ?? 0 };
  });
  const totals = rules.reduce((t, r) => ({ firings: t.firings + r.firings, raised: t.raised + r.raised, updated: t.updated + r.updated, evidenceAdded: t.evidenceAdded + r.evidenceAdded }),
    { firings: 0, raised: 0, updated: 0, evidenceAdded: 0 });
  const started = new Date(run.started_at);
  const elapsed = run.duration_ms ?? Date.now() - started.getTime();
  // Units done, plus the share of rules done in the units running.
  const finishedUnits = u.done + u.failed + runningRules / RULES.length;
  const percent = run.kind === 'full'
    ? (u.total ? Math.round((finishedUnits / u.total) * 1000) / 10 : 100)
    : run.status === 'running' ? 0 : 100;
  const etaSeconds = run.kind === 'full' && run.status === 'running' && finishedUnits > 0
    ? Math.round(((elapsed / finishedUnits) * (u.total - finishedUnits)) / 1000) : null;
  return {
    id: run.id, kind: run.kind as RunProgress['kind'], status: run.status as RunProgress['status'], today: run.today, countyCode: run.county_code,
    countyName: run.county_name ?? null,
    feed: run.feed, importId: run.import_id, workers: run.workers, actor: run.actor, error: run.error,
    startedAt: started.toISOString(), finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null, durationMs: elapsed,
    units: u, percent, etaSeconds, subjects, totals, rules,
  };
}

export async function comparisonRunUnits(db: Database, runId: number): Promise<UnitProgress[]> {
  const r = await db.query<Record<string, any>>(
    `select u.*, (select string_agg(g.name, '、' order by g.code) from regions g where g.code = any(u.counties)) as names
     from comparison_run_units u where u.run_id = $1 order by u.ord`, [runId]);
  return r.rows.map((x) => {
    const names: string = x.names ?? '';
    const list = names ? names.split('、') : [];
    const name = list.length <= 3 ? names : `${list.slice(0, 3).join('、')}等 ${list.length} 个县（市、区）`;
    return {
      unit: x.unit, name, counties: x.counties, people: x.people, rulesDone: x.rules_done, status: x.status, worker: x.worker,
      subjects: x.subjects, durationMs: x.duration_ms, error: x.error,
    };
  });
}

export async function listComparisonRuns(db: Database, q: { kind?: string; status?: string; page?: number; pageSize?: number }): Promise<{ items: RunProgress[]; total: number; page: number; pageSize: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (q.kind) {
    params.push(q.kind);
    where.push(`kind = $${params.length}`);
  }
  if (q.status) {
    params.push(q.status);
    where.push(`status = $${params.length}`);
  }
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 20));
  const whereSql = where.length ? `where ${where.join(' and ')}` : '';
  const ids = await db.query<{ id: number }>(`select id from comparison_runs ${whereSql} order by id desc limit ${pageSize} offset ${(page - 1) * pageSize}`, params);
  const total = await db.query<{ n: number }>(`select count(*)::int as n from comparison_runs ${whereSql}`, params);
  const items: RunProgress[] = [];
  for (const r of ids.rows) items.push(await comparisonRunProgress(db, r.id));
  return { items, total: total.rows[0].n, page, pageSize };
}

