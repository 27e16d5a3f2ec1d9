// The evaluator: turns a rule and a version into one set-based statement over the feed tables, and merges
// what fired into warnings and evidence — never person by person in JavaScript.
//
// The people evaluated are a *slice*: the temporary table mon_slice (one county of a full comparison, or
// the people in one import), or, for previews of a city or the province, everyone ("open" mode, where
// the rule scans its feed and the subject's attributes are looked up for the few that fire).
import type { Tx } from '../platform/db';
import type { RuleDefinition, RuleParams, RuleSql } from './rule-types';
import type { AppliesTo, Level } from './rule-types';
import { monthOf, monthsBefore } from './windows';
import type { RuleVersion } from './rule-versions';
import { versionInForce } from './rule-versions';

// ── SQL building ───────────────────────────────────────────────────────────────────────────────────────

export class Binder {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

const CASTS: Record<string, string> = {
  money: '::bigint', integer: '::int', decimal: '::numeric', integerList: '::int[]', codeList: '::text[]', textList: '::text[]', boolean: '::boolean',
};

/** Where the people evaluated come from. */
export type SliceMode =
  /**
   * mon_slice rows passing `where` (an SQL condition on alias ms). `probe`: the slice is small enough for
   * each person's feed rows to be looked up by index (see PROBE_SLICE_PEOPLE). `scanWhole`: so big that
   * household rules sum feeds for everyone and keep the slice's households (see WHOLE_SCAN_SLICE_PEOPLE).
   */
  | { kind: 'slice'; where: (alias: string) => string; probe?: boolean; scanWhole?: boolean }
  /**
   * Everyone; `region` keeps subjects of a region (condition on the subject alias s: city_code, …).
   * `idRange` keeps the feed rows of ID numbers from `from` (inclusive) up to `to` (exclusive), either end
   * open: a person rule's subjects in that range, so that ranges can be counted side by side (previews).
   */
  | { kind: 'open'; region: (alias: string) => string; provinceCode: string; idRange?: IdRange };

/** A range of ID numbers, `from` ≤ id < `to`; null for an open end. */
export interface IdRange {
  from: string | null;
  to: string | null;
}

/**
 * Slices of up to this many people are matched to feed rows by index probes (`= any(array(…))`: one descent
 * of the feed's (id_number, …) index per person); bigger ones by the planner's joins (a hash join reads the
 * feed once). As a semi-join (`in (select …)`) the planner may merge-join a county's people with the whole
 * index instead: read from its first entry up to the county's last ID (5.5 M entries, 4.4 s, against 0.5 s
 * probing, county 360731, MEDICAL_SELF_PAID_12M, 3.56 M people). Every feed table has an index led by
 * id_number (feeds/table-ddl.ts).
 */
export const PROBE_SLICE_PEOPLE = 200_000;

/**
 * Slices of at least this many people are evaluated like the whole province by the household rules that
 * sum a feed (RuleSql.scanWhole): RIGID_OVER_INCOME for the 2,000,000 people of a medical file took 46.5 s
 * meeting their households' members one by one, 38.3 s summing everyone's costs in ID order and keeping the
 * slice's households; a full comparison's units (1.78 M people) take as long either way (docs/rules.md,
 * session 9).
 */
export const WHOLE_SCAN_SLICE_PEOPLE = 1_000_000;

export function ruleSql(rule: RuleDefinition, params: RuleParams, mode: SliceMode, today: string, b: Binder): string {
  return rule.sql(sqlHelpers(rule, params, mode, today, b), params);
}

/** The helpers a rule's SQL is written with (RuleSql), binding into `b` the values of these parameters. */
export function sqlHelpers(rule: RuleDefinition, params: RuleParams, mode: SliceMode, today: string, b: Binder): RuleSql {
  const memo = new Map<string, string>();
  const once = (key: string, make: () => string) => {
    let ph = memo.get(key);
    if (!ph) {
      ph = make();
      memo.set(key, ph);
    }
    return ph;
  };
  const specs = new Map(rule.params.map((s) => [s.key, s]));
  const monthsOf = (m: number | string) => (typeof m === 'number' ? m : (params[m] as number));
  // Placeholders are made on first use only: a parameter bound but never referenced has no type.
  const ruleCode = () => once('rule', () => b.add(rule.code, '::text'));
  const q: RuleSql = {
    p: (key) => once(`p:${key}`, () => {
      const spec = specs.get(key);
      if (!spec) throw new Error(`rule ${rule.code} has no parameter ${key}`);
      return b.add(params[key], CASTS[spec.type]);
    }),
    value: (v) => b.add(v),
    get today() {
      return once('today', () => b.add(today, '::date'));
    },
    monthsAgo: (m) => once(`ago:${monthsOf(m)}`, () => b.add(monthsBefore(today, monthsOf(m)), '::date')),
    monthOffset: (m) => once(`month:${monthsOf(m)}`, () => b.add(monthOf(today, monthsOf(m)), '::text')),
    inSlice: (alias) => {
      if (mode.kind === 'open') {
        const range = mode.idRange;
        if (!range) return 'true';
        const ends = [
          range.from === null ? null : `${alias}.id_number >= ${once('range:from', () => b.add(range.from, '::text'))}`,
          range.to === null ? null : `${alias}.id_number < ${once('range:to', () => b.add(range.to, '::text'))}`,
        ].filter((c) => c !== null);
        return ends.length === 0 ? 'true' : ends.join(' and ');
      }
      const people = `select ms.id_number from mon_slice ms where ${mode.where('ms')}`;
      return mode.probe ? `${alias}.id_number = any(array(${people}))` : `${alias}.id_number in (${people})`;
    },
    sliceHouseholds: mode.kind === 'slice'
      ? `select ms.household_id from mon_slice ms where ms.household_id is not null and ${mode.where('ms')}`
      : 'select hh.id from households hh',
    scanWhole: mode.kind === 'open' || mode.scanWhole === true,
    inSliceHouseholds: (expr) => (mode.kind === 'open' ? 'true' : `${expr} in (${q.sliceHouseholds})`),
    // A small slice looks each of its rows up in the evidence's key. Big scans (a unit, a big file, a whole
    // province) hash the rule's retired evidence once (NOT IN, a hashed subplan). As NOT EXISTS, with
    // statistics taken while warning_evidence was empty (a first comparison), the planner scanned the whole
    // table for each feed row, and the other worker's unit committed 720,000 rows into it meanwhile: one
    // unit's MEDICAL_SELF_PAID_12M ran for minutes (935.7 s in all, against 81.2 s with NOT IN).
    fresh: (alias, feed) => mode.kind === 'slice' && mode.probe
      ? `not exists (select 1 from warning_evidence fe where fe.rule_code = ${ruleCode()} and fe.feed = '${feed}' and fe.record_id = ${alias}.id and fe.closed)`
      : `${alias}.id not in (select fe.record_id from warning_evidence fe where fe.rule_code = ${ruleCode()} and fe.feed = '${feed}' and fe.closed)`,
  };
  return q;
}

/** The condition on a subject's `monitored` flag for a version's "applies to". */
export function appliesToCondition(appliesTo: AppliesTo, alias: string): string {
  if (appliesTo === 'monitored') return `${alias}.monitored`;
  if (appliesTo === 'discovery') return `not ${alias}.monitored`;
  return 'true';
}

export const FIRING_COLUMNS = [
  'subject_key', 'subject_kind', 'person_id', 'household_id', 'id_number', 'name', 'monitored', 'region_code',
  'village_code', 'township_code', 'county_code', 'city_code', 'figures', 'summary', 'summary_en', 'ev_feeds', 'ev_ids',
] as const;

/**
 * One SELECT giving the subjects a rule fires for, with their routing and evidence (FIRING_COLUMNS). The
 * appliesTo condition is part of `mode.where` for slices; in open mode it is given here.
 */
export function firingSelect(rule: RuleDefinition, params: RuleParams, mode: SliceMode, today: string, b: Binder, appliesTo: AppliesTo): string {
  const inner = ruleSql(rule, params, mode, today, b);
  // A probe per firing household (as in subjectAttributes): as EXISTS, the planner hashed all 1.2 M current
  // categories of the province for 40,000 households (0.5 s of a 1.6 s preview from the expense ledger).
  const householdMonitored = (h: string) => `coalesce((select true from household_categories hc where hc.household_id = ${h}.id and hc.to_date is null limit 1), false)`;
  if (rule.subject === 'household') {
    const select = `
      select 'h:' || h.id as subject_key, 'household'::text as subject_kind, coalesce(tp.id, hp.id) as person_id, h.id as household_id,
        coalesce(tp.id_number, hp.id_number) as id_number, coalesce(tp.name, hp.name) as name, ${householdMonitored('h')} as monitored,
        h.township_code as region_code, h.village_code, h.township_code, h.county_code, h.city_code,
        r.figures, r.summary, r.summary_en, r.ev_feeds, r.ev_ids
      from (${inner}) r
      join households h on h.id = r.household_id
      left join persons tp on tp.id_number = r.id_number
      left join persons hp on hp.id = h.head_person_id`;
    if (mode.kind === 'slice') return select;
    return `select * from (${select}) f where ${appliesToCondition(appliesTo, 'f')} and ${mode.region('f')}`;
  }
  if (mode.kind === 'slice') {
    return `
      select 'p:' || r.id_number as subject_key, 'person'::text as subject_kind, s.person_id, s.household_id, r.id_number,
        coalesce(s.name, r.name) as name, s.monitored, s.region_code, s.village_code, s.township_code, s.county_code, s.city_code,
        r.figures, r.summary, r.summary_en, r.ev_feeds, r.ev_ids
      from (${inner}) r join mon_slice s on s.id_number = r.id_number`;
  }
  const province = b.add(mode.provinceCode, '::text');
  return `
    select * from (
      select 'p:' || r.id_number as subject_key, 'person'::text as subject_kind, s.person_id, s.household_id, r.id_number,
        coalesce(s.name, r.name) as name, s.monitored, s.region_code, s.village_code, s.township_code, s.county_code, s.city_code,
        r.figures, r.summary, r.summary_en, r.ev_feeds, r.ev_ids
      from (${inner}) r
      cross join lateral (${subjectAttributes('r.id_number', province)}) s
    ) f
    where ${appliesToCondition(appliesTo, 'f')} and ${mode.region('f')}`;
}

/**
 * The attributes of subjects by ID number: the registry person and household when there is one (in a
 * household), else the county of the ID's address code if it exists today, else the province's queue.
 * attributeJoins(idExpr) brings in p (person), h (household) and rc (the ID's county); attributeColumns
 * names what comes of them (the name is p.name, left to the caller).
 */
function attributeJoins(idExpr: string): string {
  return `
    left join persons p on p.id_number = ${idExpr} and p.household_id is not null
    left join households h on h.id = p.household_id
    left join regions rc on h.id is null and rc.level = 3 and rc.code = substr(${idExpr}, 1, 6) || '000000'`;
}

function attributeColumns(provincePlaceholder: string, monitored: string): string {
  return `p.id as person_id, p.household_id, ${monitored} as monitored,
    coalesce(h.township_code, rc.code, ${provincePlaceholder}) as region_code, h.village_code, h.township_code,
    coalesce(h.county_code, rc.code) as county_code, coalesce(h.city_code, rc.city_code) as city_code`;
}

/** The attributes of one subject (a lateral subquery: index look-ups whatever the planner guesses). */
export function subjectAttributes(idExpr: string, provincePlaceholder: string): string {
  // LIMIT keeps this a probe per person: as EXISTS, the planner may hash every household's categories
  // (over a million rows) for each push.
  const monitored = 'coalesce((select true from household_categories c where c.household_id = h.id and c.to_date is null limit 1), false)';
  return `
    select x.idn as id_number, p.name, ${attributeColumns(provincePlaceholder, monitored)}
    from (select ${idExpr} as idn) x ${attributeJoins('x.idn')}`;
}

// ── slices ─────────────────────────────────────────────────────────────────────────────────────────────

/** Session-scoped work tables, emptied at every commit (so nothing is left between transactions). */
export async function ensureWorkTables(tx: Tx): Promise<void> {
  // Room for a unit's people in local buffers; settable only before the session's first temporary table.
  await tx.query(`select case when pg_my_temp_schema() = 0 then set_config('temp_buffers', $1, false) end`, [tx.engine === 'postgres' ? '1GB' : '32MB']);
  // One statement (a real-time evaluation is a few dozen statements: each one counts).
  await tx.query(`do $$ begin
    if to_regclass('pg_temp.mon_slice') is null then
      create temporary table mon_slice (
        id_number text not null, person_id bigint, household_id bigint, name text, monitored boolean not null,
        region_code text not null, village_code text, township_code text, county_code text, city_code text
      ) on commit delete rows;
      create temporary table mon_firings (
        subject_key text primary key, subject_kind text not null, person_id bigint, household_id bigint, id_number text, name text,
        monitored boolean not null, region_code text not null, village_code text, township_code text, county_code text, city_code text,
        figures jsonb not null, summary text not null, summary_en text not null, ev_feeds text[] not null, ev_ids bigint[] not null
      ) on commit delete rows;
      create temporary table mon_new_ev (subject_key text not null, feed text not null, record_id bigint not null) on commit delete rows;
    end if;
    if to_regclass('pg_temp.mon_slice_id') is null then
      create unique index mon_slice_id on mon_slice (id_number);
    end if;
  end $$`);
}

/** Settings for heavy set-based work inside one transaction (planner hints that suit cached data). */
export async function tuneTransaction(tx: Tx): Promise<void> {
  // Hash tables of a unit's people must stay in memory; PGlite lives in 2 GiB of WebAssembly memory.
  const workMem = tx.engine === 'postgres' ? '512MB' : '32MB';
  await tx.query(`select set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true), set_config('work_mem', $1, true)`, [workMem]);
}

/** Adds the people with these ID numbers (a subquery giving id_number) to the slice, with their routing. */
export async function addIdsToSlice(tx: Tx, idsSql: string, params: unknown[], provinceCode: string): Promise<number> {
  const province = `$${params.length + 1}::text`;
  const r = await tx.query(
    `insert into mon_slice (id_number, person_id, household_id, name, monitored, region_code, village_code, township_code, county_code, city_code)
     select a.id_number, a.person_id, a.household_id, a.name, a.monitored, a.region_code, a.village_code, a.township_code, a.county_code, a.city_code
     from (${idsSql}) ids cross join lateral (${subjectAttributes('ids.id_number', province)}) a
     on conflict (id_number) do nothing`,
    [...params, provinceCode]);
  return r.rowCount;
}

/**
 * Fills an empty slice with the people of these ID numbers (a subquery giving id_number): for the people
 * of a big file, joined set-based, the index built after the rows are in.
 */
export async function fillSliceWithIds(tx: Tx, idsSql: string, params: unknown[], provinceCode: string): Promise<number> {
  const province = `$${params.length + 1}::text`;
  await tx.query('drop index if exists mon_slice_id');
  const r = await tx.query(
    `insert into mon_slice (id_number, person_id, household_id, name, monitored, region_code, village_code, township_code, county_code, city_code)
     select a.id_number, a.person_id, a.household_id, a.name, a.monitored, a.region_code, a.village_code, a.township_code, a.county_code, a.city_code
     from (select ids.id_number, p.name, ${attributeColumns(province, 'c.household_id is not null')}
           from (select distinct d.id_number from (${idsSql}) d) ids ${attributeJoins('ids.id_number')}
           left join (select distinct household_id from household_categories where to_date is null) c on c.household_id = h.id) a`,
    [...params, provinceCode]);
  await tx.query('create unique index mon_slice_id on mon_slice (id_number)');
  return r.rowCount;
}

/**
 * Adds everyone in the registry households of these counties (monitored or not) to an empty slice. Each
 * registry person once: the index is built after the rows are in (much faster for millions of people).
 */
export async function addCountiesToSlice(tx: Tx, countyCodes: readonly string[]): Promise<number> {
  await tx.query('drop index if exists mon_slice_id');
  // One county (a preview, a comparison of one county): each household's categories looked up by index
  // (0.35 s for 68,000 people, where hashing the province's 1.2 M current categories took 1.3 s); a unit of
  // many counties: hashed once.
  const one = countyCodes.length === 1;
  const r = await tx.query(
    `insert into mon_slice (id_number, person_id, household_id, name, monitored, region_code, village_code, township_code, county_code, city_code)
     select p.id_number, p.id, p.household_id, p.name,
       ${one ? 'coalesce((select true from household_categories c where c.household_id = h.id and c.to_date is null limit 1), false)' : '(c.household_id is not null)'},
       h.township_code, h.village_code, h.township_code, h.county_code, h.city_code
     from households h
     join persons p on p.household_id = h.id
     ${one ? '' : 'left join (select distinct household_id from household_categories where to_date is null) c on c.household_id = h.id'}
     where h.county_code = any($1::text[])`, [countyCodes]);
  await tx.query('create unique index mon_slice_id on mon_slice (id_number)');
  return r.rowCount;
}

// ── merging firings into warnings ──────────────────────────────────────────────────────────────────────

export interface RuleCount {
  ruleCode: string;
  firings: number;
  raised: number;
  updated: number;
  evidenceAdded: number;
  durationMs: number;
}

export interface RunInfo {
  id: number;
  today: string;
  now: Date;
  actor: string;
}

const levelRank = (expr: string) => `array_position(array['blue','yellow','red'], ${expr})`;

/**
 * Merges mon_firings (one rule, one version) into warnings: evidence already used by this rule is never
 * used again; a subject with an open warning of this rule gets the new evidence (figures refreshed, level
 * only raised); others get a new warning. Set-based, a handful of statements whatever the size.
 */
async function mergeFirings(tx: Tx, rule: RuleDefinition, version: RuleVersion, run: RunInfo, firings: number): Promise<Omit<RuleCount, 'ruleCode' | 'firings' | 'durationMs'>> {
  // The warning tables are joined the same way whatever their statistics say. Analysed while empty (a first
  // comparison after a reset: relpages 0), they looked empty to the planner, which then scanned all of
  // warning_evidence for each new evidence row while the other unit committed 700,000 rows into it: one
  // unit ran for over 16 minutes instead of about a minute (session 11). Many firings (a unit's, a big
  // file's) are hash-joined, reading the rule's warnings and evidence once; a few (a push's) are looked
  // up by key. No error path restores the settings: an error ends the transaction, and them with it.
  const setting = firings > mergeTuning.byKeyFirings ? 'enable_nestloop' : 'enable_seqscan';
  // One round trip (a push's evaluation is a few dozen statements): the value before, then the change.
  const before = (await tx.query<{ v: string }>(`select current_setting('${setting}') as v, set_config('${setting}', 'off', true)`)).rows[0].v;
  const merged = await mergeFiringsByKey(tx, rule, version, run);
  await tx.query(`select set_config('${setting}', $1, true)`, [before]);
  return merged;
}

/** Up to this many firings, a merge looks the warning tables up by key; beyond, it hash-joins them (tests lower it). */
export const mergeTuning = { byKeyFirings: 5_000 };

async function mergeFiringsByKey(tx: Tx, rule: RuleDefinition, version: RuleVersion, run: RunInfo): Promise<Omit<RuleCount, 'ruleCode' | 'firings' | 'durationMs'>> {
  const ev = await tx.query(
    `insert into mon_new_ev (subject_key, feed, record_id)
     select f.subject_key, u.feed, u.record_id
     from mon_firings f cross join lateral unnest(f.ev_feeds, f.ev_ids) as u(feed, record_id)
     where not exists (select 1 from warning_evidence e where e.rule_code = $1 and e.feed = u.feed and e.record_id = u.record_id)`,
    [rule.code]);
  if (ev.rowCount === 0) return { raised: 0, updated: 0, evidenceAdded: 0 };

  // Open warnings that exist already get the new evidence; remember their level before.
  const updated = await tx.query<{ id: number; old_level: Level; new_level: Level; n: number }>(
    `with fresh as (select v.subject_key, count(*)::int as n from mon_new_ev v group by v.subject_key),
     cur as (
       select w.id, w.level as old_level, f.figures, f.summary, f.summary_en, fr.n
       from warnings w join mon_firings f on f.subject_key = w.subject_key join fresh fr on fr.subject_key = f.subject_key
       where w.rule_code = $1 and w.status <> 'closed'
       for update of w
     )
     update warnings w set figures = cur.figures, summary = cur.summary, summary_en = cur.summary_en,
       level = case when ${levelRank('$2::text')} > ${levelRank('w.level')} then $2::text else w.level end,
       evidence_count = w.evidence_count + cur.n, last_run_id = $3, updated_at = $4, version = w.version + 1
     from cur where w.id = cur.id
     returning w.id, cur.old_level, w.level as new_level, cur.n`,
    [rule.code, version.level, run.id, run.now]);

  // Evidence counts are known before the rows go in, so a new warning is written once.
  const raised = await tx.query<{ id: number; n: number }>(
    `insert into warnings (rule_code, rule_version_id, rule_version, scenario, level, status, subject_kind, subject_key, person_id, household_id,
       id_number, person_name, monitored, region_code, village_code, township_code, county_code, city_code, figures, summary, summary_en,
       evidence_count, first_run_id, last_run_id, raised_at, updated_at)
     select $1, $2, $3, $4, $5, 'new', f.subject_kind, f.subject_key, f.person_id, f.household_id, f.id_number, f.name, f.monitored,
       f.region_code, f.village_code, f.township_code, f.county_code, f.city_code, f.figures, f.summary, f.summary_en,
       fr.n, $6, $6, $7, $7
     from mon_firings f join (select v.subject_key, count(*)::int as n from mon_new_ev v group by v.subject_key) fr on fr.subject_key = f.subject_key
     where not exists (select 1 from warnings w where w.rule_code = $1 and w.subject_key = f.subject_key and w.status <> 'closed')
     order by f.subject_key
     on conflict (rule_code, subject_key) where status <> 'closed' do nothing
     returning id, evidence_count as n`,
    [rule.code, version.id, version.version, rule.scenario, version.level, run.id, run.now]);

  const added = await tx.query(
    `insert into warning_evidence (rule_code, feed, record_id, warning_id, rule_version_id, run_id, added_at)
     select $1, v.feed, v.record_id, w.id, $2, $3, $4
     from mon_new_ev v join warnings w on w.rule_code = $1 and w.subject_key = v.subject_key and w.status <> 'closed'
     on conflict (rule_code, feed, record_id) do nothing`,
    [rule.code, version.id, run.id, run.now]);

  const raisedIds = raised.rows.map((r) => r.id);
  const levelChanged = updated.rows.filter((r) => r.old_level !== r.new_level);
  await tx.query(
    `insert into warning_events (warning_id, kind, from_value, to_value, count, run_id, actor, at)
     select id, 'raised', null::text, $2::text, n, $3::bigint, $4::text, $5::timestamptz from unnest($1::bigint[], $6::int[]) as t(id, n)
     union all
     select id, 'evidence', null, null, n, $3, $4, $5 from unnest($7::bigint[], $8::int[]) as t(id, n)
     union all
     select id, 'level', old, new, null::int, $3, $4, $5 from unnest($9::bigint[], $10::text[], $11::text[]) as t(id, old, new)`,
    [
      raisedIds, version.level, run.id, run.actor, run.now, raised.rows.map((r) => r.n),
      updated.rows.map((r) => r.id), updated.rows.map((r) => r.n),
      levelChanged.map((r) => r.id), levelChanged.map((r) => r.old_level), levelChanged.map((r) => r.new_level),
    ]);
  return { raised: raisedIds.length, updated: updated.rows.length, evidenceAdded: added.rowCount };
}

/**
 * Runs rules over the slice in mon_slice. Its places are the counties found in it (null = people the
 * province routes itself); each place gets the version in force there, and places sharing a version are
 * evaluated together in one statement.
 */
export async function evaluateSlice(tx: Tx, rules: readonly RuleDefinition[], versions: Map<string, RuleVersion[]>, slice: SliceShape, run: RunInfo, onRuleDone?: (done: number) => void): Promise<RuleCount[]> {
  const { places } = slice;
  const probe = slice.people <= PROBE_SLICE_PEOPLE;
  const scanWhole = slice.people >= WHOLE_SCAN_SLICE_PEOPLE;
  const counts: RuleCount[] = [];
  for (const rule of rules) {
    const started = Date.now();
    const count: RuleCount = { ruleCode: rule.code, firings: 0, raised: 0, updated: 0, evidenceAdded: 0, durationMs: 0 };
    const groups = new Map<RuleVersion, (string | null)[]>();
    for (const place of places) {
      const v = versionInForce(versions.get(rule.code) ?? [], place, run.today);
      if (!v || !v.enabled) continue;
      groups.set(v, [...(groups.get(v) ?? []), place]);
    }
    for (const [version, groupPlaces] of groups) {
      const b = new Binder();
      const all = groupPlaces.length === places.length;
      const counties = groupPlaces.filter((p): p is string => p !== null);
      const withNull = groupPlaces.includes(null);
      let countiesPh: string | undefined;
      const where = (alias: string) => {
        const parts = [appliesToCondition(version.appliesTo, alias)];
        if (!all) {
          countiesPh ??= b.add(counties, '::text[]');
          const c = counties.length ? `${alias}.county_code = any(${countiesPh})` : 'false';
          parts.push(withNull ? `(${c} or ${alias}.county_code is null)` : c);
        }
        return parts.join(' and ');
      };
      const select = firingSelect(rule, version.params, { kind: 'slice', where, probe, scanWhole }, run.today, b, version.appliesTo);
      try {
        const inserted = await tx.query(`insert into mon_firings (${FIRING_COLUMNS.join(', ')}) ${select}`, b.values);
        if (inserted.rowCount > 0) {
          count.firings += inserted.rowCount;
          const merged = await mergeFirings(tx, rule, version, run, inserted.rowCount);
          count.raised += merged.raised;
          count.updated += merged.updated;
          count.evidenceAdded += merged.evidenceAdded;
          // A few firings (a push's): deleting is far cheaper than truncating (new files for two tables, ≈ 5 ms),
          // and the dead rows go with the truncation every commit does (on commit delete rows).
          await tx.query(inserted.rowCount > 5000 ? 'truncate mon_firings, mon_new_ev' : 'with f as (delete from mon_firings) delete from mon_new_ev');
        }
      } catch (e) {
        if (e instanceof Error) e.message = `rule ${rule.code} (version ${version.version}): ${e.message}`;
        throw e;
      }
    }
    count.durationMs = Date.now() - started;
    counts.push(count);
    onRuleDone?.(counts.length);
  }
  return counts;
}

/** What the slice holds: its places (counties; null for the province queue) and how many people. */
export interface SliceShape {
  places: (string | null)[];
  people: number;
}

export async function describeSlice(tx: Tx): Promise<SliceShape> {
  const r = await tx.query<{ county_code: string | null; n: number }>('select county_code, count(*)::int as n from mon_slice group by county_code');
  return { places: r.rows.map((x) => x.county_code), people: r.rows.reduce((total, x) => total + x.n, 0) };
}
