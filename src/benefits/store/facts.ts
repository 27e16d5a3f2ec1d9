// The facts a household is assessed on (incomes, expenses, assets, rigid expenses, per-member facts): from
// an API request (members named by person id, checked against the household) to the stored form, and
// saved as the household's current facts with an audit entry. The registry holds no income, so these are
// what the monthly recalculation and the policy simulation start from.
import type { Tx } from '../../platform/db';
import { appendAudit } from '../../platform/audit';
import { fieldError, type FieldError } from '../../platform/errors';
import type { AssetItem, ExpenseItem, IncomeItem, RigidExpenseItem, Supporter } from '../assessment/types';
import type { AssetKind, DeductibleExpenseKind, IncomeKind, RigidExpenseKind, SelfCareActivity, VehicleKind } from '../kinds';
import type { MemberExclusion } from '../assessment/types';
import type { BenefitsCaller } from './common';
import type { HouseholdFacts, MemberFacts } from './subjects';

export interface FactsRequest {
  incomes?: { personId?: number; kind: IncomeKind; monthlyFen?: number; annualFen?: number; note?: string }[];
  expenses?: { personId?: number; kind: DeductibleExpenseKind; monthlyFen?: number; annualFen?: number; note?: string }[];
  assets?: { personId?: number; kind: AssetKind; valueFen: number; vehicleKind?: VehicleKind; note?: string }[];
  rigidExpenses?: { personId?: number; kind: RigidExpenseKind; amountFen: number; note?: string }[];
  members?: ({ personId: number } & Omit<MemberFacts, 'supporters' | 'unmetSelfCareActivities' | 'exclusion'> & {
    exclusion?: MemberExclusion;
    unmetSelfCareActivities?: SelfCareActivity[];
    supporters?: Supporter[];
  })[];
  incomeVaries?: boolean;
}

/** Request → stored facts, with a field error for every reference to someone outside the household. */
export function factsFromRequest(body: FactsRequest, memberIds: ReadonlySet<number>): { facts: HouseholdFacts; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const ref = (list: string, i: number, personId: number | undefined): string | undefined => {
    if (personId === undefined) return undefined;
    if (!memberIds.has(personId)) {
      errors.push(fieldError(`${list}[${i}].personId`, 'NOT_MEMBER', '该人员不是本户家庭成员', 'This person is not a member of the household'));
    }
    return String(personId);
  };
  const oneOf = (list: string, i: number, x: { monthlyFen?: number; annualFen?: number }) => {
    if ((x.monthlyFen === undefined) === (x.annualFen === undefined)) {
      errors.push(fieldError(`${list}[${i}]`, 'MONTHLY_OR_ANNUAL', '请填写月收入或年收入中的一项（单位：分）', 'Give exactly one of monthlyFen or annualFen'));
    }
  };
  const note = (n: string | undefined) => (n ? { note: n } : {});
  const incomes: IncomeItem[] = (body.incomes ?? []).map((x, i) => {
    oneOf('incomes', i, x);
    const memberId = ref('incomes', i, x.personId);
    return { ...(memberId ? { memberId } : {}), kind: x.kind, ...(x.monthlyFen !== undefined ? { monthlyFen: x.monthlyFen } : {}), ...(x.annualFen !== undefined ? { annualFen: x.annualFen } : {}), ...note(x.note) };
  });
  const expenses: ExpenseItem[] = (body.expenses ?? []).map((x, i) => {
    oneOf('expenses', i, x);
    const memberId = ref('expenses', i, x.personId);
    return { ...(memberId ? { memberId } : {}), kind: x.kind, ...(x.monthlyFen !== undefined ? { monthlyFen: x.monthlyFen } : {}), ...(x.annualFen !== undefined ? { annualFen: x.annualFen } : {}), ...note(x.note) };
  });
  const assets: AssetItem[] = (body.assets ?? []).map((x, i) => {
    const ownerId = ref('assets', i, x.personId);
    return { ...(ownerId ? { ownerId } : {}), kind: x.kind, valueFen: x.valueFen, ...(x.vehicleKind ? { vehicleKind: x.vehicleKind } : {}), ...note(x.note) };
  });
  const rigidExpenses12m: RigidExpenseItem[] = (body.rigidExpenses ?? []).map((x, i) => {
    const memberId = ref('rigidExpenses', i, x.personId);
    return { ...(memberId ? { memberId } : {}), kind: x.kind, amountFen: x.amountFen, ...note(x.note) };
  });
  const members: Record<string, MemberFacts> = {};
  (body.members ?? []).forEach((m, i) => {
    ref('members', i, m.personId);
    const { personId, ...rest } = m;
    if (members[String(personId)]) errors.push(fieldError(`members[${i}].personId`, 'DUPLICATE', '同一成员只能填写一次', 'A member may appear only once'));
    members[String(personId)] = rest;
  });
  return {
    facts: { incomes, expenses, assets, rigidExpenses12m, members, ...(body.incomeVaries !== undefined ? { incomeVaries: body.incomeVaries } : {}) },
    errors,
  };
}

/** Replaces the household's current facts; the audit entry keeps what they were before. */
export async function saveFacts(tx: Tx, caller: BenefitsCaller, householdId: number, regionCode: string, facts: HouseholdFacts, asOf: string, source: 'assessment' | 'casework' | 'demoModel'): Promise<number> {
  const before = await tx.query<{ as_of: string; source: string; version: number; facts: HouseholdFacts }>(
    'select as_of, source, version, facts from benefit_household_facts where household_id = $1 for update', [householdId]);
  const r = await tx.query<{ version: number }>(
    `insert into benefit_household_facts (household_id, as_of, source, facts, updated_by_user_id, updated_by)
     values ($1, $2, $3, $4::jsonb, $5, $6)
     on conflict (household_id) do update set as_of = excluded.as_of, source = excluded.source, facts = excluded.facts,
       version = benefit_household_facts.version + 1, updated_by_user_id = excluded.updated_by_user_id, updated_by = excluded.updated_by, updated_at = now()
     returning version`,
    [householdId, asOf, source, JSON.stringify(facts), caller.actor.userId, caller.actor.name],
  );
  await appendAudit(tx, caller.actor, {
    action: 'benefits.facts.save', entity: 'household', entityId: householdId, regionCode,
    before: before.rows[0] ? { asOf: before.rows[0].as_of, source: before.rows[0].source, facts: before.rows[0].facts } : null,
    after: { asOf, source, facts },
  });
  return r.rows[0].version;
}
