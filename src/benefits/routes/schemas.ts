// Request schemas of the benefits API (TypeBox): bodies and queries are checked by Fastify before a handler
// runs, so handlers only meet well-formed input; the web client can import the same types.
import { Type, type Static } from 'typebox';
import { AREA_TYPES } from '../../registry/vocabulary';
import { ASSET_KINDS, DEDUCTIBLE_EXPENSE_KINDS, INCOME_KINDS, RIGID_EXPENSE_KINDS, SELF_CARE_ACTIVITIES, VEHICLE_KINDS } from '../kinds';
import { MEMBER_EXCLUSIONS } from '../assessment/types';
import { PROGRAMMES } from '../store/common';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Fen = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 });
const PersonId = Type.Integer({ minimum: 1 });
const Note = Type.String({ maxLength: 200 });
export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const MonthString = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });
export const RegionCode = Type.String({ pattern: '^\\d{2,12}$' });
export const CountyCode = Type.String({ pattern: '^\\d{6}000000$' });

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const LineParam = Type.Object({ id: Type.Integer({ minimum: 1 }), lineId: Type.Integer({ minimum: 1 }) });

const Disability = Type.Object({
  kind: lit(['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'] as const),
  grade: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)]),
}, { additionalProperties: false });

const Supporter = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 40 }),
  name: Type.Optional(Type.String({ maxLength: 50 })),
  birthDate: DateString,
  isTekun: Type.Optional(Type.Boolean()),
  isDibao: Type.Optional(Type.Boolean()),
  disabilities: Type.Optional(Type.Array(Disability, { maxItems: 7 })),
  annualIncomeFen: Type.Optional(Fen),
  assetsWithinLowIncomeLimits: Type.Optional(Type.Boolean()),
  assetsWithinTekunLimits: Type.Optional(Type.Boolean()),
  noCivilCapacity: Type.Optional(Type.Boolean()),
  declaredMissing: Type.Optional(Type.Boolean()),
  imprisoned: Type.Optional(Type.Boolean()),
  provincialIncapacityReason: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

export const FactsBody = {
  incomes: Type.Optional(Type.Array(Type.Object({
    personId: Type.Optional(PersonId), kind: lit(INCOME_KINDS), monthlyFen: Type.Optional(Fen), annualFen: Type.Optional(Fen), note: Type.Optional(Note),
  }, { additionalProperties: false }), { maxItems: 200 })),
  expenses: Type.Optional(Type.Array(Type.Object({
    personId: Type.Optional(PersonId), kind: lit(DEDUCTIBLE_EXPENSE_KINDS), monthlyFen: Type.Optional(Fen), annualFen: Type.Optional(Fen), note: Type.Optional(Note),
  }, { additionalProperties: false }), { maxItems: 100 })),
  assets: Type.Optional(Type.Array(Type.Object({
    personId: Type.Optional(PersonId), kind: lit(ASSET_KINDS), valueFen: Fen, vehicleKind: Type.Optional(lit(VEHICLE_KINDS)), note: Type.Optional(Note),
  }, { additionalProperties: false }), { maxItems: 100 })),
  rigidExpenses: Type.Optional(Type.Array(Type.Object({
    personId: Type.Optional(PersonId), kind: lit(RIGID_EXPENSE_KINDS), amountFen: Fen, note: Type.Optional(Note),
  }, { additionalProperties: false }), { maxItems: 100 })),
  members: Type.Optional(Type.Array(Type.Object({
    personId: PersonId,
    livesTogether: Type.Optional(Type.Boolean()),
    supportDuty: Type.Optional(Type.Boolean()),
    fullTimeStudent: Type.Optional(Type.Boolean()),
    unableToLiveIndependently: Type.Optional(Type.Boolean()),
    exclusion: Type.Optional(lit(MEMBER_EXCLUSIONS)),
    majorIllnessFullIncapacity: Type.Optional(Type.Boolean()),
    unmetSelfCareActivities: Type.Optional(Type.Array(lit(SELF_CARE_ACTIVITIES), { maxItems: 6 })),
    illnesses: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })),
    supporters: Type.Optional(Type.Array(Supporter, { maxItems: 20 })),
  }, { additionalProperties: false }), { maxItems: 30 })),
  incomeVaries: Type.Optional(Type.Boolean()),
};

export const AssessmentBody = Type.Object({
  /** The assessment date (the decision date); today when absent. */
  date: Type.Optional(DateString),
  ...FactsBody,
  /** Use the household's stored facts instead of the facts in this body. */
  useStoredFacts: Type.Optional(Type.Boolean()),
  /** Store the facts of this body as the household's current facts (needs benefits.assess). */
  save: Type.Optional(Type.Boolean()),
  temporaryAssistance: Type.Optional(Type.Object({
    band: Type.Optional(Type.String({ maxLength: 40 })),
    persons: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
  }, { additionalProperties: false })),
}, { additionalProperties: false });
export type AssessmentBody = Static<typeof AssessmentBody>;

export const PolicyBody = Type.Object({
  regionCode: RegionCode,
  regionName: Type.Optional(Type.String({ maxLength: 60 })),
  areaType: Type.Union([Type.Literal('urban'), Type.Literal('rural'), Type.Literal('both')]),
  effectiveFrom: DateString,
  source: Type.Object({
    documents: Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 20 }),
    assumed: Type.Array(Type.String({ maxLength: 500 }), { maxItems: 100 }),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  }, { additionalProperties: false }),
  // The parameters are checked field by field by validatePolicyVersion (Chinese messages per field).
  params: Type.Object({}, { additionalProperties: true }),
  basedOnVersion: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
}, { additionalProperties: false });
export type PolicyBody = Static<typeof PolicyBody>;

export const PolicyQuery = Type.Object({
  regionCode: Type.Optional(RegionCode),
  areaType: Type.Optional(Type.Union([Type.Literal('urban'), Type.Literal('rural'), Type.Literal('both')])),
}, { additionalProperties: false });

export const InForceQuery = Type.Object({
  countyCode: CountyCode,
  areaType: lit(AREA_TYPES),
  date: Type.Optional(DateString),
}, { additionalProperties: false });

export const SimulateBody = Type.Object({
  regionCode: RegionCode,
  areaType: lit(AREA_TYPES),
  standardFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
  effectiveFrom: DateString,
  sample: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
}, { additionalProperties: false });

export const AwardFromFactsBody = Type.Object({
  programme: lit(PROGRAMMES),
  personId: Type.Optional(PersonId),
  /** Decision date; today when absent. Payment starts the month after. */
  decidedOn: Type.Optional(DateString),
  decisionRef: Type.Optional(Type.String({ maxLength: 100 })),
  onExisting: Type.Optional(Type.Union([Type.Literal('refuse'), Type.Literal('adjust')])),
}, { additionalProperties: false });

export const AwardQuery = Type.Object({
  householdId: Type.Optional(Type.Integer({ minimum: 1 })),
  regionCode: Type.Optional(RegionCode),
  programme: Type.Optional(lit(PROGRAMMES)),
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('ended')])),
  payableIn: Type.Optional(MonthString),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false });

export const EndAwardBody = Type.Object({
  endMonth: MonthString,
  reason: Type.Union([Type.Literal('ineligible'), Type.Literal('death'), Type.Literal('other')]),
  note: Type.String({ minLength: 1, maxLength: 500 }),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });

export const RecoveryBody = Type.Object({
  confirmationMonth: MonthString,
  graceMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 12 })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });

export const RechecksQuery = Type.Object({
  due: Type.Optional(DateString),
  regionCode: Type.Optional(RegionCode),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false });

export const RecheckTasksBody = Type.Object({
  due: DateString,
  countyCode: Type.Optional(CountyCode),
}, { additionalProperties: false });

export const RecordRecheckBody = Type.Object({
  checkedOn: DateString,
  incomeVaries: Type.Optional(Type.Boolean()),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });

export const RecalcBody = Type.Object({
  month: MonthString,
  countyCode: Type.Optional(CountyCode),
}, { additionalProperties: false });

export const ChangesQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('proposed'), Type.Literal('confirmed'), Type.Literal('rejected'), Type.Literal('superseded')])),
  month: Type.Optional(MonthString),
  kind: Type.Optional(Type.Union([Type.Literal('increase'), Type.Literal('decrease'), Type.Literal('exit')])),
  regionCode: Type.Optional(RegionCode),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false });

export const ChangeIdsBody = Type.Object({
  ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 10_000 }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });

export const StatsQuery = Type.Object({
  region: Type.Optional(RegionCode),
  from: MonthString,
  to: MonthString,
  programme: Type.Optional(lit(PROGRAMMES)),
}, { additionalProperties: false });

export const RollBody = Type.Object({
  countyCode: CountyCode,
  month: MonthString,
}, { additionalProperties: false });

export const RollsQuery = Type.Object({
  countyCode: Type.Optional(CountyCode),
  month: Type.Optional(MonthString),
}, { additionalProperties: false });

export const LinesQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('payable'), Type.Literal('held'), Type.Literal('released'), Type.Literal('cancelled')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
}, { additionalProperties: false });

export const BankFileQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
  encoding: Type.Optional(Type.Union([Type.Literal('utf8'), Type.Literal('gb18030')])),
  batch: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });

export const ReviewBody = Type.Object({
  decision: Type.Union([Type.Literal('release'), Type.Literal('cancel')]),
  note: Type.String({ minLength: 1, maxLength: 500 }),
}, { additionalProperties: false });
