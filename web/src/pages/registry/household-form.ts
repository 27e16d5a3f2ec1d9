// The household form's values and their translation to what the API takes: a whole HouseholdInput on
// create, a HouseholdPatch of what changed on edit, and the way back from an error's field path
// ('members[1].idNumber') to the form field that shows it. Pure, so it is tested without a browser.
import type { HouseholdInput, HouseholdPatch, HouseholdView, MemberView } from '../../api/registry';
import type { MemberInput, CategoryInput } from '../../../../src/registry/household-input';
import { pathSegments, type FormFieldPath } from '../../components/form-errors';

export interface MemberFormValue {
  /** Stable key of the row in the form (the account-holder choice follows it when rows move). */
  uid: string;
  id?: number;
  idNumberMasked?: string;
  phoneMasked?: string | null;
  /** Blank for a stored member = keep the stored number. */
  idNumber?: string;
  name?: string;
  relation?: string;
  labourCapacity?: string;
  disabilityKind?: string | null;
  disabilityGrade?: number | null;
  seriousIllness?: string | null;
  employment?: string | null;
  schoolStage?: string | null;
  /** Blank for a stored member = keep the stored number. */
  phone?: string;
}

export interface CategoryFormValue {
  id?: number;
  category?: string;
  fromDate?: string | null;
  toDate?: string | null;
  reason?: string;
}

export interface HouseholdFormValues {
  villageCode?: string;
  areaType?: string;
  address?: string;
  members: MemberFormValue[];
  hasBank: boolean;
  bank?: { bankName?: string; accountNo?: string; holderUid?: string };
  categories: CategoryFormValue[];
}

let uidCounter = 0;
export function newUid(): string {
  uidCounter += 1;
  return `m${Date.now().toString(36)}${uidCounter}`;
}

export function newMember(relation = 'child'): MemberFormValue {
  return { uid: newUid(), relation, labourCapacity: 'full' };
}

export function emptyHouseholdForm(): HouseholdFormValues {
  return { members: [newMember('head')], hasBank: false, categories: [] };
}

function memberToForm(m: MemberView): MemberFormValue {
  return {
    uid: `p${m.id}`, id: m.id, idNumberMasked: m.idNumberMasked, phoneMasked: m.phoneMasked, name: m.name, relation: m.relation ?? 'other',
    labourCapacity: m.labourCapacity, disabilityKind: m.disabilityKind, disabilityGrade: m.disabilityGrade, seriousIllness: m.seriousIllness,
    employment: m.employment, schoolStage: m.schoolStage, idNumber: '', phone: '',
  };
}

export function householdToForm(view: HouseholdView): HouseholdFormValues {
  return {
    villageCode: view.villageCode,
    areaType: view.areaType,
    address: view.address,
    members: view.members.map(memberToForm),
    hasBank: view.bank !== null,
    bank: view.bank ? { bankName: view.bank.bankName, accountNo: '', holderUid: view.bank.holderPersonId ? `p${view.bank.holderPersonId}` : undefined } : undefined,
    categories: view.categories.map((c) => ({ id: c.id, category: c.category, fromDate: c.fromDate, toDate: c.toDate, reason: c.reason })),
  };
}

const text = (s: string | null | undefined) => (s ?? '').trim();
const orNull = (s: string | null | undefined) => (text(s) === '' ? null : text(s));
const orUndefined = (s: string | null | undefined) => (text(s) === '' ? undefined : text(s));

// An empty optional value is left out rather than sent as null: for these fields the server treats both
// the same, and its body validation (Ajv with coerceTypes) turns a null in a string-or-null field into ''
// and in an integer-or-null field into 0, which the rules then refuse (see docs/web.md).
function withoutNulls<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

function memberToInput(m: MemberFormValue): MemberInput {
  const input: MemberInput = {
    name: text(m.name),
    relation: m.relation ?? '',
    labourCapacity: m.labourCapacity ?? 'full',
    disabilityKind: m.disabilityKind ?? null,
    disabilityGrade: m.disabilityGrade ?? null,
    seriousIllness: orNull(m.seriousIllness),
    employment: m.employment ?? null,
    schoolStage: m.schoolStage ?? null,
  };
  if (m.id !== undefined) input.id = m.id;
  for (const k of ['disabilityKind', 'disabilityGrade', 'seriousIllness', 'employment', 'schoolStage'] as const) if (input[k] === null) delete input[k];
  const idNumber = orUndefined(m.idNumber);
  if (idNumber !== undefined || m.id === undefined) input.idNumber = idNumber ?? '';
  const phone = orUndefined(m.phone);
  if (phone !== undefined) input.phone = phone;
  return input;
}

function categoryToInput(c: CategoryFormValue): CategoryInput {
  const input: CategoryInput = { category: c.category ?? '', fromDate: c.fromDate ?? '', toDate: c.toDate ?? null, reason: text(c.reason) };
  if (c.id !== undefined) input.id = c.id;
  return withoutNulls(input);
}

function holderIndex(values: HouseholdFormValues): number {
  return values.members.findIndex((m) => m.uid === values.bank?.holderUid);
}

/** The whole household as the form has it: what create sends, and what the shared rules check on edit. */
export function formToInput(values: HouseholdFormValues): HouseholdInput {
  return {
    areaType: values.areaType ?? '',
    villageCode: values.villageCode ?? '',
    address: text(values.address),
    members: values.members.map(memberToInput),
    bank: values.hasBank
      ? { bankName: text(values.bank?.bankName), accountNo: orUndefined(values.bank?.accountNo)?.replace(/\s/g, ''), holderMemberIndex: Math.max(0, holderIndex(values)) }
      : null,
    categories: values.categories.map(categoryToInput),
  };
}

export interface PatchPlan {
  patch: HouseholdPatch;
  /** categories[k] of the patch is the form's categories[categoryIndex[k]]. */
  categoryIndex: number[];
}

/** What changed against the stored household, with its version for the concurrency check. */
export function formToPatch(values: HouseholdFormValues, view: HouseholdView): PatchPlan {
  const input = formToInput(values);
  const patch: HouseholdPatch = { version: view.version };
  if (input.areaType !== view.areaType) patch.areaType = input.areaType;
  if (input.villageCode !== view.villageCode) patch.villageCode = input.villageCode;
  if (input.address !== view.address) patch.address = input.address;
  // Members go whole: a member left out of the list leaves the household.
  patch.members = input.members;

  if (values.hasBank) {
    const holder = view.bank?.holderPersonId ?? null;
    const holderNow = values.members[holderIndex(values)]?.id ?? null;
    const same = view.bank && input.bank && input.bank.bankName === view.bank.bankName && input.bank.accountNo === undefined && holder !== null && holder === holderNow;
    if (!same) patch.bank = input.bank;
  } else if (view.bank) {
    patch.bank = null;
  }

  const stored = new Map(view.categories.map((c) => [c.id, c]));
  const categoryIndex: number[] = [];
  const categories: CategoryInput[] = [];
  values.categories.forEach((c, i) => {
    const before = c.id !== undefined ? stored.get(c.id) : undefined;
    const input = categoryToInput(c);
    if (before && (before.toDate ?? null) === (input.toDate ?? null) && before.reason === input.reason) return;
    categories.push(input);
    categoryIndex.push(i);
  });
  if (categories.length) patch.categories = categories;
  return { patch, categoryIndex };
}

const MEMBER_FORM_FIELDS = new Set(['idNumber', 'name', 'relation', 'labourCapacity', 'disabilityKind', 'disabilityGrade', 'seriousIllness', 'employment', 'schoolStage', 'phone']);
const CATEGORY_FORM_FIELDS = new Set(['category', 'fromDate', 'toDate', 'reason']);

/**
 * The form field that shows an error reported for `field` (a path in the body the API received), or null
 * when no single field fits (the error is then shown above the form).
 */
export function errorFieldPath(field: string, categoryIndex?: number[]): FormFieldPath | null {
  const parts = pathSegments(field);
  const [head = '', ...rest] = parts;
  if (['villageCode', 'areaType', 'address'].includes(head) && rest.length === 0) return [head];
  if (head === 'members' && rest.length === 2 && /^\d+$/.test(rest[0])) {
    const key = rest[1] === 'id' ? 'name' : rest[1] === 'sex' || rest[1] === 'birthDate' ? 'idNumber' : rest[1];
    return MEMBER_FORM_FIELDS.has(key) ? ['members', Number(rest[0]), key] : null;
  }
  if (head === 'bank' && rest.length === 1) {
    if (rest[0] === 'holderMemberIndex') return ['bank', 'holderUid'];
    return rest[0] === 'bankName' || rest[0] === 'accountNo' ? ['bank', rest[0]] : null;
  }
  if (head === 'categories' && rest.length === 2 && /^\d+$/.test(rest[0])) {
    const index = categoryIndex ? categoryIndex[Number(rest[0])] : Number(rest[0]);
    const key = rest[1] === 'id' ? 'toDate' : rest[1];
    return index !== undefined && CATEGORY_FORM_FIELDS.has(key) ? ['categories', index, key] : null;
  }
  return null;
}
