// The assessment of a stored household on a date, as the API offers it: the facts of the request (or the
// stored ones), the policy in force for the household's county and area on that date, every programme
// explained; optionally saving the facts. And a decision from the stored facts: the amount is always the
// one the rules compute, never typed in.
import type { Database } from '../../platform/db';
import { AppError, validationFailed } from '../../platform/errors';
import { assessEverything } from './assess';
import { assessProgramme } from './assess';
import { awardBenefit, type AwardView } from './awards';
import { badRequest, PROGRAMME_LABELS, type BenefitsCaller, type Programme } from './common';
import { factsFromRequest, saveFacts, type FactsRequest } from './facts';
import { loadPolicyVersions, policyForCounty } from './policy-store';
import { buildHousehold, EMPTY_FACTS, loadSubject } from './subjects';
import { basisOf, upsertBasis } from '../simulation/basis-store';

export interface AssessmentRequest extends FactsRequest {
  date?: string;
  useStoredFacts?: boolean;
  save?: boolean;
  temporaryAssistance?: { band?: string; persons?: number };
}

export async function assessStoredHousehold(db: Database, caller: BenefitsCaller, householdId: number, body: AssessmentRequest, today: string) {
  const date = body.date ?? today;
  const subject = await loadSubject(db, caller.scope, householdId);
  const h = subject.household;
  const versions = await loadPolicyVersions(db);
  const policy = policyForCounty(versions, h.county_code, h.area_type, date);
  if (!policy) {
    throw new AppError(422, 'NO_POLICY', `${date}本户所在县（${h.county_code}）${h.area_type === 'urban' ? '城市' : '农村'}没有生效的政策版本，请先录入当地政策`,
      `No policy version is in force for county ${h.county_code} (${h.area_type}) on ${date}`);
  }
  let facts = EMPTY_FACTS;
  let factsSource: { source: string; asOf: string | null } = { source: 'request', asOf: date };
  if (body.useStoredFacts) {
    if (!subject.facts) throw badRequest('useStoredFacts', 'NO_FACTS', '本户尚未保存核对数据', 'The household has no stored facts');
    facts = subject.facts.facts;
    factsSource = { source: subject.facts.source, asOf: subject.facts.asOf };
  } else {
    const converted = factsFromRequest(body, new Set(subject.members.map((m) => m.id)));
    if (converted.errors.length) throw validationFailed(converted.errors);
    facts = converted.facts;
  }
  let result;
  try {
    result = assessEverything(subject, facts, policy, date, {
      temporaryBand: body.temporaryAssistance?.band, temporaryPersons: body.temporaryAssistance?.persons, incomeVaries: body.incomeVaries,
    });
  } catch (e) {
    if (e instanceof RangeError) throw badRequest('body', 'ASSESSMENT', `无法测算：${e.message}`, `Cannot assess: ${e.message}`);
    throw e;
  }
  let saved: { version: number } | null = null;
  if (body.save && !body.useStoredFacts) {
    saved = await db.transaction(async (tx) => {
      const version = await saveFacts(tx, caller, householdId, h.village_code, facts, date, 'assessment');
      // Keep the simulation's 低保 basis warm for this household.
      const row = basisOf({ ...subject, facts: { asOf: date, source: 'assessment', version, facts } }, policy, date);
      if (row) await upsertBasis(tx, [row]);
      return { version };
    });
  }
  return { ...result, factsUsed: factsSource, savedFacts: saved };
}

export interface AwardFromFactsRequest {
  programme: Programme;
  personId?: number;
  decidedOn?: string;
  decisionRef?: string;
  onExisting?: 'refuse' | 'adjust';
}

/** A decision on the household's stored facts: assesses on the decision date and awards the computed amount. */
export async function awardFromStoredFacts(db: Database, caller: BenefitsCaller, householdId: number, body: AwardFromFactsRequest, today: string): Promise<AwardView> {
  const decidedOn = body.decidedOn ?? today;
  if (decidedOn > today) throw badRequest('decidedOn', 'FUTURE', '决定日期不能晚于今天', 'The decision date cannot be in the future');
  return db.transaction(async (tx) => {
    const subject = await loadSubject(tx, caller.scope, householdId, true);
    if (!subject.facts) throw badRequest('householdId', 'NO_FACTS', '本户尚未保存核对数据：请先测算并保存', 'Assess and save the household facts first');
    const h = subject.household;
    const versions = await loadPolicyVersions(tx);
    const policy = policyForCounty(versions, h.county_code, h.area_type, decidedOn);
    if (!policy) throw new AppError(422, 'NO_POLICY', `${decidedOn}本地区没有生效的政策版本`, 'No policy version in force on the decision date');
    const built = buildHousehold(subject, subject.facts.facts, decidedOn, policy);
    const r = assessProgramme(built, policy, decidedOn, body.programme, body.personId ?? null);
    if (!r.eligible || r.amountFen <= 0) {
      throw new AppError(422, 'NOT_ELIGIBLE', `不符合${PROGRAMME_LABELS[body.programme].zh}条件：${r.reasons.join('；') || '计算金额为0'}`,
        `Not eligible for ${body.programme}`, r.reasons.map((reason) => ({ field: 'programme', code: 'NOT_ELIGIBLE', message: reason, messageEn: 'Not eligible' })));
    }
    return awardBenefit(tx, caller, {
      householdId, personId: body.personId ?? null, programme: body.programme, amountFen: r.amountFen, startMonth: r.paymentFromMonth,
      explanation: { steps: r.steps, flags: r.flags }, policyVersion: { id: policy.id }, decisionRef: body.decisionRef ?? null, decidedOn,
      source: 'api', onExisting: body.onExisting,
    });
  });
}
