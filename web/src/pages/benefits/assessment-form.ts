// The assessment form ↔ the request of POST /households/{id}/assessment. The form edits what a caseworker
// checks most (incomes, assets, who is excluded, the 特困 self-care activities and supporters); expenses,
// rigid expenses and other member facts stored earlier are sent back as they are, so an assessment from the
// form never silently drops them. Amounts are typed in yuan and sent in fen; member references are person ids.
import type { AssessmentRequest } from '../../api/benefits';
import type { HouseholdFacts, MemberFacts } from '../../../../src/benefits/store/subjects';
import type { AssetKind, IncomeKind, SelfCareActivity, VehicleKind } from '../../../../src/benefits/kinds';
import type { MemberExclusion } from '../../../../src/benefits/assessment/types';
import { fenToYuanInput, yuanToFen } from '../../format/money-input';
import type { FormProblem } from './policy-form';

export interface IncomeRow {
  personId?: number | null;
  kind: IncomeKind;
  period: 'monthly' | 'annual';
  amount: string;
  note?: string;
}

export interface AssetRow {
  personId?: number | null;
  kind: AssetKind;
  value: string;
  vehicleKind?: VehicleKind | null;
}

export interface MemberRow {
  personId: number;
  exclusion?: MemberExclusion | null;
  unmetSelfCareActivities?: SelfCareActivity[];
  /** 特困: checked = the person has no legal supporter (supporters: []); unchecked keeps what is stored. */
  noSupporters?: boolean;
}

export interface AssessmentFormValues {
  date: string;
  incomes: IncomeRow[];
  assets: AssetRow[];
  members: MemberRow[];
  incomeVaries: boolean;
  save: boolean;
}

const id = (ref: string | undefined) => (ref === undefined ? null : Number(ref));

/** The form for the household's members, filled from its stored facts when there are any. */
export function formFromFacts(facts: HouseholdFacts | null, memberIds: number[], date: string): AssessmentFormValues {
  const f = facts;
  return {
    date,
    incomes: (f?.incomes ?? []).map((x) => ({
      personId: id(x.memberId), kind: x.kind,
      period: x.annualFen !== undefined ? 'annual' : 'monthly',
      amount: fenToYuanInput(x.annualFen ?? x.monthlyFen ?? 0),
      ...(x.note ? { note: x.note } : {}),
    })),
    assets: (f?.assets ?? []).map((x) => ({ personId: id(x.ownerId), kind: x.kind, value: fenToYuanInput(x.valueFen), vehicleKind: x.vehicleKind ?? null })),
    members: memberIds.map((personId) => {
      const m = f?.members[String(personId)];
      return {
        personId,
        exclusion: m?.exclusion ?? null,
        unmetSelfCareActivities: m?.unmetSelfCareActivities ?? [],
        noSupporters: Array.isArray(m?.supporters) && m.supporters.length === 0,
      };
    }),
    incomeVaries: f?.incomeVaries ?? false,
    save: false,
  };
}

const ref = (personId: number | null | undefined) => (personId ? { personId } : {});

/** The request for the form's facts, or the amounts that are not yuan (nothing is sent then). */
export function assessmentRequest(values: AssessmentFormValues, stored: HouseholdFacts | null): { body: AssessmentRequest } | { problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const money = (name: (string | number)[], text: string) => {
    const fen = yuanToFen(text);
    if (fen === null) problems.push({ name, key: 'benefits.policy.yuanInvalid' });
    return fen ?? 0;
  };
  const incomes = values.incomes.map((x, i) => {
    const fen = money(['incomes', i, 'amount'], x.amount);
    return { ...ref(x.personId), kind: x.kind, ...(x.period === 'annual' ? { annualFen: fen } : { monthlyFen: fen }), ...(x.note ? { note: x.note } : {}) };
  });
  const assets = values.assets.map((x, i) => ({
    ...ref(x.personId), kind: x.kind, valueFen: money(['assets', i, 'value'], x.value), ...(x.kind === 'vehicle' && x.vehicleKind ? { vehicleKind: x.vehicleKind } : {}),
  }));
  const members = values.members.map((row) => {
    const kept: MemberFacts = { ...(stored?.members[String(row.personId)] ?? {}) };
    delete kept.exclusion;
    delete kept.unmetSelfCareActivities;
    if (row.noSupporters) kept.supporters = [];
    else if (kept.supporters?.length === 0) delete kept.supporters;
    return {
      personId: row.personId,
      ...kept,
      ...(row.exclusion ? { exclusion: row.exclusion } : {}),
      ...(row.unmetSelfCareActivities?.length ? { unmetSelfCareActivities: row.unmetSelfCareActivities } : {}),
    };
  }).filter((m) => Object.keys(m).length > 1);
  if (problems.length) return { problems };
  const body: AssessmentRequest = {
    date: values.date,
    incomes,
    assets,
    members,
    expenses: (stored?.expenses ?? []).map((x) => ({ ...ref(id(x.memberId)), kind: x.kind, ...(x.monthlyFen !== undefined ? { monthlyFen: x.monthlyFen } : {}), ...(x.annualFen !== undefined ? { annualFen: x.annualFen } : {}), ...(x.note ? { note: x.note } : {}) })),
    rigidExpenses: (stored?.rigidExpenses12m ?? []).map((x) => ({ ...ref(id(x.memberId)), kind: x.kind, amountFen: x.amountFen, ...(x.note ? { note: x.note } : {}) })),
    incomeVaries: values.incomeVaries,
    ...(values.save ? { save: true } : {}),
  };
  return { body };
}
