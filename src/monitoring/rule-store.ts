// Rules and their versions in the database: seeding the defaults, reading versions, and the one way to
// change a rule — a new version, validated and audited. Versions are never updated, so a warning keeps
// pointing at exactly the parameters that raised it.
import type { Database, Tx } from '../platform/db';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../platform/audit';
import { AppError, fieldError, forbidden, notFound, validationFailed, versionConflict, type FieldError } from '../platform/errors';
import type { Scope } from '../platform/auth/scope';
import { findRule, RULES } from './rule-catalogue';
import { validateParams } from './rule-params';
import { APPLIES_TO, LEVELS, type AppliesTo, type Level, type RuleDefinition, type RuleParams } from './rule-types';
import { cityOf, regionLevel, versionInForce, type RuleVersion } from './rule-versions';
import { isDate } from './windows';

/** Default versions are in force from this day, so that any "today" a test or a demo picks finds them. */
export const DEFAULTS_EFFECTIVE_FROM = '2000-01-01';

const seeded = new WeakSet<Database>();

/** Adds rules of the catalogue that the database does not know yet, each with its default version 1. */
export async function ensureRules(db: Database): Promise<void> {
  if (seeded.has(db)) return;
  const known = await db.query<{ code: string }>('select code from monitoring_rules');
  const have = new Set(known.rows.map((r) => r.code));
  const missing = RULES.filter((r) => !have.has(r.code));
  if (missing.length) {
    await db.transaction(async (tx) => {
      for (const rule of missing) {
        const inserted = await tx.query(
          `insert into monitoring_rules (code, name, scenario, subject, feeds) values ($1, $2, $3, $4, $5) on conflict (code) do nothing`,
          [rule.code, rule.name, rule.scenario, rule.subject, [...rule.feeds]]);
        if (inserted.rowCount === 0) continue; // another process seeded it meanwhile
        await tx.query(
          `insert into monitoring_rule_versions (rule_code, version, region_code, level, enabled, applies_to, params, effective_from, note, created_by)
           values ($1, 1, null, $2, true, $3, $4::jsonb, $5, '默认参数', 'system')`,
          [rule.code, rule.defaults.level, rule.defaults.appliesTo, JSON.stringify(rule.defaults.params), DEFAULTS_EFFECTIVE_FROM]);
      }
      await appendAudit(tx, SYSTEM_ACTOR, { action: 'rule.seed', entity: 'monitoring_rule', after: { rules: missing.map((r) => r.code) } });
    });
  }
  seeded.add(db);
}

interface VersionRow {
  id: number;
  rule_code: string;
  version: number;
  region_code: string | null;
  level: Level;
  enabled: boolean;
  applies_to: AppliesTo;
  params: RuleParams;
  effective_from: string;
  effective_to: string | null;
  note: string | null;
  created_by: string;
  created_at: Date;
}

export function toVersion(r: VersionRow): RuleVersion {
  return {
    id: r.id, ruleCode: r.rule_code, version: r.version, regionCode: r.region_code, level: r.level, enabled: r.enabled,
    appliesTo: r.applies_to, params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params,
    effectiveFrom: r.effective_from, effectiveTo: r.effective_to, note: r.note, createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Every version of every rule (a few hundred rows at most), grouped by rule. */
export async function loadVersions(q: Database | Tx, ruleCode?: string): Promise<Map<string, RuleVersion[]>> {
  const r = await q.query<VersionRow>(
    `select * from monitoring_rule_versions ${ruleCode ? 'where rule_code = $1' : ''} order by rule_code, version`, ruleCode ? [ruleCode] : []);
  const map = new Map<string, RuleVersion[]>();
  for (const row of r.rows) {
    const v = toVersion(row);
    const list = map.get(v.ruleCode) ?? [];
    list.push(v);
    map.set(v.ruleCode, list);
  }
  return map;
}

export function requireRule(code: string): RuleDefinition {
  const rule = findRule(code);
  if (!rule) throw notFound('预警规则', 'Rule');
  return rule;
}

/** What a caller may send to make a new version (every field optional but the rule). */
export interface RuleVersionInput {
  /** null or absent for a province account: the province default; a city or county code for an override. */
  regionCode?: string | null;
  params?: Record<string, unknown>;
  level?: string;
  enabled?: boolean;
  appliesTo?: string;
  effectiveFrom?: string;
  effectiveTo?: string | null;
  note?: string | null;
  /** The version the editor started from; a newer one for the same region means someone else edited. */
  baseVersion?: number;
}

/**
 * The region a version may be made for by this caller: county accounts for their own county; city accounts
 * for their city or a county in it; province accounts for the province (null) or any city or county.
 */
export function editableRegion(scope: Scope, requested: string | null | undefined): string | null {
  if (!scope.role || !['county', 'city', 'province'].includes(scope.role)) throw forbidden();
  const own = scope.regionLevel === 1 ? null : scope.regionCode;
  if (requested === undefined) return own;
  if (requested === null) {
    if (scope.regionLevel !== 1) throw forbidden();
    return null;
  }
  const code = requested.padEnd(12, '0');
  const level = regionLevel(code);
  if (level !== 2 && level !== 3) {
    throw validationFailed([fieldError('regionCode', 'REGION_LEVEL', '规则参数只能按市或县（区）设置', 'A rule version applies to a city or a county')]);
  }
  if (scope.regionLevel === 1) return code;
  if (scope.regionLevel === 2 && cityOf(code) === scope.regionCode) return code;
  if (scope.regionLevel === 3 && code === scope.regionCode) return code;
  throw forbidden();
}

export interface ProposedVersion {
  rule: RuleDefinition;
  regionCode: string | null;
  params: RuleParams;
  level: Level;
  enabled: boolean;
  appliesTo: AppliesTo;
  effectiveFrom: string;
  effectiveTo: string | null;
  note: string | null;
  /** The version in force for that region today, which the proposal starts from. */
  base: RuleVersion;
}

/** Checks an input against the rule and the version it starts from; throws 400 with every field at fault. */
export function proposeVersion(rule: RuleDefinition, versions: readonly RuleVersion[], regionCode: string | null, input: RuleVersionInput, today: string): ProposedVersion {
  const base = versionInForce(versions, regionCode, today) ?? versionInForce(versions, null, today);
  if (!base) throw new AppError(409, 'RULE_NO_VERSION', '该规则当前没有生效的版本', 'The rule has no version in force');
  const errors: FieldError[] = [];
  const { params, errors: paramErrors } = validateParams(rule, input.params ?? {}, base.params);
  errors.push(...paramErrors);
  if (input.level !== undefined && !(LEVELS as readonly string[]).includes(input.level)) {
    errors.push(fieldError('level', 'LEVEL', '预警等级应为红、黄、蓝之一', 'level must be red, yellow or blue'));
  }
  if (input.appliesTo !== undefined && !(APPLIES_TO as readonly string[]).includes(input.appliesTo)) {
    errors.push(fieldError('appliesTo', 'APPLIES_TO', '适用对象应为已监测人员、未监测人员或全部', 'appliesTo must be monitored, discovery or both'));
  }
  if (rule.subject === 'household' && input.appliesTo !== undefined && input.appliesTo !== 'monitored') {
    errors.push(fieldError('appliesTo', 'APPLIES_TO_HOUSEHOLD', '家庭类规则只适用于登记在册的家庭', 'Household rules apply to registered households only'));
  }
  const effectiveFrom = input.effectiveFrom ?? today;
  if (!isDate(effectiveFrom)) errors.push(fieldError('effectiveFrom', 'DATE', '生效日期格式应为 YYYY-MM-DD', 'effectiveFrom must be YYYY-MM-DD'));
  else if (effectiveFrom < today) errors.push(fieldError('effectiveFrom', 'DATE_PAST', '生效日期不能早于今天：新版本不改写过去', 'effectiveFrom may not be in the past: a new version never rewrites history'));
  const effectiveTo = input.effectiveTo ?? null;
  if (effectiveTo !== null) {
    if (!isDate(effectiveTo)) errors.push(fieldError('effectiveTo', 'DATE', '失效日期格式应为 YYYY-MM-DD', 'effectiveTo must be YYYY-MM-DD'));
    else if (effectiveTo < effectiveFrom) errors.push(fieldError('effectiveTo', 'DATE_ORDER', '失效日期不能早于生效日期', 'effectiveTo may not be before effectiveFrom'));
  }
  const note = input.note?.trim() || null;
  if (note && note.length > 500) errors.push(fieldError('note', 'TOO_LONG', '说明不能超过 500 字', 'note may have at most 500 characters'));
  if (errors.length) throw validationFailed(errors);
  return {
    rule, regionCode, params, base, effectiveFrom, effectiveTo, note,
    level: (input.level as Level | undefined) ?? base.level,
    enabled: input.enabled ?? base.enabled,
    appliesTo: (input.appliesTo as AppliesTo | undefined) ?? base.appliesTo,
  };
}

/** A new version of a rule: validated, numbered after the last one, audited in the same transaction. */
export async function createRuleVersion(db: Database, actor: Actor, scope: Scope, code: string, input: RuleVersionInput, today: string): Promise<RuleVersion> {
  const rule = requireRule(code);
  await ensureRules(db);
  const regionCode = editableRegion(scope, input.regionCode);
  if (regionCode !== null) {
    const exists = await db.query('select 1 from regions where code = $1 and level in (2, 3)', [regionCode]);
    if (!exists.rows.length) throw validationFailed([fieldError('regionCode', 'REGION_UNKNOWN', '行政区划不存在', 'No such region')]);
  }
  return db.transaction(async (tx) => {
    // One editor at a time per rule: version numbers and the conflict check stay exact.
    await tx.query('select code from monitoring_rules where code = $1 for update', [code]);
    const versions = (await loadVersions(tx, code)).get(code) ?? [];
    const proposal = proposeVersion(rule, versions, regionCode, input, today);
    // The editor saw the version in force then; another version in force now means someone else edited.
    if (input.baseVersion !== undefined && input.baseVersion !== proposal.base.version) throw versionConflict();
    const next = versions.reduce((m, v) => Math.max(m, v.version), 0) + 1;
    const r = await tx.query<VersionRow>(
      `insert into monitoring_rule_versions (rule_code, version, region_code, level, enabled, applies_to, params, effective_from, effective_to, note, created_by, created_by_user_id)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12) returning *`,
      [code, next, regionCode, proposal.level, proposal.enabled, proposal.appliesTo, JSON.stringify(proposal.params),
        proposal.effectiveFrom, proposal.effectiveTo, proposal.note, actor.name, actor.userId]);
    const created = toVersion(r.rows[0]);
    const snapshot = (v: RuleVersion) => ({ version: v.version, regionCode: v.regionCode, level: v.level, enabled: v.enabled, appliesTo: v.appliesTo, params: v.params, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo });
    await appendAudit(tx, actor, {
      action: 'rule.version.create', entity: 'monitoring_rule', entityId: code, regionCode,
      before: snapshot(proposal.base), after: { ...snapshot(created), note: created.note },
    });
    return created;
  });
}
