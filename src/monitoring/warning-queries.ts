// Reading warnings inside the caller's region scope (in SQL: outside it a warning does not exist, 404),
// with the evidence rows and where each came from, and moving a warning through its statuses.
import type { Database } from '../platform/db';
import { appendAudit, type Actor } from '../platform/audit';
import { householdScopeCondition, type Scope } from '../platform/auth/scope';
import { AppError, fieldError, notFound, validationFailed, versionConflict } from '../platform/errors';
import { maskIdNumber } from '../registry/masking';
import { FEEDS, findFeed, feedTable } from '../feeds/catalogue';
import type { ValueTypeName } from '../feeds/values';
import { findRule } from './rule-catalogue';
import { toVersion } from './rule-store';
import { SCENARIO_LABELS, STATUS_TRANSITIONS, WARNING_STATUSES, LEVELS, type Level, type Scenario, type WarningStatus } from './rule-types';
import { regionLevel } from './rule-versions';

export interface WarningQuery {
  /** One status or several, comma-separated; 'open' = every status but closed. */
  status?: string;
  level?: string;
  rule?: string;
  scenario?: string;
  /** A region code (any level): warnings routed inside it. */
  region?: string;
  personId?: number;
  householdId?: number;
  monitored?: boolean;
  page?: number;
  pageSize?: number;
}

export interface WarningSummary {
  id: number;
  ruleCode: string;
  ruleName: string;
  ruleVersion: number;
  scenario: string;
  scenarioName: string;
  level: Level;
  status: WarningStatus;
  subjectKind: 'person' | 'household';
  person: { id: number | null; name: string | null; idNumberMasked: string | null };
  householdId: number | null;
  /** In the registry and in a current monitoring category when raised; false = found by discovery. */
  monitored: boolean;
  region: { code: string; name: string; level: number };
  summary: string;
  summaryEn: string;
  evidenceCount: number;
  raisedAt: string;
  updatedAt: string;
  closedAt: string | null;
  version: number;
}

const REGION_COLUMN: Record<number, string> = { 2: 'city_code', 3: 'county_code', 4: 'township_code', 5: 'village_code' };
const OPEN_STATUSES = WARNING_STATUSES.filter((s) => s !== 'closed');

function toSummary(r: Record<string, any>): WarningSummary {
  const rule = findRule(r.rule_code);
  return {
    id: r.id, ruleCode: r.rule_code, ruleName: rule?.name ?? r.rule_code, ruleVersion: r.rule_version,
    scenario: r.scenario, scenarioName: SCENARIO_LABELS[r.scenario as Scenario]?.zh ?? r.scenario,
    level: r.level, status: r.status, subjectKind: r.subject_kind,
    person: { id: r.person_id, name: r.person_name, idNumberMasked: r.id_number ? maskIdNumber(r.id_number) : null },
    householdId: r.household_id, monitored: r.monitored,
    region: { code: r.region_code, name: r.region_name ?? '', level: regionLevel(r.region_code) },
    summary: r.summary, summaryEn: r.summary_en, evidenceCount: r.evidence_count,
    raisedAt: new Date(r.raised_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null, version: r.version,
  };
}

/** The statuses a query asks for ('open' stands for every status but closed), or null for all. */
function chosenStatuses(q: WarningQuery): string[] | null {
  if (!q.status) return null;
  const statuses = q.status.split(',').flatMap((s) => (s.trim() === 'open' ? OPEN_STATUSES : [s.trim()]));
  const bad = statuses.filter((s) => !(WARNING_STATUSES as readonly string[]).includes(s));
  if (bad.length) throw validationFailed([fieldError('status', 'STATUS', `未知的预警状态：${bad.join('、')}`, `Unknown status: ${bad.join(', ')}`)]);
  return statuses;
}

/** The levels a query asks for, or null for all. */
function chosenLevels(q: WarningQuery): string[] | null {
  if (!q.level) return null;
  const levels = q.level.split(',').map((s) => s.trim());
  if (levels.some((l) => !(LEVELS as readonly string[]).includes(l))) throw validationFailed([fieldError('level', 'LEVEL', '预警等级应为 red、yellow、blue', 'level must be red, yellow or blue')]);
  return levels;
}

/** The filters but level and status, as SQL conditions on warnings w. */
function filters(scope: Scope, q: WarningQuery, params: unknown[]): string[] {
  const where = [householdScopeCondition(scope, 'w', params)];
  const add = (sql: (ph: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.rule) add((ph) => `w.rule_code = any(${ph}::text[])`, q.rule.split(',').map((s) => s.trim()));
  if (q.scenario) add((ph) => `w.scenario = any(${ph}::text[])`, q.scenario.split(',').map((s) => s.trim()));
  if (q.personId !== undefined) add((ph) => `w.person_id = ${ph}`, q.personId);
  if (q.householdId !== undefined) add((ph) => `w.household_id = ${ph}`, q.householdId);
  if (q.monitored !== undefined) add((ph) => `w.monitored = ${ph}`, q.monitored);
  if (q.region) {
    const code = q.region.padEnd(12, '0');
    const level = regionLevel(code);
    if (level > 1) add((ph) => `w.${REGION_COLUMN[level]} = ${ph}`, code);
  }
  return where;
}

export async function listWarnings(db: Database, scope: Scope, q: WarningQuery): Promise<{
  items: WarningSummary[]; total: number; page: number; pageSize: number;
  countsByLevel: Record<Level, number>; countsByStatus: Record<WarningStatus, number>;
}> {
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 20));
  const statuses = chosenStatuses(q);
  const levels = chosenLevels(q);
  const params: unknown[] = [];
  const conditions = filters(scope, q, params);
  // One count by level and status together, the other filters applied: the counts by level honour the
  // chosen statuses and the counts by status the chosen levels (each ignores its own filter, so the page
  // can show what choosing another would give). One statement instead of two: a page view is a few round
  // trips, and each one costs.
  const countWhere = conditions.join(' and ');
  const countParams = [...params];
  if (statuses) conditions.push(`w.status = any($${params.push(statuses)}::text[])`);
  if (levels) conditions.push(`w.level = any($${params.push(levels)}::text[])`);
  const where = conditions.join(' and ');
  const [rows, counts] = await Promise.all([
    db.query<Record<string, any>>(
      `select w.*, g.name as region_name from warnings w left join regions g on g.code = w.region_code
       where ${where} order by w.raised_at desc, w.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`, params),
    db.query<{ level: Level; status: WarningStatus; n: number }>(
      `select w.level, w.status, count(*)::int as n from warnings w where ${countWhere} group by w.level, w.status`, countParams),
  ]);
  const countsByLevel = { red: 0, yellow: 0, blue: 0 } as Record<Level, number>;
  const countsByStatus = Object.fromEntries(WARNING_STATUSES.map((s) => [s, 0])) as Record<WarningStatus, number>;
  for (const r of counts.rows) {
    if (!statuses || statuses.includes(r.status)) countsByLevel[r.level] += r.n;
    if (!levels || levels.includes(r.level)) countsByStatus[r.status] += r.n;
  }
  // The total for the current filters: the level counts, narrowed to the chosen levels.
  const total = (levels ?? LEVELS).reduce((s, l) => s + (countsByLevel[l as Level] ?? 0), 0);
  return { items: rows.rows.map(toSummary), total, page, pageSize, countsByLevel, countsByStatus };
}

export interface EvidenceView {
  feed: string;
  feedName: string;
  department: string;
  recordId: number;
  addedAt: string;
  ruleVersion: number;
  runId: number | null;
  /** Where the record came from: a file (with its row as Excel shows it) or an API batch. */
  source: {
    kind: 'file' | 'api' | null;
    importId: number | null;
    fileName: string | null;
    row: number | null;
    batchId: string | null;
    department: string | null;
    importedAt: string | null;
  };
  receivedAt: string | null;
  /** The record's columns as the feed's contract names them; ID numbers masked. `type` says how to show the
   *  value (money in fen, dates…); `valueLabel` is an enum code's Chinese label. */
  fields: { key: string; label: string; type: ValueTypeName; value: string | number | boolean | null; valueLabel: string | null }[];
  /** Null when the record is gone from its feed table. */
  missing: boolean;
}

export interface WarningDetail extends WarningSummary {
  figures: Record<string, unknown>;
  rule: {
    code: string;
    name: string;
    nameEn: string;
    version: number;
    versionId: number;
    regionCode: string | null;
    level: Level;
    appliesTo: string;
    params: Record<string, unknown>;
    effectiveFrom: string;
    explanation: { zh: string; en: string };
  };
  regionPath: { code: string; name: string; level: number }[];
  evidence: EvidenceView[];
  events: { kind: string; from: string | null; to: string | null; count: number | null; runId: number | null; actor: string | null; note: string | null; at: string }[];
}

async function warningInScope(db: Database, scope: Scope, id: number): Promise<Record<string, any>> {
  const params: unknown[] = [id];
  const r = await db.query<Record<string, any>>(
    `select w.*, g.name as region_name from warnings w left join regions g on g.code = w.region_code
     where w.id = $1 and ${householdScopeCondition(scope, 'w', params)}`, params);
  if (!r.rows[0]) throw notFound('预警', 'Warning');
  return r.rows[0];
}

export async function readWarning(db: Database, scope: Scope, id: number): Promise<WarningDetail> {
  const w = await warningInScope(db, scope, id);
  const [version, evidence, events, path] = await Promise.all([
    db.query<any>('select * from monitoring_rule_versions where id = $1', [w.rule_version_id]),
    db.query<Record<string, any>>(
      `select e.feed, e.record_id, e.added_at, e.run_id, v.version from warning_evidence e join monitoring_rule_versions v on v.id = e.rule_version_id
       where e.warning_id = $1 order by e.added_at, e.feed, e.record_id`, [id]),
    db.query<Record<string, any>>('select * from warning_events where warning_id = $1 order by id', [id]),
    db.query<{ code: string; name: string; level: number }>(
      `select code, name, level from regions where code in ($1, $2, $3, $4) order by level`,
      [w.city_code ?? '', w.county_code ?? '', w.township_code ?? '', w.village_code ?? '']),
  ]);
  const v = toVersion(version.rows[0]);
  const rule = findRule(w.rule_code);
  const byFeed = new Map<string, number[]>();
  for (const e of evidence.rows) byFeed.set(e.feed, [...(byFeed.get(e.feed) ?? []), e.record_id]);
  const records = new Map<string, Record<string, any>>();
  for (const [feedCode, ids] of byFeed) {
    const feed = findFeed(feedCode);
    if (!feed) continue;
    const rows = await db.query<Record<string, any>>(
      `select f.*, i.source as import_source, i.file_name as import_file, i.batch_id as import_batch, i.department as import_department, i.started_at as import_at
       from ${feedTable(feed)} f left join feed_imports i on i.id = f.import_id where f.id = any($1::bigint[])`, [ids]);
    for (const row of rows.rows) records.set(`${feedCode}:${row.id}`, row);
  }
  const evidenceViews: EvidenceView[] = evidence.rows.map((e) => {
    const feed = FEEDS.find((f) => f.code === e.feed);
    const rec = records.get(`${e.feed}:${e.record_id}`);
    const fields = feed && rec
      ? feed.columns.map((c) => {
        let value = rec[c.key] ?? null;
        if (c.type === 'idNumber' && typeof value === 'string') value = maskIdNumber(value);
        if (value instanceof Date) value = value.toISOString();
        const valueLabel = c.type === 'enum' && typeof value === 'string' && c.values
          ? Object.entries(c.values).find(([, code]) => code === value)?.[0] ?? null : null;
        return { key: c.key, label: c.header, type: c.type, value, valueLabel };
      })
      : [];
    return {
      feed: e.feed, feedName: feed?.name ?? e.feed, department: feed?.department ?? '', recordId: e.record_id,
      addedAt: new Date(e.added_at).toISOString(), ruleVersion: e.version, runId: e.run_id,
      source: {
        kind: rec?.import_source ?? (rec?.batch_id ? 'api' : null), importId: rec?.import_id ?? null, fileName: rec?.import_file ?? null,
        row: rec?.source_row ?? null, batchId: rec?.batch_id ?? rec?.import_batch ?? null, department: rec?.import_department ?? null,
        importedAt: rec?.import_at ? new Date(rec.import_at).toISOString() : null,
      },
      receivedAt: rec?.received_at ? new Date(rec.received_at).toISOString() : null,
      fields, missing: !rec,
    };
  });
  return {
    ...toSummary(w),
    figures: w.figures,
    rule: {
      code: w.rule_code, name: rule?.name ?? w.rule_code, nameEn: rule?.nameEn ?? w.rule_code, version: v.version, versionId: v.id,
      regionCode: v.regionCode, level: v.level, appliesTo: v.appliesTo, params: v.params, effectiveFrom: v.effectiveFrom,
      explanation: rule ? rule.explain(v.params) : { zh: '', en: '' },
    },
    regionPath: path.rows.map((r) => ({ code: r.code, name: r.name, level: r.level })),
    evidence: evidenceViews,
    events: events.rows.map((x) => ({ kind: x.kind, from: x.from_value, to: x.to_value, count: x.count, runId: x.run_id, actor: x.actor, note: x.note, at: new Date(x.at).toISOString() })),
  };
}

export { STATUS_TRANSITIONS };

export interface StatusChange {
  status: string;
  note?: string | null;
  /** The warning's version as the caller saw it (optimistic concurrency). */
  version?: number;
}

/**
 * Moves a warning to another status (dispatched, verifying, escalated, closed), inside the caller's scope,
 * audited. Closing also retires its evidence for the rule: those records never count again for it.
 */
export async function changeWarningStatus(db: Database, actor: Actor, scope: Scope, id: number, change: StatusChange, now: Date = new Date()): Promise<WarningSummary> {
  if (!(WARNING_STATUSES as readonly string[]).includes(change.status)) {
    throw validationFailed([fieldError('status', 'STATUS', '未知的预警状态', 'Unknown status')]);
  }
  const next = change.status as WarningStatus;
  const note = change.note?.trim() || null;
  if (next === 'closed' && !note) throw validationFailed([fieldError('note', 'REQUIRED', '办结预警须填写处理说明', 'Closing a warning needs a note')]);
  return db.transaction(async (tx) => {
    const params: unknown[] = [id];
    const r = await tx.query<Record<string, any>>(`select w.* from warnings w where w.id = $1 and ${householdScopeCondition(scope, 'w', params)} for update`, params);
    const w = r.rows[0];
    if (!w) throw notFound('预警', 'Warning');
    if (change.version !== undefined && change.version !== w.version) throw versionConflict();
    if (!STATUS_TRANSITIONS[w.status as WarningStatus].includes(next)) {
      throw new AppError(409, 'STATUS_TRANSITION', `预警不能从「${w.status}」改为「${next}」`, `A warning cannot go from ${w.status} to ${next}`);
    }
    const updated = await tx.query<Record<string, any>>(
      `update warnings set status = $2::text, version = version + 1, updated_at = $3::timestamptz,
         closed_at = case when $2::text = 'closed' then $3::timestamptz else null end
       where id = $1 returning *`, [id, next, now]);
    if (next === 'closed') await tx.query('update warning_evidence set closed = true where warning_id = $1', [id]);
    await tx.query(`insert into warning_events (warning_id, kind, from_value, to_value, actor, note, at) values ($1, 'status', $2, $3, $4, $5, $6)`,
      [id, w.status, next, actor.name, note, now]);
    await appendAudit(tx, actor, { action: 'warning.status', entity: 'warning', entityId: id, regionCode: w.region_code, before: { status: w.status }, after: { status: next, note } });
    const g = await tx.query<{ name: string }>('select name from regions where code = $1', [w.region_code]);
    return toSummary({ ...updated.rows[0], region_name: g.rows[0]?.name ?? '' });
  });
}
