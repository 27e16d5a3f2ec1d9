// Request shapes of the casework API (TypeBox): checked by Fastify before a handler runs, and importable by the
// web client. They check types and sizes; the meaning (is the applicant a member, are there two investigators…)
// is checked by the pure domain, which answers field by field.
import { Type, type Static } from 'typebox';
import { DEPARTMENTS, DISPOSITION_KINDS, FINDING_SECTIONS, ITEM_KINDS, TASK_KINDS, VISIT_PURPOSES } from './domain';
import { FILE_ENTRY_KINDS } from './person-file';

// Unsafe<T[number]> keeps the literal union in the static type (a mapped Union is `never` to Static), so the
// web client importing these shapes sees 'red' | 'yellow' | 'blue', not never; the JSON schema is the same.
const literalUnion = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));

export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
const Text = (max = 500) => Type.String({ maxLength: max });
const Fen = Type.Integer({ minimum: 0, maximum: 1e13 });

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

// ---- attachments (base64 inside the JSON body; see files.ts) ----
export const AttachmentSchema = Type.Object({
  clientId: Uuid,
  fileName: Type.String({ minLength: 1, maxLength: 200 }),
  mimeType: Type.String({ maxLength: 100 }),
  sizeBytes: Type.Integer({ minimum: 1 }),
  contentBase64: Type.String({ maxLength: 15_000_000 }),
}, { additionalProperties: false });

// ---- calendar and time limits ----
export const CalendarYearBody = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2200 }),
  complete: Type.Boolean(),
  notice: Type.Optional(Text(200)),
  entries: Type.Array(Type.Object({
    date: IsoDate,
    kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]),
    name: Type.String({ minLength: 1, maxLength: 50 }),
  }, { additionalProperties: false }), { maxItems: 366 }),
}, { additionalProperties: false });

export const CalendarDaysQuery = Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false });

export const DeadlineParameterBody = Type.Object({
  kind: literalUnion(TASK_KINDS),
  effectiveFrom: IsoDate,
  amount: Type.Integer({ minimum: 0, maximum: 400 }),
  unit: Type.Union([Type.Literal('workingDays'), Type.Literal('calendarDays')]),
  source: Type.String({ minLength: 1, maxLength: 300 }),
}, { additionalProperties: false });

// ---- tasks ----
export const TaskQuery = Type.Object({
  status: Type.Optional(literalUnion(['active', 'open', 'assigned', 'done', 'cancelled'] as const)),
  kind: Type.Optional(literalUnion(['warningVerification', 'recheck', 'countyCoordination'] as const)),
  level: Type.Optional(literalUnion(['red', 'yellow', 'blue'] as const)),
  townshipCode: Type.Optional(Type.String({ pattern: '^\\d{9}(\\d{3})?$' })),
  assignee: Type.Optional(Type.String({ pattern: '^(me|none|\\d+)$' })),
  overdue: Type.Optional(Type.Boolean()),
  escalated: Type.Optional(Type.Boolean()),
  queue: Type.Optional(literalUnion(['township', 'county'] as const)),
  /** The tasks of one warning (any status unless one is given): the warning page links to its verification. */
  warningId: Type.Optional(Type.Integer({ minimum: 1 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false });

export const AssignBody = Type.Object({
  tasks: Type.Array(Type.Object({ id: Type.Integer({ minimum: 1 }), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 500 }),
  assigneeUserId: Type.Integer({ minimum: 1 }),
}, { additionalProperties: false });

export const ResolveBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  outcome: Type.String({ minLength: 1, maxLength: 2000 }),
  on: Type.Optional(IsoDate),
}, { additionalProperties: false });

// ---- visits ----
export const DispositionSchema = Type.Object({
  kind: literalUnion(DISPOSITION_KINDS),
  items: Type.Optional(Type.Array(literalUnion(ITEM_KINDS), { maxItems: 12 })),
  amountFen: Type.Optional(Fen),
  reason: Type.Optional(Text(2000)),
  department: Type.Optional(literalUnion(DEPARTMENTS)),
  why: Type.Optional(Text(2000)),
  summary: Type.Optional(Text(4000)),
  note: Type.Optional(Text(2000)),
}, { additionalProperties: false });

export const VisitBody = Type.Object({
  clientId: Uuid,
  purpose: literalUnion(VISIT_PURPOSES),
  taskId: Type.Optional(Type.Integer({ minimum: 1 })),
  warningId: Type.Optional(Type.Integer({ minimum: 1 })),
  applicationId: Type.Optional(Type.Integer({ minimum: 1 })),
  householdId: Type.Optional(Type.Integer({ minimum: 1 })),
  visitedOn: IsoDate,
  visitors: Type.Array(Type.Object({ userId: Text(60), name: Text(50) }, { additionalProperties: false }), { maxItems: 20 }),
  present: Type.Array(Type.Object({ name: Text(50), role: Text(50) }, { additionalProperties: false }), { maxItems: 30 }),
  findings: Type.Object(Object.fromEntries(FINDING_SECTIONS.map((s) => [s, Type.Optional(Text(10_000))])), { additionalProperties: false }),
  surveyFormSigned: Type.Optional(Type.Boolean()),
  attachments: Type.Optional(Type.Array(AttachmentSchema, { maxItems: 20 })),
  disposition: Type.Optional(DispositionSchema),
}, { additionalProperties: false });

// ---- applications ----
const MemberIdNumber = Type.String({ maxLength: 20 });
export const ApplicationFormSchema = Type.Object({
  applicant: Type.Object({ name: Text(50), idNumber: MemberIdNumber, phone: Text(20) }, { additionalProperties: false }),
  agent: Type.Optional(Type.Object({ name: Text(50), phone: Text(20), reason: Text(500) }, { additionalProperties: false })),
  household: Type.Object({ regionCode: Type.String({ maxLength: 12 }), areaType: Type.String({ maxLength: 10 }), address: Text(200) }, { additionalProperties: false }),
  members: Type.Array(Type.Object({
    name: Text(50),
    idNumber: MemberIdNumber,
    relation: Type.String({ maxLength: 20 }),
    schoolStage: Type.Optional(Type.String({ maxLength: 30 })),
    disability: Type.Optional(Type.Object({ kind: Type.String({ maxLength: 20 }), grade: Type.Integer() }, { additionalProperties: false })),
    seriousIllness: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false }), { maxItems: 30 }),
  incomes: Type.Array(Type.Object({ type: Type.String({ maxLength: 20 }), monthlyAmountFen: Type.Integer(), memberIdNumber: Type.Optional(MemberIdNumber), note: Type.Optional(Text()) }, { additionalProperties: false }), { maxItems: 100 }),
  assets: Type.Array(Type.Object({ type: Type.String({ maxLength: 20 }), valueFen: Type.Integer(), description: Text(), memberIdNumber: Type.Optional(MemberIdNumber) }, { additionalProperties: false }), { maxItems: 100 }),
  rigidExpenses: Type.Array(Type.Object({ type: Type.String({ maxLength: 20 }), annualAmountFen: Type.Integer(), description: Text(), memberIdNumber: Type.Optional(MemberIdNumber) }, { additionalProperties: false }), { maxItems: 100 }),
  bankAccount: Type.Object({ holderIdNumber: MemberIdNumber, holderName: Text(50), bankName: Text(100), accountNumber: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
  authorisation: Type.Object({ signedOn: Type.String({ maxLength: 10 }), signedBy: Type.Array(MemberIdNumber, { maxItems: 30 }) }, { additionalProperties: false }),
  items: Type.Array(Type.Object({
    kind: Type.String({ maxLength: 30 }),
    memberIdNumber: Type.Optional(MemberIdNumber),
    temporaryAssistanceType: Type.Optional(Type.String({ maxLength: 20 })),
    note: Type.Optional(Text()),
  }, { additionalProperties: false }), { maxItems: 60 }),
}, { additionalProperties: false });

export const ApplicationBody = Type.Object({
  clientId: Type.Optional(Uuid),
  form: ApplicationFormSchema,
  attachments: Type.Optional(Type.Array(AttachmentSchema, { maxItems: 20 })),
}, { additionalProperties: false });

export const SubmitDraftBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  form: ApplicationFormSchema,
  attachments: Type.Optional(Type.Array(AttachmentSchema, { maxItems: 20 })),
}, { additionalProperties: false });

export const ApplicationQuery = Type.Object({
  status: Type.Optional(literalUnion(['draft', 'submitted'] as const)),
  householdId: Type.Optional(Type.Integer({ minimum: 1 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });

// ---- items ----
export const ITEM_ACTION_TYPES = [
  'accept', 'startReview', 'review', 'approve', 'refuse', 'withdraw', 'startSurvey', 'completeSurvey', 'completeEconomicCheck',
  'startPublicity', 'recordObjection', 'closePublicity', 'completeCommunityReview', 'notifyRefusal',
] as const;

export const ItemActionBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  action: Type.Object({
    type: literalUnion(ITEM_ACTION_TYPES),
    on: Type.Optional(IsoDate),
    note: Type.Optional(Text(2000)),
    opinion: Type.Optional(Type.Union([Type.Literal('support'), Type.Literal('oppose')])),
    amountFenPerMonth: Type.Optional(Fen),
    amountFen: Type.Optional(Fen),
    policyVersion: Type.Optional(Text(100)),
    reason: Type.Optional(Text(4000)),
    investigators: Type.Optional(Type.Array(Text(50), { maxItems: 20 })),
    surveyFormSigned: Type.Optional(Type.Boolean()),
    reportId: Type.Optional(Text(100)),
    summary: Type.Optional(Text(4000)),
    followUp: Type.Optional(Type.Object({
      kind: Type.Union([Type.Literal('re_survey'), Type.Literal('community_review')]),
      investigators: Type.Optional(Type.Array(Text(50), { maxItems: 20 })),
    }, { additionalProperties: false })),
  }, { additionalProperties: false }),
}, { additionalProperties: false });

export const ItemQuery = Type.Object({
  status: Type.Optional(literalUnion(['submitted', 'accepted', 'in_review', 'approved', 'refused', 'withdrawn'] as const)),
  kind: Type.Optional(literalUnion(ITEM_KINDS)),
  department: Type.Optional(literalUnion(DEPARTMENTS)),
  applicationId: Type.Optional(Type.Integer({ minimum: 1 })),
  overdue: Type.Optional(Type.Boolean()),
  mine: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });

// ---- referrals ----
export const ReferralQuery = Type.Object({
  status: Type.Optional(literalUnion(['open', 'accepted', 'closed'] as const)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });

export const ReferralActionBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  action: Type.Object({
    type: Type.Union([Type.Literal('accept'), Type.Literal('close')]),
    on: Type.Optional(IsoDate),
    result: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  }, { additionalProperties: false }),
}, { additionalProperties: false });

// ---- public status page ----
export const PublicStatusBody = Type.Object({
  applicationNumber: Type.String({ minLength: 1, maxLength: 40 }),
  idNumber: Type.String({ minLength: 1, maxLength: 40 }),
}, { additionalProperties: false });

// ---- one-person file ----
export const FileQuery = Type.Object({
  kinds: Type.Optional(Type.String({ pattern: `^(${FILE_ENTRY_KINDS.join('|')})(,(${FILE_ENTRY_KINDS.join('|')}))*$` })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
}, { additionalProperties: false });

export type VisitBodyT = Static<typeof VisitBody>;
export type ApplicationBodyT = Static<typeof ApplicationBody>;
export type ItemActionBodyT = Static<typeof ItemActionBody>;
