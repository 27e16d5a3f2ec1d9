import { describe, expect, it } from 'vitest';
import {
  applyDibaoAction,
  itemStatusOfDibaoStep,
  openDeadlines,
  openDibaoCase,
  overdueDeadlines,
  type DibaoAction,
  type DibaoCase,
} from './dibao-procedure.js';
import { calendar, params } from './test-fixtures.js';

const ctx = { params, calendar };
const county = { userId: 'u-township-03', name: '陈确认' };

function run(c: DibaoCase, ...actions: DibaoAction[]): DibaoCase {
  for (const a of actions) {
    const r = applyDibaoAction(c, a, ctx);
    if (!r.ok) throw new Error(`${a.type}: ${r.error.code}`);
    c = r.value;
  }
  return c;
}

const accepted = openDibaoCase('APP-1:dibao', '2025-09-15', ctx);
const toPublicity: DibaoAction[] = [
  { type: 'startSurvey', on: '2025-09-16', investigators: ['u-inv-1', 'u-inv-2'] },
  { type: 'completeSurvey', on: '2025-09-17', surveyFormSigned: true },
  { type: 'completeEconomicCheck', on: '2025-09-19', reportId: 'HD-2025-0917' },
  { type: 'startPublicity', on: '2025-09-22' },
];

describe('低保 procedure', () => {
  it('opens with the survey-start and whole-procedure limits', () => {
    expect(accepted.surveyStartDeadline.due).toBe('2025-09-18');
    expect(accepted.procedureDeadline.due).toBe('2025-10-17');
    expect(openDeadlines(accepted).map((d) => [d.what, d.deadline.due])).toEqual([
      ['surveyStart', '2025-09-18'],
      ['procedure', '2025-10-17'],
    ]);
  });

  it('runs to approval with a decision record, paid from the next month', () => {
    const c = run(
      accepted,
      ...toPublicity,
      { type: 'closePublicity', on: '2025-09-30' },
      { type: 'approve', decision: { amountFenPerMonth: 71_500, decidedOn: '2025-10-09', decidedBy: county, policyVersion: 'yudu-dibao-2025' } },
    );
    expect(c.step).toBe('approved');
    expect(c.decision).toMatchObject({ amountFenPerMonth: 71_500, startMonth: '2025-11', decidedBy: county });
    expect(c.history.map((h) => h.to)).toEqual(['household_survey', 'economic_check', 'first_opinion', 'publicity', 'confirmation', 'approved']);
    expect(openDeadlines(c)).toEqual([]);
    expect(itemStatusOfDibaoStep(c.step)).toBe('approved');
  });

  it('needs at least two investigators and a signed survey form', () => {
    expect(applyDibaoAction(accepted, { type: 'startSurvey', on: '2025-09-16', investigators: ['u-inv-1'] }, ctx)).toMatchObject({
      ok: false, error: { code: 'too_few_investigators', zh: '入户调查须有2名以上调查人员' },
    });
    expect(applyDibaoAction(accepted, { type: 'startSurvey', on: '2025-09-16', investigators: ['u-inv-1', 'u-inv-1 '] }, ctx)).toMatchObject({
      ok: false, error: { code: 'too_few_investigators' },
    });
    const surveying = run(accepted, toPublicity[0]!);
    expect(applyDibaoAction(surveying, { type: 'completeSurvey', on: '2025-09-17', surveyFormSigned: false }, ctx)).toMatchObject({
      ok: false, error: { code: 'survey_form_unsigned' },
    });
    expect(itemStatusOfDibaoStep(surveying.step)).toBe('in_review');
  });

  it('publicity lasts 7 calendar days; confirmation waits until it has ended', () => {
    const c = run(accepted, ...toPublicity);
    expect(c.publicity).toMatchObject({ startedOn: '2025-09-22', deadline: { due: '2025-09-29', unit: 'calendarDays' }, objections: [] });
    expect(applyDibaoAction(c, { type: 'closePublicity', on: '2025-09-29' }, ctx)).toMatchObject({
      ok: false, error: { code: 'publicity_not_ended', zh: '公示期至2025-09-29止，期满后方可确认' },
    });
    expect(run(c, { type: 'closePublicity', on: '2025-09-30' }).step).toBe('confirmation');
  });

  it('records objections; an objection leads to a community review and a new publicity round', () => {
    let c = run(accepted, ...toPublicity, { type: 'recordObjection', on: '2025-09-24', summary: '村民反映其子在外务工收入较高' });
    expect(c.publicity?.objections).toEqual([{ receivedOn: '2025-09-24', summary: '村民反映其子在外务工收入较高' }]);
    expect(applyDibaoAction(c, { type: 'closePublicity', on: '2025-09-30' }, ctx)).toMatchObject({ ok: false, error: { code: 'follow_up_required' } });
    c = run(
      c,
      { type: 'closePublicity', on: '2025-09-25', followUp: { kind: 'community_review' } },
      { type: 'completeCommunityReview', on: '2025-09-26', summary: '民主评议：异议不成立' },
      { type: 'startPublicity', on: '2025-09-26' },
    );
    expect(c.step).toBe('publicity');
    expect(c.publicityRounds).toBe(2);
    expect(c.publicity).toMatchObject({ startedOn: '2025-09-26', objections: [] });
  });

  it('an objection can send the case back to a household survey by two investigators', () => {
    const c = run(accepted, ...toPublicity, { type: 'recordObjection', on: '2025-09-24', summary: '有车辆' });
    expect(applyDibaoAction(c, { type: 'closePublicity', on: '2025-09-24', followUp: { kind: 're_survey', investigators: ['u-inv-3'] } }, ctx)).toMatchObject({
      ok: false, error: { code: 'too_few_investigators' },
    });
    const back = run(c, { type: 'closePublicity', on: '2025-09-24', followUp: { kind: 're_survey', investigators: ['u-inv-3', 'u-inv-4'] } });
    expect(back.step).toBe('household_survey');
    expect(back.investigators).toEqual(['u-inv-3', 'u-inv-4']);
  });

  it('does not invent a follow-up when nobody objected', () => {
    const c = run(accepted, ...toPublicity);
    expect(applyDibaoAction(c, { type: 'closePublicity', on: '2025-09-30', followUp: { kind: 'community_review' } }, ctx)).toMatchObject({
      ok: false, error: { code: 'no_objection' },
    });
  });

  it('a refusal needs reasons, and the written notice is due within 3 working days', () => {
    const opinion = run(accepted, ...toPublicity.slice(0, 3));
    expect(applyDibaoAction(opinion, { type: 'refuse', on: '2025-09-30', reason: ' ', decidedBy: county }, ctx)).toMatchObject({
      ok: false, error: { code: 'reason_required' },
    });
    const refused = run(opinion, { type: 'refuse', on: '2025-09-30', reason: '家庭人均收入高于当地低保标准', decidedBy: county });
    expect(refused.refusal?.noticeDeadline.due).toBe('2025-10-11'); // 10/9, 10/10, 10/11 (working Saturday)
    expect(overdueDeadlines(refused, '2025-10-11')).toEqual([]);
    expect(overdueDeadlines(refused, '2025-10-13').map((d) => d.what)).toEqual(['refusalNotice']);
    const notified = run(refused, { type: 'notifyRefusal', on: '2025-10-10' });
    expect(notified.refusal?.notifiedOn).toBe('2025-10-10');
    expect(openDeadlines(notified)).toEqual([]);
    expect(applyDibaoAction(notified, { type: 'notifyRefusal', on: '2025-10-11' }, ctx)).toMatchObject({ ok: false, error: { code: 'already_notified' } });
  });

  it('rejects actions out of order with a typed error', () => {
    expect(applyDibaoAction(accepted, { type: 'startPublicity', on: '2025-09-16' }, ctx)).toMatchObject({
      ok: false, error: { code: 'illegal_action', zh: '"已受理"阶段不能执行此操作', en: 'startPublicity is not allowed at step accepted' },
    });
    expect(applyDibaoAction(accepted, { type: 'startSurvey', on: '2025-09-14', investigators: ['a', 'b'] }, ctx)).toMatchObject({
      ok: false, error: { code: 'date_out_of_order' },
    });
    const approved = run(accepted, ...toPublicity, { type: 'closePublicity', on: '2025-09-30' }, {
      type: 'approve', decision: { amountFenPerMonth: 1, decidedOn: '2025-10-09', decidedBy: county, policyVersion: 'v' },
    });
    expect(applyDibaoAction(approved, { type: 'withdraw', on: '2025-10-10', reason: '不想要了' }, ctx)).toMatchObject({
      ok: false, error: { code: 'illegal_action' },
    });
  });

  it('checks the decision record on approval', () => {
    const confirming = run(accepted, ...toPublicity, { type: 'closePublicity', on: '2025-09-30' });
    const r = applyDibaoAction(confirming, { type: 'approve', decision: { amountFenPerMonth: 0, decidedOn: '2025-10-09', decidedBy: county, policyVersion: 'v' } }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_decision', fieldErrors: [{ field: 'amountFenPerMonth' }] } });
  });

  it('can be withdrawn with a reason from any open step', () => {
    const c = run(accepted, toPublicity[0]!, { type: 'withdraw', on: '2025-09-18', reason: '申请人书面撤回' });
    expect(c.step).toBe('withdrawn');
    expect(itemStatusOfDibaoStep(c.step)).toBe('withdrawn');
  });

  it('flags a survey not started in time and a procedure past its limit', () => {
    expect(overdueDeadlines(accepted, '2025-09-18')).toEqual([]);
    expect(overdueDeadlines(accepted, '2025-09-19').map((d) => d.what)).toEqual(['surveyStart']);
    const c = run(accepted, ...toPublicity);
    expect(overdueDeadlines(c, '2025-10-20').map((d) => d.what)).toEqual(['procedure']);
  });
});
