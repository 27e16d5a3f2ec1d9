// 刚性支出困难家庭: a household not covered as 低保, 特困 or 边缘, whose per-capita income is below last
// year's local per-capita disposable income, and whose rigid expenditure over the last 12 months
// (basic living, out-of-pocket medical after insurance and assistance, education, rehabilitation…)
// exceeds the policy share of its income. Recognition is valid for the policy's months (12).

import { classifyNearPoor, type NearPoorClassification } from './near-poor';
import { assessTekun } from './tekun';
import { checkAssets } from './assets';
import type { Household } from './types';
import { AREA_TYPE_LABELS } from '../../registry/vocabulary';
import { addMonthsToDate } from '../dates';
import { step, type Explained, type Step } from '../explanation';
import { RIGID_EXPENSE_KIND_LABELS } from '../kinds';
import { displayFen, div, fen, formatFen, formatPermille, gt, lt, mul, type Fraction } from '../money';
import { policyRef } from '../policy/in-force';
import type { PolicyVersion } from '../policy/types';
import { ART } from '../sources';

export interface RigidExpenditureClassification extends Explained {
  rigidExpenditure: boolean;
  /** false when a parameter or fact was missing, so no decision either way can be made. */
  determined: boolean;
  reasons: string[];
  nearPoor: NearPoorClassification;
  annualIncome: Fraction;
  rigidExpenditure12m: number;
  /** Recognition holds for dates before this one. */
  validBefore: string | null;
}

export function classifyRigidExpenditure(household: Household, policy: PolicyVersion, date: string): RigidExpenditureClassification {
  const nearPoor = classifyNearPoor(household, policy, date);
  const dibao = nearPoor.dibao;
  const steps: Step[] = [...nearPoor.steps];
  const flags = [...nearPoor.flags];
  const reasons: string[] = [];
  const p = policy.params;
  const area = household.areaType;
  const n = dibao.countedMembers;
  const annualIncome = mul(dibao.income.countedMonthly, 12);
  let rigid12m = 0;
  const done = (yes: boolean, determined = true): RigidExpenditureClassification => {
    const validBefore = yes ? addMonthsToDate(date, p.rigidExpenditure.validityMonths) : null;
    steps.push(yes
      ? step('认定为刚性支出困难家庭', 'Rigid-expenditure hardship', `认定有效期${p.rigidExpenditure.validityMonths}个月（${validBefore}前有效）`, { article: ART.rigid })
      : step(determined ? '不属于刚性支出困难家庭' : '无法认定', determined ? 'Not rigid-expenditure hardship' : 'Undetermined', reasons.join('；'), { article: ART.rigid }));
    return { rigidExpenditure: yes, determined, reasons, nearPoor, annualIncome, rigidExpenditure12m: rigid12m, validBefore, steps, flags, policyVersion: policyRef(policy) };
  };

  if (dibao.eligible) {
    reasons.push('符合低保条件');
    return done(false);
  }
  if (nearPoor.nearPoor) {
    reasons.push('属于低保边缘家庭');
    return done(false);
  }
  if (n === 0) {
    reasons.push('没有可计入的共同生活家庭成员');
    return done(false);
  }
  for (const c of dibao.composition.counted) {
    if (c.member.supporters === undefined) continue; // a 特困 check needs the supporters' facts
    const t = assessTekun(c.member.id, household, policy, date);
    if (t.eligible) {
      reasons.push(`${c.member.name ?? c.member.id}符合特困人员条件，应按特困供养`);
      return done(false);
    }
  }

  const line = p.lastYearPerCapitaDisposableIncomeFen[area];
  if (line === null) {
    reasons.push('政策版本未填写上年度人均可支配收入');
    flags.push('政策版本未填写上年度当地居民人均可支配收入，无法认定刚性支出困难家庭。');
    return done(false, false);
  }
  const perCapitaAnnual = div(annualIncome, n);
  const incomeOk = lt(perCapitaAnnual, fen(line));
  steps.push(step('人均年收入', 'Per-capita annual income',
    `家庭月收入${formatFen(dibao.income.countedMonthly)} × 12 ÷ ${n}人 = ${formatFen(perCapitaAnnual)}，` +
      `${incomeOk ? '低于' : '不低于'}上年度${AREA_TYPE_LABELS[area].zh}居民人均可支配收入${formatFen(line)}`,
    { amountFen: displayFen(perCapitaAnnual), article: ART.rigid }));
  if (!incomeOk) reasons.push('家庭人均收入不低于上年度当地居民人均可支配收入');

  const counted = new Set(dibao.composition.counted.map((c) => c.member.id));
  let total = 0;
  for (const x of household.rigidExpenses12m ?? []) {
    if (!Number.isSafeInteger(x.amountFen) || x.amountFen < 0) throw new RangeError('rigid expense: amountFen must be a non-negative integer');
    if (x.memberId !== undefined && !counted.has(x.memberId)) continue;
    const label = RIGID_EXPENSE_KIND_LABELS[x.kind].zh;
    if (!p.rigidExpenditure.countedKinds.includes(x.kind)) {
      steps.push(step('不计入刚性支出', 'Not counted', `${label}${formatFen(x.amountFen)}：当地政策未列为刚性支出`, { article: ART.rigid }));
      continue;
    }
    total += x.amountFen;
    steps.push(step('刚性支出', 'Rigid expenditure', `${label}${formatFen(x.amountFen)}${x.note ? `（${x.note}）` : ''}`, { amountFen: x.amountFen, article: ART.rigid }));
  }
  if (p.rigidExpenditure.basicLiving === 'dibaoStandard') {
    const basic = dibao.standardFen * n * 12;
    total += basic;
    steps.push(step('基本生活支出', 'Basic living', `低保标准${formatFen(dibao.standardFen)} × ${n}人 × 12个月 = ${formatFen(basic)}`, { amountFen: basic, article: ART.rigid }));
  }
  rigid12m = total;
  const threshold = mul(annualIncome, p.rigidExpenditure.sharePermille, 1000);
  const rigidOk = gt(fen(total), threshold);
  steps.push(step('刚性支出占比', 'Rigid expenditure share',
    `近12个月刚性支出${formatFen(total)}，家庭年收入${formatFen(annualIncome)} × ${formatPermille(p.rigidExpenditure.sharePermille)} = ${formatFen(threshold)}：` +
      (rigidOk ? '超过' : '未超过'),
    { amountFen: total, article: ART.rigid }));
  if (!rigidOk) reasons.push('近12个月刚性支出未超过家庭收入的规定比例');

  const limits = p.assetLimits.rigidExpenditure;
  if (limits) {
    const assets = checkAssets(household.assets.filter((a) => a.ownerId === undefined || counted.has(a.ownerId)), n, limits, dibao.standardFen, '刚性支出困难家庭');
    steps.push(...assets.steps);
    flags.push(...assets.flags);
    if (!assets.within) reasons.push('家庭财产状况不符合规定');
  }
  return done(reasons.length === 0);
}
