// One form, many programmes (一件事一次办): a submitted form is validated and split into items by the pure
// domain (splitApplication), each item routed to its department's queue with its time limit; members are
// matched to the registry by ID number; attachments are stored content-addressed. A visit can start a draft on
// the family's behalf, which a caseworker completes and submits. Everything in one transaction with its audit.
import { randomInt } from 'node:crypto';
import type { Database, Tx } from '../platform/db';
import { isDatabaseError, UNIQUE_VIOLATION } from '../platform/db';
import type { Caller } from '../platform/http/request-context';
import { appendAudit } from '../platform/audit';
import { AppError, notFound, validationFailed } from '../platform/errors';
import { maskBankAccount } from '../registry/masking';
import {
  InvalidApplicationError,
  ITEM_KIND_INFO,
  splitApplication,
  type ApplicationForm,
  type ApplicationItem,
  type ItemKind,
} from './domain';
import { fromDomainErrors, iso, maskId, scopeCondition, villageInScope, type Queryable, type VillageRegion } from './common';
import { dueOrNull, loadDeadlineContext, type DeadlineContext } from './deadline-store';
import { decodeAttachments, storeAttachment, type AttachmentUpload } from './files';
import { ITEM_SELECT, itemView, type ItemView } from './item-view';

export interface AppRow extends VillageRegion {
  id: number;
  number: string;
  status: 'draft' | 'submitted';
  origin: string;
  household_id: number | null;
  applicant_person_id: number | null;
  applicant_name: string;
  form: any;
  received_on: string | null;
  visit_id: number | null;
  created_by: number;
  created_at: Date;
  submitted_at: Date | null;
  version: number;
}

const NUMBER_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 'SQ20260615-7KX4M2PQ': the day received and 8 random characters (40 bits), so numbers cannot be walked. */
export function newApplicationNumber(day: string): string {
  let tail = '';
  for (let i = 0; i < 8; i++) tail += NUMBER_ALPHABET[randomInt(NUMBER_ALPHABET.length)];
  return `SQ${day.replace(/-/g, '')}-${tail}`;
}

async function insertApplication(tx: Tx, values: Omit<AppRow, 'id' | 'number' | 'created_at' | 'submitted_at' | 'version'> & { client_id: string | null }, day: string): Promise<AppRow> {
  for (let attempt = 0; ; attempt++) {
    const number = newApplicationNumber(day);
    const r = await tx.query<AppRow>(
      `insert into applications (number, client_id, status, origin, household_id, applicant_person_id, applicant_name, village_code, township_code,
         county_code, city_code, form, received_on, visit_id, created_by, submitted_by, submitted_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15, $16, $17)
       on conflict (number) do nothing returning *`,
      [number, values.client_id, values.status, values.origin, values.household_id, values.applicant_person_id, values.applicant_name,
        values.village_code, values.township_code, values.county_code, values.city_code, JSON.stringify(values.form), values.received_on,
        values.visit_id, values.created_by, values.status === 'submitted' ? values.created_by : null, values.status === 'submitted' ? new Date() : null],
    );
    if (r.rows[0]) return r.rows[0];
    if (attempt > 5) throw new Error('could not draw a free application number');
  }
}

/** Splits the form with the stored parameters and calendar; an invalid form is a 400 naming each field. */
function split(form: ApplicationForm, applicationId: number, receivedOn: string, dctx: DeadlineContext): ApplicationItem[] {
  try {
    return splitApplication(form, { applicationId: String(applicationId), receivedOn, params: dctx.params, calendar: dctx.calendar });
  } catch (e) {
    if (e instanceof InvalidApplicationError) throw validationFailed(fromDomainErrors(e.errors).map((f) => ({ ...f, field: `form.${f.field}` })));
    throw e;
  }
}

async function personsByIdNumber(q: Queryable, idNumbers: string[]): Promise<Map<string, { id: number; household_id: number | null }>> {
  const r = await q.query<{ id: number; id_number: string; household_id: number | null }>(
    'select id, id_number, household_id from persons where id_number = any($1::text[])', [idNumbers]);
  return new Map(r.rows.map((p) => [p.id_number, { id: p.id, household_id: p.household_id }]));
}

async function writeMembers(tx: Tx, applicationId: number, form: ApplicationForm, persons: Map<string, { id: number }>) {
  await tx.query('delete from application_members where application_id = $1', [applicationId]);
  await tx.query(
    `insert into application_members (application_id, id_number, name, relation, person_id)
     select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::bigint[])`,
    [applicationId, form.members.map((m) => m.idNumber), form.members.map((m) => m.name.trim()), form.members.map((m) => m.relation),
      form.members.map((m) => persons.get(m.idNumber)?.id ?? null)],
  );
}

/** Inserts items of an application (split or follow-on) with their first event; returns their ids. */
export async function insertItems(tx: Tx, app: AppRow, items: ApplicationItem[], caller: Caller, action: 'submit' | 'followOn', sourceItemId: number | null = null): Promise<number[]> {
  const persons = await personsByIdNumber(tx, items.map((i) => i.memberIdNumber).filter((x): x is string => !!x));
  const ids: number[] = [];
  for (const it of items) {
    const r = await tx.query<{ id: number }>(
      `insert into application_items (item_key, application_id, kind, department, reviewers, queue_department, member_id_number, member_person_id,
         temporary_assistance_type, status, received_on, deadline_kind, due_on, deadline_amount, deadline_unit, deadline_effective_from, deadline_source,
         follow_on, source_item_id, household_id, village_code, township_code, county_code, city_code)
       values ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, 'submitted', $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
       returning id`,
      [it.id, app.id, it.kind, it.department, [...it.reviewers], it.reviewers[0] ?? it.department, it.memberIdNumber ?? null,
        it.memberIdNumber ? persons.get(it.memberIdNumber)?.id ?? null : null, it.temporaryAssistanceType ?? null, it.receivedOn,
        it.deadline.kind, dueOrNull(it.deadline.due), it.deadline.amount, it.deadline.unit, it.deadline.effectiveFrom, it.deadline.source,
        it.followOn, sourceItemId, app.household_id, app.village_code, app.township_code, app.county_code, app.city_code],
    );
    ids.push(r.rows[0].id);
    await tx.query(
      `insert into item_events (item_id, action, to_status, on_date, note, actor_user_id, actor_name) values ($1, $2, 'submitted', $3, $4, $5, $6)`,
      [r.rows[0].id, action, it.receivedOn, action === 'followOn' ? `联动：由事项 ${sourceItemId} 批准后自动发起` : null,
        action === 'followOn' ? null : caller.user.id, action === 'followOn' ? 'system' : caller.user.username],
    );
  }
  return ids;
}

async function storeFiles(tx: Tx, caller: Caller, fileStoreDir: string, owner: { application_id?: number; visit_id?: number }, uploads: AttachmentUpload[], field: string) {
  if (!uploads.length) return;
  const decoded = decodeAttachments(uploads, field);
  for (const a of decoded) {
    storeAttachment(fileStoreDir, a);
    await tx.query(
      `insert into casework_files (visit_id, application_id, client_id, file_name, mime_type, size_bytes, sha256, uploaded_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [owner.visit_id ?? null, owner.application_id ?? null, a.clientId, a.fileName, a.mimeType, a.sizeBytes, a.sha256, caller.user.id],
    );
  }
}

export { storeFiles };

/** The form as answers show it: ID numbers and the account masked. */
function maskedForm(form: any) {
  if (!form || form.draft) return form ?? null;
  const f = form as ApplicationForm;
  const m = (id?: string) => (id ? maskId(id) : undefined);
  return {
    applicant: { name: f.applicant.name, idNumberMasked: m(f.applicant.idNumber), phone: f.applicant.phone },
    agent: f.agent ?? null,
    household: f.household,
    members: f.members.map((x) => ({ ...x, idNumber: undefined, idNumberMasked: m(x.idNumber) })),
    incomes: f.incomes.map((x) => ({ ...x, memberIdNumber: undefined, memberIdNumberMasked: m(x.memberIdNumber) })),
    assets: f.assets.map((x) => ({ ...x, memberIdNumber: undefined, memberIdNumberMasked: m(x.memberIdNumber) })),
    rigidExpenses: f.rigidExpenses.map((x) => ({ ...x, memberIdNumber: undefined, memberIdNumberMasked: m(x.memberIdNumber) })),
    bankAccount: {
      holderName: f.bankAccount.holderName, holderIdNumberMasked: m(f.bankAccount.holderIdNumber), bankName: f.bankAccount.bankName,
      accountNumberMasked: maskBankAccount(f.bankAccount.accountNumber),
    },
    authorisation: { signedOn: f.authorisation.signedOn, signedByMasked: f.authorisation.signedBy.map((s) => m(s)) },
    items: f.items.map((x) => ({ ...x, memberIdNumber: undefined, memberIdNumberMasked: m(x.memberIdNumber) })),
  };
}

export async function findApplicationInScope(q: Queryable, caller: Caller, id: number, forUpdate = false): Promise<AppRow> {
  const params: unknown[] = [id];
  const cond = scopeCondition(caller.scope, 'a', params);
  const r = await q.query<AppRow>(`select a.* from applications a where a.id = $1 and ${cond}${forUpdate ? ' for update' : ''}`, params);
  const app = r.rows[0];
  if (!app) throw notFound('申请', 'Application');
  // A department sees an application only through one of its items.
  if (caller.user.role === 'department') {
    const mine = await q.query('select 1 from application_items where application_id = $1 and ($2 = department or $2 = any(reviewers)) limit 1', [id, caller.user.department ?? '']);
    if (!mine.rows.length) throw notFound('申请', 'Application');
  }
  return app;
}

export interface ApplicationView {
  id: number;
  number: string;
  status: string;
  origin: string;
  householdId: number | null;
  applicantName: string;
  regionCode: string;
  receivedOn: string | null;
  visitId: number | null;
  form: unknown;
  members: { name: string; relation: string | null; idNumberMasked: string | null; personId: number | null }[];
  items: ItemView[];
  attachments: { id: number; fileName: string; mimeType: string; sizeBytes: number }[];
  createdBy: string | null;
  createdAt: string | null;
  version: number;
}

export async function readApplication(q: Queryable, caller: Caller, id: number, today: string): Promise<ApplicationView> {
  const app = await findApplicationInScope(q, caller, id);
  const params: unknown[] = [id];
  let itemFilter = '';
  if (caller.user.role === 'department') {
    params.push(caller.user.department ?? '');
    itemFilter = ` and (i.department = $2 or $2 = any(i.reviewers))`;
  }
  const [items, members, files, creator] = await Promise.all([
    q.query<Record<string, any>>(`${ITEM_SELECT} where i.application_id = $1${itemFilter} order by i.id`, params),
    q.query<Record<string, any>>('select * from application_members where application_id = $1 order by name', [id]),
    q.query<Record<string, any>>('select id, file_name, mime_type, size_bytes from casework_files where application_id = $1 order by id', [id]),
    q.query<{ username: string }>('select username from users where id = $1', [app.created_by]),
  ]);
  return {
    id: app.id, number: app.number, status: app.status, origin: app.origin, householdId: app.household_id, applicantName: app.applicant_name,
    regionCode: app.village_code, receivedOn: app.received_on, visitId: app.visit_id, form: maskedForm(app.form),
    members: members.rows.map((m) => ({ name: m.name, relation: m.relation, idNumberMasked: maskId(m.id_number), personId: m.person_id })),
    items: items.rows.map((r) => itemView(caller, r, today)),
    attachments: files.rows.map((f) => ({ id: f.id, fileName: f.file_name, mimeType: f.mime_type, sizeBytes: f.size_bytes })),
    createdBy: creator.rows[0]?.username ?? null, createdAt: iso(app.created_at), version: app.version,
  };
}

export interface SubmitInput {
  clientId?: string;
  form: ApplicationForm;
  attachments?: AttachmentUpload[];
}

async function householdFor(q: Queryable, caller: Caller, applicantIdNumber: string, persons: Map<string, { id: number; household_id: number | null }>): Promise<number | null> {
  const householdId = persons.get(applicantIdNumber)?.household_id ?? null;
  if (householdId === null) return null;
  const params: unknown[] = [householdId];
  const r = await q.query(`select 1 from households h where h.id = $1 and ${scopeCondition(caller.scope, 'h', params)}`, params);
  return r.rows.length ? householdId : null;
}

/** A form received at the counter (or entered by a worker): validated, split, routed. Idempotent by clientId. */
export async function submitApplication(db: Database, caller: Caller, input: SubmitInput, today: string, fileStoreDir: string): Promise<{ created: boolean; view: ApplicationView }> {
  if (input.clientId) {
    const existing = await db.query<{ id: number }>('select id from applications where client_id = $1', [input.clientId]);
    if (existing.rows[0]) return { created: false, view: await readApplication(db, caller, existing.rows[0].id, today) };
  }
  try {
    return await db.transaction(async (tx) => {
      const region = await villageInScope(tx, caller, input.form.household?.regionCode ?? '', 'form.household.regionCode');
      const dctx = await loadDeadlineContext(tx);
      // Validate before anything is written (the id is only needed for item keys, so a placeholder serves).
      split(input.form, 0, today, dctx);
      const persons = await personsByIdNumber(tx, input.form.members.map((m) => m.idNumber));
      const app = await insertApplication(tx, {
        client_id: input.clientId ?? null, status: 'submitted', origin: 'counter',
        household_id: await householdFor(tx, caller, input.form.applicant.idNumber, persons),
        applicant_person_id: persons.get(input.form.applicant.idNumber)?.id ?? null, applicant_name: input.form.applicant.name.trim(),
        ...region, form: input.form, received_on: today, visit_id: null, created_by: caller.user.id,
      }, today);
      await writeMembers(tx, app.id, input.form, persons);
      const items = split(input.form, app.id, today, dctx);
      await insertItems(tx, app, items, caller, 'submit');
      await storeFiles(tx, caller, fileStoreDir, { application_id: app.id }, input.attachments ?? [], 'attachments');
      await appendAudit(tx, caller.actor, {
        action: 'application.submit', entity: 'application', entityId: app.id, regionCode: app.village_code,
        after: { number: app.number, items: items.map((i) => ({ kind: i.kind, department: i.department, due: dueOrNull(i.deadline.due) })) },
      });
      return { created: true, view: await readApplication(tx, caller, app.id, today) };
    });
  } catch (e) {
    // Two submissions with one client id at once: the loser answers with the winner's application.
    if (input.clientId && isDatabaseError(e, UNIQUE_VIOLATION)) {
      const existing = await db.query<{ id: number }>('select id from applications where client_id = $1', [input.clientId]);
      if (existing.rows[0]) return { created: false, view: await readApplication(db, caller, existing.rows[0].id, today) };
    }
    throw e;
  }
}

/**
 * A visit decided to apply on the family's behalf: a draft with the household from the registry and the items
 * ticked, which a caseworker completes with the family (income, account, signed authorisation) and submits.
 */
export async function createDraftApplication(
  tx: Tx, caller: Caller, input: { householdId: number; items: ItemKind[]; visitId: number; today: string },
): Promise<AppRow> {
  const h = await tx.query<Record<string, any>>('select * from households where id = $1', [input.householdId]);
  const household = h.rows[0];
  const members = await tx.query<{ id: number; id_number: string; name: string; relation: string | null; school_stage: string | null }>(
    'select id, id_number, name, relation, school_stage from persons where household_id = $1 order by id', [input.householdId]);
  const head = members.rows.find((m) => m.relation === 'head') ?? members.rows[0];
  const form = {
    draft: true,
    household: { regionCode: household.village_code, areaType: household.area_type, address: household.address },
    items: input.items.map((kind) => ({ kind, scope: ITEM_KIND_INFO[kind].scope })),
  };
  const app = await insertApplication(tx, {
    client_id: null, status: 'draft', origin: 'visit', household_id: input.householdId, applicant_person_id: head?.id ?? null,
    applicant_name: head?.name ?? '', village_code: household.village_code, township_code: household.township_code,
    county_code: household.county_code, city_code: household.city_code, form, received_on: null, visit_id: input.visitId, created_by: caller.user.id,
  }, input.today);
  if (members.rows.length) {
    await tx.query(
      `insert into application_members (application_id, id_number, name, relation, person_id)
       select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::bigint[])`,
      [app.id, members.rows.map((m) => m.id_number), members.rows.map((m) => m.name), members.rows.map((m) => m.relation), members.rows.map((m) => m.id)],
    );
  }
  await appendAudit(tx, caller.actor, {
    action: 'application.draft', entity: 'application', entityId: app.id, regionCode: app.village_code,
    after: { number: app.number, items: input.items, visitId: input.visitId },
  });
  return app;
}

/** Completes a draft: the full form is validated and split exactly as at the counter; received today. */
export async function submitDraft(db: Database, caller: Caller, id: number, input: { version: number; form: ApplicationForm; attachments?: AttachmentUpload[] }, today: string, fileStoreDir: string): Promise<ApplicationView> {
  return db.transaction(async (tx) => {
    const app = await findApplicationInScope(tx, caller, id, true);
    if (app.status !== 'draft') throw new AppError(409, 'ALREADY_SUBMITTED', '该申请已提交', 'This application has already been submitted');
    if (app.version !== input.version) throw new AppError(409, 'VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试', 'This record was changed by someone else; reload and try again');
    const region = await villageInScope(tx, caller, input.form.household?.regionCode ?? '', 'form.household.regionCode');
    const dctx = await loadDeadlineContext(tx);
    const items = split(input.form, app.id, today, dctx);
    const persons = await personsByIdNumber(tx, input.form.members.map((m) => m.idNumber));
    const updated = await tx.query<AppRow>(
      `update applications set status = 'submitted', form = $3::jsonb, received_on = $4, applicant_name = $5, applicant_person_id = $6,
         village_code = $7, township_code = $8, county_code = $9, city_code = $10, submitted_by = $11, submitted_at = now(), version = version + 1
       where id = $1 and version = $2 returning *`,
      [id, input.version, JSON.stringify(input.form), today, input.form.applicant.name.trim(), persons.get(input.form.applicant.idNumber)?.id ?? null,
        region.village_code, region.township_code, region.county_code, region.city_code, caller.user.id],
    );
    if (!updated.rows[0]) throw new AppError(409, 'VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试', 'This record was changed by someone else; reload and try again');
    await writeMembers(tx, id, input.form, persons);
    await insertItems(tx, updated.rows[0], items, caller, 'submit');
    await storeFiles(tx, caller, fileStoreDir, { application_id: id }, input.attachments ?? [], 'attachments');
    await appendAudit(tx, caller.actor, {
      action: 'application.submit', entity: 'application', entityId: id, regionCode: region.village_code,
      before: { status: 'draft' }, after: { number: app.number, items: items.map((i) => ({ kind: i.kind, department: i.department, due: dueOrNull(i.deadline.due) })) },
    });
    return readApplication(tx, caller, id, today);
  });
}

export interface ApplicationQuery {
  status?: 'draft' | 'submitted';
  householdId?: number;
  page?: number;
  pageSize?: number;
}

export async function listApplications(q: Queryable, caller: Caller, query: ApplicationQuery) {
  const params: unknown[] = [];
  const where = [scopeCondition(caller.scope, 'a', params)];
  if (caller.user.role === 'department') {
    params.push(caller.user.department ?? '');
    where.push(`exists (select 1 from application_items i where i.application_id = a.id and ($${params.length} = i.department or $${params.length} = any(i.reviewers)))`);
  }
  if (query.status) {
    params.push(query.status);
    where.push(`a.status = $${params.length}`);
  }
  if (query.householdId) {
    params.push(query.householdId);
    where.push(`a.household_id = $${params.length}`);
  }
  const pageSize = Math.min(100, query.pageSize ?? 20);
  const offset = ((query.page ?? 1) - 1) * pageSize;
  const whereSql = where.join(' and ');
  const rows = await q.query<Record<string, any>>(
    `select a.id, a.number, a.status, a.origin, a.household_id, a.applicant_name, a.village_code, a.received_on, a.created_at, a.version,
       (select count(*)::int from application_items i where i.application_id = a.id) as item_count,
       (select count(*)::int from application_items i where i.application_id = a.id and i.status in ('approved', 'refused', 'withdrawn')) as items_final
     from applications a where ${whereSql} order by a.id desc limit ${pageSize} offset ${offset}`, params);
  const total = await q.query<{ n: number }>(`select count(*)::int as n from applications a where ${whereSql}`, params);
  return {
    items: rows.rows.map((a) => ({
      id: a.id, number: a.number, status: a.status, origin: a.origin, householdId: a.household_id, applicantName: a.applicant_name,
      regionCode: a.village_code, receivedOn: a.received_on, createdAt: iso(a.created_at), itemCount: a.item_count, itemsFinal: a.items_final, version: a.version,
    })),
    total: total.rows[0].n,
  };
}
