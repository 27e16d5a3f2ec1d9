// The 低保 procedure after acceptance as a state machine with its time limits (《最低生活保障审核确认办法》,
// Jiangxi practice where the township confirms): survey → economic check → first opinion → 7-day publicity
// (objections lead to a re-survey or a community review) → confirmation → approved, or refused with written
// reasons within 3 working days. Each action is checked; an illegal one returns a typed error.

import { compareDates, isIsoDate, type IsoDate, type WorkCalendar } from '../../platform/calendar/index.js';
import { makeDecisionRecord, type DecidedBy, type DecisionInput, type DecisionRecord } from './decision.js';
import { deadlineFor, isOverdue, type Deadline, type DeadlineParameters } from './deadlines.js';
import { fail, ok, type FieldError, type Result } from './field-error.js';

export const DIBAO_STEPS = [
  'accepted',
  'household_survey',
  'economic_check',
  'first_opinion',
  'publicity',
  'community_review',
  'confirmation',
  'approved',
  'refused',
  'withdrawn',
] as const;
export type DibaoStep = (typeof DIBAO_STEPS)[number];

export const DIBAO_STEP_LABELS: Record<DibaoStep, { zh: string; en: string }> = {
  accepted: { zh: '已受理', en: 'Accepted' },
  household_survey: { zh: '入户调查', en: 'Household survey' },
  economic_check: { zh: '经济状况核对', en: 'Economic check' },
  first_opinion: { zh: '提出审核意见', en: 'First opinion' },
  publicity: { zh: '公示', en: 'Publicity' },
  community_review: { zh: '民主评议', en: 'Community review' },
  confirmation: { zh: '审核确认', en: 'Confirmation' },
  approved: { zh: '已纳入低保', en: 'Approved' },
  refused: { zh: '不予纳入', en: 'Refused' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const DIBAO_FINAL_STEPS: readonly DibaoStep[] = ['approved', 'refused', 'withdrawn'];

/** ≥ 2 investigators sign the survey form (《最低生活保障审核确认办法》). */
export const MIN_INVESTIGATORS = 2;

export interface Objection {
  readonly receivedOn: IsoDate;
  readonly summary: string;
}

export interface PublicityRound {
  readonly startedOn: IsoDate;
  /** Ends on deadline.due; confirmation may follow from the next day. */
  readonly deadline: Deadline;
  readonly objections: readonly Objection[];
}

export interface Refusal {
  readonly decidedOn: IsoDate;
  readonly decidedBy: DecidedBy;
  readonly reason: string;
  /** The written reasons must reach the applicant by this day. */
  readonly noticeDeadline: Deadline;
  readonly notifiedOn?: IsoDate;
}

export interface DibaoEvent {
  readonly action: DibaoAction['type'];
  readonly on: IsoDate;
  readonly from: DibaoStep;
  readonly to: DibaoStep;
}

export interface DibaoCase {
  readonly itemId: string;
  readonly acceptedOn: IsoDate;
  readonly step: DibaoStep;
  readonly surveyStartDeadline: Deadline;
  readonly procedureDeadline: Deadline;
  readonly investigators: readonly string[];
  readonly publicity?: PublicityRound;
  readonly publicityRounds: number;
  readonly decision?: DecisionRecord;
  readonly refusal?: Refusal;
  readonly history: readonly DibaoEvent[];
}

export type DibaoAction =
  | { readonly type: 'startSurvey'; readonly on: IsoDate; readonly investigators: readonly string[] }
  | { readonly type: 'completeSurvey'; readonly on: IsoDate; readonly surveyFormSigned: boolean }
  | { readonly type: 'completeEconomicCheck'; readonly on: IsoDate; readonly reportId: string }
  | { readonly type: 'startPublicity'; readonly on: IsoDate }
  | { readonly type: 'recordObjection'; readonly on: IsoDate; readonly summary: string }
  | {
      readonly type: 'closePublicity';
      readonly on: IsoDate;
      /** Required when objections were recorded, forbidden otherwise. A re-survey needs its investigators. */
      readonly followUp?: { readonly kind: 're_survey'; readonly investigators: readonly string[] } | { readonly kind: 'community_review' };
    }
  | { readonly type: 'completeCommunityReview'; readonly on: IsoDate; readonly summary: string }
  | { readonly type: 'approve'; readonly decision: DecisionInput }
  | { readonly type: 'refuse'; readonly on: IsoDate; readonly reason: string; readonly decidedBy: DecidedBy }
  | { readonly type: 'notifyRefusal'; readonly on: IsoDate }
  | { readonly type: 'withdraw'; readonly on: IsoDate; readonly reason: string };

/** Where each action may be taken; withdraw is allowed from any step that is not final. */
export const DIBAO_ACTION_STEPS: Record<Exclude<DibaoAction['type'], 'withdraw'>, readonly DibaoStep[]> = {
  startSurvey: ['accepted'],
  completeSurvey: ['household_survey'],
  completeEconomicCheck: ['economic_check'],
  startPublicity: ['first_opinion'],
  recordObjection: ['publicity'],
  closePublicity: ['publicity'],
  completeCommunityReview: ['community_review'],
  approve: ['confirmation'],
  // Refusal after the first opinion (no publicity for a proposed refusal) or at confirmation.
  refuse: ['first_opinion', 'confirmation'],
  notifyRefusal: ['refused'],
};

export type DibaoErrorCode =
  | 'illegal_action'
  | 'invalid_date'
  | 'date_out_of_order'
  | 'too_few_investigators'
  | 'survey_form_unsigned'
  | 'report_required'
  | 'publicity_not_ended'
  | 'follow_up_required'
  | 'no_objection'
  | 'summary_required'
  | 'reason_required'
  | 'invalid_decision'
  | 'already_notified';

export interface DibaoError {
  readonly code: DibaoErrorCode;
  readonly zh: string;
  readonly en: string;
  readonly fieldErrors?: readonly FieldError[];
}

export interface DibaoContext {
  readonly params: DeadlineParameters;
  readonly calendar: WorkCalendar;
}

export function openDibaoCase(itemId: string, acceptedOn: IsoDate, ctx: DibaoContext): DibaoCase {
  return {
    itemId,
    acceptedOn,
    step: 'accepted',
    surveyStartDeadline: deadlineFor('dibaoSurveyStart', acceptedOn, ctx.params, ctx.calendar),
    procedureDeadline: deadlineFor('dibaoProcedure', acceptedOn, ctx.params, ctx.calendar),
    investigators: [],
    publicityRounds: 0,
    history: [],
  };
}

const err = (code: DibaoErrorCode, zh: string, en: string, fieldErrors?: readonly FieldError[]): { ok: false; error: DibaoError } =>
  fail({ code, zh, en, ...(fieldErrors && { fieldErrors }) });

function blank(v: unknown): boolean {
  return typeof v !== 'string' || v.trim() === '';
}

function distinctInvestigators(list: readonly string[]): string[] {
  return [...new Set((Array.isArray(list) ? list : []).map((s) => String(s).trim()).filter((s) => s !== ''))];
}

function actionDate(action: DibaoAction): IsoDate {
  return action.type === 'approve' ? action.decision.decidedOn : action.on;
}

export function applyDibaoAction(c: DibaoCase, action: DibaoAction, ctx: DibaoContext): Result<DibaoCase, DibaoError> {
  const from = c.step;
  const allowed = action.type === 'withdraw' ? !DIBAO_FINAL_STEPS.includes(from) : DIBAO_ACTION_STEPS[action.type].includes(from);
  if (!allowed) {
    return err('illegal_action', `"${DIBAO_STEP_LABELS[from].zh}"阶段不能执行此操作`, `${action.type} is not allowed at step ${from}`);
  }
  const on = actionDate(action);
  if (!isIsoDate(on)) return err('invalid_date', '日期无效', 'Invalid date');
  const last = c.history.at(-1)?.on ?? c.acceptedOn;
  if (compareDates(on, last) < 0) return err('date_out_of_order', `日期不能早于上一步（${last}）`, `Date is before the previous step (${last})`);

  const moved = (to: DibaoStep, patch: Partial<DibaoCase> = {}): { ok: true; value: DibaoCase } =>
    ok({ ...c, ...patch, step: to, history: [...c.history, { action: action.type, on, from, to }] });

  switch (action.type) {
    case 'startSurvey': {
      const investigators = distinctInvestigators(action.investigators);
      if (investigators.length < MIN_INVESTIGATORS) return err('too_few_investigators', '入户调查须有2名以上调查人员', 'A household survey needs at least 2 investigators');
      return moved('household_survey', { investigators });
    }
    case 'completeSurvey':
      if (action.surveyFormSigned !== true) return err('survey_form_unsigned', '入户调查表须经调查人员和申请人签字', 'The survey form must be signed');
      return moved('economic_check');
    case 'completeEconomicCheck':
      if (blank(action.reportId)) return err('report_required', '须关联经济状况核对报告', 'The economic-check report is required');
      return moved('first_opinion');
    case 'startPublicity':
      return moved('publicity', {
        publicity: { startedOn: on, deadline: deadlineFor('dibaoPublicity', on, ctx.params, ctx.calendar), objections: [] },
        publicityRounds: c.publicityRounds + 1,
      });
    case 'recordObjection': {
      if (blank(action.summary)) return err('summary_required', '请记录异议内容', 'Record what the objection says');
      const p = c.publicity!;
      return moved('publicity', { publicity: { ...p, objections: [...p.objections, { receivedOn: on, summary: action.summary }] } });
    }
    case 'closePublicity': {
      const p = c.publicity!;
      if (p.objections.length === 0) {
        if (action.followUp) return err('no_objection', '公示无异议，不需要重新调查或民主评议', 'No objection was recorded: no follow-up is needed');
        if (!isOverdue(p.deadline, on)) return err('publicity_not_ended', `公示期至${p.deadline.due}止，期满后方可确认`, `Publicity runs until ${p.deadline.due}; confirm after it ends`);
        return moved('confirmation');
      }
      // An objection is dealt with at once; a new publicity round follows, so there is no need to wait.
      if (!action.followUp) return err('follow_up_required', '公示有异议，须重新入户调查或组织民主评议', 'Objections were recorded: choose a re-survey or a community review');
      if (action.followUp.kind === 'community_review') return moved('community_review');
      const investigators = distinctInvestigators(action.followUp.investigators);
      if (investigators.length < MIN_INVESTIGATORS) return err('too_few_investigators', '重新入户调查须有2名以上调查人员', 'A re-survey needs at least 2 investigators');
      return moved('household_survey', { investigators });
    }
    case 'completeCommunityReview':
      if (blank(action.summary)) return err('summary_required', '请记录民主评议结果', 'Record the outcome of the community review');
      return moved('first_opinion');
    case 'approve': {
      const r = makeDecisionRecord(action.decision);
      if (!r.ok) return err('invalid_decision', '决定信息不完整', 'The decision record is incomplete', r.error);
      return moved('approved', { decision: r.value });
    }
    case 'refuse':
      if (blank(action.reason)) return err('reason_required', '不予纳入须书面说明理由', 'A refusal needs written reasons');
      if (!action.decidedBy || blank(action.decidedBy.userId)) return err('invalid_decision', '须记录决定人', 'Who decided is required');
      return moved('refused', {
        refusal: {
          decidedOn: on,
          decidedBy: action.decidedBy,
          reason: action.reason,
          noticeDeadline: deadlineFor('refusalReasons', on, ctx.params, ctx.calendar),
        },
      });
    case 'notifyRefusal': {
      const r = c.refusal!;
      if (r.notifiedOn) return err('already_notified', '已书面告知申请人', 'The applicant has already been notified');
      return moved('refused', { refusal: { ...r, notifiedOn: on } });
    }
    case 'withdraw':
      if (blank(action.reason)) return err('reason_required', '请记录撤回原因', 'Record why the application was withdrawn');
      return moved('withdrawn');
  }
}

export interface OpenDeadline {
  readonly what: 'surveyStart' | 'procedure' | 'publicityEnd' | 'refusalNotice';
  readonly deadline: Deadline;
}

/** The time limits still running for a case, for the caseworker's list and the supervisor's overdue count. */
export function openDeadlines(c: DibaoCase): OpenDeadline[] {
  const open: OpenDeadline[] = [];
  if (c.step === 'accepted') open.push({ what: 'surveyStart', deadline: c.surveyStartDeadline });
  if (!DIBAO_FINAL_STEPS.includes(c.step)) open.push({ what: 'procedure', deadline: c.procedureDeadline });
  if (c.step === 'publicity' && c.publicity) open.push({ what: 'publicityEnd', deadline: c.publicity.deadline });
  if (c.step === 'refused' && c.refusal && !c.refusal.notifiedOn) open.push({ what: 'refusalNotice', deadline: c.refusal.noticeDeadline });
  return open;
}

/** Open limits that have passed; the end of publicity is a date to wait for, not a limit to miss. */
export function overdueDeadlines(c: DibaoCase, today: IsoDate): OpenDeadline[] {
  return openDeadlines(c).filter((d) => d.what !== 'publicityEnd' && isOverdue(d.deadline, today));
}

/** The item status the one-form status page shows for a procedure step. */
export function itemStatusOfDibaoStep(step: DibaoStep): 'accepted' | 'in_review' | 'approved' | 'refused' | 'withdrawn' {
  if (step === 'accepted' || step === 'approved' || step === 'refused' || step === 'withdrawn') return step;
  return 'in_review';
}
