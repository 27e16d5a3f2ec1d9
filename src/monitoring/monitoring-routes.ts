// HTTP routes of monitoring: warnings (list with counts, detail with evidence, status), rules (list, detail
// with versions, new version, preview) and comparison runs (list, progress, start). Thin: schema and
// permission here, the work in plain functions. Also subscribes the app to feed imports (real time).
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { AppContext } from '../platform/app-context';
import { todayIn } from '../platform/app-context';
import { requirePermission } from '../platform/http/request-context';
import { can } from '../platform/auth/roles';
import { AppError, fieldError, forbidden, validationFailed } from '../platform/errors';
import { cityOf, regionLevel } from './rule-versions';
import { RULES } from './rule-catalogue';
import { createRuleVersion, ensureRules, loadVersions, requireRule } from './rule-store';
import { placeOf, ruleView, versionView } from './rule-views';
import { previewRule } from './preview';
import { changeWarningStatus, listWarnings, readWarning } from './warning-queries';
import {
  comparisonRunProgress, comparisonRunUnits, finishFullComparison, listComparisonRuns, startFullComparison, workFullComparison,
} from './comparison-runs';
import { subscribeComparisons } from './realtime';
import { APPLIES_TO, LEVELS, WARNING_STATUSES } from './rule-types';

const tags = ['monitoring'];
const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const CodeParam = Type.Object({ code: Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,59}$' }) });
const RegionCode = Type.String({ pattern: '^\\d{2,12}$' });
// Unsafe only gives the union its static type (the mapped array would make it `never` for the web client's
// Static<> of these schemas); the JSON schema is the same anyOf of constants.
const Literals = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));

export const WarningsQuery = Type.Object({
  /** One or several statuses, comma-separated; 'open' = all but closed. */
  status: Type.Optional(Type.String({ maxLength: 100 })),
  level: Type.Optional(Type.String({ maxLength: 30 })),
  rule: Type.Optional(Type.String({ maxLength: 300 })),
  scenario: Type.Optional(Type.String({ maxLength: 200 })),
  region: Type.Optional(RegionCode),
  personId: Type.Optional(Type.Integer({ minimum: 1 })),
  householdId: Type.Optional(Type.Integer({ minimum: 1 })),
  monitored: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });

export const StatusBody = Type.Object({
  status: Literals(WARNING_STATUSES),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });

const VersionFields = {
  /** City or county code for an override; null = the province default (province accounts only). */
  regionCode: Type.Optional(Type.Union([RegionCode, Type.Null()])),
  /** Parameters to change (the rest are kept from the version in force there). Money in fen. */
  params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  level: Type.Optional(Literals(LEVELS)),
  enabled: Type.Optional(Type.Boolean()),
  appliesTo: Type.Optional(Literals(APPLIES_TO)),
};

export const RuleVersionBody = Type.Object({
  ...VersionFields,
  effectiveFrom: Type.Optional(Type.String({ maxLength: 10 })),
  effectiveTo: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  /** The version the editor started from (409 if another is in force by now). */
  baseVersion: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });

export const PreviewBody = Type.Object({
  ...VersionFields,
  sampleSize: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
}, { additionalProperties: false });

const RuleQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });

export const RunsQuery = Type.Object({
  kind: Type.Optional(Literals(['full', 'import', 'push'] as const)),
  status: Type.Optional(Literals(['running', 'completed', 'failed'] as const)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });

export const StartRunBody = Type.Object({
  /** One county; absent for a province account = the whole province. */
  countyCode: Type.Optional(RegionCode),
  workers: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
}, { additionalProperties: false });

async function regionNames(ctx: AppContext, codes: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  if (!wanted.length) return new Map();
  const r = await ctx.db.query<{ code: string; name: string }>('select code, name from regions where code = any($1::text[])', [wanted]);
  return new Map(r.rows.map((x) => [x.code, x.name]));
}

export async function monitoringRoutes(app: FastifyInstance, ctx: AppContext) {
  // Default rules are seeded on first use (not here: starting the server stays quick).
  // Real time: records pushed or imported into this app's database are evaluated as they commit.
  const unsubscribe = subscribeComparisons(ctx.db, ctx.now);
  app.addHook('onClose', async () => unsubscribe());

  // ── warnings ──
  app.get('/warnings', { schema: { tags, querystring: WarningsQuery } }, async (request) => {
    const caller = requirePermission(request, 'warnings.read');
    return listWarnings(ctx.db, caller.scope, request.query as Static<typeof WarningsQuery>);
  });

  app.get('/warnings/:id', { schema: { tags, params: IdParam } }, async (request) => {
    const caller = requirePermission(request, 'warnings.read');
    return readWarning(ctx.db, caller.scope, (request.params as Static<typeof IdParam>).id);
  });

  app.post('/warnings/:id/status', { schema: { tags, params: IdParam, body: StatusBody } }, async (request) => {
    const caller = requirePermission(request, 'warnings.handle');
    return changeWarningStatus(ctx.db, caller.actor, caller.scope, (request.params as Static<typeof IdParam>).id, request.body as Static<typeof StatusBody>, ctx.now());
  });

  // ── rules ──
  const readRules = (request: Parameters<typeof requirePermission>[0]) => {
    const caller = requirePermission(request, 'warnings.read');
    return caller;
  };

  app.get('/rules', { schema: { tags, querystring: RuleQuery } }, async (request) => {
    const caller = readRules(request);
    const today = todayIn(ctx);
    const q = request.query as Static<typeof RuleQuery>;
    const place = placeOf(q.region ? q.region.padEnd(12, '0') : caller.scope.regionCode);
    await ensureRules(ctx.db);
    const versions = await loadVersions(ctx.db);
    const names = await regionNames(ctx, [...versions.values()].flat().map((v) => v.regionCode));
    return RULES.map((rule) => ruleView(rule, versions.get(rule.code) ?? [], place, today, names));
  });

  app.get('/rules/:code', { schema: { tags, params: CodeParam, querystring: RuleQuery } }, async (request) => {
    const caller = readRules(request);
    const rule = requireRule((request.params as Static<typeof CodeParam>).code);
    const today = todayIn(ctx);
    const q = request.query as Static<typeof RuleQuery>;
    const place = placeOf(q.region ? q.region.padEnd(12, '0') : caller.scope.regionCode);
    await ensureRules(ctx.db);
    const versions = (await loadVersions(ctx.db, rule.code)).get(rule.code) ?? [];
    const names = await regionNames(ctx, versions.map((v) => v.regionCode));
    return {
      ...ruleView(rule, versions, place, today, names),
      versions: versions.map((v) => versionView(rule, v, versions, place, today, names)).reverse(),
      canEdit: can(caller.user.role, 'rules.edit'),
    };
  });

  app.put('/rules/:code', { schema: { tags, params: CodeParam, body: RuleVersionBody } }, async (request, reply) => {
    const caller = requirePermission(request, 'rules.edit');
    const code = (request.params as Static<typeof CodeParam>).code;
    const created = await createRuleVersion(ctx.db, caller.actor, caller.scope, code, request.body as Static<typeof RuleVersionBody>, todayIn(ctx));
    const rule = requireRule(code);
    const versions = (await loadVersions(ctx.db, code)).get(code) ?? [];
    const names = await regionNames(ctx, [created.regionCode]);
    return reply.status(201).send(versionView(rule, created, versions, created.regionCode, todayIn(ctx), names));
  });

  app.post('/rules/:code/preview', { schema: { tags, params: CodeParam, body: PreviewBody } }, async (request) => {
    const caller = requirePermission(request, 'rules.edit');
    const { sampleSize, ...input } = request.body as Static<typeof PreviewBody>;
    return previewRule(ctx.db, caller.scope, (request.params as Static<typeof CodeParam>).code, input, todayIn(ctx), { sampleSize });
  });

  // ── comparison runs ──
  app.get('/comparison-runs', { schema: { tags, querystring: RunsQuery } }, async (request) => {
    requirePermission(request, 'warnings.read');
    return listComparisonRuns(ctx.db, request.query as Static<typeof RunsQuery>);
  });

  app.get('/comparison-runs/:id', { schema: { tags, params: IdParam } }, async (request) => {
    requirePermission(request, 'warnings.read');
    const id = (request.params as Static<typeof IdParam>).id;
    const progress = await comparisonRunProgress(ctx.db, id);
    return { ...progress, unitList: progress.kind === 'full' ? await comparisonRunUnits(ctx.db, id) : [] };
  });

  app.post('/comparison-runs', { schema: { tags, body: StartRunBody } }, async (request, reply) => {
    const caller = requirePermission(request, 'compare.run');
    const body = request.body as Static<typeof StartRunBody>;
    const county = body.countyCode ? body.countyCode.padEnd(12, '0') : null;
    if (county && regionLevel(county) !== 3) {
      throw validationFailed([fieldError('countyCode', 'REGION_LEVEL', '全面比对按县（市、区）进行', 'A full comparison covers one county or the whole province')]);
    }
    const level = caller.scope.regionLevel;
    if (level === 3 && county !== null && county !== caller.scope.regionCode) throw forbidden();
    if (level === 2 && (county === null || cityOf(county) !== caller.scope.regionCode)) {
      if (county === null) throw validationFailed([fieldError('countyCode', 'REQUIRED', '请选择要比对的县（市、区）', 'Choose a county')]);
      throw forbidden();
    }
    if (level > 3) throw forbidden();
    const running = await ctx.db.query(`select 1 from comparison_runs where kind = 'full' and status = 'running' and (county_code is null or county_code = $1 or $1::text is null) limit 1`, [county ?? (level === 3 ? caller.scope.regionCode : null)]);
    if (running.rows.length) throw new AppError(409, 'RUN_IN_PROGRESS', '已有全面比对正在进行', 'A full comparison is already running');
    const workers = body.workers ?? 1;
    const runId = await startFullComparison(ctx.db, { today: todayIn(ctx), countyCode: county ?? (level === 3 ? caller.scope.regionCode : null), workers, actor: caller.actor });
    // In the background: the caller follows progress on GET /comparison-runs/{id}.
    void Promise.all(Array.from({ length: workers }, (_, i) => workFullComparison(ctx.db, runId, `api/${i + 1}`, ctx.now)))
      .then(() => finishFullComparison(ctx.db, runId))
      .catch((e) => console.error(`[monitoring] full comparison ${runId} failed: ${(e as Error).message}`));
    return reply.status(202).send(await comparisonRunProgress(ctx.db, runId));
  });
}
