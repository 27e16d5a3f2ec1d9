// Who is counted in the assessed household (共同生活的家庭成员), and who is left out and why, following
// 民发〔2021〕57号第七条. The rule is national and takes no local parameter; the age of majority is the
// Civil Code's. Relations are relative to the registered head, who is taken to be the applicant's side.

import { MEMBER_EXCLUSION_LABELS, type Household, type Member } from './types';
import { ageOn, compareDates } from '../dates';
import { step, type Explained, type Step } from '../explanation';
import { ADULT_AGE, STUDENT_STAGES_COUNTED } from '../policy/national';
import { ART } from '../sources';
import { RELATION_LABELS, SCHOOL_STAGE_LABELS } from '../../registry/vocabulary';

export interface CountedMember {
  member: Member;
  age: number;
  /** Which limb of 第七条 admits the member, in Chinese. */
  basis: string;
}

export interface ExcludedMember {
  member: Member;
  age: number;
  reason: string;
}

export interface AssessmentHousehold extends Explained {
  household: Household;
  date: string;
  counted: CountedMember[];
  excluded: ExcludedMember[];
}

const who = (m: Member) => `${m.name ?? m.id}（${RELATION_LABELS[m.relation].zh}）`;

type Verdict = { counted: true; basis: string } | { counted: false; reason: string; flag?: string };

function classify(m: Member, age: number): Verdict {
  if (m.exclusion) {
    return { counted: false, reason: `${MEMBER_EXCLUSION_LABELS[m.exclusion].zh}，不计入共同生活的家庭成员` };
  }
  switch (m.relation) {
    case 'head':
      return { counted: true, basis: '户主' };
    case 'spouse':
      // 第七条（一）names the spouse without a residence condition: a spouse working elsewhere still counts.
      return { counted: true, basis: '配偶（第七条第一项）' };
    case 'child': {
      if (age < ADULT_AGE) return { counted: true, basis: `未成年子女（${age}周岁，第七条第二项）` };
      const stage = m.schoolStage;
      if (m.fullTimeStudent && stage && STUDENT_STAGES_COUNTED.includes(stage)) {
        return { counted: true, basis: `在校接受全日制${SCHOOL_STAGE_LABELS[stage].zh}教育的成年子女，视为不能独立生活（第七条第三项）` };
      }
      if (m.unableToLiveIndependently) return { counted: true, basis: '已成年但不能独立生活的子女（第七条第三项）' };
      if (m.livesTogether) {
        return { counted: true, basis: '成年子女对父母负有法定赡养义务且长期共同居住（第七条第四项）' };
      }
      if (m.fullTimeStudent && stage === 'postgraduate') {
        return { counted: false, reason: '在读研究生不属于“本科及以下学历教育”，且未长期共同居住' };
      }
      return { counted: false, reason: '已成年、能独立生活且未长期共同居住的子女' };
    }
    case 'parent':
      if (m.livesTogether) return { counted: true, basis: '父母，户主负有法定赡养义务且长期共同居住（第七条第四项）' };
      return { counted: false, reason: '未长期共同居住的父母' };
    default: {
      // Grandparents, grandchildren, siblings, children-in-law, others: the legal duty depends on
      // circumstances (民法典第一千零七十四条、第一千零七十五条), so the caseworker must establish it.
      if (!m.livesTogether) return { counted: false, reason: '未长期共同居住' };
      if (m.supportDuty === true) return { counted: true, basis: '具有法定赡养、抚养或扶养义务关系并长期共同居住（第七条第四项）' };
      if (m.supportDuty === false) return { counted: false, reason: '与家庭成员之间不具有法定赡养、抚养、扶养义务关系' };
      return {
        counted: false,
        reason: '是否具有法定赡养、抚养、扶养义务关系未核实，暂未计入',
        flag: `请核实${who(m)}与家庭成员之间是否具有法定赡养、抚养或扶养义务关系（如祖孙之间以子女死亡或无力抚养、赡养为条件）；核实前未计入家庭成员。`,
      };
    }
  }
}

export function assessmentHousehold(household: Household, date: string): AssessmentHousehold {
  const steps: Step[] = [];
  const flags: string[] = [];
  const counted: CountedMember[] = [];
  const excluded: ExcludedMember[] = [];
  const ids = new Set<string>();
  for (const m of household.members) {
    if (ids.has(m.id)) throw new RangeError(`assessmentHousehold: duplicate member id ${m.id}`);
    ids.add(m.id);
    if (compareDates(m.birthDate, date) > 0) throw new RangeError(`assessmentHousehold: ${m.id} born after ${date}`);
    const age = ageOn(m.birthDate, date);
    const v = classify(m, age);
    if (v.counted) {
      counted.push({ member: m, age, basis: v.basis });
      steps.push(step('计入家庭成员', 'Member counted', `${who(m)}，${age}周岁：${v.basis}`, { article: ART.householdMembers }));
    } else {
      excluded.push({ member: m, age, reason: v.reason });
      steps.push(step('不计入家庭成员', 'Member not counted', `${who(m)}，${age}周岁：${v.reason}`, { article: ART.householdMembers }));
      if (v.flag) flags.push(v.flag);
    }
    if (m.fullTimeStudent && !m.schoolStage) flags.push(`${who(m)}为全日制在校学生但未填写学历层次，无法判断是否属于本科及以下。`);
  }
  steps.push(
    step('共同生活家庭成员人数', 'Counted members', `计入${counted.length}人，不计入${excluded.length}人（认定日期${date}）`, {
      article: ART.householdMembers,
    }),
  );
  return { household, date, counted, excluded, steps, flags, policyVersion: null };
}

export function isCounted(h: AssessmentHousehold, memberId: string | undefined): boolean {
  return memberId === undefined || h.counted.some((c) => c.member.id === memberId);
}
