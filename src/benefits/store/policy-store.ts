// Policy versions in the database: loading them for the pure rules, finding the one in force for a
// household, seeding the versions of src/benefits/policy/seed.ts, and storing a new version an
// administrator entered (validated, audited, never overwriting an earlier one).
import type { Database } from '../../platform/db';
import { isDatabaseError, UNIQUE_VIOLATION } from '../../platform/db';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/audit';
import { regionInScope } from '../../platform/auth/scope';
import { AppError, fieldError, notFound, validationFailed, versionConflict } from '../../platform/errors';
import type { AreaType } from '../../registry/vocabulary';
import type { PolicyRef } from '../explanation';
import { policyInForce } from '../policy/in-force';
import { SEED_POLICY_VERSIONS } from '../policy/seed';
import type { PolicyParameters, PolicySource, PolicyVersion } from '../policy/types';
import { validatePolicyVersion } from '../policy/validate';
import { ancestorsOfCounty, type BenefitsCaller, type Queryable } from './common';

export interface StoredPolicy extends PolicyVersion {
  id: number;
  origin: 'seed' | 'api' | 'demo';
  createdBy: string;
  createdAt: string;
}

interface PolicyRow {
  id: number;
  region_code: string;
  region_name: string | null;
  area_type: 'urban' | 'rural' | 'both';
  effective_from: string;
  version: number;
  source: PolicySource;
  params: PolicyParameters;
  origin: 'seed' | 'api' | 'demo';
  created_by: string;
  created_at: Date;
}

function fromRow(r: PolicyRow): StoredPolicy {
  return {
    id: Number(r.id),
    regionCode: r.region_code,
    ...(r.region_name ? { regionName: r.region_name } : {}),
    areaType: r.area_type,
    effectiveFrom: r.effective_from,
    version: r.version,
    source: r.source,
    params: r.params,
    origin: r.origin,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Every stored version (a few per county: small enough to hold for a whole run). */
export async function loadPolicyVersions(q: Queryable, regionCodes?: string[]): Promise<StoredPolicy[]> {
  const r = regionCodes
    ? await q.query<PolicyRow>('select * from policy_versions where region_code = any($1::text[]) order by region_code, version', [regionCodes])
    : await q.query<PolicyRow>('select * from policy_versions order by region_code, version');
  return r.rows.map(fromRow);
}

export async function readPolicyVersion(q: Queryable, id: number): Promise<StoredPolicy> {
  const r = await q.query<PolicyRow>('select * from policy_versions where id = $1', [id]);
  if (!r.rows[0]) throw notFound('政策版本', 'Policy version');
  return fromRow(r.rows[0]);
}

/** The version in force for a household's county and area on a date (county, else city, else province). */
export function policyForCounty(versions: readonly StoredPolicy[], countyCode: string, areaType: AreaType, date: string): StoredPolicy | null {
  return policyInForce(versions, countyCode, areaType, date, ancestorsOfCounty(countyCode)) as StoredPolicy | null;
}

export function findByRef(versions: readonly StoredPolicy[], ref: PolicyRef): StoredPolicy | undefined {
  return versions.find((v) => v.regionCode === ref.regionCode && v.version === ref.version && v.effectiveFrom === ref.effectiveFrom && v.areaType === ref.areaType);
}

/** What an answer shows of a version: everything, plus its id and who entered it. */
export function policyView(v: StoredPolicy) {
  return {
    id: v.id, regionCode: v.regionCode, regionName: v.regionName ?? null, areaType: v.areaType, effectiveFrom: v.effectiveFrom,
    version: v.version, origin: v.origin, source: v.source, params: v.params, createdBy: v.createdBy, createdAt: v.createdAt,
  };
}

/** The reference an award or a result carries, with the stored id. */
export function policyRefView(v: StoredPolicy) {
  return { id: v.id, regionCode: v.regionCode, regionName: v.regionName ?? null, areaType: v.areaType, effectiveFrom: v.effectiveFrom, version: v.version, assumed: v.source.assumed };
}

export const SEED_ACTOR_NAME = 'seed:src/benefits/policy/seed.ts';

async function insertVersion(db: Database | import('../../platform/db').Tx, v: PolicyVersion, origin: StoredPolicy['origin'], userId: number | null, by: string): Promise<number | null> {
  const r = await db.query<{ id: number }>(
    `insert into policy_versions (region_code, region_name, area_type, effective_from, version, source, params, origin, created_by_user_id, created_by)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10)
     on conflict (region_code, version) do nothing returning id`,
    [v.regionCode, v.regionName ?? null, v.areaType, v.effectiveFrom, v.version, JSON.stringify(v.source), JSON.stringify(v.params), origin, userId, by],
  );
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

/**
 * Stores the seed versions (src/benefits/policy/seed.ts) that are not stored yet. Idempotent; a stored
 * version with the same number is left as it is (a stored version is never rewritten), so a corrected
 * seed figure must become a new version number.
 */
export async function seedPolicyVersions(db: Database, versions: readonly PolicyVersion[] = SEED_POLICY_VERSIONS, origin: 'seed' | 'demo' = 'seed'): Promise<number> {
  return db.transaction(async (tx) => {
    let added = 0;
    for (const v of versions) {
      const problems = validatePolicyVersion(v);
      if (problems.length) throw new Error(`seed policy ${v.regionCode} v${v.version} is invalid: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
      const id = await insertVersion(tx, v, origin, null, origin === 'seed' ? SEED_ACTOR_NAME : 'demo');
      if (id !== null) {
        added++;
        await appendAudit(tx, SYSTEM_ACTOR, { action: 'policy.seed', entity: 'policy_version', entityId: id, regionCode: v.regionCode, after: { origin, ...v } });
      }
    }
    return added;
  });
}

export interface NewPolicyInput {
  regionCode: string;
  regionName?: string;
  areaType: AreaType | 'both';
  effectiveFrom: string;
  source: PolicySource;
  params: PolicyParameters;
  /** The region's latest version number the editor started from; another editor's newer version → 409. */
  basedOnVersion?: number | null;
}

/**
 * Stores a new version for a province, city or county within the caller's region. The number is the
 * region's next one; validatePolicyVersion's field errors come back in Chinese. Audited.
 */
export async function createPolicyVersion(db: Database, caller: BenefitsCaller, input: NewPolicyInput): Promise<StoredPolicy> {
  const code = String(input.regionCode ?? '').padEnd(12, '0');
  return db.transaction(async (tx) => {
    const region = await tx.query<{ code: string; name: string; level: number; city_code: string | null; county_code: string | null; township_code: string | null }>(
      'select code, name, level, city_code, county_code, township_code from regions where code = $1', [code]);
    const reg = region.rows[0];
    if (!reg || reg.level > 3) {
      throw validationFailed([fieldError('regionCode', 'REGION', '政策版本须属于省、市或县级行政区划', 'A policy version belongs to a province, city or county')]);
    }
    if (!regionInScope(caller.scope, reg)) {
      throw new AppError(403, 'FORBIDDEN', '只能为本级及下级行政区划录入政策', 'You may enter policies only for your own region and below');
    }
    // Serialise the numbering of one region's versions.
    await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [7_250_006, code]);
    const latest = await tx.query<{ v: number | null }>('select max(version) as v from policy_versions where region_code = $1', [code]);
    const last = latest.rows[0]?.v === null || latest.rows[0]?.v === undefined ? 0 : Number(latest.rows[0].v);
    if (input.basedOnVersion !== undefined && input.basedOnVersion !== null && input.basedOnVersion !== last) throw versionConflict();
    const version: PolicyVersion = {
      regionCode: code,
      regionName: input.regionName ?? reg.name,
      areaType: input.areaType,
      effectiveFrom: input.effectiveFrom,
      version: last + 1,
      source: input.source,
      params: input.params,
    };
    const problems = validatePolicyVersion(version);
    if (problems.length) {
      throw validationFailed(problems.map((p) => fieldError(p.field, 'POLICY', p.message, `Invalid policy value at ${p.field}`)));
    }
    let id: number | null;
    try {
      id = await insertVersion(tx, version, 'api', caller.actor.userId, caller.actor.name);
    } catch (e) {
      if (isDatabaseError(e, UNIQUE_VIOLATION)) throw versionConflict();
      throw e;
    }
    if (id === null) throw versionConflict();
    await appendAudit(tx, caller.actor, { action: 'policy.create', entity: 'policy_version', entityId: id, regionCode: code, after: version });
    return { ...version, id, origin: 'api' as const, createdBy: caller.actor.name, createdAt: new Date().toISOString() };
  });
}
