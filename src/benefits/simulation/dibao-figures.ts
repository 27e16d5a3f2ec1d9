// 低保 eligibility and amount without the explanation text, for the policy simulation, which assesses
// every household of a province under two standards. A household's "basis" — counted members, exact
// counted income, financial assets of counted members, whether its vehicles and housing pass — does not
// depend on the standard, only on the counting rules of the version (its rule key). It is computed once
// with the pure rules (assessmentHousehold, countedMonthlyIncome, checkAssets); then each standard is
// applied exactly as assessDibao() applies it (strict comparison, asset limit in months of the standard,
// dibaoAmount for gap or bands, rounding, floor). dibao-figures.test.ts checks both agree.
import { assessmentHousehold } from '../assessment/household';
import { countedMonthlyIncome } from '../assessment/income';
import { checkAssets } from '../assessment/assets';
import { assessDibao, dibaoAmount } from '../assessment/dibao';
import type { Household } from '../assessment/types';
import { FINANCIAL_ASSET_KINDS } from '../kinds';
import { div, fen, fraction, le, lt, mul, sub, type Fraction } from '../money';
import { checkPolicyUse } from '../policy/in-force';
import type { PolicyVersion } from '../policy/types';
import type { AreaType } from '../../registry/vocabulary';

export interface DibaoFigures {
  eligible: boolean;
  amountFen: number;
  countedMembers: number;
}

export interface DibaoBasis {
  countedMembers: number;
  /** Exact counted monthly household income. */
  income: Fraction;
  /** Deposits, securities and insurance cash value of counted members and the household. */
  financialFen: number;
  /** Vehicles and housing beyond need within the version's 低保 limits. */
  otherAssetsOk: boolean;
}

/** What the basis depends on in a version besides the standard: two versions with one key share bases. */
export function basisRuleKey(p: PolicyVersion): string {
  const a = p.params.assetLimits.dibao;
  return JSON.stringify([p.params.exemptIncomeKinds, p.params.deductibleExpenses, p.params.employmentCostDeduction, a.vehicles, a.extraHousingAllowed]);
}

export function computeBasis(household: Household, policy: PolicyVersion, date: string): DibaoBasis {
  const composition = assessmentHousehold(household, date);
  const n = composition.counted.length;
  const income = countedMonthlyIncome(composition, policy).countedMonthly;
  const countedIds = new Set(composition.counted.map((c) => c.member.id));
  const assets = household.assets.filter((a) => a.ownerId === undefined || countedIds.has(a.ownerId));
  const financial = assets.filter((a) => FINANCIAL_ASSET_KINDS.includes(a.kind));
  const financialFen = financial.reduce((s, a) => s + a.valueFen, 0);
  // Without its financial assets, checkAssets judges only vehicles and housing, which the standard does not touch.
  const otherAssetsOk = n === 0 ? true : checkAssets(assets.filter((a) => !FINANCIAL_ASSET_KINDS.includes(a.kind)), n, policy.params.assetLimits.dibao, 1, '低保').within;
  return { countedMembers: n, income, financialFen, otherAssetsOk };
}

/** Eligibility and amount under a version whose rule key is the basis's. */
export function dibaoFromBasis(b: DibaoBasis, policy: PolicyVersion, area: AreaType): DibaoFigures {
  const n = b.countedMembers;
  if (n === 0) return { eligible: false, amountFen: 0, countedMembers: 0 };
  const standardFen = policy.params.dibaoStandard[area];
  if (!lt(div(b.income, n), fen(standardFen))) return { eligible: false, amountFen: 0, countedMembers: n };
  const limit = policy.params.assetLimits.dibao.financialPerPerson;
  const perPerson = limit.mode === 'monthsOfStandard' ? standardFen * limit.months : limit.amountFen;
  if (!b.otherAssetsOk || !le(fen(b.financialFen), mul(fen(perPerson), n))) return { eligible: false, amountFen: 0, countedMembers: n };
  const gap = sub(mul(fen(standardFen), n), b.income);
  return { eligible: true, amountFen: dibaoAmount(gap, n, policy, area, [], []).amountFen, countedMembers: n };
}

export function basisFromRow(r: { counted_members: number; income_num: number | string; income_den: number | string; financial_fen: number | string; other_assets_ok: boolean }): DibaoBasis {
  return { countedMembers: r.counted_members, income: fraction(Number(r.income_num), Number(r.income_den)), financialFen: Number(r.financial_fen), otherAssetsOk: r.other_assets_ok };
}

/** One household under several versions at once (the full rule where their counting rules differ). */
export function dibaoUnderPolicies(household: Household, policies: readonly PolicyVersion[], date: string): DibaoFigures[] {
  if (policies.length === 0) return [];
  const key = basisRuleKey(policies[0]);
  if (policies.some((p) => basisRuleKey(p) !== key)) {
    return policies.map((p) => {
      const r = assessDibao(household, p, date);
      return { eligible: r.eligible, amountFen: r.amountFen, countedMembers: r.countedMembers };
    });
  }
  for (const p of policies) checkPolicyUse(p, household.areaType, date); // the same checks of use as assessDibao
  const basis = computeBasis(household, policies[0], date);
  return policies.map((p) => dibaoFromBasis(basis, p, household.areaType));
}
