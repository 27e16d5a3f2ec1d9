// Running the pure rules on a stored household: the full explained assessment the API answers with
// (低保, 单人保 and 特困 per person, 边缘, 刚性支出, 临时救助 bands, re-check), and the one-programme
// assessment that awards, the monthly recalculation and the demo use. Values in, values out: the caller
// reads the registry and the policy first.
import { assessDibao, type DibaoAssessment } from '../assessment/dibao';
import { assessSinglePersonDibao, qualifyingDisabilities } from '../assessment/single-person';
import { assessTekun } from '../assessment/tekun';
import { classifyNearPoor } from '../assessment/near-poor';
import { classifyRigidExpenditure } from '../assessment/rigid-expenditure';
import { nextRecheck } from '../assessment/recheck';
import { temporaryAssistanceAmount } from '../assessment/temporary';
import { displayFen } from '../money';
import { addMonthsToMonth, monthOf } from '../dates';
import { step, type PolicyRef, type Step } from '../explanation';
import type { PolicyVersion } from '../policy/types';
import { PROGRAMME_LABELS, type Programme } from './common';
import { policyRefView, type StoredPolicy } from './policy-store';
import { buildHousehold, type BuiltHousehold, type HouseholdFacts, type Subject } from './subjects';

/** The result of one programme for one beneficiary: what an award stores. */
export interface ProgrammeResult {
  programme: Programme;
  personId: number | null;
  eligible: boolean;
  amountFen: number;
  reasons: string[];
  steps: Step[];
  flags: string[];
  policyVersion: PolicyRef;
  /** The month after the assessment date (first month paid for a decision on that date). */
  paymentFromMonth: string;
}

const nextMonth = (date: string) => addMonthsToMonth(monthOf(date), 1);

/** One programme on a built household: 低保 for the household, 单人保 or 特困 for one living member. */
export function assessProgramme(built: BuiltHousehold, policy: PolicyVersion, date: string, programme: Programme, personId: number | null): ProgrammeResult {
  const pre = built.steps;
  const base = { programme, personId, paymentFromMonth: nextMonth(date) };
  if (programme === 'dibao') {
    const r = assessDibao(built.household, policy, date);
    return { ...base, eligible: r.eligible, amountFen: r.eligible ? r.amountFen : 0, reasons: r.reasons, steps: [...pre, ...r.steps], flags: [...built.flags, ...r.flags], policyVersion: r.policyVersion! };
  }
  const member = personId === null ? undefined : built.household.members.find((m) => m.id === String(personId));
  if (!member) {
    const reason = '受助人不是本户在世的家庭成员';
    return {
      ...base, eligible: false, amountFen: 0, reasons: [reason],
      steps: [...pre, step('不符合条件', 'Not eligible', reason)], flags: [...built.flags],
      policyVersion: { regionCode: policy.regionCode, areaType: policy.areaType, effectiveFrom: policy.effectiveFrom, version: policy.version },
    };
  }
  const r = programme === 'tekun'
    ? assessTekun(member, built.household, policy, date)
    : assessSinglePersonDibao(member, built.household, policy, date);
  return { ...base, eligible: r.eligible, amountFen: r.eligible ? r.amountFen : 0, reasons: r.reasons, steps: [...pre, ...r.steps], flags: [...built.flags, ...r.flags], policyVersion: r.policyVersion! };
}

function dibaoView(r: DibaoAssessment) {
  return {
    eligible: r.eligible, reasons: r.reasons, amountFen: r.amountFen, paymentFromMonth: r.paymentFromMonth, method: r.method,
    countedMembers: r.countedMembers, standardFen: r.standardFen, perCapitaIncomeFen: r.perCapitaIncomeFen,
    countedMonthlyIncomeFen: r.income.countedMonthlyFen, assetsWithin: r.assetsWithin,
    counted: r.composition.counted.map((c) => ({ personId: Number(c.member.id), name: c.member.name, age: c.age, basis: c.basis })),
    excluded: r.composition.excluded.map((c) => ({ personId: Number(c.member.id), name: c.member.name, age: c.age, reason: c.reason })),
    steps: r.steps, flags: r.flags, policyVersion: r.policyVersion,
  };
}

export interface FullAssessmentOptions {
  /** A temporary-assistance band to price; all bands when absent. */
  temporaryBand?: string;
  temporaryPersons?: number;
  incomeVaries?: boolean;
}

/** Everything the household may be eligible for on the date, each result with its steps and policy. */
export function assessEverything(subject: Subject, facts: HouseholdFacts, policy: StoredPolicy, date: string, options: FullAssessmentOptions = {}) {
  const built = buildHousehold(subject, facts, date, policy);
  const hh = built.household;
  const dibao = assessDibao(hh, policy, date);
  const nearPoor = classifyNearPoor(hh, policy, date);
  const rigid = classifyRigidExpenditure(hh, policy, date);
  const tekun = hh.members.map((m) => {
    const t = assessTekun(m, hh, policy, date);
    return {
      personId: Number(m.id), name: m.name, eligible: t.eligible, amountFen: t.amountFen, reasons: t.reasons, conditions: t.conditions,
      selfCare: t.selfCare, basicSupportFen: t.basicSupportFen, careSubsidyFen: t.careSubsidyFen, steps: t.steps, flags: t.flags, policyVersion: t.policyVersion,
    };
  });
  const listed = new Set(policy.params.singlePersonDibao.catastrophicIllnesses.map((c) => c.code));
  const singlePerson = hh.members
    .filter((m) => qualifyingDisabilities(m.disabilities, policy).length > 0 || (m.illnesses ?? []).some((c) => listed.has(c)))
    .map((m) => {
      const s = assessSinglePersonDibao(m, hh, policy, date);
      return { personId: Number(m.id), name: m.name, eligible: s.eligible, amountFen: s.amountFen, reasons: s.reasons, qualifiedBy: s.qualifiedBy, paymentFromMonth: s.paymentFromMonth, steps: s.steps, flags: s.flags, policyVersion: s.policyVersion };
    });
  const bands = options.temporaryBand
    ? policy.params.temporaryAssistance.bands.filter((b) => b.code === options.temporaryBand)
    : policy.params.temporaryAssistance.bands;
  const persons = options.temporaryPersons ?? Math.max(1, dibao.countedMembers);
  const temporaryAssistance = bands.map((b) => {
    const t = temporaryAssistanceAmount(b.code, policy, hh.areaType, persons);
    return { band: b.code, label: b.label, amountFen: t.amountFen, caseByCase: t.caseByCase, needsCountyDecision: t.needsCountyDecision, townshipLimitFen: displayFen(t.townshipLimit), steps: t.steps, policyVersion: t.policyVersion };
  });
  const recheck = hh.members.length > 0
    ? nextRecheck(hh, policy, { lastCheckDate: date, incomeVaries: options.incomeVaries ?? facts.incomeVaries ?? false })
    : null;

  // What the household would receive as a whole: 低保 for the household, else 单人保 members; 特困 persons.
  const programmes: { programme: Programme; label: string; personId: number | null; name: string | null; amountFen: number }[] = [];
  if (dibao.eligible) programmes.push({ programme: 'dibao', label: PROGRAMME_LABELS.dibao.zh, personId: null, name: null, amountFen: dibao.amountFen });
  for (const s of singlePerson) if (s.eligible) programmes.push({ programme: 'singlePersonDibao', label: PROGRAMME_LABELS.singlePersonDibao.zh, personId: s.personId, name: s.name ?? null, amountFen: s.amountFen });
  for (const t of tekun) if (t.eligible) programmes.push({ programme: 'tekun', label: PROGRAMME_LABELS.tekun.zh, personId: t.personId, name: t.name ?? null, amountFen: t.amountFen });

  return {
    householdId: subject.household.id,
    date,
    areaType: subject.household.area_type,
    countyCode: subject.household.county_code,
    policyVersion: policyRefView(policy),
    preSteps: built.steps,
    flags: built.flags,
    summary: {
      programmes,
      monthlyTotalFen: programmes.reduce((a, p) => a + p.amountFen, 0),
      nearPoor: nearPoor.nearPoor,
      rigidExpenditure: rigid.rigidExpenditure,
      rigidExpenditureDetermined: rigid.determined,
    },
    dibao: dibaoView(dibao),
    singlePerson,
    tekun,
    nearPoor: { nearPoor: nearPoor.nearPoor, reasons: nearPoor.reasons, lineFen: displayFen(nearPoor.line), steps: nearPoor.steps, flags: nearPoor.flags, policyVersion: nearPoor.policyVersion },
    rigidExpenditure: {
      rigidExpenditure: rigid.rigidExpenditure, determined: rigid.determined, reasons: rigid.reasons, annualIncomeFen: displayFen(rigid.annualIncome),
      rigidExpenditure12mFen: rigid.rigidExpenditure12m, validBefore: rigid.validBefore, steps: rigid.steps, flags: rigid.flags, policyVersion: rigid.policyVersion,
    },
    temporaryAssistance,
    recheck: recheck && { category: recheck.category, intervalMonths: recheck.intervalMonths, nextRecheckDate: recheck.nextRecheckDate, steps: recheck.steps, flags: recheck.flags },
  };
}

export type FullAssessment = ReturnType<typeof assessEverything>;
