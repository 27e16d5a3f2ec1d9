// 单人保: in a 低保边缘 household, a member with a grade 1–2 disability (or grade 3 intellectual or
// mental), or a listed catastrophic illness, may be covered alone although the household is not
// eligible as a whole (民发〔2021〕57号, 单独提出申请). The amount follows the local rule: the gap between
// the standard and the person's own counted income, or a share of the standard.

import { classifyNearPoor, type NearPoorClassification } from './near-poor';
import { countIncome, memberNamer } from './income';
import { dibaoAmount } from './dibao';
import type { Disability, Household, Member } from './types';
import { DISABILITY_KIND_LABELS } from '../../registry/vocabulary';
import { addMonthsToMonth, monthOf } from '../dates';
import { step, type Explained, type Step } from '../explanation';
import { ROUNDING_RULE_LABELS, fen, formatFen, formatPermille, lt, mul, round, sub } from '../money';
import { policyRef } from '../policy/in-force';
import type { PolicyVersion } from '../policy/types';
import { ART } from '../sources';

export interface SinglePersonDibaoAssessment extends Explained {
  personId: string;
  eligible: boolean;
  reasons: string[];
  nearPoor: NearPoorClassification;
  /** What qualifies the person (disability or illness), in Chinese; empty when nothing does. */
  qualifiedBy: string[];
  amountFen: number;
  paymentFromMonth: string | null;
}

/** Severe disability in the sense of 单人保: any kind at the national grades, or a kind listed lower. */
export function qualifyingDisabilities(ds: readonly Disability[] | undefined, policy: PolicyVersion): Disability[] {
  const sp = policy.params.singlePersonDibao;
  return (ds ?? []).filter((d) => d.grade <= sp.anyKindMaxGrade || d.grade <= (sp.byKindMaxGrade[d.kind] ?? 0));
}

function qualifications(m: Member, policy: PolicyVersion): string[] {
  const out = qualifyingDisabilities(m.disabilities, policy).map((d) => `${DISABILITY_KIND_LABELS[d.kind].zh}残疾${d.grade}级`);
  const listed = policy.params.singlePersonDibao.catastrophicIllnesses;
  for (const code of m.illnesses ?? []) {
    const ill = listed.find((x) => x.code === code);
    if (ill) out.push(`患有当地认定的重特大疾病：${ill.zh}`);
  }
  return out;
}

export function assessSinglePersonDibao(
  person: string | Member,
  household: Household,
  policy: PolicyVersion,
  date: string,
): SinglePersonDibaoAssessment {
  const personId = typeof person === 'string' ? person : person.id;
  const nearPoor = classifyNearPoor(household, policy, date);
  const steps: Step[] = [...nearPoor.steps];
  const flags = [...nearPoor.flags];
  const reasons: string[] = [];
  const m = household.members.find((x) => x.id === personId);
  if (!m) throw new RangeError(`assessSinglePersonDibao: no member ${personId}`);
  const name = m.name ?? m.id;
  const qualifiedBy = qualifications(m, policy);
  const done = (eligible: boolean, amountFen = 0): SinglePersonDibaoAssessment => {
    const paymentFromMonth = eligible ? addMonthsToMonth(monthOf(date), 1) : null;
    steps.push(eligible
      ? step('单人保', 'Single-person dibao', `${name}单独纳入低保，自${paymentFromMonth}起每月${formatFen(amountFen)}`, { amountFen, article: ART.singlePerson })
      : step('不符合单人保条件', 'Not eligible alone', reasons.join('；'), { article: ART.singlePerson }));
    return { personId, eligible, reasons, nearPoor, qualifiedBy, amountFen, paymentFromMonth, steps, flags, policyVersion: policyRef(policy) };
  };

  if (nearPoor.dibao.eligible) {
    reasons.push('整户符合低保条件，应按整户纳入低保，不适用单人保');
    return done(false);
  }
  if (!nearPoor.nearPoor) reasons.push('家庭不属于低保边缘家庭');
  if (!nearPoor.dibao.composition.counted.some((c) => c.member.id === personId)) reasons.push(`${name}不属于共同生活的家庭成员`);
  if (qualifiedBy.length === 0) {
    reasons.push(`${name}不是一级、二级重度残疾人或三级智力、精神残疾人，也未患当地认定的重特大疾病`);
  } else {
    steps.push(step('单人保对象条件', 'Qualifying condition', `${name}：${qualifiedBy.join('；')}`, { article: ART.singlePerson }));
  }
  if (reasons.length > 0) return done(false);

  const p = policy.params;
  const standardFen = nearPoor.dibao.standardFen;
  if (p.singlePersonDibao.amount.mode === 'shareOfStandard') {
    const permille = p.singlePersonDibao.amount.permille;
    const exact = mul(fen(standardFen), permille, 1000);
    const amountFen = round(exact, p.rounding);
    steps.push(step('单人保金额', 'Amount', `低保标准${formatFen(standardFen)} × ${formatPermille(permille)} = ${formatFen(exact)}，按“${ROUNDING_RULE_LABELS[p.rounding].zh}”为${formatFen(amountFen)}`, { amountFen, article: ART.singlePerson }));
    return done(true, amountFen);
  }

  // Gap of the person's own counted income: the same counting rule as the household, on their items.
  const nameOf = memberNamer(nearPoor.dibao.composition);
  const own = countIncome(
    household.incomes.filter((i) => i.memberId === personId),
    (household.expenses ?? []).filter((x) => x.memberId === personId),
    policy, name, nameOf,
  );
  steps.push(...own.steps);
  if (!lt(own.countedMonthly, fen(standardFen))) {
    reasons.push(`${name}本人月收入${formatFen(own.countedMonthly)}不低于低保标准${formatFen(standardFen)}`);
    return done(false);
  }
  const gap = sub(fen(standardFen), own.countedMonthly);
  steps.push(step('单人保补差', 'Gap', `低保标准${formatFen(standardFen)} − ${name}本人月收入${formatFen(own.countedMonthly)} = ${formatFen(gap)}`, { article: ART.singlePerson }));
  const { amountFen } = dibaoAmount(gap, 1, policy, household.areaType, steps, flags);
  return done(true, amountFen);
}
