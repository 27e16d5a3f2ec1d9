// Rule preview: how many people (and households) a rule would fire for with proposed parameters, in a
// county, a city or the province, beside the figures of the version in force — without writing anything
// (a county's people are gathered in a temporary table inside a transaction that is rolled back). A city's
// or the province's preview of a person rule that reads its feed in ID order counts ranges of ID numbers
// side by side; a moved threshold (RuleDefinition.atLeast) is counted with the version in force from one
// scan; the sample's summaries are computed afterwards for the sampled subjects alone. Rules with a preview
// ledger (preview-ledgers.ts) count a city or the province from it, both versions in one statement.
import { isDeepStrictEqual } from 'node:util';
import type { Database, Tx } from '../platform/db';
import type { Scope } from '../platform/auth/scope';
import { maskIdNumber } from '../registry/masking';
import { findFeed, feedTable } from '../feeds/catalogue';
import { provinceCode } from './comparison-runs';
import { addCountiesToSlice, addIdsToSlice, appliesToCondition, Binder, ensureWorkTables, firingSelect, PROBE_SLICE_PEOPLE, ruleSql, sqlHelpers, tuneTransaction, type IdRange, type SliceMode } from './evaluate';
import { editableRegion, ensureRules, loadVersions, proposeVersion, requireRule, type RuleVersionInput } from './rule-store';
import type { AppliesTo, RuleDefinition, RuleParams } from './rule-types';
import { regionLevel, versionInForce, type RuleVersion } from './rule-versions';
import type { LedgerMiss, LedgerName, LedgerServing } from './ledger-types';
import { ledgerOf } from './preview-ledgers';

/** What counting needs of a version (in force, or proposed). */
type Counting = Pick<RuleVersion, 'params' | 'appliesTo' | 'enabled'>;

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
  /**
   * A rule with a preview ledger (RIGID_OVER_INCOME, MEDICAL_SELF_PAID_12M, MEDICAL_SPIKE,
   * RECOVERY_EMPLOYMENT), for a city or the province:
   * counted from the ledger (its day and build, and the subjects changed since, evaluated live: households
   * or people as `unit` says), or why not (computed live).
   */
  ledger: { name: LedgerName; used: true; asOf: string; builtAt: string; changed: number; unit: 'households' | 'people' } | { name: LedgerName; used: false; why: LedgerMiss } | null;
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

const NO_PART: PartCounts = { subjects: 0, monitored: 0, households: [], alreadyOpen: 0, byCounty: [], sample: [] };

const EMPTY = (enabled: boolean): PreviewCounts => ({ subjects: 0, monitored: 0, discovery: 0, households: 0, alreadyOpen: 0, byCounty: [], enabled });

/**
 * City and province previews of a person rule marked wholeScan 'idOrder' count this many ranges of ID
 * numbers side by side, one statement per core of the database (this machine has two). PostgreSQL's own
 * parallel plan gains nothing on these sums (MEDICAL_SELF_PAID_12M's, province: 2.7 s in parallel against
 * 2.5 s without); two statements over halves of the index take 2.3 s against 4.0 s (docs/rules.md).
 */
export const PREVIEW_ID_RANGES = 2;

/**
 * The ID ranges a person rule's open preview is split into: the quantiles of the ID numbers in the rule's
 * first feed, read off the table's statistics. One range (everything) for other rules, and when there
 * are no statistics yet. `fromLedger`: the rule is counted from its ledger, read in ID order whatever it is.
 */
export async function previewIdRanges(db: Database, rule: RuleDefinition, ranges = PREVIEW_ID_RANGES, fromLedger = false): Promise<IdRange[]> {
  const everything: IdRange[] = [{ from: null, to: null }];
  // Only rules that read their feed in ID order (wholeScan 'idOrder') read less for a narrower range; the
  // others scan the whole table in each range (RECOVERY_EMPLOYMENT, province: 4.2 s → 5.6 s split in two).
  if (rule.subject !== 'person' || (rule.wholeScan !== 'idOrder' && !fromLedger) || ranges < 2) return everything;
  const table = feedTable(findFeed(rule.feeds[0])!);
  const bounds = (await db.query<{ bounds: string[] | null }>(
    `select histogram_bounds::text::text[] as bounds from pg_stats
     where schemaname = current_schema() and tablename = $1 and attname = 'id_number'`, [table])).rows[0]?.bounds ?? [];
  const splits = [...new Set(Array.from({ length: ranges - 1 }, (_, i) => bounds[Math.round(((i + 1) * (bounds.length - 1)) / ranges)]))]
    .filter((x): x is string => typeof x === 'string');
  if (bounds.length < 2 || splits.length === 0) return everything;
  return [null, ...splits].map((from, i) => ({ from, to: splits[i] ?? null }));
}

/**
 * One subject as the counting statement leaves it; its person, summary and figures are looked up for the
 * sample only.
 */
interface SubjectRow {
  subject_key: string;
  subject_kind: string;
  household_id: number | null;
  monitored: boolean;
  region_code: string;
  region_name: string | null;
}

interface PartCounts {
  subjects: number;
  monitored: number;
  households: string[];
  alreadyOpen: number;
  byCounty: { countyCode: string; name: string | null; subjects: number }[];
  sample: SubjectRow[];
}

const parseJson = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * One set of counts taken from a scan: the version's parameters (its sample is described with them), its
 * sample size, and the figures its subjects must reach when the scan ran with lower thresholds (atLeast).
 */
interface Tally {
  params: RuleParams;
  sampleSize: number;
  atLeast: { figure: string; value: number }[];
}

/**
 * The counting statement over a firing SELECT, one set of counts per tally. Only the columns the counts
 * need are kept: the rule's summary, (for some rules) the look-up that names a person outside the registry
 * and (for household rules) the person who set it off or heads the household are then never computed
 * (MEDICAL_SELF_PAID_12M, province: 4.5 s → 3.5 s; RIGID_OVER_INCOME from the ledger: 1.7 → 1.5 s); the
 * sample's are looked up after, and the figures only where a tally compares one.
 */
function countingStatement(select: string, ruleCode: string, tallies: Tally[], b: Binder): string {
  const figures = [...new Set(tallies.flatMap((t) => t.atLeast.map((a) => a.figure)))];
  const code = b.add(ruleCode, '::text');
  const counts = (t: Tally) => {
    const kept = ['true', ...t.atLeast.map((a) => `f.fig_${figures.indexOf(a.figure)} >= ${b.add(a.value, '::numeric')}`)].join(' and ');
    return `json_build_object(
      'subjects', (select count(*) from f where ${kept}),
      'monitored', (select count(*) from f where ${kept} and f.monitored),
      'households', (select coalesce(array_agg(distinct f.household_id)::text[], '{}') from f where ${kept} and f.household_id is not null),
      'alreadyOpen', (select count(*) from f where ${kept} and exists (
        select 1 from warnings w where w.rule_code = ${code} and w.subject_key = f.subject_key and w.status <> 'closed')),
      'byCounty', (select coalesce(json_agg(c), '[]') from (
         select coalesce(f.county_code, 'province') as "countyCode", max(g.name) as name, count(*) as subjects
         from f left join regions g on g.code = f.county_code where ${kept} group by 1) c),
      'sample', (select coalesce(json_agg(s), '[]') from (
         select f.subject_key, f.subject_kind, f.household_id, f.monitored, f.region_code, g.name as region_name
         from f left join regions g on g.code = f.region_code where ${kept} order by f.subject_key limit ${Number(t.sampleSize)}) s))`;
  };
  return `
    with f as materialized (
      select z.subject_key, z.subject_kind, z.household_id, z.monitored, z.region_code, z.county_code
        ${figures.map((figure, i) => `, (z.figures ->> ${b.add(figure, '::text')})::numeric as fig_${i}`).join('')}
      from (${select}) z)
    select json_build_array(${tallies.map(counts).join(', ')}) as tallies`;
}

async function runCounting(tx: Tx, select: string, rule: RuleDefinition, tallies: Tally[], b: Binder): Promise<PartCounts[]> {
  const row = (await tx.query<{ tallies: unknown }>(countingStatement(select, rule.code, tallies, b), b.values)).rows[0];
  return (parseJson(row.tallies) as any[]).map((t) => ({
    subjects: Number(t.subjects), monitored: Number(t.monitored), households: (t.households as unknown[]).map(String), alreadyOpen: Number(t.alreadyOpen),
    byCounty: (t.byCounty as any[]).map((c) => ({ countyCode: c.countyCode, name: c.name, subjects: Number(c.subjects) })),
    sample: t.sample as SubjectRow[],
  }));
}

/** The parts' counts as one; parts are disjoint sets of subjects (ranges of ID numbers, ledger and changed households). */
function mergeParts(parts: PartCounts[], sampleSize: number): PartCounts {
  const byCounty = new Map<string, { countyCode: string; name: string | null; subjects: number }>();
  for (const c of parts.flatMap((p) => p.byCounty)) {
    const seen = byCounty.get(c.countyCode);
    if (seen) seen.subjects += c.subjects;
    else byCounty.set(c.countyCode, { ...c });
  }
  return {
    subjects: parts.reduce((n, p) => n + p.subjects, 0),
    monitored: parts.reduce((n, p) => n + p.monitored, 0),
    // A household's members may fall into different ranges.
    households: [...new Set(parts.flatMap((p) => p.households))],
    alreadyOpen: parts.reduce((n, p) => n + p.alreadyOpen, 0),
    byCounty: [...byCounty.values()],
    // As one statement would order them (subject keys are ASCII: byte order, as under the C collation).
    sample: parts.flatMap((p) => p.sample).sort((x, y) => (x.subject_key < y.subject_key ? -1 : x.subject_key > y.subject_key ? 1 : 0)).slice(0, sampleSize),
  };
}

/**
 * The sample's summaries and figures: the rule evaluated again for the sampled subjects alone (a slice of
 * a few people, looked up by index), so that the counting statement need not compute them for everyone.
 */
async function describeSample(db: Database, rule: RuleDefinition, params: RuleParams, appliesTo: AppliesTo, today: string, province: string, subjects: SubjectRow[]): Promise<PreviewSample[]> {
  if (subjects.length === 0) return [];
  type Detail = { subject_key: string; person_id: number | null; id_number: string | null; name: string | null; summary: string; figures: Record<string, unknown> };
  const details = await withoutWriting(db, async (tx) => {
    await ensureWorkTables(tx);
    if (rule.subject === 'person') {
      await addIdsToSlice(tx, 'select unnest($1::text[]) as id_number', [subjects.map((s) => s.subject_key.slice(2))], province);
    } else {
      await addIdsToSlice(tx, 'select p.id_number from persons p where p.household_id = any($1::bigint[])', [subjects.map((s) => s.household_id)], province);
    }
    const b = new Binder();
    const select = firingSelect(rule, params, { kind: 'slice', where: () => 'true', probe: true }, today, b, appliesTo);
    const keys = b.add(subjects.map((s) => s.subject_key), '::text[]');
    return (await tx.query<Detail>(
      `select z.subject_key, z.person_id, z.id_number, z.name, z.summary, z.figures from (${select}) z where z.subject_key = any(${keys})`, b.values)).rows;
  });
  const byKey = new Map(details.map((d) => [d.subject_key, d]));
  return subjects.map((s) => {
    const d = byKey.get(s.subject_key);
    return {
      subjectKind: s.subject_kind, personId: d?.person_id == null ? null : Number(d.person_id), householdId: s.household_id, name: d?.name ?? null,
      idNumberMasked: d?.id_number ? maskIdNumber(d.id_number) : null, monitored: s.monitored, regionCode: s.region_code,
      regionName: s.region_name ?? '', summary: d?.summary ?? '', figures: parseJson(d?.figures ?? {}) as Record<string, unknown>,
    };
  });
}

interface CountOptions {
  /** The ID ranges of an open (city or province) preview of a person rule; default previewIdRanges. */
  idRanges?: IdRange[];
  /** Count a proposal and the version in force apart even where one scan could serve both (tests). */
  separateScans?: boolean;
  /** Compute a rule live even where its preview ledger could serve (tests, the bench's --live). */
  live?: boolean;
}

type Counted = { counts: PreviewCounts; sample: PreviewSample[]; ledger: PreviewResult['ledger'] };

/** A scan of the rule with one set of parameters, and the tallies counted from it. */
interface Scan {
  params: RuleParams;
  tallies: Tally[];
}

/** The region condition of a city or province count; the region is bound once, when first used (a placeholder bound and never used has no type). */
const regionCondition = (region: string | null) => (b: Binder) => {
  let bound: string | null = null;
  return (alias: string) => (region === null || regionLevel(region) === 1 ? 'true' : `${alias}.city_code = ${bound ??= b.add(region, '::text')}`);
};

/**
 * The tallies of the scans, in the caller's region, in order. Several scans (a proposal and the version in
 * force) are counted apart, except from a ledger that serves them all: then in one statement per range,
 * each subject routed once and kept by the tallies of the versions it fires for.
 */
async function count(db: Database, rule: RuleDefinition, scans: Scan[], appliesTo: AppliesTo, region: string | null, today: string, options: CountOptions = {},
  known?: (LedgerServing | { miss: LedgerMiss })[]): Promise<Counted[]> {
  const county = region !== null && regionLevel(region) === 3;
  const ledgerDef = options.live || county ? undefined : ledgerOf(rule.code);
  // Whether the ledger serves each scan (`known`: already asked, when several scans are counted apart).
  const servings = known ?? (ledgerDef ? await Promise.all(scans.map((s) => ledgerDef.serving(db, s.params, today))) : []);
  const served = servings.filter((x): x is LedgerServing => 'build' in x);
  const together = ledgerDef !== undefined && served.length === scans.length && new Set(served.map((x) => x.build.id)).size === 1
    && (scans.length === 1 || scans.every((sc) => sc.tallies.every((t) => t.atLeast.length === 0)));
  if (scans.length > 1 && !together) {
    return (await Promise.all(scans.map((sc, i) => count(db, rule, [sc], appliesTo, region, today, options, servings.slice(i, i + 1))))).flat();
  }
  const tallies = scans.flatMap((sc) => sc.tallies);
  const province = await provinceCode(db);
  let counted: PartCounts[];
  let ledgerUse: PreviewResult['ledger'] = null;
  if (county) {
    const scanParams = scans[0].params;
    counted = await withoutWriting(db, async (tx) => {
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
      const b = new Binder();
      const select = firingSelect(rule, scanParams, { kind: 'slice', where: (a) => appliesToCondition(appliesTo, a), probe: people <= PROBE_SLICE_PEOPLE }, today, b, appliesTo);
      return runCounting(tx, select, rule, tallies, b);
    });
  } else {
    const regionCond = regionCondition(region);
    // Ranges split subjects only when the subject is the person of the feed rows (a household's members
    // may fall into different ranges).
    const ranges = rule.subject === 'person' && options.idRanges ? options.idRanges : await previewIdRanges(db, rule, PREVIEW_ID_RANGES, together);
    if (ledgerDef && together) {
      const { build, changed } = served[0];
      const changedCount = 'households' in changed ? changed.households.length : changed.idNumbers.length;
      ledgerUse = { name: ledgerDef.name, used: true, asOf: build.asOf, builtAt: build.finishedAt, changed: changedCount, unit: ledgerDef.unit };
      // The ledger's subjects that nothing has touched since it was built (routed in ranges of ID numbers
      // side by side, for a person rule), and the others evaluated live.
      const parts = await Promise.all([
        ...ranges.map((idRange) => db.transaction(async (tx) => {
          await tuneTransaction(tx);
          const b = new Binder();
          const mode: SliceMode = { kind: 'open', region: regionCond(b), provinceCode: province, idRange };
          if (scans.length === 1) {
            return runCounting(tx, firingSelect(served[0].firingRule, scans[0].params, mode, today, b, appliesTo), rule, tallies, b);
          }
          const versions = servedTogether(rule, served, scans, mode, today, b);
          const kept = scans.flatMap((sc, i) => sc.tallies.map((t) => ({ ...t, atLeast: [{ figure: `v${i}`, value: 1 }] })));
          return runCounting(tx, firingSelect(versions, scans[0].params, mode, today, b, appliesTo), rule, kept, b);
        })),
        changedCount === 0 ? tallies.map(() => NO_PART) : withoutWriting(db, async (tx) => {
          await tuneTransaction(tx);
          await ensureWorkTables(tx);
          const people = 'households' in changed
            ? await addIdsToSlice(tx, 'select p.id_number from persons p where p.household_id = any($1::bigint[])', [changed.households], province)
            : await addIdsToSlice(tx, 'select unnest($1::text[]) as id_number', [changed.idNumbers], province);
          await tx.query('analyze mon_slice');
          const each: PartCounts[] = [];
          for (const sc of scans) {
            const b = new Binder();
            const inRegion = regionCond(b);
            const where = (a: string) => `${appliesToCondition(appliesTo, a)} and ${inRegion(a)}`;
            const select = firingSelect(rule, sc.params, { kind: 'slice', where, probe: people <= PROBE_SLICE_PEOPLE }, today, b, appliesTo);
            each.push(...await runCounting(tx, select, rule, sc.tallies, b));
          }
          return each;
        }),
      ]);
      counted = tallies.map((t, i) => mergeParts(parts.map((p) => p[i]), t.sampleSize));
    } else {
      const scanParams = scans[0].params;
      const miss = servings[0];
      if (ledgerDef && miss && 'miss' in miss) ledgerUse = { name: ledgerDef.name, used: false, why: miss.miss };
      const parts = await Promise.all(ranges.map((idRange) => {
        const b = new Binder();
        const select = firingSelect(rule, scanParams, { kind: 'open', region: regionCond(b), provinceCode: province, idRange }, today, b, appliesTo);
        return db.transaction(async (tx) => {
          await tuneTransaction(tx);
          if (rule.wholeScan === 'idOrder') await tx.query(`select set_config('enable_hashagg', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`);
          return runCounting(tx, select, rule, tallies, b);
        });
      }));
      counted = tallies.map((t, i) => mergeParts(parts.map((p) => p[i]), t.sampleSize));
    }
  }
  return Promise.all(counted.map(async (c, i) => {
    const byCounty = c.byCounty
      .sort((x, y) => y.subjects - x.subjects || (x.countyCode < y.countyCode ? -1 : x.countyCode > y.countyCode ? 1 : 0))
      .slice(0, 20)
      .map((x) => ({ countyCode: x.countyCode, name: x.name ?? '省级统筹', subjects: x.subjects }));
    return {
      counts: {
        subjects: c.subjects, monitored: c.monitored, discovery: c.subjects - c.monitored,
        households: c.households.length, alreadyOpen: c.alreadyOpen, byCounty, enabled: true,
      },
      sample: await describeSample(db, rule, tallies[i].params, appliesTo, today, province, c.sample),
      ledger: ledgerUse,
    };
  }));
}

/**
 * The rule read off its ledger for several versions at once: each subject once, with a flag v<i> among its
 * figures for each version i it fires for (the tallies keep the subjects whose flag is 1).
 */
function servedTogether(rule: RuleDefinition, served: LedgerServing[], scans: Scan[], mode: SliceMode, today: string, b: Binder): RuleDefinition {
  const together = served[0].firingTogether;
  if (together) {
    const sql = together(scans.map((sc) => sqlHelpers(served[0].firingRule, sc.params, mode, today, b)), scans.map((sc) => sc.params));
    return { ...rule, sql: () => sql };
  }
  const key = rule.subject === 'person' ? 'id_number' : 'household_id';
  const others = rule.subject === 'person' ? 'null::text as name' : 'null::text as id_number';
  const union = served.map((x, i) =>
    `select z.${key}, ${scans.map((_, j) => `${i === j ? 1 : 0} as v${j}`).join(', ')} from (${ruleSql(x.firingRule, scans[i].params, mode, today, b)}) z`).join(' union all ');
  const sql = `
    select x.${key}, ${others}, jsonb_build_object(${scans.map((_, j) => `'v${j}', max(x.v${j})`).join(', ')}) as figures,
      ''::text as summary, ''::text as summary_en, '{}'::text[] as ev_feeds, '{}'::bigint[] as ev_ids
    from (${union}) x group by x.${key}`;
  return { ...rule, sql: () => sql };
}

/**
 * Whether one scan can count both versions: both enabled, for the same people, their parameters equal but
 * for the rule's atLeast thresholds. The scan then runs with the lower of each threshold.
 */
function sharedScan(rule: RuleDefinition, a: Counting, b: Counting): RuleParams | null {
  const thresholds = rule.atLeast ?? [];
  if (thresholds.length === 0 || !a.enabled || !b.enabled || a.appliesTo !== b.appliesTo) return null;
  const rest = (p: RuleParams) => Object.fromEntries(Object.entries(p).filter(([k]) => !thresholds.some((t) => t.param === k)));
  if (!isDeepStrictEqual(rest(a.params), rest(b.params))) return null;
  return { ...a.params, ...Object.fromEntries(thresholds.map((t) => [t.param, Math.min(Number(a.params[t.param]), Number(b.params[t.param]))])) };
}

/**
 * Previews a proposed version (the same input as an edit) for a region the caller may edit (default: the
 * caller's own; the province's for province accounts). Counts with the version in force are computed
 * alongside, on another session where the engine has one, or from the same scan when only an atLeast
 * threshold moved.
 */
export async function previewRule(db: Database, scope: Scope, code: string, input: RuleVersionInput, today: string, options: { sampleSize?: number } & CountOptions = {}): Promise<PreviewResult> {
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
  const tally = (v: Counting, size: number): Tally => ({
    params: v.params, sampleSize: size, atLeast: (rule.atLeast ?? []).map((t) => ({ figure: t.figure, value: Number(v.params[t.param]) })),
  });
  const scan = (v: Counting, size: number): Scan => ({ params: v.params, tallies: [{ ...tally(v, size), atLeast: [] }] });
  const alone = async (v: Counting, size: number): Promise<Counted> => (v.enabled
    ? (await count(db, rule, [scan(v, size)], v.appliesTo, region, today, options))[0]
    : { counts: EMPTY(false), sample: [], ledger: null });
  const shared = unchanged || options.separateScans ? null : sharedScan(rule, proposal, current);
  const [proposed, now] = unchanged
    ? await alone(proposal, sampleSize).then((c) => [c, c])
    : shared
      // A threshold moved: one scan with the lower one, each version keeping the subjects that reach its own.
      ? await count(db, rule, [{ params: shared, tallies: [tally(proposal, sampleSize), tally(current, 0)] }], proposal.appliesTo, region, today, options)
      : proposal.enabled && current.enabled && proposal.appliesTo === current.appliesTo && !options.separateScans
        // Counted apart, or together from the rule's ledger when it serves both.
        ? await count(db, rule, [scan(proposal, sampleSize), scan(current, 0)], proposal.appliesTo, region, today, options)
        : await Promise.all([alone(proposal, sampleSize), alone(current, 0)]);
  const name = region === null ? null : (await db.query<{ name: string }>('select name from regions where code = $1', [region])).rows[0]?.name;
  return {
    ruleCode: code, regionCode: region, regionName: name ?? '全省', today,
    proposed: proposed.counts, current: { ...now.counts, version: current.version }, sample: proposed.sample,
    ledger: proposed.ledger ?? now.ledger,
    durationMs: Date.now() - started,
  };
}
