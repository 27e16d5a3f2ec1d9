// The household as a caller submits it (create, or the whole of it on edit), as TypeBox schemas shared by
// the HTTP layer and the web client, so both speak one type.
import { Type, type Static } from 'typebox';

// Null first: with type coercion on, Ajv would otherwise turn null into '' or 0 to fit the first branch.
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([Type.Null(), t]);

export const MemberInput = Type.Object({
  /** Present for a member already in this household. */
  id: Type.Optional(Type.Integer()),
  /** Required for a new member; for an existing member omit it to keep the stored number. */
  idNumber: Type.Optional(Type.String({ maxLength: 40 })),
  name: Type.String({ maxLength: 200 }),
  sex: Type.Optional(Type.String()),
  birthDate: Type.Optional(Type.String()),
  relation: Type.String(),
  disabilityKind: Type.Optional(Nullable(Type.String())),
  disabilityGrade: Type.Optional(Nullable(Type.Integer())),
  seriousIllness: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  labourCapacity: Type.Optional(Type.String()),
  employment: Type.Optional(Nullable(Type.String())),
  schoolStage: Type.Optional(Nullable(Type.String())),
  /** Omit to keep the stored number; null to clear it. */
  phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
}, { additionalProperties: false });
export type MemberInput = Static<typeof MemberInput>;

export const CategoryInput = Type.Object({
  id: Type.Optional(Type.Integer()),
  category: Type.String(),
  fromDate: Type.String(),
  toDate: Type.Optional(Nullable(Type.String())),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export type CategoryInput = Static<typeof CategoryInput>;

export const BankInput = Type.Object({
  bankName: Type.String({ maxLength: 100 }),
  /** Omit on edit to keep the stored account number. */
  accountNo: Type.Optional(Type.String({ maxLength: 40 })),
  /** Index in `members` of the account holder: the account must be a member's own. */
  holderMemberIndex: Type.Integer({ minimum: 0 }),
}, { additionalProperties: false });
export type BankInput = Static<typeof BankInput>;

export const HouseholdInput = Type.Object({
  areaType: Type.String(),
  villageCode: Type.String(),
  address: Type.String({ maxLength: 300 }),
  members: Type.Array(MemberInput, { minItems: 1, maxItems: 30 }),
  bank: Type.Optional(Type.Union([Type.Null(), BankInput])),
  categories: Type.Optional(Type.Array(CategoryInput, { maxItems: 100 })),
}, { additionalProperties: false });
export type HouseholdInput = Static<typeof HouseholdInput>;

// On edit every part is optional (left out = unchanged) but `version`, the optimistic concurrency check.
export const HouseholdPatch = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  areaType: Type.Optional(Type.String()),
  villageCode: Type.Optional(Type.String()),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  members: Type.Optional(Type.Array(MemberInput, { minItems: 1, maxItems: 30 })),
  bank: Type.Optional(Type.Union([Type.Null(), BankInput])),
  categories: Type.Optional(Type.Array(CategoryInput, { maxItems: 100 })),
}, { additionalProperties: false });
export type HouseholdPatch = Static<typeof HouseholdPatch>;
