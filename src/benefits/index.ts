// Benefits: policy parameters by region and date, and the pure rules that decide eligibility and
// amounts for 低保, 单人保, 特困, 低保边缘, 刚性支出困难 and 临时救助, with re-checks and graduated exit.
// Every result explains itself step by step and names the policy version used. The pure rules have no
// I/O and no clock; the data layer (policy versions, awards, re-checks, recalculation, payment rolls,
// simulation) is exported at the end of this file for the rest of the house — casework calls awardBenefit.

export type { Fraction, RoundingRule } from './money';
export { ROUNDING_RULES, ROUNDING_RULE_LABELS, fraction, fen, round, yuan, formatFen, displayFen } from './money';
export { ageOn, addMonthsToDate, addMonthsToMonth, isValidDate, isValidMonth } from './dates';
export type { Step, PolicyRef, Explained } from './explanation';
export * from './kinds';
export { ART as POLICY_ARTICLES } from './sources';

export type {
  ByArea,
  PolicyVersion,
  PolicyParameters,
  PolicySource,
  AssetLimits,
  TekunBasicRule,
  TekunBasicSupport,
  FinancialAssetLimit,
  DeductibleExpense,
  EmploymentCostDeduction,
  DibaoBand,
  MoneyLimit,
  TemporaryBand,
} from './policy/types';
export { policyInForce, policyRef, checkPolicyUse } from './policy/in-force';
export { validatePolicyVersion, type FieldError } from './policy/validate';
export { MAX_GRACE_MONTHS, TEKUN_MIN_RATIO_PERMILLE } from './policy/national';
export { SEED_POLICY_VERSIONS, SHANGYOU_COUNTY, GANZHOU_CITY, JIANGXI_PROVINCE } from './policy/seed';

export type {
  Household,
  Member,
  Supporter,
  Disability,
  IncomeItem,
  ExpenseItem,
  AssetItem,
  RigidExpenseItem,
  MemberExclusion,
} from './assessment/types';
export { MEMBER_EXCLUSIONS, MEMBER_EXCLUSION_LABELS } from './assessment/types';
export { assessmentHousehold, type AssessmentHousehold, type CountedMember, type ExcludedMember } from './assessment/household';
export { countedMonthlyIncome, type CountedIncome } from './assessment/income';
export { checkAssets, type AssetCheck } from './assessment/assets';
export { assessDibao, type DibaoAssessment } from './assessment/dibao';
export { assessSinglePersonDibao, type SinglePersonDibaoAssessment } from './assessment/single-person';
export { assessTekun, selfCareLevel, type TekunAssessment, type SelfCareResult } from './assessment/tekun';
export { classifyNearPoor, type NearPoorClassification } from './assessment/near-poor';
export { classifyRigidExpenditure, type RigidExpenditureClassification } from './assessment/rigid-expenditure';
export { temporaryAssistanceAmount, type TemporaryAssistanceAmount } from './assessment/temporary';
export { nextRecheck, gracePeriodPlan, type RecheckSchedule, type RecheckInput, type GracePeriodPlan } from './assessment/recheck';
export { proposeChange, type ProposedChange, type ChangeKind } from './assessment/recalculation';

// --- the data layer (docs/benefits.md "Tables" and "API") ---------------------------------------------
export { awardBenefit, endAward, readAward, listAwards, householdBenefits, type AwardBenefitInput, type AwardView, type EndAwardInput } from './store/awards';
export { systemCaller, PROGRAMMES, PROGRAMME_LABELS, type BenefitsCaller, type Programme } from './store/common';
export { loadPolicyVersions, policyForCounty, createPolicyVersion, seedPolicyVersions, type StoredPolicy } from './store/policy-store';
export { assessStoredHousehold, awardFromStoredFacts } from './store/assessment-service';
export { saveFacts, factsFromRequest } from './store/facts';
export { assessProgramme, assessEverything, type ProgrammeResult } from './store/assess';
export type { HouseholdFacts, MemberFacts } from './store/subjects';
export { refreshRechecks, listDueRechecks, createRecheckTasks, recordRecheck } from './dynamic/rechecks';
export { recalculateMonth, confirmChanges, rejectChanges, listChanges } from './dynamic/recalc';
export { confirmRecovery } from './dynamic/graduated-exit';
export { benefitStats } from './dynamic/stats';
export { createPaymentRoll, readPaymentRoll, reconcileRoll, reviewHeldLine } from './payments/payment-roll';
export { bankFile } from './payments/bank-file';
export { simulateStandard } from './simulation/simulate';
export { seedDemoBenefits } from './demo/seed-demo';
export { benefitsRoutes } from './routes/benefits-routes';
