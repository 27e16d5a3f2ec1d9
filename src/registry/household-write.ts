// Creating and editing a household: database-level rules (village exists and lies in the caller's
// region, a person is in one household at a time, ID numbers unique, optimistic version check), then one
// transaction that writes the household, its members and categories, and the audit entry.
import type { Database, Tx } from '../platform/db';
import { isDatabaseError, UNIQUE_VIOLATION } from '../platform/db';
import type { Caller } from '../platform/http/request-context';
import { regionInScope } from '../platform/auth/scope';
import { appendAudit } from '../platform/audit';
import { fieldError, validationFailed, versionConflict, type FieldError } from '../platform/errors';
import type { HouseholdInput, HouseholdPatch, MemberInput } from './household-input';
import { validateHousehold, type NormalisedMember } from './household-rules';
import { auditSnapshot, findHouseholdInScope, readHousehold, type HouseholdView } from './household-view';

interface VillageRow {
  code: string;
  level: number;
  city_code: string;
  county_code: string;
  township_code: string;
}

async function checkVillage(tx: Tx, caller: Caller, code: string, errors: FieldError[]): Promise<VillageRow | null> {
  const r = await tx.query<VillageRow>('select code, level, city_code, county_code, township_code from regions where code = $1', [code]);
  const v = r.rows[0];
  if (!v || v.level !== 5) {
    errors.push(fieldError('villageCode', 'VILLAGE_UNKNOWN', `村(社区)代码不存在：${code}`, `No such village or community: ${code}`));
    return null;
  }
  if (!regionInScope(caller.scope, v)) {
    errors.push(fieldError('villageCode', 'VILLAGE_OUT_OF_SCOPE', '该村(社区)不在您的管辖范围内', 'This village is outside your region'));
    return null;
  }
  return v;
}

interface StoredPerson {
  id: number;
  id_number: string;
  household_id: number | null;
}

/** Resolves each submitted member to a stored person (or a new one) and checks membership rules. */
async function resolveMembers(tx: Tx, householdId: number | null, members: NormalisedMember[], errors: FieldError[]) {
  const numbers = members.map((m) => m.idNumber).filter((x): x is string => !!x);
  const ids = members.map((m) => m.id).filter((x): x is number => x !== undefined);
  const byNumber = new Map<string, StoredPerson>();
  const byId = new Map<number, StoredPerson>();
  if (numbers.length || ids.length) {
    const r = await tx.query<StoredPerson>(
      'select id, id_number, household_id from persons where id_number = any($1::text[]) or id = any($2::bigint[]) for update',
      [numbers, ids],
    );
    for (const p of r.rows) {
      byNumber.set(p.id_number, p);
      byId.set(p.id, p);
    }
  }
  return members.map((m, i) => {
    let person: StoredPerson | undefined;
    if (m.id !== undefined) {
      person = byId.get(m.id);
      if (!person || householdId === null || person.household_id !== householdId) {
        errors.push(fieldError(`members[${i}].id`, 'NOT_MEMBER', '该成员不属于本户', 'This member does not belong to the household'));
        return null;
      }
      if (m.idNumber && m.idNumber !== person.id_number) {
        const other = byNumber.get(m.idNumber);
        if (other && other.id !== person.id) {
          errors.push(fieldError(`members[${i}].idNumber`, 'ID_TAKEN', '该身份证号码已登记为另一人', 'This ID number is registered to another person'));
        }
      }
      return person;
    }
    person = m.idNumber ? byNumber.get(m.idNumber) : undefined;
    if (person && person.household_id !== null && person.household_id !== householdId) {
      errors.push(fieldError(`members[${i}].idNumber`, 'IN_OTHER_HOUSEHOLD', '此人已是其他家庭的成员，须先从原家庭移出', 'This person is already a member of another household'));
      return null;
    }
    return person ?? null;
  });
}

const PERSON_COLUMNS = `name, sex, birth_date, relation, disability_kind, disability_grade, serious_illness, labour_capacity, employment, school_stage`;

function personValues(m: NormalisedMember) {
  return [m.name, m.sex, m.birthDate, m.relation, m.disabilityKind, m.disabilityGrade, m.seriousIllness, m.labourCapacity, m.employment, m.schoolStage];
}

async function writeMembers(tx: Tx, householdId: number, members: NormalisedMember[], stored: (StoredPerson | null)[]): Promise<number[]> {
  const personIds: number[] = [];
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    const p = stored[i];
    if (p) {
      // Stored members keep what the caller left out (ID number, phone, sex and birth date come from the number).
      await tx.query(
        `update persons set name = $2, relation = $3, disability_kind = $4, disability_grade = $5, serious_illness = $6,
           labour_capacity = $7, employment = $8, school_stage = $9, household_id = $10,
           id_number = coalesce($11, id_number), sex = coalesce($12, sex), birth_date = coalesce($13::date, birth_date),
           phone = case when $14::boolean then $15 else phone end, updated_at = now()
         where id = $1`,
        [p.id, m.name, m.relation, m.disabilityKind, m.disabilityGrade, m.seriousIllness, m.labourCapacity, m.employment, m.schoolStage,
          householdId, m.idNumber ?? null, m.idNumber ? m.sex : null, m.idNumber ? m.birthDate : null, m.phone !== undefined, m.phone ?? null],
      );
      personIds.push(p.id);
    } else {
      const r = await tx.query<{ id: number }>(
        `insert into persons (id_number, ${PERSON_COLUMNS}, phone, household_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
        [m.idNumber, ...personValues(m), m.phone ?? null, householdId],
      );
      personIds.push(r.rows[0].id);
    }
  }
  // Members left out of the list leave the household; their person record and history stay.
  await tx.query(
    `update persons set household_id = null, relation = null, updated_at = now() where household_id = $1 and not (id = any($2::bigint[]))`,
    [householdId, personIds],
  );
  return personIds;
}

async function writeCategories(tx: Tx, caller: Caller, householdId: number, input: HouseholdInput, errors: FieldError[]) {
  for (const [i, c] of (input.categories ?? []).entries()) {
    if (c.id !== undefined) {
      const r = await tx.query('update household_categories set to_date = $3, reason = coalesce($4, reason) where id = $1 and household_id = $2',
        [c.id, householdId, c.toDate ?? null, c.reason ?? null]);
      if (r.rowCount === 0) errors.push(fieldError(`categories[${i}].id`, 'NOT_FOUND', '该类别记录不属于本户', 'This category record does not belong to the household'));
    } else {
      await tx.query('insert into household_categories (household_id, category, from_date, to_date, reason, created_by) values ($1, $2, $3, $4, $5, $6)',
        [householdId, c.category, c.fromDate, c.toDate ?? null, c.reason ?? '', caller.user.id]);
    }
  }
}

function translateUnique(e: unknown): never {
  if (isDatabaseError(e, UNIQUE_VIOLATION) && /id_number/.test(e.constraint ?? e.message)) {
    throw validationFailed([fieldError('members', 'ID_TAKEN', '身份证号码已被登记', 'An ID number is already registered')]);
  }
  throw e;
}

export async function createHousehold(db: Database, caller: Caller, input: HouseholdInput, today: string): Promise<HouseholdView> {
  const { errors, members } = validateHousehold(input, today);
  if (errors.length) throw validationFailed(errors);
  return db.transaction(async (tx) => {
    const village = await checkVillage(tx, caller, input.villageCode, errors);
    const stored = await resolveMembers(tx, null, members, errors);
    if (errors.length || !village) throw validationFailed(errors);
    const h = await tx.query<{ id: number }>(
      `insert into households (area_type, village_code, township_code, county_code, city_code, address, bank_name, bank_account)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [input.areaType, village.code, village.township_code, village.county_code, village.city_code, input.address.trim(),
        input.bank?.bankName ?? null, input.bank?.accountNo?.replace(/\s/g, '') ?? null],
    );
    const id = h.rows[0].id;
    const personIds = await writeMembers(tx, id, members, stored).catch(translateUnique);
    await writeCategories(tx, caller, id, input, errors);
    if (errors.length) throw validationFailed(errors);
    await tx.query('update households set head_person_id = $2, bank_holder_person_id = $3 where id = $1', [
      id, personIds[members.findIndex((m) => m.relation === 'head')], input.bank ? personIds[input.bank.holderMemberIndex] : null,
    ]);
    const view = await readHousehold(tx, caller.scope, id, today);
    await appendAudit(tx, caller.actor, { action: 'household.create', entity: 'household', entityId: id, regionCode: village.code, after: auditSnapshot(view) });
    return view;
  });
}

/** The stored household as input, so that a patch can be applied and the whole checked again. */
function asInput(view: HouseholdView): HouseholdInput {
  return {
    areaType: view.areaType,
    villageCode: view.villageCode,
    address: view.address,
    members: view.members.map((m): MemberInput => ({
      id: m.id, name: m.name, relation: m.relation ?? 'other', disabilityKind: m.disabilityKind, disabilityGrade: m.disabilityGrade,
      seriousIllness: m.seriousIllness, labourCapacity: m.labourCapacity, employment: m.employment, schoolStage: m.schoolStage,
    })),
    bank: null,
    categories: [],
  };
}

export async function updateHousehold(db: Database, caller: Caller, id: number, patch: HouseholdPatch, today: string): Promise<HouseholdView> {
  return db.transaction(async (tx) => {
    const row = await findHouseholdInScope(tx, caller.scope, id, true);
    if (row.version !== patch.version) throw versionConflict();
    const before = await readHousehold(tx, caller.scope, id, today);
    const base = asInput(before);
    const input: HouseholdInput = {
      areaType: patch.areaType ?? base.areaType,
      villageCode: patch.villageCode ?? base.villageCode,
      address: patch.address ?? base.address,
      members: patch.members ?? base.members,
      bank: patch.bank === undefined ? null : patch.bank,
      categories: patch.categories ?? [],
    };
    const { errors, members } = validateHousehold(input, today);
    if (errors.length) throw validationFailed(errors);
    const village = await checkVillage(tx, caller, input.villageCode, errors);
    const stored = await resolveMembers(tx, id, members, errors);
    if (errors.length || !village) throw validationFailed(errors);
    const personIds = await writeMembers(tx, id, members, stored).catch(translateUnique);
    await writeCategories(tx, caller, id, input, errors);
    if (errors.length) throw validationFailed(errors);
    const bankChanged = patch.bank !== undefined;
    const holder = patch.bank ? personIds[patch.bank.holderMemberIndex] : null;
    // The account must stay a member's own: a holder who left the household takes the account with him.
    const keepHolder = row.bank_holder_person_id !== null && personIds.includes(row.bank_holder_person_id);
    const updated = await tx.query(
      `update households set area_type = $3, village_code = $4, township_code = $5, county_code = $6, city_code = $7, address = $8,
         head_person_id = $9,
         bank_name = case when $10::boolean then $11 when $14::boolean then bank_name else null end,
         bank_account = case when $10::boolean then coalesce($12, bank_account) when $14::boolean then bank_account else null end,
         bank_holder_person_id = case when $10::boolean then $13 when $14::boolean then bank_holder_person_id else null end,
         version = version + 1, updated_at = now()
       where id = $1 and version = $2`,
      [id, patch.version, input.areaType, village.code, village.township_code, village.county_code, village.city_code, input.address.trim(),
        personIds[members.findIndex((m) => m.relation === 'head')], bankChanged, patch.bank?.bankName ?? null,
        patch.bank?.accountNo?.replace(/\s/g, '') ?? null, holder, keepHolder],
    );
    if (updated.rowCount === 0) throw versionConflict();
    const after = await readHousehold(tx, caller.scope, id, today);
    await appendAudit(tx, caller.actor, {
      action: 'household.update', entity: 'household', entityId: id, regionCode: village.code,
      before: auditSnapshot(before), after: auditSnapshot(after),
    });
    return after;
  });
}
