// The benefits API (src/benefits/routes/benefits-routes.ts): policy versions, assessments with their
// explanations, awards, proposed changes, re-checks, statistics, payment rolls and the policy simulation.
// Types come from the server's own functions and interfaces (import type: no server code enters the bundle).
// The TypeBox schemas' Static types are used only for bodies without lit() unions (those come out as never).
import type { Static } from 'typebox';
import type { benefitsVocabulary } from '../../../src/benefits/routes/benefits-routes';
import type { EndAwardBody, RecordRecheckBody, RecoveryBody } from '../../../src/benefits/routes/schemas';
import type { AssessmentRequest, assessStoredHousehold } from '../../../src/benefits/store/assessment-service';
import type { AwardView, householdBenefits, listAwards } from '../../../src/benefits/store/awards';
import type { NewPolicyInput, policyView } from '../../../src/benefits/store/policy-store';
import type { Step } from '../../../src/benefits/explanation';
import type { ConfirmResult, RecalcSummary, listChanges, rejectChanges } from '../../../src/benefits/dynamic/recalc';
import type { recordRecheck } from '../../../src/benefits/dynamic/rechecks';
import type { confirmRecovery } from '../../../src/benefits/dynamic/graduated-exit';
import type { benefitStats } from '../../../src/benefits/dynamic/stats';
import type { RollResult, RollView, listRollLines, reconcileRoll } from '../../../src/benefits/payments/payment-roll';
import type { SimulationInput, simulateStandard } from '../../../src/benefits/simulation/simulate';
import type { Programme } from '../../../src/benefits/store/common';
import { apiRequest } from './client';

export type { AssessmentRequest, AwardView, ConfirmResult, RecalcSummary, RollResult, RollView, Step, Programme };

export type BenefitsVocabulary = ReturnType<typeof benefitsVocabulary>;
export type Assessment = Awaited<ReturnType<typeof assessStoredHousehold>>;
export type HouseholdBenefits = Awaited<ReturnType<typeof householdBenefits>>;
export type AwardPage = Awaited<ReturnType<typeof listAwards>>;
/** GET /policies adds to each version the number of awards decided with it. */
export type PolicyVersionView = ReturnType<typeof policyView> & { awards: number };
export type NewPolicyVersion = NewPolicyInput;
export type PolicyInForce = { date: string; countyCode: string; areaType: string; chain: string[]; policy: ReturnType<typeof policyView> };
export type SimulationRequest = SimulationInput;
export type Simulation = Awaited<ReturnType<typeof simulateStandard>>;
export type ChangePage = Awaited<ReturnType<typeof listChanges>>;
export type BenefitChange = ChangePage['items'][number];
export type RejectResult = Awaited<ReturnType<typeof rejectChanges>>;
export type BenefitStats = Awaited<ReturnType<typeof benefitStats>>;
export type RollLinePage = Awaited<ReturnType<typeof listRollLines>>;
export type RollLine = RollLinePage['items'][number];
export type Reconciliation = Awaited<ReturnType<typeof reconcileRoll>>;
/** POST /households/{id}/rechecks: `{ checkedOn, incomeVaries?, note? }`. */
export type RecheckRequest = Static<typeof RecordRecheckBody>;
/** The schedule after a recorded re-check (null when the household left dynamic management meanwhile). */
export type RecordedRecheck = Awaited<ReturnType<typeof recordRecheck>>;
/** POST /households/{id}/recovery: `{ confirmationMonth, graceMonths?, note? }` (graceMonths absent = the policy's maximum). */
export type RecoveryRequest = Static<typeof RecoveryBody>;
/** The graduated-exit plan: paid months, last paid month, exit month, its steps and the awards it ended. */
export type RecoveryPlan = Awaited<ReturnType<typeof confirmRecovery>>;
/** POST /benefit-awards/{id}/end: `{ endMonth, reason: ineligible|death|other, note, version? }`. */
export type EndAwardRequest = Static<typeof EndAwardBody>;

/**
 * One due re-check of GET /rechecks. listDueRechecks() builds it from untyped rows, so its fields are typed
 * here by what that function puts in them, until the server exports a type of its own.
 */
export interface DueRecheck {
  householdId: number;
  headName: string | null;
  address: string;
  areaType: 'urban' | 'rural';
  villageCode: string;
  townshipCode: string;
  countyCode: string;
  programmes: Programme[];
  lastCheckedOn: string;
  regularDueOn: string;
  nextDueOn: string;
  dueToDeath: boolean;
  intervalMonths: number;
  incomeCategory: string;
  lastDeath: string | null;
  explanation: { steps: Step[]; flags: string[] } | null;
  task: { id: number; status: string | null; dueOn: string | null } | null;
}

export interface DueRecheckPage {
  due: string;
  total: number;
  page: number;
  pageSize: number;
  tasksAvailable: boolean;
  items: DueRecheck[];
}

export interface ChangesQuery {
  status?: 'proposed' | 'confirmed' | 'rejected' | 'superseded';
  month?: string;
  kind?: 'increase' | 'decrease' | 'exit';
  regionCode?: string;
  page?: number;
  pageSize?: number;
}

export interface BankFileOptions {
  format: 'csv' | 'xlsx';
  encoding?: 'utf8' | 'gb18030';
  batch?: number;
}

/** Where a roll's bank file is downloaded: a plain GET with the session cookie, answered as an attachment. */
export function bankFileUrl(rollId: number, options: BankFileOptions): string {
  const q = new URLSearchParams({ format: options.format });
  if (options.format === 'csv' && options.encoding) q.set('encoding', options.encoding);
  if (options.batch) q.set('batch', String(options.batch));
  return `/api/v1/payment-rolls/${rollId}/bank-file?${q}`;
}

export const benefitsApi = {
  vocabulary: (signal?: AbortSignal) => apiRequest<BenefitsVocabulary>('GET', '/benefits/vocabulary', { signal }),

  policies: (query: { regionCode?: string; areaType?: string }, signal?: AbortSignal) =>
    apiRequest<PolicyVersionView[]>('GET', '/policies', { query, signal }),
  policyInForce: (query: { countyCode: string; areaType: 'urban' | 'rural'; date?: string }, signal?: AbortSignal) =>
    apiRequest<PolicyInForce>('GET', '/policies/in-force', { query, signal }),
  createPolicy: (body: NewPolicyVersion) => apiRequest<ReturnType<typeof policyView>>('POST', '/policies', { body }),
  simulate: (body: SimulationRequest) => apiRequest<Simulation>('POST', '/policies/simulate', { body }),

  assess: (householdId: number, body: AssessmentRequest) => apiRequest<Assessment>('POST', `/households/${householdId}/assessment`, { body }),
  householdBenefits: (householdId: number, signal?: AbortSignal) => apiRequest<HouseholdBenefits>('GET', `/households/${householdId}/benefits`, { signal }),
  /** A decision on the household's stored facts: the amount is the one the rules compute. */
  decide: (householdId: number, body: { programme: Programme; personId?: number; decidedOn?: string }) =>
    apiRequest<AwardView>('POST', `/households/${householdId}/benefit-awards`, { body }),

  recalculate: (body: { month: string; countyCode?: string }) => apiRequest<RecalcSummary>('POST', '/benefit-changes/recalculate', { body }),
  changes: (query: ChangesQuery, signal?: AbortSignal) => apiRequest<ChangePage>('GET', '/benefit-changes', { query, signal }),
  confirmChanges: (ids: number[], note?: string) => apiRequest<ConfirmResult>('POST', '/benefit-changes/confirm', { body: { ids, note } }),
  rejectChanges: (ids: number[], note: string) => apiRequest<RejectResult>('POST', '/benefit-changes/reject', { body: { ids, note } }),

  /** A re-check done (benefits.assess): the schedule restarts from `checkedOn`. */
  recordRecheck: (householdId: number, body: RecheckRequest) => apiRequest<RecordedRecheck>('POST', `/households/${householdId}/rechecks`, { body }),
  /** 渐退 (benefits.decide): ends every open 低保 / 单人保 award of the household after the grace months. */
  confirmRecovery: (householdId: number, body: RecoveryRequest) => apiRequest<RecoveryPlan>('POST', `/households/${householdId}/recovery`, { body }),
  /** Ends one award by hand (benefits.decide), with the version the page saw: 409 when someone acted first. */
  endAward: (awardId: number, body: EndAwardRequest) => apiRequest<AwardView>('POST', `/benefit-awards/${awardId}/end`, { body }),

  rechecks: (query: { due?: string; regionCode?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    apiRequest<DueRecheckPage>('GET', '/rechecks', { query, signal }),
  recheckTasks: (body: { due: string; countyCode?: string }) =>
    apiRequest<{ created: number; tasksAvailable?: boolean; message?: string }>('POST', '/rechecks/tasks', { body }),
  stats: (query: { region?: string; from: string; to: string; programme?: Programme }, signal?: AbortSignal) =>
    apiRequest<BenefitStats>('GET', '/benefits/stats', { query, signal }),

  rolls: (query: { countyCode?: string; month?: string }, signal?: AbortSignal) => apiRequest<RollView[]>('GET', '/payment-rolls', { query, signal }),
  createRoll: (body: { countyCode: string; month: string }) => apiRequest<RollResult>('POST', '/payment-rolls', { body }),
  roll: (id: number, signal?: AbortSignal) => apiRequest<RollView>('GET', `/payment-rolls/${id}`, { signal }),
  rollLines: (id: number, query: { status?: RollLine['status']; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    apiRequest<RollLinePage>('GET', `/payment-rolls/${id}/lines`, { query, signal }),
  reconciliation: (id: number, signal?: AbortSignal) => apiRequest<Reconciliation>('GET', `/payment-rolls/${id}/reconciliation`, { signal }),
  reviewLine: (rollId: number, lineId: number, body: { decision: 'release' | 'cancel'; note: string }) =>
    apiRequest<RollLine>('POST', `/payment-rolls/${rollId}/lines/${lineId}/review`, { body }),
};
