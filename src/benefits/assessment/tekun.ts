// 特困 support for one person (民发〔2021〕43号): the three conditions (no labour capacity, no income, no
// supporter able to support), the self-care level from six activities of daily living, and the monthly
// amount = basic support (a set amount or a ratio ≥ 1.3 of the 低保 standard) + the care subsidy of the
// level. Unknown facts never count in the person's favour or against them silently: they are flagged.

import { assessmentHousehold } from './household';
import { countIncome, memberNamer } from './income';
import { checkAssets } from './assets';
import type { Household, Member, Supporter } from './types';
import { AREA_TYPE_LABELS, DISABILITY_KIND_LABELS, type AreaType } from '../../registry/vocabulary';
import { ageOn } from '../dates';
import { step, type Explained, type Step } from '../explanation';
import { SELF_CARE_ACTIVITIES, SELF_CARE_ACTIVITY_LABELS, SELF_CARE_LEVEL_LABELS, type SelfCareLevel } from '../kinds';
import { ROUNDING_RULE_LABELS, fen, formatFen, formatPermille, lt, mul, round } from '../money';
import { checkPolicyUse, policyRef } from '../policy/in-force';
import {
  SEVERE_DISABILITY_KINDS_GRADE3,
  SEVERE_DISABILITY_MAX_GRADE,
  SUPPORTER_DIBAO_ELDERLY_AGE,
  SUPPORTER_ELDERLY_AGE,
} from '../policy/national';
import type { PolicyVersion, TekunBasicRule } from '../policy/types';
import { ART } from '../sources';

export interface SelfCareResult {
  level: SelfCareLevel;
  unmetCount: number;
  /** false when no assessment was recorded (the level then defaults to selfCare and is flagged). */
  assessed: boolean;
  steps: Step[];
}

/** 0 unmet → selfCare; from partlyLostFrom (1) → partlyLost; from fullyLostFrom (4) → fullyLost. */
export function selfCareLevel(unmet: readonly string[] | undefined, policy: PolicyVersion): SelfCareResult {
  const t = policy.params.selfCareThresholds;
  const valid = new Set<string>(SELF_CARE_ACTIVITIES);
  for (const a of unmet ?? []) if (!valid.has(a)) throw new RangeError(`selfCareLevel: unknown activity ${a}`);
  const distinct = [...new Set(unmet ?? [])];
  const n = distinct.length;
  const level: SelfCareLevel = n >= t.fullyLostFrom ? 'fullyLost' : n >= t.partlyLostFrom ? 'partlyLost' : 'selfCare';
  const names = distinct.map((a) => SELF_CARE_ACTIVITY_LABELS[a as keyof typeof SELF_CARE_ACTIVITY_LABELS].zh);
  const detail = n === 0
    ? `六项指标（${SELF_CARE_ACTIVITIES.map((a) => SELF_CARE_ACTIVITY_LABELS[a].zh).join('、')}）全部达到：${SELF_CARE_LEVEL_LABELS[level].zh}`
    : `${n}项指标不能达到（${names.join('、')}）；${t.partlyLostFrom}至${t.fullyLostFrom - 1}项为部分丧失，${t.fullyLostFrom}项以上为完全丧失：${SELF_CARE_LEVEL_LABELS[level].zh}`;
  return { level, unmetCount: n, assessed: unmet !== undefined, steps: [step('生活自理能力', 'Self-care level', detail, { article: ART.tekunSelfCare })] };
}

/** Which statutory cases of 无劳动能力 apply, in Chinese; empty when none. */
export function noLabourCapacityBases(m: Member, age: number, policy: PolicyVersion, flags: string[]): string[] {
  const nl = policy.params.tekunNoLabour;
  const bases: string[] = [];
  if (age >= nl.elderlyFromAge) bases.push(`${age}周岁，${nl.elderlyFromAge}周岁以上的老年人`);
  if (age < nl.minorBelowAge) bases.push(`${age}周岁，未满${nl.minorBelowAge}周岁的未成年人`);
  for (const d of m.disabilities ?? []) {
    const max = nl.disabilityMaxGrade[d.kind];
    if (max !== undefined && d.grade <= max) bases.push(`${DISABILITY_KIND_LABELS[d.kind].zh}残疾${d.grade}级（${DISABILITY_KIND_LABELS[d.kind].zh}残疾${max}级及以上视为无劳动能力）`);
    if (d.kind === 'multiple') flags.push('申请人持多重残疾证：请按各类别的残疾等级分别填写后再认定是否无劳动能力。');
  }
  if (m.majorIllnessFullIncapacity) {
    if (nl.majorIllnessFullIncapacity) bases.push('患重特大疾病完全丧失劳动能力（本省规定的其他情形）');
    else flags.push('申请人因重病完全丧失劳动能力，但所用政策版本未将此列为无劳动能力情形。');
  }
  if (bases.length === 0 && m.labourCapacity === 'none') {
    flags.push('登记为“无劳动能力”，但不属于特困认定办法列举的无劳动能力情形，请核实。');
  }
  return bases;
}

const isSevere = (s: Supporter) =>
  (s.disabilities ?? []).some((d) => d.grade <= SEVERE_DISABILITY_MAX_GRADE
    || (d.grade === 3 && (SEVERE_DISABILITY_KINDS_GRADE3 as readonly string[]).includes(d.kind)));

/** Whether one supporter is 无履行义务能力; `unknown` lists the facts that would be needed. */
export function supporterUnable(s: Supporter, date: string, policy: PolicyVersion, area: AreaType): { unable: boolean; reason: string; unknown: string[] } {
  const age = ageOn(s.birthDate, date);
  const unknown: string[] = [];
  if (s.isTekun) return { unable: true, reason: '本人为特困人员', unknown };
  if (s.isDibao && age >= SUPPORTER_DIBAO_ELDERLY_AGE) return { unable: true, reason: `${age}周岁的低保对象`, unknown };
  if (s.noCivilCapacity || s.declaredMissing || s.imprisoned) {
    const what = s.noCivilCapacity ? '无民事行为能力' : s.declaredMissing ? '被宣告失踪' : '在监狱服刑';
    if (s.assetsWithinTekunLimits === true) return { unable: true, reason: `${what}且财产符合特困人员财产规定`, unknown };
    if (s.assetsWithinTekunLimits === undefined) unknown.push(`${what}，须核对其财产是否符合特困人员财产规定`);
  }
  const incomeLimited = age >= SUPPORTER_ELDERLY_AGE ? `${age}周岁` : isSevere(s) ? '重度残疾人或三级智力、精神残疾人' : null;
  if (incomeLimited) {
    const line = policy.params.lastYearPerCapitaDisposableIncomeFen[area];
    if (line === null) unknown.push(`${incomeLimited}：政策版本未填上年度人均可支配收入，无法判断`);
    else if (s.annualIncomeFen === undefined) unknown.push(`${incomeLimited}：须核对本人年收入`);
    else if (s.assetsWithinLowIncomeLimits === undefined) unknown.push(`${incomeLimited}：须核对财产是否符合低收入家庭财产规定`);
    else if (s.annualIncomeFen < line && s.assetsWithinLowIncomeLimits) {
      return { unable: true, reason: `${incomeLimited}，本人年收入${formatFen(s.annualIncomeFen)}低于上年度人均可支配收入${formatFen(line)}且财产符合低收入家庭规定`, unknown: [] };
    }
  }
  if (s.provincialIncapacityReason) return { unable: true, reason: `省级规定的其他情形：${s.provincialIncapacityReason}`, unknown: [] };
  return { unable: false, reason: unknown.length > 0 ? '尚不能认定无履行义务能力' : '具有履行赡养、抚养、扶养义务的能力', unknown };
}

export interface TekunAssessment extends Explained {
  personId: string;
  eligible: boolean;
  reasons: string[];
  conditions: { noLabourCapacity: boolean; noIncome: boolean; noSupporter: boolean };
  selfCare: { level: SelfCareLevel; unmetCount: number; assessed: boolean };
  basicSupportFen: number;
  careSubsidyFen: number;
  /** basic support + care subsidy per month; 0 when not eligible. */
  amountFen: number;
}

function basicSupport(rule: TekunBasicRule, standardFen: number): { amountFen: number; detail: string } {
  if (rule.mode === 'amount') return { amountFen: rule.amountFen, detail: `当地标准每人每月${formatFen(rule.amountFen)}` };
  const exact = mul(fen(standardFen), rule.ratioPermille, 1000);
  const amountFen = round(exact, rule.rounding);
  return {
    amountFen,
    detail: `低保标准${formatFen(standardFen)} × ${formatPermille(rule.ratioPermille)} = ${formatFen(exact)}，按“${ROUNDING_RULE_LABELS[rule.rounding].zh}”为${formatFen(amountFen)}`,
  };
}

export function assessTekun(person: string | Member, household: Household, policy: PolicyVersion, date: string): TekunAssessment {
  const area = household.areaType;
  const personId = typeof person === 'string' ? person : person.id;
  const m = household.members.find((x) => x.id === personId);
  if (!m) throw new RangeError(`assessTekun: no member ${personId}`);
  const flags = checkPolicyUse(policy, area, date);
  const steps: Step[] = [];
  const reasons: string[] = [];
  const name = m.name ?? m.id;
  const p = policy.params;
  const standardFen = p.dibaoStandard[area];
  const age = ageOn(m.birthDate, date);

  // 1. 无劳动能力
  const bases = noLabourCapacityBases(m, age, policy, flags);
  const noLabourCapacity = bases.length > 0;
  steps.push(step('无劳动能力', 'No labour capacity',
    noLabourCapacity ? `${name}：${bases.join('；')}` : `${name}，${age}周岁，不属于无劳动能力的情形`, { article: ART.tekunNoLabour }));
  if (!noLabourCapacity) reasons.push('不符合“无劳动能力”条件');

  // 2. 无生活来源: own counted income below the standard, own assets within the 特困 limits.
  const composition = assessmentHousehold(household, date);
  const own = countIncome(
    household.incomes.filter((i) => i.memberId === personId),
    (household.expenses ?? []).filter((x) => x.memberId === personId),
    policy, name, memberNamer(composition),
  );
  steps.push(...own.steps);
  const incomeOk = lt(own.countedMonthly, fen(standardFen));
  steps.push(step('本人收入', 'Own income',
    `${name}本人月收入${formatFen(own.countedMonthly)}，${incomeOk ? '低于' : '不低于'}${AREA_TYPE_LABELS[area].zh}低保标准${formatFen(standardFen)}`,
    { amountFen: own.countedMonthlyFen, article: ART.tekunNoIncome }));
  const alone = composition.counted.length === 1 && composition.counted[0].member.id === personId;
  const shared = household.assets.filter((a) => a.ownerId === undefined);
  if (!alone && shared.length > 0) flags.push('家庭共有财产未计入特困申请人本人财产，请核实其应有份额。');
  const assets = checkAssets(household.assets.filter((a) => a.ownerId === personId || (alone && a.ownerId === undefined)),
    1, p.assetLimits.tekun, standardFen, '特困人员');
  steps.push(...assets.steps);
  flags.push(...assets.flags);
  const noIncome = incomeOk && assets.within;
  if (!noIncome) reasons.push('不符合“无生活来源”条件（本人收入不低于低保标准或财产不符合规定）');

  // 3. 无法定义务人或义务人无履行能力
  let noSupporter: boolean;
  if (m.supporters === undefined) {
    noSupporter = false;
    flags.push(`未提供${name}的法定赡养、抚养、扶养义务人情况，无法认定第三项条件。`);
    steps.push(step('法定义务人', 'Supporters', '法定义务人情况未提供', { article: ART.tekunNoSupporter }));
  } else if (m.supporters.length === 0) {
    noSupporter = true;
    steps.push(step('法定义务人', 'Supporters', '无法定赡养、抚养、扶养义务人', { article: ART.tekunNoSupporter }));
  } else {
    noSupporter = true;
    for (const s of m.supporters) {
      const r = supporterUnable(s, date, policy, area);
      steps.push(step('法定义务人', 'Supporter', `${s.name ?? s.id}：${r.reason}`, { article: ART.tekunNoSupporter }));
      for (const u of r.unknown) flags.push(`法定义务人${s.name ?? s.id}：${u}。`);
      if (!r.unable) noSupporter = false;
    }
  }
  if (!noSupporter) reasons.push('不符合“无法定义务人或义务人无履行义务能力”条件');

  // Self-care level and amounts are shown even when not eligible, so a reviewer sees what would apply.
  const sc = selfCareLevel(m.unmetSelfCareActivities, policy);
  steps.push(...sc.steps);
  if (!sc.assessed) flags.push(`${name}的生活自理能力尚未评估，暂按具备生活自理能力计算照料护理补贴。`);
  const tb = p.tekunBasic[area];
  const rule = tb.bySelfCareLevel?.[sc.level] ?? tb.default;
  const basic = basicSupport(rule, standardFen);
  const care = p.tekunCare[sc.level];
  const eligible = reasons.length === 0;
  steps.push(step('基本生活标准', 'Basic support',
    `${AREA_TYPE_LABELS[area].zh}${tb.bySelfCareLevel?.[sc.level] ? SELF_CARE_LEVEL_LABELS[sc.level].zh : ''}特困人员基本生活标准：${basic.detail}`,
    { amountFen: basic.amountFen, article: ART.tekunStandard }));
  steps.push(step('照料护理补贴', 'Care subsidy', `${SELF_CARE_LEVEL_LABELS[sc.level].zh}：每月${formatFen(care)}`, { amountFen: care, article: ART.tekunCare }));
  const amountFen = eligible ? basic.amountFen + care : 0;
  steps.push(eligible
    ? step('特困供养金额', 'Monthly support', `基本生活${formatFen(basic.amountFen)} + 照料护理${formatFen(care)} = 每月${formatFen(amountFen)}`, { amountFen, article: ART.tekunConditions })
    : step('不符合特困条件', 'Not eligible', reasons.join('；'), { article: ART.tekunConditions }));
  return {
    personId, eligible, reasons,
    conditions: { noLabourCapacity, noIncome, noSupporter },
    selfCare: { level: sc.level, unmetCount: sc.unmetCount, assessed: sc.assessed },
    basicSupportFen: basic.amountFen,
    careSubsidyFen: care,
    amountFen, steps, flags, policyVersion: policyRef(policy),
  };
}
