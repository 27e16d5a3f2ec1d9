// 临时救助 amount for a severity band: a multiple of the monthly 低保 standard of the household's area
// (per person where the local rule says so), rounded by the policy's rule, and whether it exceeds what
// the township may decide alone, in which case the county decides. Bands without a multiple are major
// hardship decided case by case (一事一议) by the county.

import type { AreaType } from '../../registry/vocabulary';
import { AREA_TYPE_LABELS } from '../../registry/vocabulary';
import { step, type Explained, type Step } from '../explanation';
import { ROUNDING_RULE_LABELS, fen, formatFen, formatPermille, gt, mul, round, type Fraction } from '../money';
import { policyRef } from '../policy/in-force';
import type { PolicyVersion, TemporaryBand } from '../policy/types';
import { ART } from '../sources';

export interface TemporaryAssistanceAmount extends Explained {
  band: TemporaryBand;
  /** null for a case-by-case band. */
  amountFen: number | null;
  caseByCase: boolean;
  /** true when above the township limit or case by case: the county must decide. */
  needsCountyDecision: boolean;
  townshipLimit: Fraction;
}

export function temporaryAssistanceAmount(
  bandCode: string,
  policy: PolicyVersion,
  areaType: AreaType,
  persons = 1,
): TemporaryAssistanceAmount {
  if (policy.areaType !== 'both' && policy.areaType !== areaType) {
    throw new RangeError(`policy ${policy.regionCode} v${policy.version} applies to ${policy.areaType}, not ${areaType}`);
  }
  if (!Number.isSafeInteger(persons) || persons < 1) throw new RangeError('temporaryAssistanceAmount: persons ≥ 1');
  const t = policy.params.temporaryAssistance;
  const band = t.bands.find((b) => b.code === bandCode);
  if (!band) throw new RangeError(`temporaryAssistanceAmount: no band ${bandCode} in policy v${policy.version}`);
  const standardFen = policy.params.dibaoStandard[areaType];
  const steps: Step[] = [];
  const townshipLimit = t.townshipLimit.mode === 'amount' ? fen(t.townshipLimit.amountFen) : mul(fen(standardFen), t.townshipLimit.permille, 1000);
  const limitText = t.townshipLimit.mode === 'amount'
    ? formatFen(t.townshipLimit.amountFen)
    : `${formatPermille(t.townshipLimit.permille)}个月低保标准（${formatFen(townshipLimit)}）`;
  const base = { band, townshipLimit, flags: [] as string[], policyVersion: policyRef(policy) };

  if (band.multiplePermille === null) {
    steps.push(step('临时救助档次', 'Band', `${band.label.zh}：一事一议，由县级民政部门研究确定金额`, { article: ART.temporary }));
    return { ...base, amountFen: null, caseByCase: true, needsCountyDecision: true, steps };
  }
  const people = t.perPerson ? persons : 1;
  const exact = mul(fen(standardFen), band.multiplePermille * people, 1000);
  const amountFen = round(exact, policy.params.rounding);
  steps.push(step('临时救助金额', 'Amount',
    `${band.label.zh}：${AREA_TYPE_LABELS[areaType].zh}低保标准${formatFen(standardFen)} × ${formatPermille(band.multiplePermille)}` +
      (t.perPerson ? ` × ${people}人` : '') +
      ` = ${formatFen(exact)}，按“${ROUNDING_RULE_LABELS[policy.params.rounding].zh}”为${formatFen(amountFen)}`,
    { amountFen, article: ART.temporary }));
  const needsCountyDecision = gt(fen(amountFen), townshipLimit);
  steps.push(step('审批权限', 'Who decides',
    needsCountyDecision ? `金额超过乡镇审批限额${limitText}，须报县级民政部门审批` : `金额未超过乡镇审批限额${limitText}，乡镇（街道）可直接审批`,
    { article: ART.temporary }));
  return { ...base, amountFen, caseByCase: false, needsCountyDecision, steps };
}
