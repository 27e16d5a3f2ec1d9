// Rule preview: how many people (and households) a rule would fire for with proposed parameters, in a
// county, a city or the province, beside the figures of the version in force — without writing anything
// (a county's people are gathered in a temporary table inside a transaction that is rolled back).
import { isDeepStrictEqual } from 'node:util';
import type { Database, Tx } from '../platform/db';
import type { Scope } from '../platform/auth/scope';
import { maskIdNumber } from '../registry/masking';
import { findFeed, feedTable } from '../feeds/catalogue';
import { provinceCode } from './comparison-runs';
import { addCountiesToSlice, addIdsToSlice, appliesToCondition, Binder, ensureWorkTables, firingSelect, PROBE_SLICE_PEOPLE, tuneTransaction } from './evaluate';
import { editableRegion, ensureRules, loadVersions, proposeVersion, requireRule, type RuleVersionInput } from './rule-store';
import type { AppliesTo, RuleDefinition, RuleParams } from './rule-types';
import { regionLevel, versionInForce } from './rule-versions';

export interface PreviewCounts {
  /** People (person rules) or households (household rules) the rule fires for. */
  subjects: number;
  monitored: number;
  discovery: number;
  households: number;
  /** Of those, how many already have an open warning of this rule (new evidence would be added to it). */
  alreadyOpen: number;
  /** The counties with most subjects ('province' = the province's queue). */
  byCounty: { countyCode: string; name: string; subjects: number }[];
  enabled: boolean;
}

export interface PreviewSample {
  subjectKind: string;
  personId: number | null;
  householdId: number | null;
  name: string | null;
  idNumberMasked: string | null;
  monitored: boolean;
  regionCode: string;
  regionName: string;
  summary: string;
  figures: Record<string, unknown>;
}

export interface PreviewResult {
  ruleCode: string;
  regionCode: string | null;
  regionName: string;
  today: string;
  proposed: PreviewCounts;
  /** The same with the version in force there today. */
  current: PreviewCounts & { version: number };
  sample: PreviewSample[];
  durationMs: number;
}

class Rollback<T> extends Error {
  constructor(readonly result: T) {
    super('rollback');
  }
}

/** Runs fn in a transaction that is always rolled back: temporary work leaves nothing. */
async function withoutWriting<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (tx) => {
      throw new Rollback(await fn(tx));
    });
  } catch (e) {
    if (e instanceof Rollback) return e.result as T;
    throw e;
  }
  throw new Error('unreachable');
}

const EMPTY = (enabled: boolean): PreviewCounts => ({ subjects: 0, monitored: 0, discovery: 0, households: 0, alreadyOpen: 0, byCounty: [], enabled });

async function count(db: Database, rule: RuleDefinition, params: RuleParams, appliesTo: AppliesTo, enabled: boolean, region: string | null, today: string, sampleSize: number): Promise<{ counts: PreviewCounts; sample: PreviewSample[] }> {
  if (!enabled) return { counts: EMPTY(false), sample: [] };
  const province = await provinceCode(db);
  const b = new Binder();
  const summarise = (select: string) => {
    const ruleCode = b.add(rule.code, '::text');
    return `
      with f as materialized (
        -- The columns a preview shows: the evidence (ev_feeds, ev_ids) is left out, and the planner then
        -- drops the look-ups that gather it (RIGID_OVER_INCOME's province preview: 2.5 s of 15).
        select z.subject_key, z.subject_kind, z.person_id, z.household_id, z.name, z.id_number, z.monitored,
          z.region_code, z.county_code, z.summary, z.figures
        from (${select}) z)
      select (select count(*) from f)::int as subjects,
        (select count(*) from f where f.monitored)::int as monitored,
        (select count(distinct f.household_id) from f where f.household_id is not null)::int as households,
        (select count(*) from f where exists (select 1 from warnings w where w.rule_code = ${ruleCode} and w.subject_key = f.subject_key and w.status <> 'closed'))::int as already_open,
        (select coalesce(json_agg(t), '[]') from (
           select coalesce(f.county_code, 'province') as county_code, max(g.name) as name, count(*)::int as subjects
           from f left join regions g on g.code = f.county_code group by 1 order by 3 desc, 1 limit 20) t) as by_county,
        (select coalesce(json_agg(s), '[]') from (
           select f.subject_kind, f.person_id, f.household_id, f.name, f.id_number, f.monitored, f.region_code, g.name as region_name, f.summary, f.figures
           from f left join regions g on g.code = f.region_code order by f.subject_key limit ${sampleSize}) s) as sample`;
  };
  type Row = { subjects: number; monitored: number; households: number; already_open: number; by_county: any; sample: any };
  let row: Row;
  if (region !== null && regionLevel(region) === 3) {
    row = await withoutWriting(db, async (tx) => {
      await tuneTransaction(tx);
      await ensureWorkTables(tx);
      let people = await addCountiesToSlice(tx, [region]);
      if (appliesTo !== 'monitored' && rule.subject === 'person') {
        const prefix = region.slice(0, 6);
        const next = String(Number(prefix) + 1).padStart(6, '0');
        const union = rule.feeds.map((f) => `select f.id_number from ${feedTable(findFeed(f)!)} f where f.id_number >= $1 and f.id_number < $2 and f.person_id is null`).join(' union ');
        people += await addIdsToSlice(tx, union, [prefix, next], province);
      }
      await tx.query('analyze mon_slice');
      const select = firingSelect(rule, params, { kind: 'slice', where: (a) => appliesToCondition(appliesTo, a), probe: people <= PROBE_SLICE_PEOPLE }, today, b, appliesTo);
      return (await tx.query<Row>(summarise(select), b.values)).rows[0];
    });
  } else {
    const regionCond = (alias: string) => {
      if (region === null || regionLevel(region) === 1) return 'true';
      return `${alias}.city_code = ${b.add(region, '::text')}`;
    };
    const select = firingSelect(rule, params, { kind: 'open', region: regionCond, provinceCode: province }, today, b, appliesTo);
    row = await db.transaction(async (tx) => {
      await tuneTransaction(tx);
      if (rule.wholeScan === 'idOrder') await tx.query(`select set_config('enable_hashagg', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`);
      return (await tx.query<Row>(summarise(select), b.values)).rows[0];
    });
  }
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const byCounty = (parse(row.by_county) as any[]).map((c) => ({ countyCode: c.county_code, name: c.name ?? '省级统筹', subjects: c.subjects }));
  const sample = (parse(row.sample) as any[]).map((s) => ({
    subjectKind: s.subject_kind, personId: s.person_id, householdId: s.household_id, name: s.name,
    idNumberMasked: s.id_number ? maskIdNumber(s.id_number) : null, monitored: s.monitored, regionCode: s.region_code,
    regionName: s.region_name ?? '', summary: s.summary, figures: s.figures,
  }));
  return {
    counts: { subjects: row.subjects, monitored: row.monitored, discovery: row.subjects - row.monitored, households: row.households, alreadyOpen: row.already_open, byCounty, enabled: true },
    sample,
  };
}

/**
 * Previews a proposed version (the same input as an edit) for a region the caller may edit (default: the
 * caller's own; the province's for province accounts). Counts with the version in force are computed
 * alongside, on another session where the engine has one.
 */
export async function previewRule(db: Database, scope: Scope, code: string, input: RuleVersionInput, today: string, options: { sampleSize?: number } = {}): Promise<PreviewResult> {
  const started = Date.now();
  const rule = requireRule(code);
  await ensureRules(db);
  const region = editableRegion(scope, input.regionCode);
  const versions = (await loadVersions(db, code)).get(code) ?? [];
  const proposal = proposeVersion(rule, versions, region, { ...input, effectiveFrom: undefined, effectiveTo: undefined }, today);
  const current = versionInForce(versions, region, today) ?? proposal.base;
  const sampleSize = Math.min(50, Math.max(0, options.sampleSize ?? 10));
  // Unchanged parameters (the editor opened and previewed as it stands) are counted once: a province's
  // preview is seconds of work, and the two counts would otherwise share the machine's two cores.
  const unchanged = proposal.enabled === current.enabled && proposal.appliesTo === current.appliesTo
    && isDeepStrictEqual(proposal.params, current.params);
  const [proposed, now] = unchanged
    ? await count(db, rule, proposal.params, proposal.appliesTo, proposal.enabled, region, today, sampleSize).then((c) => [c, c])
    : await Promise.all([
      count(db, rule, proposal.params, proposal.appliesTo, proposal.enabled, region, today, sampleSize),
      count(db, rule, current.params, current.appliesTo, current.enabled, region, today, 0),
    ]);
  const name = region === null ? null : (await db.query<{ name: string }>('select name from regions where code = $1', [region])).rows[0]?.name;
  return {
    ruleCode: code, regionCode: region, regionName: name ?? '全省', today,
    proposed: proposed.counts, current: { ...now.counts, version: current.version }, sample: proposed.sample,
    durationMs: Date.now() - started,
  };
}
