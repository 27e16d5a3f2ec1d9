// A demo person's circumstances, kept consistent with age and with each other: disability and serious
// illness more frequent with age, school stage by age, labour capacity from age and health, employment
// from labour capacity and urban/rural setting, a mobile number for most adults.

import type { DisabilityGrade, DisabilityKind, Employment, LabourCapacity, SchoolStage } from '../vocabulary';
import { Random, Weighted } from './random';

export interface Health {
  disabilityKind: DisabilityKind | null;
  disabilityGrade: DisabilityGrade | null;
  seriousIllness: string | null;
}

export interface HealthNeeds {
  /** Multiplies the base rates (e.g. single 低保 adults are often disabled or ill). */
  factor: number;
  /** Grade 1–2, as for a 特困 person supported for severe disability. */
  severeDisability: boolean;
  /** A listed serious illness, as in a household with heavy medical costs. */
  illness: boolean;
}

const DISABILITY_KINDS = new Weighted<DisabilityKind>([
  ['physical', 45], ['mental', 15], ['visual', 12], ['intellectual', 10], ['hearing', 10], ['multiple', 6], ['speech', 2],
]);
const SEVERE_KINDS = new Weighted<DisabilityKind>([
  ['physical', 30], ['intellectual', 25], ['mental', 25], ['visual', 10], ['multiple', 10],
]);
const GRADES = new Weighted<DisabilityGrade>([[1, 15], [2, 25], [3, 30], [4, 30]]);
const SEVERE_GRADES = new Weighted<DisabilityGrade>([[1, 40], [2, 60]]);

const ADULT_ILLNESSES = new Weighted<string>([
  ['恶性肿瘤', 30], ['脑卒中后遗症', 15], ['尿毒症', 12], ['慢性心力衰竭', 8], ['肝硬化', 6], ['重性精神障碍', 6],
  ['白血病', 4], ['系统性红斑狼疮', 3], ['耐多药肺结核', 2], ['再生障碍性贫血', 2], ['血友病', 1],
]);
const CHILD_ILLNESSES = new Weighted<string>([
  ['白血病', 30], ['先天性心脏病', 30], ['地中海贫血', 10], ['血友病', 8], ['恶性肿瘤', 12], ['尿毒症', 5], ['再生障碍性贫血', 5],
]);

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158',
  '159', '166', '173', '175', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199',
];

const URBAN_WORK = new Weighted<Employment>([['unemployed', 35], ['employed', 35], ['self_employed', 15], ['none', 15]]);
const RURAL_WORK = new Weighted<Employment>([['farming', 45], ['employed', 30], ['unemployed', 12], ['self_employed', 8], ['none', 5]]);
const SENIOR_SCHOOL = new Weighted<SchoolStage | null>([['senior', 55], ['secondary_vocational', 35], [null, 10]]);
const AGE_18_SCHOOL = new Weighted<SchoolStage | null>([['senior', 40], ['secondary_vocational', 15], ['higher_vocational', 10], ['bachelor', 5], [null, 30]]);
const TERTIARY_SCHOOL = new Weighted<SchoolStage | null>([['higher_vocational', 20], ['bachelor', 15], [null, 65]]);

export class TraitMaker {
  constructor(private readonly random: Random) {}

  health(age: number, needs: HealthNeeds): Health {
    const r = this.random;
    let disabilityKind: DisabilityKind | null = null;
    let disabilityGrade: DisabilityGrade | null = null;
    if (needs.severeDisability) {
      disabilityKind = SEVERE_KINDS.pick(r);
      disabilityGrade = SEVERE_GRADES.pick(r);
    } else if (r.chance((age < 18 ? 0.02 : age < 60 ? 0.06 : 0.095) * needs.factor)) {
      disabilityKind = DISABILITY_KINDS.pick(r);
      disabilityGrade = GRADES.pick(r);
    }
    const ill = needs.illness || r.chance((age < 18 ? 0.004 : age < 60 ? 0.015 : 0.03) * needs.factor);
    const seriousIllness = ill ? (age < 18 ? CHILD_ILLNESSES : ADULT_ILLNESSES).pick(r) : null;
    return { disabilityKind, disabilityGrade, seriousIllness };
  }

  /** By age on today; older teenagers and young adults are partly out of school. */
  schoolStage(age: number): SchoolStage | null {
    const r = this.random;
    if (age < 3) return null;
    if (age < 6) return r.chance(0.85) ? 'preschool' : null;
    if (age < 12) return 'primary';
    if (age < 15) return 'junior';
    if (age < 18) return SENIOR_SCHOOL.pick(r);
    if (age === 18) return AGE_18_SCHOOL.pick(r);
    if (age < 22) return TERTIARY_SCHOOL.pick(r);
    if (age < 26) return r.chance(0.02) ? 'postgraduate' : null;
    return null;
  }

  /** Children and students count as unable to work; grade 1–2 disability removes it, illness and age reduce it. */
  labourCapacity(age: number, health: Health, student: boolean): LabourCapacity {
    const r = this.random;
    if (age < 16 || student || age >= 70) return 'none';
    if (health.disabilityGrade !== null && health.disabilityGrade <= 2) return 'none';
    if (health.seriousIllness !== null) return r.chance(0.4) ? 'none' : 'partial';
    if (health.disabilityGrade !== null) return 'partial';
    if (age >= 60) {
      const x = r.next();
      return x < 0.2 ? 'none' : x < 0.8 ? 'partial' : 'full';
    }
    return 'full';
  }

  employment(age: number, labour: LabourCapacity, stage: SchoolStage | null, rural: boolean): Employment {
    const r = this.random;
    if (stage !== null && stage !== 'preschool') return 'student';
    if (age < 16 || labour === 'none') return 'none';
    if (age >= 60) {
      if (rural) return r.chance(0.6) ? 'farming' : 'none';
      return r.chance(0.3) ? 'retired' : 'none';
    }
    const work = (rural ? RURAL_WORK : URBAN_WORK).pick(r);
    // partly able people find steady jobs less often
    return labour === 'partial' && work === 'employed' && r.chance(0.5) ? 'unemployed' : work;
  }

  /**
   * Most working-age adults, fewer old people; the head more often, being the household's contact; not
   * people whose severe intellectual or mental disability means a guardian is reached instead.
   */
  phone(age: number, isHead: boolean, health: Health): string | null {
    const r = this.random;
    if (age < 18 || age > 80) return null;
    if (needsGuardian(health)) return null;
    const p = (age <= 60 ? 0.75 : 0.45) + (isHead ? 0.2 : 0);
    if (!r.chance(p)) return null;
    return r.pick(MOBILE_PREFIXES) + String(r.int(100_000_000)).padStart(8, '0');
  }
}

/** Severe intellectual or mental disability: a guardian acts (phone, bank account) for the person. */
export function needsGuardian(health: Health): boolean {
  return (
    health.disabilityGrade !== null &&
    health.disabilityGrade <= 2 &&
    (health.disabilityKind === 'intellectual' || health.disabilityKind === 'mental')
  );
}
