// 低保 eligibility and monthly amount for a household on a date: per-capita counted income below the
// local standard and assets within the limits; the amount is the gap (standard × counted members −
// counted household income) or the local band amount, rounded by the policy's rule, paid from the
// month after the decision.

import { assessmentHousehold, type AssessmentHousehold } from './household';
import { countedMonthlyIncome, type CountedIncome } from './income';
import { checkAssets } from './assets';
import type { Household } from './types';
import { AREA_TYPE_LABELS } from '../../registry/vocabulary';
import { addMonthsToMonth, monthOf } from '../dates';
import { step, type Explained, type Step } from '../explanation';
import { ROUNDING_RULE_LABELS, displayFen, div, fen, formatFen, le, lt, mul, round, sub, type Fraction } from '../money';
import { checkPolicyUse, policyRef } from '../policy/in-force';
import type { DibaoBand, PolicyVersion } from '../policy/types';
import { ART } from '../sources';

export interface DibaoAssessment extends Explained {
  date: string;
  eligible: boolean;
  /** Why not eligible, in Chinese; empty when eligible. */
  reasons: string[];
  composition: AssessmentHousehold;
  income: CountedIncome;
  countedMembers: number;
  standardFen: number;
  /** Exact per-capita counted income, and its display value. */
  perCapitaIncome: Fraction;
  perCapitaIncomeFen: number;
  assetsWithin: boolean;
  method: 'gap' | 'bands' | null;
  /** Monthly amount in fen; 0 when not eligible. */
  amountFen: number;
  /** First month paid: the month after the decision date; null when not eligible. */
  paymentFromMonth: string | null;
}

function findBand(bands: DibaoBand[], perCapitaGap: Fraction): DibaoBand | undefined {
  return bands.find((b) => le(fen(b.fromGapFen), perCapitaGap) && (b.toGapFen === null || lt(perCapitaGap, fen(b.toGapFen))));
}

/** The amount for an eligible household: gap or band, rounding, floor. Exported for 单人保 reuse. */
export function dibaoAmount(
  gap: Fraction,
  persons: number,
  policy: PolicyVersion,
  area: 'urban' | 'rural',
  steps: Step[],
  flags: string[],
): { amountFen: number; method: 'gap' | 'bands' } {
  const p = policy.params;
  const bands = p.dibaoBands[area];
  let amountFen: number;
  let method: 'gap' | 'bands';
  if (bands) {
    method = 'bands';
    const perCapitaGap = div(gap, persons);
    const band = findBand(bands, perCapitaGap);
    if (!band) throw new RangeError('dibao bands do not cover the gap; validate the policy version');
    amountFen = band.amountPerPersonFen * persons;
    const to = band.toGapFen === null ? '以上' : `至${formatFen(band.toGapFen)}（不含）`;
    steps.push(step('分档计发', 'Banded amount',
      `人均补差${formatFen(perCapitaGap)}落在${formatFen(band.fromGapFen)}${to}档，人均${formatFen(band.amountPerPersonFen)} × ${persons}人 = ${formatFen(amountFen)}`,
      { amountFen, article: ART.dibaoAmount }));
  } else {
    method = 'gap';
    amountFen = round(gap, p.rounding);
    steps.push(step('按差额计发', 'Gap amount',
      `差额${formatFen(gap)}，按“${ROUNDING_RULE_LABELS[p.rounding].zh}”取整为${formatFen(amountFen)}`,
      { amountFen, article: ART.dibaoAmount }));
  }
  const floor = p.dibaoMinimumAmountFen[area];
  if (floor !== null && amountFen < floor) {
    steps.push(step('保底金额', 'Minimum amount', `计算金额${formatFen(amountFen)}低于当地保底金额${formatFen(floor)}，按保底金额发放`, { amountFen: floor, article: ART.dibaoAmount }));
    amountFen = floor;
  }
  if (amountFen === 0) {
    flags.push('符合低保条件但计算金额为0元（差额不足取整单位）：请按当地政策确定是否有保底金额。');
  }
  return { amountFen, method };
}

export function assessDibao(household: Household, policy: PolicyVersion, date: string): DibaoAssessment {
  const area = household.areaType;
  const flags = checkPolicyUse(policy, area, date);
  const composition = assessmentHousehold(household, date);
  const income = countedMonthlyIncome(composition, policy);
  const steps: Step[] = [...composition.steps, ...income.steps];
  flags.push(...composition.flags);
  const reasons: string[] = [];
  const n = composition.counted.length;
  const standardFen = policy.params.dibaoStandard[area];
  steps.push(step('低保标准', 'Dibao standard',
    `${AREA_TYPE_LABELS[area].zh}低保标准每人每月${formatFen(standardFen)}（${policy.effectiveFrom}起执行，第${policy.version}版）`,
    { amountFen: standardFen, article: ART.dibaoEligibility }));

  const base = { date, composition, income, countedMembers: n, standardFen, policyVersion: policyRef(policy) };
  if (n === 0) {
    reasons.push('没有可计入的共同生活家庭成员');
    steps.push(step('不符合低保条件', 'Not eligible', reasons[0]));
    return { ...base, eligible: false, reasons, perCapitaIncome: fen(0), perCapitaIncomeFen: 0, assetsWithin: false, method: null, amountFen: 0, paymentFromMonth: null, steps, flags };
  }

  const perCapita = div(income.countedMonthly, n);
  // Compare exactly: per-capita income below the standard ⇔ household income < standard × n.
  const incomeOk = lt(perCapita, fen(standardFen));
  steps.push(step('人均收入', 'Per-capita income',
    `家庭月收入${formatFen(income.countedMonthly)} ÷ ${n}人 = ${formatFen(perCapita)}，` +
      (incomeOk ? `低于低保标准${formatFen(standardFen)}` : `不低于低保标准${formatFen(standardFen)}（须低于标准）`),
    { amountFen: displayFen(perCapita), article: ART.dibaoEligibility }));
  if (!incomeOk) reasons.push(`家庭人均收入${formatFen(perCapita)}不低于当地低保标准${formatFen(standardFen)}`);

  const assets = checkAssets(household.assets.filter((a) => a.ownerId === undefined || composition.counted.some((c) => c.member.id === a.ownerId)),
    n, policy.params.assetLimits.dibao, standardFen, '低保');
  steps.push(...assets.steps);
  flags.push(...assets.flags);
  if (!assets.within) reasons.push('家庭财产状况不符合当地低保财产规定');

  const eligible = reasons.length === 0;
  if (!eligible) {
    steps.push(step('不符合低保条件', 'Not eligible', reasons.join('；'), { article: ART.dibaoEligibility }));
    return { ...base, eligible, reasons, perCapitaIncome: perCapita, perCapitaIncomeFen: displayFen(perCapita), assetsWithin: assets.within, method: null, amountFen: 0, paymentFromMonth: null, steps, flags };
  }

  const gap = sub(mul(fen(standardFen), n), income.countedMonthly);
  steps.push(step('补差额', 'Gap',
    `低保标准${formatFen(standardFen)} × ${n}人 − 家庭月收入${formatFen(income.countedMonthly)} = ${formatFen(gap)}`,
    { amountFen: displayFen(gap), article: ART.dibaoAmount }));
  const { amountFen, method } = dibaoAmount(gap, n, policy, area, steps, flags);
  const paymentFromMonth = addMonthsToMonth(monthOf(date), 1);
  steps.push(step('发放起始月', 'First month paid', `审核确认日期${date}，自${paymentFromMonth}起按月发放${formatFen(amountFen)}`, { amountFen, article: ART.dibaoPaymentStart }));
  return { ...base, eligible, reasons, perCapitaIncome: perCapita, perCapitaIncomeFen: displayFen(perCapita), assetsWithin: true, method, amountFen, paymentFromMonth, steps, flags };
}
