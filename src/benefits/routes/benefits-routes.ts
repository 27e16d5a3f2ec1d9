// HTTP routes of the benefits room. Thin: the schema checks the shape, the handler checks the caller's
// permission, and the plain functions below do the work (and apply the region scope in their queries).
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import type { AppContext } from '../../platform/app-context';
import { todayIn } from '../../platform/app-context';
import { requireCaller, requirePermission } from '../../platform/http/request-context';
import { AppError, forbidden, notFound } from '../../platform/errors';
import { can } from '../../platform/auth/roles';
import { ASSET_KIND_LABELS, DEDUCTIBLE_EXPENSE_KIND_LABELS, INCOME_KIND_LABELS, RIGID_EXPENSE_KIND_LABELS, SELF_CARE_ACTIVITY_LABELS, SELF_CARE_LEVEL_LABELS, VEHICLE_KIND_LABELS } from '../kinds';
import { MEMBER_EXCLUSION_LABELS } from '../assessment/types';
import { ancestorsOfCounty, END_REASON_LABELS, monthOfDate, PROGRAMME_LABELS } from '../store/common';
import { createPolicyVersion, loadPolicyVersions, policyForCounty, policyView, readPolicyVersion } from '../store/policy-store';
import { assessStoredHousehold, awardFromStoredFacts } from '../store/assessment-service';
import { endAward, householdBenefits, listAwards, readAward } from '../store/awards';
import { confirmRecovery } from '../dynamic/graduated-exit';
import { createRecheckTasks, listDueRechecks, recordRecheck, refreshAfterDeaths } from '../dynamic/rechecks';
import { confirmChanges, listChanges, recalculateMonth, refreshAfterConfirm, rejectChanges } from '../dynamic/recalc';
import { benefitStats } from '../dynamic/stats';
import { simulateStandard } from '../simulation/simulate';
import { createPaymentRoll, HOLD_REASON_LABELS, listPaymentRolls, listRollLines, readPaymentRoll, reconcileRoll, reviewHeldLine } from '../payments/payment-roll';
import { bankFile } from '../payments/bank-file';
import {
  AssessmentBody, AwardFromFactsBody, AwardQuery, BankFileQuery, ChangeIdsBody, ChangesQuery, EndAwardBody, IdParam, InForceQuery, LineParam,
  LinesQuery, PolicyBody, PolicyQuery, RecalcBody, RecheckTasksBody, RechecksQuery, RecordRecheckBody, RecoveryBody, ReviewBody, RollBody,
  RollsQuery, SimulateBody, StatsQuery,
} from './schemas';
import type { PolicyParameters } from '../policy/types';

const tags = ['benefits'];

/** GET /benefits/vocabulary: the labels the web forms need (a function, so the client can name its type). */
export function benefitsVocabulary() {
  return {
    programmes: PROGRAMME_LABELS, endReasons: END_REASON_LABELS, holdReasons: HOLD_REASON_LABELS, incomeKinds: INCOME_KIND_LABELS,
    deductibleExpenseKinds: DEDUCTIBLE_EXPENSE_KIND_LABELS, rigidExpenseKinds: RIGID_EXPENSE_KIND_LABELS, assetKinds: ASSET_KIND_LABELS,
    vehicleKinds: VEHICLE_KIND_LABELS, selfCareActivities: SELF_CARE_ACTIVITY_LABELS, selfCareLevels: SELF_CARE_LEVEL_LABELS, memberExclusions: MEMBER_EXCLUSION_LABELS,
  };
}

export function benefitsRoutes(app: FastifyInstance, ctx: AppContext) {
  const today = () => todayIn(ctx);
  const id = (request: { params: unknown }) => (request.params as Static<typeof IdParam>).id;

  // --- vocabulary the web forms need -----------------------------------------------------------------
  app.get('/benefits/vocabulary', { schema: { tags } }, async (request) => {
    requireCaller(request);
    return benefitsVocabulary();
  });

  // --- policies --------------------------------------------------------------------------------------
  app.get('/policies', { schema: { tags, querystring: PolicyQuery } }, async (request) => {
    requireCaller(request);
    const q = request.query as Static<typeof PolicyQuery>;
    const all = await loadPolicyVersions(ctx.db, q.regionCode ? [q.regionCode.padEnd(12, '0')] : undefined);
    const used = await ctx.db.query<{ policy_version_id: number; n: number }>('select policy_version_id, count(*)::int as n from benefit_awards group by policy_version_id');
    const uses = new Map(used.rows.map((u) => [Number(u.policy_version_id), u.n]));
    return all.filter((v) => !q.areaType || v.areaType === q.areaType)
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode) || b.effectiveFrom.localeCompare(a.effectiveFrom) || b.version - a.version)
      .map((v) => ({ ...policyView(v), awards: uses.get(v.id) ?? 0 }));
  });

  app.get('/policies/in-force', { schema: { tags, querystring: InForceQuery } }, async (request) => {
    requireCaller(request);
    const q = request.query as Static<typeof InForceQuery>;
    const date = q.date ?? today();
    const v = policyForCounty(await loadPolicyVersions(ctx.db), q.countyCode, q.areaType, date);
    if (!v) throw notFound('生效的政策版本', 'Policy in force');
    return { date, countyCode: q.countyCode, areaType: q.areaType, chain: [q.countyCode, ...ancestorsOfCounty(q.countyCode)], policy: policyView(v) };
  });

  app.get('/policies/:id', { schema: { tags, params: IdParam } }, async (request) => {
    requireCaller(request);
    return policyView(await readPolicyVersion(ctx.db, id(request)));
  });

  app.post('/policies', { schema: { tags, body: PolicyBody } }, async (request, reply) => {
    const caller = requirePermission(request, 'policy.edit');
    const b = request.body as Static<typeof PolicyBody>;
    const v = await createPolicyVersion(ctx.db, caller, { ...b, params: b.params as unknown as PolicyParameters }).catch((e) => {
      // validatePolicyVersion expects the shape it documents; a body far from it is a field error, not a crash.
      if (e instanceof TypeError) throw new AppError(400, 'VALIDATION', `政策参数结构不完整：${e.message}`, `Malformed policy parameters: ${e.message}`, [{ field: 'params', code: 'POLICY', message: '政策参数结构不完整', messageEn: 'Malformed policy parameters' }]);
      throw e;
    });
    return reply.status(201).send(policyView(v));
  });

  app.post('/policies/simulate', { schema: { tags, body: SimulateBody } }, async (request) => {
    const caller = requirePermission(request, 'benefits.read');
    return simulateStandard(ctx.db, caller.scope, request.body as Static<typeof SimulateBody>);
  });

  // --- assessment and awards -------------------------------------------------------------------------
  app.post('/households/:id/assessment', { schema: { tags, params: IdParam, body: AssessmentBody } }, async (request) => {
    const caller = requirePermission(request, 'benefits.read');
    const body = request.body as Static<typeof AssessmentBody>;
    if (body.save && !can(caller.user.role, 'benefits.assess')) throw forbidden();
    return assessStoredHousehold(ctx.db, caller, id(request), body, today());
  });

  app.get('/households/:id/benefits', { schema: { tags, params: IdParam } }, async (request) => {
    const caller = requirePermission(request, 'benefits.read');
    return householdBenefits(ctx.db, caller.scope, id(request), today());
  });

  app.post('/households/:id/benefit-awards', { schema: { tags, params: IdParam, body: AwardFromFactsBody } }, async (request, reply) => {
    const caller = requirePermission(request, 'benefits.decide');
    const award = await awardFromStoredFacts(ctx.db, caller, id(request), request.body as Static<typeof AwardFromFactsBody>, today());
    return reply.status(201).send(award);
  });

  app.get('/benefit-awards', { schema: { tags, querystring: AwardQuery } }, async (request) => {
    const caller = requirePermission(request, 'benefits.read');
    return listAwards(ctx.db, caller.scope, request.query as Static<typeof AwardQuery>, monthOfDate(today()));
  });

  app.get('/benefit-awards/:id', { schema: { tags, params: IdParam } }, async (request) => {
    const caller = requirePermission(request, 'benefits.read');
    return readAward(ctx.db, caller.scope, id(request), monthOfDate(today()));
  });

  app.post('/benefit-awards/:id/end', { schema: { tags, params: IdParam, body: EndAwardBody } }, async (request) => {
    const caller = requirePermission(request, 'benefits.decide');
    const b = request.body as Static<typeof EndAwardBody>;
    const award = await ctx.db.transaction((tx) => endAward(tx, caller, id(request), { ...b, endedOn: today() }));
    await refreshAfterConfirm(ctx.db, [award.householdId], today());
    return award;
  });

  app.post('/households/:id/recovery', { schema: { tags, params: IdParam, body: RecoveryBody } }, async (request) => {
    const caller = requirePermission(request, 'benefits.decide');
    return confirmRecovery(ctx.db, caller, id(request), request.body as Static<typeof RecoveryBody>, today());
  });

  // --- dynamic management ----------------------------------------------------------------------------
  app.get('/rechecks', { schema: { tags, querystring: RechecksQuery } }, async (request) => {
    const caller = requirePermission(request, 'benefits.read');
    const q = request.query as Static<typeof RechecksQuery>;
    // A death registered since the last refresh moves its household's re-check forward before listing.
    await refreshAfterDeaths(ctx.db, today(), caller.scope.regionLevel === 3 ? caller.scope.regionCode : undefined);
    return listDueRechecks(ctx.db, caller.scope, { ...q, due: q.due ?? today() });
  });

  app.post('/rechecks/tasks', { schema: { tags, body: RecheckTasksBody } }, async (request) => {
    const caller = requirePermission(request, 'benefits.decide');
    const b = request.body as Static<typeof RecheckTasksBody>;
    const made = await createRecheckTasks(ctx.db, caller, b.due, today(), b.countyCode);
    return made ?? { created: 0, tasksAvailable: false, message: '未安装个案办理任务表（casework），复核只列出不派发' };
  });

  app.post('/households/:id/rechecks', { schema: { tags, params: IdParam, body: RecordRecheckBody } }, async (request) => {
    const caller = requirePermission(request, 'benefits.assess');
    return recordRecheck(ctx.db, caller, id(request), request.body as Static<typeof RecordRecheckBody>, today());
  });

  app.post('/benefit-changes/recalculate', { schema: { tags, body: RecalcBody } }, async (request) => {
    const caller = requirePermission(request, 'benefits.decide');
    return recalculateMonth(ctx.db, caller, request.body as Static<typeof RecalcBody>);
  });

  app.get('/benefit-changes', { schema: { tags, querystring: ChangesQuery } }, async (request) => {
    const caller = requirePermission(request, 'benefits.read');
    return listChanges(ctx.db, caller.scope, request.query as Static<typeof ChangesQuery>);
  });

  app.post('/benefit-changes/confirm', { schema: { tags, body: ChangeIdsBody } }, async (request) => {
    const caller = requirePermission(request, 'benefits.decide');
    const b = request.body as Static<typeof ChangeIdsBody>;
    const result = await confirmChanges(ctx.db, caller, b.ids, today(), b.note);
    const households = await ctx.db.query<{ household_id: number }>('select distinct household_id from benefit_changes where id = any($1::bigint[])', [result.confirmed.map((c) => c.id)]);
    await refreshAfterConfirm(ctx.db, households.rows.map((h) => Number(h.household_id)), today());
    return result;
  });

  app.post('/benefit-changes/reject', { schema: { tags, body: ChangeIdsBody } }, async (request) => {
    const caller = requirePermission(request, 'benefits.decide');
    const b = request.body as Static<typeof ChangeIdsBody>;
    return rejectChanges(ctx.db, caller, b.ids, b.note ?? '');
  });

  app.get('/benefits/stats', { schema: { tags, querystring: StatsQuery } }, async (request) => {
    const caller = requirePermission(request, 'benefits.read');
    const q = request.query as Static<typeof StatsQuery>;
    return benefitStats(ctx.db, caller.scope, { regionCode: q.region, from: q.from, to: q.to, programme: q.programme });
  });

  // --- payments --------------------------------------------------------------------------------------
  app.post('/payment-rolls', { schema: { tags, body: RollBody } }, async (request, reply) => {
    const caller = requirePermission(request, 'payments.manage');
    const result = await createPaymentRoll(ctx.db, caller, request.body as Static<typeof RollBody>);
    return reply.status(result.created ? 201 : 200).send(result);
  });

  app.get('/payment-rolls', { schema: { tags, querystring: RollsQuery } }, async (request) => {
    const caller = requirePermission(request, 'benefits.read');
    return listPaymentRolls(ctx.db, caller.scope, request.query as Static<typeof RollsQuery>);
  });

  app.get('/payment-rolls/:id', { schema: { tags, params: IdParam } }, async (request) => {
    const caller = requirePermission(request, 'benefits.read');
    return readPaymentRoll(ctx.db, caller.scope, id(request));
  });

  app.get('/payment-rolls/:id/lines', { schema: { tags, params: IdParam, querystring: LinesQuery } }, async (request) => {
    const caller = requirePermission(request, 'benefits.read');
    return listRollLines(ctx.db, caller.scope, id(request), request.query as Static<typeof LinesQuery>);
  });

  app.get('/payment-rolls/:id/reconciliation', { schema: { tags, params: IdParam } }, async (request) => {
    const caller = requirePermission(request, 'benefits.read');
    return reconcileRoll(ctx.db, caller.scope, id(request));
  });

  app.get('/payment-rolls/:id/bank-file', { schema: { tags, params: IdParam, querystring: BankFileQuery } }, async (request, reply) => {
    const caller = requirePermission(request, 'payments.manage');
    const q = request.query as Static<typeof BankFileQuery>;
    const file = await bankFile(ctx.db, caller, id(request), { format: q.format ?? 'csv', encoding: q.encoding, batch: q.batch });
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="payment-roll-${id(request)}.${q.format ?? 'csv'}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('x-lines', String(file.lines))
      .header('x-total-fen', String(file.totalFen))
      .send(file.body);
  });

  app.post('/payment-rolls/:id/lines/:lineId/review', { schema: { tags, params: LineParam, body: ReviewBody } }, async (request) => {
    const caller = requirePermission(request, 'payments.manage');
    const p = request.params as Static<typeof LineParam>;
    return reviewHeldLine(ctx.db, caller, p.id, p.lineId, request.body as Static<typeof ReviewBody>);
  });
}
