// Turns the before/after snapshots the audit trail keeps of a household (auditSnapshot in
// src/registry/household-view.ts) into a list of readable changes: which field of the household, of which
// member, of which category, from what to what. Pure: rendering the labels is the page's job.
import type { HouseholdView, MemberView, CategoryView } from '../../api/registry';

type Snapshot = Partial<Pick<HouseholdView, 'areaType' | 'villageCode' | 'address' | 'headPersonId' | 'bank'>> & {
  members?: MemberView[];
  categories?: Omit<CategoryView, 'current'>[];
};

export const HOUSEHOLD_FIELDS = ['areaType', 'villageCode', 'address', 'headPersonId'] as const;
export const BANK_FIELDS = ['bankName', 'accountNoMasked', 'holderPersonId'] as const;
export const MEMBER_FIELDS = [
  'name', 'idNumberMasked', 'relation', 'sex', 'birthDate', 'disabilityKind', 'disabilityGrade', 'seriousIllness',
  'labourCapacity', 'employment', 'schoolStage', 'phoneMasked', 'diedOn',
] as const;
export const CATEGORY_FIELDS = ['category', 'fromDate', 'toDate', 'reason'] as const;

export type HouseholdField = (typeof HOUSEHOLD_FIELDS)[number];
export type BankField = (typeof BANK_FIELDS)[number];
export type MemberField = (typeof MEMBER_FIELDS)[number];
export type CategoryField = (typeof CATEGORY_FIELDS)[number];
export type Value = string | number | null;

export interface Who {
  id: number;
  name: string;
}

export type Change =
  | { kind: 'household'; field: HouseholdField; before: Value; after: Value }
  | { kind: 'bank'; field: BankField; before: Value; after: Value }
  | { kind: 'memberAdded'; member: Who }
  | { kind: 'memberRemoved'; member: Who }
  | { kind: 'member'; member: Who; field: MemberField; before: Value; after: Value }
  | { kind: 'categoryAdded'; category: string; fromDate: string; toDate: string | null }
  | { kind: 'categoryRemoved'; category: string; fromDate: string }
  | { kind: 'categoryChanged'; category: string; fromDate: string; field: CategoryField; before: Value; after: Value }
  /** Anything the diff does not know in detail (entries written by other capabilities). */
  | { kind: 'other'; path: string; before: string; after: string };

function isSnapshot(x: unknown): x is Snapshot {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const norm = (v: unknown): Value => (v === undefined || v === '' ? null : typeof v === 'number' ? v : v === null ? null : String(v));

function short(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function diffHousehold(beforeRaw: unknown, afterRaw: unknown): Change[] {
  const before: Snapshot = isSnapshot(beforeRaw) ? beforeRaw : {};
  const after: Snapshot = isSnapshot(afterRaw) ? afterRaw : {};
  const changes: Change[] = [];

  for (const f of HOUSEHOLD_FIELDS) {
    if (!(f in before) && !(f in after)) continue;
    const b = norm(before[f]);
    const a = norm(after[f]);
    if (b !== a) changes.push({ kind: 'household', field: f, before: b, after: a });
  }

  if ('bank' in before || 'bank' in after) {
    for (const f of BANK_FIELDS) {
      const b = norm(before.bank?.[f]);
      const a = norm(after.bank?.[f]);
      if (b !== a) changes.push({ kind: 'bank', field: f, before: b, after: a });
    }
  }

  const beforeMembers = new Map((before.members ?? []).map((m) => [m.id, m]));
  const afterMembers = new Map((after.members ?? []).map((m) => [m.id, m]));
  for (const m of after.members ?? []) {
    const old = beforeMembers.get(m.id);
    if (!old) {
      changes.push({ kind: 'memberAdded', member: { id: m.id, name: m.name } });
      continue;
    }
    for (const f of MEMBER_FIELDS) {
      const b = norm(old[f]);
      const a = norm(m[f]);
      if (b !== a) changes.push({ kind: 'member', member: { id: m.id, name: old.name }, field: f, before: b, after: a });
    }
  }
  for (const m of before.members ?? []) {
    if (!afterMembers.has(m.id)) changes.push({ kind: 'memberRemoved', member: { id: m.id, name: m.name } });
  }

  const beforeCats = new Map((before.categories ?? []).map((c) => [c.id, c]));
  const afterCats = new Map((after.categories ?? []).map((c) => [c.id, c]));
  for (const c of after.categories ?? []) {
    const old = beforeCats.get(c.id);
    if (!old) {
      changes.push({ kind: 'categoryAdded', category: c.category, fromDate: c.fromDate, toDate: c.toDate });
      continue;
    }
    for (const f of CATEGORY_FIELDS) {
      const b = norm(old[f]);
      const a = norm(c[f]);
      if (b !== a) changes.push({ kind: 'categoryChanged', category: old.category, fromDate: old.fromDate, field: f, before: b, after: a });
    }
  }
  for (const c of before.categories ?? []) {
    if (!afterCats.has(c.id)) changes.push({ kind: 'categoryRemoved', category: c.category, fromDate: c.fromDate });
  }

  // Keys the registry does not write (another capability's entry): shown as they are.
  const known = new Set<string>([...HOUSEHOLD_FIELDS, 'bank', 'members', 'categories']);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (known.has(key)) continue;
    const b = short((before as Record<string, unknown>)[key]);
    const a = short((after as Record<string, unknown>)[key]);
    if (b !== a) changes.push({ kind: 'other', path: key, before: b, after: a });
  }
  return changes;
}

/** Everyone named in either snapshot, to show a person id (head, account holder) by name. */
export function namesIn(...snapshots: unknown[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const s of snapshots) {
    if (!isSnapshot(s)) continue;
    for (const m of s.members ?? []) names.set(m.id, m.name);
  }
  return names;
}
