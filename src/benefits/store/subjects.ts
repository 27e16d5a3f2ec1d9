// From the registry to the pure rules: a household as stored (members from persons, region, area) and its
// assessed facts (incomes, assets… that the registry does not hold) become the `Household` the
// assessment functions take on a given date. Members who died on or before the date, or were not yet
// born, are left out with a step saying so; facts about people no longer in the household are dropped.
import type { Scope } from '../../platform/auth/scope';
import { householdScopeCondition } from '../../platform/auth/scope';
import { notFound } from '../../platform/errors';
import type { DisabilityGrade, DisabilityKind, LabourCapacity, Relation, SchoolStage } from '../../registry/vocabulary';
import { ageOn } from '../dates';
import { step, type Step } from '../explanation';
import type {
  AssetItem,
  ExpenseItem,
  Household,
  IncomeItem,
  Member,
  MemberExclusion,
  RigidExpenseItem,
  Supporter,
} from '../assessment/types';
import type { SelfCareActivity } from '../kinds';
import type { PolicyVersion } from '../policy/types';
import type { Queryable } from './common';

/** Facts about a member that the registry does not hold (all optional; registry data fills the rest). */
export interface MemberFacts {
  livesTogether?: boolean;
  supportDuty?: boolean;
  fullTimeStudent?: boolean;
  unableToLiveIndependently?: boolean;
  exclusion?: MemberExclusion;
  majorIllnessFullIncapacity?: boolean;
  unmetSelfCareActivities?: SelfCareActivity[];
  /** Policy illness codes; when absent they are derived from the registry's serious illness. */
  illnesses?: string[];
  supporters?: Supporter[];
}

/** What a household was assessed on. Member references (memberId, ownerId, keys) are person ids. */
export interface HouseholdFacts {
  incomes: IncomeItem[];
  expenses: ExpenseItem[];
  assets: AssetItem[];
  rigidExpenses12m: RigidExpenseItem[];
  members: Record<string, MemberFacts>;
  /** 收入来源不固定, for the re-check interval. */
  incomeVaries?: boolean;
}

export const EMPTY_FACTS: HouseholdFacts = { incomes: [], expenses: [], assets: [], rigidExpenses12m: [], members: {} };

export interface HouseholdRow {
  id: number;
  area_type: 'urban' | 'rural';
  village_code: string;
  township_code: string;
  county_code: string;
  city_code: string;
  address: string;
  head_person_id: number | null;
  bank_holder_person_id: number | null;
}

export interface PersonRow {
  id: number;
  household_id: number;
  name: string;
  relation: Relation | null;
  birth_date: string;
  disability_kind: DisabilityKind | null;
  disability_grade: DisabilityGrade | null;
  serious_illness: string | null;
  labour_capacity: LabourCapacity;
  employment: string | null;
  school_stage: SchoolStage | null;
  died_on: string | null;
}

export interface StoredFacts {
  asOf: string;
  source: string;
  version: number;
  facts: HouseholdFacts;
}

export interface Subject {
  household: HouseholdRow;
  members: PersonRow[];
  facts: StoredFacts | null;
}

const HOUSEHOLD_COLUMNS = 'h.id, h.area_type, h.village_code, h.township_code, h.county_code, h.city_code, h.address, h.head_person_id, h.bank_holder_person_id';
const PERSON_COLUMNS = 'p.id, p.household_id, p.name, p.relation, p.birth_date, p.disability_kind, p.disability_grade, p.serious_illness, p.labour_capacity, p.employment, p.school_stage, p.died_on';

function normaliseHousehold(r: HouseholdRow): HouseholdRow {
  return { ...r, id: Number(r.id), head_person_id: r.head_person_id === null ? null : Number(r.head_person_id), bank_holder_person_id: r.bank_holder_person_id === null ? null : Number(r.bank_holder_person_id) };
}

function normalisePerson(p: PersonRow): PersonRow {
  return { ...p, id: Number(p.id), household_id: Number(p.household_id) };
}

/** One household in the caller's scope with its members and stored facts; outside the scope: 404. */
export async function loadSubject(q: Queryable, scope: Scope, householdId: number, forUpdate = false): Promise<Subject> {
  const params: unknown[] = [householdId];
  const cond = householdScopeCondition(scope, 'h', params);
  const h = await q.query<HouseholdRow>(`select ${HOUSEHOLD_COLUMNS} from households h where h.id = $1 and ${cond}${forUpdate ? ' for update' : ''}`, params);
  if (!h.rows[0]) throw notFound('家庭', 'Household');
  const members = await q.query<PersonRow>(`select ${PERSON_COLUMNS} from persons p where p.household_id = $1 order by (p.relation = 'head') desc, p.birth_date, p.id`, [householdId]);
  const facts = await q.query<{ as_of: string; source: string; version: number; facts: HouseholdFacts }>(
    'select as_of, source, version, facts from benefit_household_facts where household_id = $1', [householdId]);
  const f = facts.rows[0];
  return {
    household: normaliseHousehold(h.rows[0]),
    members: members.rows.map(normalisePerson),
    facts: f ? { asOf: f.as_of, source: f.source, version: f.version, facts: f.facts } : null,
  };
}

/**
 * A page of households (id > afterId, in id order) matching `where` (SQL on alias h, parameters from $1),
 * with members and facts: two range queries per page rather than one query per household.
 */
export async function loadSubjectsPage(q: Queryable, where: string, params: unknown[], afterId: number, limit: number): Promise<Subject[]> {
  const p = [...params, afterId, limit];
  const hs = await q.query<HouseholdRow & { f_as_of: string | null; f_source: string | null; f_version: number | null; f_facts: HouseholdFacts | null }>(
    `select ${HOUSEHOLD_COLUMNS}, f.as_of as f_as_of, f.source as f_source, f.version as f_version, f.facts as f_facts
     from households h left join benefit_household_facts f on f.household_id = h.id and f.household_id > $${p.length - 1}
     where (${where}) and h.id > $${p.length - 1} order by h.id limit $${p.length}`, p);
  if (hs.rows.length === 0) return [];
  const ids = hs.rows.map((r) => Number(r.id));
  const ps = await q.query<PersonRow>(`select ${PERSON_COLUMNS} from persons p where p.household_id = any($1::bigint[]) order by p.household_id, (p.relation = 'head') desc, p.birth_date, p.id`, [ids]);
  const byHousehold = new Map<number, PersonRow[]>();
  for (const raw of ps.rows) {
    const person = normalisePerson(raw);
    let list = byHousehold.get(person.household_id);
    if (!list) byHousehold.set(person.household_id, (list = []));
    list.push(person);
  }
  return hs.rows.map((r) => ({
    household: normaliseHousehold(r),
    members: byHousehold.get(Number(r.id)) ?? [],
    facts: r.f_facts ? { asOf: r.f_as_of!, source: r.f_source!, version: r.f_version!, facts: r.f_facts } : null,
  }));
}

/** Streams every matching household in pages; the next page is fetched while the current one is used. */
export async function forEachSubjectPage(
  q: Queryable, where: string, params: unknown[], pageSize: number, fn: (page: Subject[]) => void | Promise<void>,
): Promise<number> {
  let count = 0;
  let next = loadSubjectsPage(q, where, params, 0, pageSize);
  for (;;) {
    const page = await next;
    if (page.length === 0) return count;
    const lastId = page[page.length - 1].household.id;
    next = page.length < pageSize ? Promise.resolve([]) : loadSubjectsPage(q, where, params, lastId, pageSize);
    await fn(page);
    count += page.length;
  }
}

const stripChild = (s: string) => s.replace(/^儿童/, '').replace(/（.*?）|\(.*?\)/g, '');

/**
 * The policy's catastrophic-illness codes for the registry's serious-illness text: matched by name
 * (尿毒症 ↔ 终末期肾病（尿毒症）); a listed children's illness (儿童…) only for a person under 18.
 */
export function illnessCodes(text: string | null, age: number, policy: PolicyVersion): string[] {
  if (!text) return [];
  const t = text.trim();
  return policy.params.singlePersonDibao.catastrophicIllnesses
    .filter((c) => {
      if (c.code === t) return true;
      if (c.zh.startsWith('儿童') && age >= 18) return false;
      const core = stripChild(c.zh);
      const inner = /（(.*?)）/.exec(c.zh)?.[1];
      return c.zh === t || core === t || inner === t || (t.length >= 2 && core.includes(t)) || (core.length >= 2 && t.includes(core));
    })
    .map((c) => c.code);
}

export interface BuiltHousehold {
  household: Household;
  /** Who was left out before the rules ran (died, not yet born) and which facts were dropped. */
  steps: Step[];
  flags: string[];
  /** Living members on the date, by person id. */
  living: PersonRow[];
}

function memberOf(p: PersonRow, f: MemberFacts | undefined, date: string, policy: PolicyVersion): Member {
  const age = ageOn(p.birth_date, date);
  const m: Member = {
    id: String(p.id),
    name: p.name,
    relation: p.relation ?? 'other',
    birthDate: p.birth_date,
    livesTogether: f?.livesTogether ?? true,
    labourCapacity: p.labour_capacity,
    disabilities: p.disability_kind && p.disability_grade ? [{ kind: p.disability_kind, grade: p.disability_grade }] : [],
    illnesses: f?.illnesses ?? illnessCodes(p.serious_illness, age, policy),
  };
  if (p.school_stage) m.schoolStage = p.school_stage;
  const student = f?.fullTimeStudent ?? (p.employment === 'student' || (p.school_stage !== null && p.school_stage !== 'preschool' && age < 25));
  if (student) m.fullTimeStudent = true;
  if (f?.supportDuty !== undefined) m.supportDuty = f.supportDuty;
  if (f?.unableToLiveIndependently !== undefined) m.unableToLiveIndependently = f.unableToLiveIndependently;
  if (f?.exclusion) m.exclusion = f.exclusion;
  if (f?.majorIllnessFullIncapacity !== undefined) m.majorIllnessFullIncapacity = f.majorIllnessFullIncapacity;
  if (f?.unmetSelfCareActivities) m.unmetSelfCareActivities = f.unmetSelfCareActivities;
  if (f?.supporters) m.supporters = f.supporters;
  return m;
}

/** The pure `Household` for the rules on `date`, from the registry rows and the facts. */
export function buildHousehold(subject: Pick<Subject, 'household' | 'members'>, facts: HouseholdFacts, date: string, policy: PolicyVersion): BuiltHousehold {
  const steps: Step[] = [];
  const flags: string[] = [];
  const living: PersonRow[] = [];
  for (const p of subject.members) {
    if (p.died_on && p.died_on <= date) {
      steps.push(step('不计入家庭成员（已死亡）', 'Deceased', `${p.name}已于${p.died_on}死亡（户籍登记），不再计入家庭成员`));
      continue;
    }
    if (p.birth_date > date) {
      steps.push(step('不计入家庭成员（尚未出生）', 'Not yet born', `${p.name}出生于${p.birth_date}，认定日期${date}时尚未出生`));
      continue;
    }
    living.push(p);
  }
  const known = new Set(living.map((p) => String(p.id)));
  const nameOf = (id: string) => subject.members.find((p) => String(p.id) === id)?.name ?? `人员${id}`;
  const keep = <T>(items: readonly T[] | undefined, ref: (t: T) => string | undefined, what: string): T[] =>
    (items ?? []).filter((it) => {
      const id = ref(it);
      if (id === undefined || known.has(id)) return true;
      steps.push(step('不计入（非在世家庭成员）', 'Not a living member', `${nameOf(id)}已不在本户或已死亡，其${what}不计`));
      return false;
    });
  const household: Household = {
    id: String(subject.household.id),
    regionCode: subject.household.county_code,
    areaType: subject.household.area_type,
    members: living.map((p) => memberOf(p, facts.members?.[String(p.id)], date, policy)),
    incomes: keep(facts.incomes, (i) => i.memberId, '收入'),
    expenses: keep(facts.expenses, (i) => i.memberId, '支出'),
    assets: keep(facts.assets, (i) => i.ownerId, '财产'),
    rigidExpenses12m: keep(facts.rigidExpenses12m, (i) => i.memberId, '刚性支出'),
  };
  if (!living.some((p) => p.relation === 'head')) flags.push('户主已死亡或不在本户：请核实由谁作为申请人和户主。');
  return { household, steps, flags, living };
}
