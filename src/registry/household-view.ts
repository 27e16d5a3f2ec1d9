// Reading one household as the caller may see it: members with masked ID numbers and phones, categories
// with their history, the region path. Outside the caller's scope the household does not exist.
import type { Database, Tx } from '../platform/db';
import { householdScopeCondition, type Scope } from '../platform/auth/scope';
import { notFound } from '../platform/errors';
import { maskBankAccount, maskIdNumber, maskPhone } from './masking';

export interface MemberView {
  id: number;
  idNumberMasked: string;
  name: string;
  sex: string;
  birthDate: string;
  relation: string | null;
  disabilityKind: string | null;
  disabilityGrade: number | null;
  seriousIllness: string | null;
  labourCapacity: string;
  employment: string | null;
  schoolStage: string | null;
  phoneMasked: string | null;
  diedOn: string | null;
}

export interface CategoryView {
  id: number;
  category: string;
  fromDate: string;
  toDate: string | null;
  reason: string;
  current: boolean;
}

export interface HouseholdView {
  id: number;
  version: number;
  areaType: string;
  villageCode: string;
  regionPath: { code: string; name: string; level: number }[];
  address: string;
  headPersonId: number | null;
  bank: { bankName: string; accountNoMasked: string; holderPersonId: number | null } | null;
  members: MemberView[];
  categories: CategoryView[];
  updatedAt: string;
}

type Queryable = Pick<Database, 'query'> | Tx;

export interface HouseholdRow {
  id: number;
  version: number;
  area_type: string;
  village_code: string;
  township_code: string;
  county_code: string;
  city_code: string;
  address: string;
  head_person_id: number | null;
  bank_name: string | null;
  bank_account: string | null;
  bank_holder_person_id: number | null;
  updated_at: Date;
}

export async function findHouseholdInScope(q: Queryable, scope: Scope, id: number, forUpdate = false): Promise<HouseholdRow> {
  const params: unknown[] = [id];
  const cond = householdScopeCondition(scope, 'h', params);
  const r = await q.query<HouseholdRow>(`select h.* from households h where h.id = $1 and ${cond}${forUpdate ? ' for update' : ''}`, params);
  if (!r.rows[0]) throw notFound('家庭', 'Household');
  return r.rows[0];
}

export async function readHousehold(q: Queryable, scope: Scope, id: number, today: string): Promise<HouseholdView> {
  const h = await findHouseholdInScope(q, scope, id);
  // One after another: inside a transaction all three share one session.
  const members = await q.query<Record<string, any>>('select * from persons where household_id = $1 order by (relation = \'head\') desc, birth_date, id', [id]);
  const categories = await q.query<Record<string, any>>('select * from household_categories where household_id = $1 order by from_date desc, id desc', [id]);
  const path = await q.query<{ code: string; name: string; level: number }>(
    `select a.code, a.name, a.level from regions v join regions a on a.code in (v.city_code, v.county_code, v.township_code, v.code)
     where v.code = $1 order by a.level`, [h.village_code]);
  return {
    id: h.id,
    version: h.version,
    areaType: h.area_type,
    villageCode: h.village_code,
    regionPath: path.rows,
    address: h.address,
    headPersonId: h.head_person_id,
    bank: h.bank_name ? { bankName: h.bank_name, accountNoMasked: maskBankAccount(h.bank_account ?? ''), holderPersonId: h.bank_holder_person_id } : null,
    members: members.rows.map((p) => ({
      id: p.id, idNumberMasked: maskIdNumber(p.id_number), name: p.name, sex: p.sex, birthDate: p.birth_date, relation: p.relation,
      disabilityKind: p.disability_kind, disabilityGrade: p.disability_grade, seriousIllness: p.serious_illness,
      labourCapacity: p.labour_capacity, employment: p.employment, schoolStage: p.school_stage,
      phoneMasked: p.phone ? maskPhone(p.phone) : null, diedOn: p.died_on,
    })),
    categories: categories.rows.map((c) => ({
      id: c.id, category: c.category, fromDate: c.from_date, toDate: c.to_date, reason: c.reason,
      current: c.from_date <= today && (c.to_date === null || c.to_date >= today),
    })),
    updatedAt: new Date(h.updated_at).toISOString(),
  };
}

/** What the audit trail keeps of a household: everything, with ID numbers, phones and accounts masked. */
export function auditSnapshot(view: HouseholdView) {
  return {
    areaType: view.areaType, villageCode: view.villageCode, address: view.address, headPersonId: view.headPersonId,
    bank: view.bank, members: view.members, categories: view.categories.map(({ current: _c, ...c }) => c),
  };
}
