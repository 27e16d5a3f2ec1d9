// Policy simulation: "what if the urban/rural 低保 standard becomes X from date D in region R" — every
// household of that area in R (a county, a city or the whole province) within the caller's scope is
// assessed on D under the version in force and under the same version with the new standard. The part of
// the assessment that does not depend on the standard (the 低保 basis: counted members, exact income,
// assets) is cached per household and recomputed with the pure rules only where it is missing or no longer
// valid for D (basis-store.ts); the standards are then applied to the small basis rows in pages
// (dibaoFromBasis). No registry, fact, award or policy row is written; only the derived basis cache.
// Income data: each household's stored facts (benefit_household_facts: the last saved assessment, or in
// the demo the demo income model); the members as the registry holds them on D. Households without stored
// facts or without a policy in force are counted, not guessed.
import { householdScopeCondition, regionInScope, type Scope } from '../../platform/auth/scope';
import { notFound } from '../../platform/errors';
import type { AreaType } from '../../registry/vocabulary';
import type { PolicyVersion } from '../policy/types';
import { validatePolicyVersion } from '../policy/validate';
import { badRequest, regionFilter, type Queryable } from '../store/common';
import { loadPolicyVersions, policyForCounty, type StoredPolicy } from '../store/policy-store';
import { basisFromRow, dibaoFromBasis } from './dibao-figures';
import { refreshBasis } from './basis-store';

export interface SimulationInput {
  regionCode: string;
  areaType: AreaType;
  /** The new monthly 低保 standard of that area, fen per person. */
  standardFen: number;
  effectiveFrom: string;
  /** How many affected households to list per group (default 20). */
  sample?: number;
}

interface Group {
  households: number;
  amountFen: number;
}

const group = (): Group => ({ households: 0, amountFen: 0 });

export interface SimulationSample {
  householdId: number;
  countyCode: string;
  headName: string | null;
  members: number;
  beforeFen: number;
  afterFen: number;
}

export async function simulateStandard(q: Queryable, scope: Scope, input: SimulationInput, pageSize = 20_000) {
  const started = Date.now();
  if (!Number.isSafeInteger(input.standardFen) || input.standardFen <= 0) throw badRequest('standardFen', 'AMOUNT', '新标准必须是大于0的整数（单位：分）', 'standardFen must be a positive integer');
  const code = input.regionCode.padEnd(12, '0');
  const region = await q.query<{ code: string; name: string; level: number; city_code: string | null; county_code: string | null; township_code: string | null }>(
    'select code, name, level, city_code, county_code, township_code from regions where code = $1', [code]);
  const reg = region.rows[0];
  if (!reg || reg.level > 3) throw badRequest('regionCode', 'REGION', '请选择省、市或县级行政区划', 'Choose a province, city or county');
  if (!regionInScope(scope, reg)) throw notFound('行政区划', 'Region');

  const versions = await loadPolicyVersions(q);
  const simulated = new Map<number, PolicyVersion>();
  const simulatedFor = (base: StoredPolicy): PolicyVersion => {
    let v = simulated.get(base.id);
    if (!v) {
      v = {
        ...base,
        regionCode: code,
        areaType: input.areaType,
        effectiveFrom: input.effectiveFrom,
        version: base.version + 1,
        params: { ...base.params, dibaoStandard: { ...base.params.dibaoStandard, [input.areaType]: input.standardFen } },
      };
      simulated.set(base.id, v);
    }
    return v;
  };
  // A standard an administrator could not save as it is (e.g. 特困 below 1.3 × the new standard) is still
  // simulated for 低保, with the other parameters the version would have to change listed as warnings.
  const probe = policyForCounty(versions, reg.level === 3 ? code : (await firstCounty(q, code)) ?? code, input.areaType, input.effectiveFrom);
  const warnings = probe
    ? validatePolicyVersion(simulatedFor(probe)).filter((p) => p.field.startsWith('params.')).map((p) => ({ field: p.field, message: p.message }))
    : [];
  const params: unknown[] = [input.areaType];
  const where = [`h.area_type = $1`, householdScopeCondition(scope, 'h', params), regionFilter(code, 'h', params)].join(' and ');

  // The version in force on the date for every county of the region (county, else city, else province).
  const counties = await q.query<{ code: string }>(
    `select code from regions where level = 3 and (code = $1 or city_code = $1 or $1 = substr(code, 1, 2) || '0000000000')`, [code]);
  const baseByCounty = new Map<string, StoredPolicy>();
  for (const c of counties.rows) {
    const base = policyForCounty(versions, c.code, input.areaType, input.effectiveFrom);
    if (base) baseByCounty.set(c.code, base);
  }
  // Bring the basis up to date for this date: only missing or invalid rows are recomputed (pure rules).
  const refreshed = await refreshBasis(q, where, params, input.effectiveFrom, baseByCounty);

  const sampleSize = input.sample ?? 20;
  const totals = {
    households: 0,
    skippedNoFacts: 0,
    skippedNoPolicy: 0,
    before: group(),
    after: group(),
    newlyEligible: group(),
    noLongerEligible: group(),
    stillEligible: { households: 0, beforeFen: 0, afterFen: 0 },
  };
  const counts = await q.query<{ n: number; facts: number; policy: number }>(
    `select count(*)::int as n, count(f.household_id)::int as facts,
       count(*) filter (where f.household_id is not null and h.county_code = any($${params.length + 1}::text[]))::int as policy
     from households h left join benefit_household_facts f on f.household_id = h.id where ${where}`, [...params, [...baseByCounty.keys()]]);
  totals.households = counts.rows[0].n;
  totals.skippedNoFacts = counts.rows[0].n - counts.rows[0].facts;
  totals.skippedNoPolicy = counts.rows[0].facts - counts.rows[0].policy;

  const samples = { newlyEligible: [] as SimulationSample[], noLongerEligible: [] as SimulationSample[] };
  const byCounty = new Map<string, { households: number; beforeFen: number; afterFen: number; newlyEligible: number; noLongerEligible: number; beforeEligible: number; afterEligible: number }>();
  let lastId = 0;
  for (;;) {
    const page = await q.query<{ id: number; county_code: string; counted_members: number; income_num: string; income_den: string; financial_fen: string; other_assets_ok: boolean }>(
      `select h.id, h.county_code, b.counted_members, b.income_num, b.income_den, b.financial_fen, b.other_assets_ok
       from households h join benefit_dibao_basis b on b.household_id = h.id
       where ${where} and h.id > $${params.length + 1} and b.household_id > $${params.length + 1} order by h.id limit ${pageSize}`, [...params, lastId]);
    if (page.rows.length === 0) break;
    lastId = Number(page.rows[page.rows.length - 1].id);
    for (const r of page.rows) {
      const base = baseByCounty.get(r.county_code);
      if (!base) continue;
      const basis = basisFromRow(r);
      const before = dibaoFromBasis(basis, base, input.areaType);
      const after = dibaoFromBasis(basis, simulatedFor(base), input.areaType);
      let c = byCounty.get(r.county_code);
      if (!c) byCounty.set(r.county_code, (c = { households: 0, beforeFen: 0, afterFen: 0, newlyEligible: 0, noLongerEligible: 0, beforeEligible: 0, afterEligible: 0 }));
      c.households++;
      if (before.eligible) {
        totals.before.households++;
        totals.before.amountFen += before.amountFen;
        c.beforeEligible++;
        c.beforeFen += before.amountFen;
      }
      if (after.eligible) {
        totals.after.households++;
        totals.after.amountFen += after.amountFen;
        c.afterEligible++;
        c.afterFen += after.amountFen;
      }
      const sample = (): SimulationSample => ({
        householdId: Number(r.id), countyCode: r.county_code, headName: null, members: before.countedMembers, beforeFen: before.amountFen, afterFen: after.amountFen,
      });
      if (after.eligible && !before.eligible) {
        totals.newlyEligible.households++;
        totals.newlyEligible.amountFen += after.amountFen;
        c.newlyEligible++;
        if (samples.newlyEligible.length < sampleSize) samples.newlyEligible.push(sample());
      } else if (before.eligible && !after.eligible) {
        totals.noLongerEligible.households++;
        totals.noLongerEligible.amountFen += before.amountFen;
        c.noLongerEligible++;
        if (samples.noLongerEligible.length < sampleSize) samples.noLongerEligible.push(sample());
      } else if (before.eligible && after.eligible) {
        totals.stillEligible.households++;
        totals.stillEligible.beforeFen += before.amountFen;
        totals.stillEligible.afterFen += after.amountFen;
      }
    }
  }
  const sampled = [...samples.newlyEligible, ...samples.noLongerEligible];
  if (sampled.length) {
    const heads = await q.query<{ id: number; name: string }>(
      'select h.id, p.name from households h join persons p on p.id = h.head_person_id where h.id = any($1::bigint[])', [sampled.map((x) => x.householdId)]);
    const nameOf = new Map(heads.rows.map((x) => [Number(x.id), x.name]));
    for (const x of sampled) x.headName = nameOf.get(x.householdId) ?? null;
  }

  // For context: what the region's open 低保 awards pay now (the registry of decisions, not a simulation).
  const awardParams: unknown[] = [input.areaType];
  const awardWhere = [`h.area_type = $1`, householdScopeCondition(scope, 'h', awardParams), regionFilter(code, 'h', awardParams)].join(' and ');
  const current = await q.query<{ n: number; fen: number | null }>(
    `select count(*)::int as n, sum(a.amount_fen)::bigint as fen from benefit_awards a join households h on h.id = a.household_id
     where a.programme = 'dibao' and a.end_month is null and ${awardWhere}`, awardParams);
  const names = await q.query<{ code: string; name: string }>('select code, name from regions where code = any($1::text[])', [[...byCounty.keys()]]);
  const nameOf = new Map(names.rows.map((x) => [x.code, x.name]));
  return {
    input: { regionCode: code, regionName: reg.name, areaType: input.areaType, standardFen: input.standardFen, effectiveFrom: input.effectiveFrom },
    ...totals,
    monthlyCostChangeFen: totals.after.amountFen - totals.before.amountFen,
    warnings,
    currentOpenDibaoAwards: { households: current.rows[0].n, amountFen: Number(current.rows[0].fen ?? 0) },
    byCounty: [...byCounty.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([countyCode, c]) => ({
      countyCode, countyName: nameOf.get(countyCode) ?? countyCode, ...c, monthlyCostChangeFen: c.afterFen - c.beforeFen,
    })),
    samples,
    basePolicies: [...simulated.keys()].map((id) => {
      const v = versions.find((x) => x.id === id)!;
      return { id, regionCode: v.regionCode, areaType: v.areaType, effectiveFrom: v.effectiveFrom, version: v.version, standardFen: v.params.dibaoStandard[input.areaType] };
    }),
    dataUsed: '收入与财产：各户最近一次保存的核对数据（benefit_household_facts；演示数据由演示收入模型生成）；家庭成员：户籍登记中在模拟日期在世的成员。' +
      '未保存核对数据的家庭不参与测算（skippedNoFacts）。只测算低保（整户）；特困、单人保不在此列。' +
      '不改动户籍、核对数据、待遇或政策；与标准无关的测算基础（计入人数、收入、财产）缓存于 benefit_dibao_basis，过期的按纯规则重算。',
    basisRecomputed: refreshed.recomputed,
    seconds: (Date.now() - started) / 1000,
  };
}

async function firstCounty(q: Queryable, code: string): Promise<string | null> {
  const r = await q.query<{ code: string }>(
    `select code from regions where level = 3 and (city_code = $1 or $1 = substr(code, 1, 2) || '0000000000') order by code limit 1`, [code]);
  return r.rows[0]?.code ?? null;
}
