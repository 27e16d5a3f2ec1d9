// 低保边缘家庭: not eligible for 低保, per-capita counted income below the policy multiple (1.5) of the
// 低保 standard, and assets within the near-poor limits. "低于" is strict: income exactly at
// 1.5 × the standard is not near-poor (domain.md §3 writes "≤"; the national text says "低于").

import { assessDibao, type DibaoAssessment } from './dibao';
import { checkAssets } from './assets';
import type { Household } from './types';
import { step, type Explained, type Step } from '../explanation';
import { displayFen, fen, formatFen, formatPermille, lt, mul, type Fraction } from '../money';
import { policyRef } from '../policy/in-force';
import type { PolicyVersion } from '../policy/types';
import { ART } from '../sources';

export interface NearPoorClassification extends Explained {
  nearPoor: boolean;
  reasons: string[];
  dibao: DibaoAssessment;
  /** ratio × standard, exact. */
  line: Fraction;
}

export function classifyNearPoor(household: Household, policy: PolicyVersion, date: string): NearPoorClassification {
  const dibao = assessDibao(household, policy, date);
  const steps: Step[] = [...dibao.steps];
  const flags = [...dibao.flags];
  const reasons: string[] = [];
  const ratio = policy.params.nearPoorRatioPermille;
  const line = mul(fen(dibao.standardFen), ratio, 1000);
  const result = (nearPoor: boolean): NearPoorClassification => {
    steps.push(step(nearPoor ? '认定为低保边缘家庭' : '不属于低保边缘家庭', nearPoor ? 'Near-poor' : 'Not near-poor',
      nearPoor ? '不符合低保条件，人均收入低于边缘标准，财产符合规定' : reasons.join('；'), { article: ART.nearPoorDefinition }));
    return { nearPoor, reasons, dibao, line, steps, flags, policyVersion: policyRef(policy) };
  };

  if (dibao.eligible) {
    reasons.push('符合低保条件，按低保救助');
    return result(false);
  }
  if (dibao.countedMembers === 0) {
    reasons.push('没有可计入的共同生活家庭成员');
    return result(false);
  }
  const incomeOk = lt(dibao.perCapitaIncome, line);
  steps.push(step('边缘标准', 'Near-poor line',
    `低保标准${formatFen(dibao.standardFen)} × ${formatPermille(ratio)} = ${formatFen(line)}；人均收入${formatFen(dibao.perCapitaIncome)}` +
      (incomeOk ? '低于边缘标准' : '不低于边缘标准'),
    { amountFen: displayFen(line), article: ART.nearPoorDefinition }));
  if (!incomeOk) reasons.push(`人均收入${formatFen(dibao.perCapitaIncome)}不低于低保标准的${formatPermille(ratio)}倍（${formatFen(line)}）`);

  const counted = dibao.composition.counted;
  const assets = checkAssets(
    household.assets.filter((a) => a.ownerId === undefined || counted.some((c) => c.member.id === a.ownerId)),
    counted.length, policy.params.assetLimits.nearPoor, dibao.standardFen, '低保边缘家庭');
  steps.push(...assets.steps);
  flags.push(...assets.flags);
  if (!assets.within) reasons.push('家庭财产状况不符合低保边缘家庭财产规定');
  return result(reasons.length === 0);
}
