// HTTP routes of casework. Thin: check the body's shape and the caller's permission, then call the plain
// functions that do the work (and apply region scope in their queries). Paths and permissions: docs/casework.md.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import type { AppContext } from '../platform/app-context';
import { todayIn } from '../platform/app-context';
import { requireCaller, requirePermission } from '../platform/http/request-context';
import { can } from '../platform/auth/roles';
import { fieldError, forbidden, notFound, validationFailed } from '../platform/errors';
import * as S from './casework-schemas';
import { calendarDays, calendarOverview, putCalendarYear } from './calendar-store';
import { listDeadlineParameters, putDeadlineParameter } from './deadline-store';
import { assignableUsers, assignTasks, listTasks, readTask, refreshQueues, resolveTask, taskSummary } from './tasks';
import { readCaseworkFile, readVisit, recordVisit, type VisitInput } from './visits';
import { caseworkFilePath } from './files';
import { listApplications, readApplication, submitApplication, submitDraft } from './applications';
import { itemHistory, listItems, readItem } from './item-view';
import { performItemAction, type ItemAction } from './item-actions';
import { listReferrals, readReferral, referralAction, type ReferralAction } from './referrals';
import { publicApplicationStatus } from './public-status';
import { householdFile, personFile, type FileEntryKind } from './person-file';
import { compareDates } from '../platform/calendar';
import { subscribeVerificationTasks } from './events';
import type { ApplicationForm, VisitDisposition } from './domain';

const tags = ['casework'];
/** A visit or application carries its photos and documents (≤ 50 MB) base64-encoded: about 67 MB of JSON. */
const WITH_FILES_BODY_LIMIT = 72 * 1024 * 1024;

type Id = Static<typeof S.IdParam>;

export function caseworkRoutes(app: FastifyInstance, ctx: AppContext) {
  const today = () => todayIn(ctx);
  // After monitoring's own subscription (its routes are registered first): new warnings become tasks at once.
  const unsubscribe = subscribeVerificationTasks(ctx.db);
  app.addHook('onClose', async () => unsubscribe());

  // ---- working-day calendar and time limits ----
  app.get('/calendar/overrides', { schema: { tags } }, async (request) => {
    requireCaller(request);
    return calendarOverview(ctx.db);
  });

  app.put('/calendar/overrides', { schema: { tags, body: S.CalendarYearBody } }, async (request) => {
    const caller = requirePermission(request, 'calendar.admin');
    return putCalendarYear(ctx.db, caller, request.body as Static<typeof S.CalendarYearBody>);
  });

  app.get('/calendar/days', { schema: { tags, querystring: S.CalendarDaysQuery } }, async (request) => {
    requireCaller(request);
    const { from, to } = request.query as Static<typeof S.CalendarDaysQuery>;
    const span = compareDates(to, from);
    if (!(span >= 0 && span <= 400)) throw validationFailed([fieldError('to', 'RANGE', '日期范围应为 0–400 天', 'The range must be 0–400 days')]);
    return calendarDays(ctx.db, from, to);
  });

  app.get('/deadline-parameters', { schema: { tags } }, async (request) => {
    requireCaller(request);
    return listDeadlineParameters(ctx.db, today());
  });

  app.put('/deadline-parameters', { schema: { tags, body: S.DeadlineParameterBody } }, async (request) => {
    const caller = requirePermission(request, 'deadlines.admin');
    return putDeadlineParameter(ctx.db, caller, request.body as Static<typeof S.DeadlineParameterBody>, today());
  });

  // ---- tasks ----
  app.get('/tasks', { schema: { tags, querystring: S.TaskQuery } }, async (request) => {
    const caller = requirePermission(request, 'tasks.read');
    await refreshQueues(ctx.db, today());
    return listTasks(ctx.db, caller, request.query as Static<typeof S.TaskQuery>, today());
  });

  app.get('/tasks/summary', { schema: { tags } }, async (request) => {
    const caller = requirePermission(request, 'tasks.read');
    await refreshQueues(ctx.db, today());
    return taskSummary(ctx.db, caller, today());
  });

  app.get('/tasks/assignees', { schema: { tags } }, async (request) => {
    const caller = requirePermission(request, 'tasks.assign');
    return assignableUsers(ctx.db, caller);
  });

  app.get('/tasks/:id', { schema: { tags, params: S.IdParam } }, async (request) => {
    const caller = requirePermission(request, 'tasks.read');
    return readTask(ctx.db, caller, (request.params as Id).id, today());
  });

  app.post('/tasks/assign', { schema: { tags, body: S.AssignBody } }, async (request) => {
    const caller = requirePermission(request, 'tasks.assign');
    return { tasks: await assignTasks(ctx.db, caller, request.body as Static<typeof S.AssignBody>, today(), ctx.now()) };
  });

  app.post('/tasks/:id/resolve', { schema: { tags, params: S.IdParam, body: S.ResolveBody } }, async (request) => {
    const caller = requirePermission(request, 'tasks.work');
    return resolveTask(ctx.db, caller, (request.params as Id).id, request.body as Static<typeof S.ResolveBody>, today());
  });

  // ---- visits ----
  app.post('/visits', { bodyLimit: WITH_FILES_BODY_LIMIT, schema: { tags, body: S.VisitBody } }, async (request, reply) => {
    const caller = requirePermission(request, 'tasks.work');
    const body = request.body as Static<typeof S.VisitBody>;
    const input = { ...body, findings: body.findings as Record<string, string>, disposition: body.disposition as VisitDisposition | undefined } as VisitInput;
    const { created, answer } = await recordVisit(ctx.db, caller, input, today(), ctx.config.fileStoreDir);
    if (!created) reply.header('x-idempotent-replay', 'true');
    return reply.status(created ? 201 : 200).send(answer);
  });

  app.get('/visits/:id', { schema: { tags, params: S.IdParam } }, async (request) => {
    const caller = requirePermission(request, 'tasks.read');
    return readVisit(ctx.db, caller, (request.params as Id).id);
  });

  app.get('/casework-files/:id', { schema: { tags, params: S.IdParam } }, async (request, reply) => {
    const caller = requireCaller(request);
    if (!can(caller.user.role, 'tasks.read') && !can(caller.user.role, 'applications.read')) throw forbidden();
    const f = await readCaseworkFile(ctx.db, caller, (request.params as Id).id);
    const file = caseworkFilePath(ctx.config.fileStoreDir, f.sha256);
    if (!fs.existsSync(file)) throw notFound('附件', 'Attachment');
    return reply
      .header('content-type', f.mimeType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .send(fs.createReadStream(file));
  });

  // ---- applications (一件事一次办) ----
  app.post('/applications', { bodyLimit: WITH_FILES_BODY_LIMIT, schema: { tags, body: S.ApplicationBody } }, async (request, reply) => {
    const caller = requirePermission(request, 'applications.submit');
    const body = request.body as Static<typeof S.ApplicationBody>;
    const { created, view } = await submitApplication(ctx.db, caller, { ...body, form: body.form as unknown as ApplicationForm }, today(), ctx.config.fileStoreDir);
    if (!created) reply.header('x-idempotent-replay', 'true');
    return reply.status(created ? 201 : 200).send(view);
  });

  app.get('/applications', { schema: { tags, querystring: S.ApplicationQuery } }, async (request) => {
    const caller = requirePermission(request, 'applications.read');
    return listApplications(ctx.db, caller, request.query as Static<typeof S.ApplicationQuery>);
  });

  app.get('/applications/:id', { schema: { tags, params: S.IdParam } }, async (request) => {
    const caller = requirePermission(request, 'applications.read');
    return readApplication(ctx.db, caller, (request.params as Id).id, today());
  });

  app.post('/applications/:id/submit', { bodyLimit: WITH_FILES_BODY_LIMIT, schema: { tags, params: S.IdParam, body: S.SubmitDraftBody } }, async (request) => {
    const caller = requirePermission(request, 'applications.submit');
    const body = request.body as Static<typeof S.SubmitDraftBody>;
    return submitDraft(ctx.db, caller, (request.params as Id).id, { ...body, form: body.form as unknown as ApplicationForm }, today(), ctx.config.fileStoreDir);
  });

  // ---- items in the departments' queues ----
  app.get('/items', { schema: { tags, querystring: S.ItemQuery } }, async (request) => {
    const caller = requirePermission(request, 'items.read');
    return listItems(ctx.db, caller, request.query as Static<typeof S.ItemQuery>, today());
  });

  app.get('/items/:id', { schema: { tags, params: S.IdParam } }, async (request) => {
    const caller = requirePermission(request, 'items.read');
    const id = (request.params as Id).id;
    const item = await readItem(ctx.db, caller, id, today());
    return { ...item, history: await itemHistory(ctx.db, id) };
  });

  app.post('/items/:id/actions', { schema: { tags, params: S.IdParam, body: S.ItemActionBody } }, async (request) => {
    const caller = requirePermission(request, 'items.read');
    const body = request.body as Static<typeof S.ItemActionBody>;
    return performItemAction(ctx.db, caller, (request.params as Id).id, { version: body.version, action: body.action as ItemAction }, today());
  });

  // ---- referrals ----
  const mayReadReferrals = (role: Parameters<typeof can>[0]) => can(role, 'items.read') || can(role, 'tasks.read');
  app.get('/referrals', { schema: { tags, querystring: S.ReferralQuery } }, async (request) => {
    const caller = requireCaller(request);
    if (!mayReadReferrals(caller.user.role)) throw forbidden();
    return listReferrals(ctx.db, caller, request.query as Static<typeof S.ReferralQuery>, today());
  });

  app.get('/referrals/:id', { schema: { tags, params: S.IdParam } }, async (request) => {
    const caller = requireCaller(request);
    if (!mayReadReferrals(caller.user.role)) throw forbidden();
    return readReferral(ctx.db, caller, (request.params as Id).id, today());
  });

  app.post('/referrals/:id/actions', { schema: { tags, params: S.IdParam, body: S.ReferralActionBody } }, async (request) => {
    const caller = requirePermission(request, 'referrals.work');
    const body = request.body as Static<typeof S.ReferralActionBody>;
    if (body.action.type === 'close' && !body.action.result?.trim()) {
      throw validationFailed([fieldError('action.result', 'REQUIRED', '请填写办理结果', 'Record the result')]);
    }
    return referralAction(ctx.db, caller, (request.params as Id).id, { version: body.version, action: body.action as ReferralAction }, today());
  });

  // ---- the citizen's status page (no login, throttled) ----
  app.post('/public/application-status', { schema: { tags, body: S.PublicStatusBody } }, async (request) => {
    const { applicationNumber, idNumber } = request.body as Static<typeof S.PublicStatusBody>;
    return publicApplicationStatus(ctx.db, request.ip, applicationNumber, idNumber);
  });

  // ---- one person, one file ----
  const kindsOf = (q: Static<typeof S.FileQuery>) => (q.kinds ? (q.kinds.split(',') as FileEntryKind[]) : undefined);
  app.get('/persons/:id/file', { schema: { tags, params: S.IdParam, querystring: S.FileQuery } }, async (request) => {
    const caller = requirePermission(request, 'registry.read');
    const q = request.query as Static<typeof S.FileQuery>;
    return personFile(ctx.db, caller, (request.params as Id).id, { kinds: kindsOf(q), limit: q.limit });
  });

  app.get('/households/:id/file', { schema: { tags, params: S.IdParam, querystring: S.FileQuery } }, async (request) => {
    const caller = requirePermission(request, 'registry.read');
    const q = request.query as Static<typeof S.FileQuery>;
    return householdFile(ctx.db, caller, (request.params as Id).id, { kinds: kindsOf(q), limit: q.limit });
  });
}

