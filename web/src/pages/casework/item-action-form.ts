// One move of an item in a department's queue: which inputs each action asks for, and the values typed → the
// action body POST /items/{id}/actions takes. The server lists the actions allowed now (allowedActions); the
// page offers exactly those.
import { MONTHLY_ITEM_KINDS } from '../../../../src/casework/domain/items';
import type { ItemAction, ItemView } from '../../api/casework';
import { yuanToFen } from '../../format/money-input';

export type ActionType = ItemView['allowedActions'][number];

/** The inputs of an action's dialog (the date it happened is always asked, defaulting to today). */
export type ActionInput =
  | 'note' | 'noteRequired' | 'opinion' | 'monthlyAmount' | 'policyVersion' | 'oneOffAmount' | 'reason' | 'investigators'
  | 'surveyFormSigned' | 'reportId' | 'summary' | 'followUp';

export interface ActionFormValues {
  on?: string | null;
  note?: string;
  opinion?: 'support' | 'oppose';
  amountYuan?: string | number | null;
  policyVersion?: string;
  reason?: string;
  investigators?: string;
  surveyFormSigned?: boolean;
  reportId?: string;
  summary?: string;
  followUpKind?: 're_survey' | 'community_review';
  followUpInvestigators?: string;
}

type ItemFacts = Pick<ItemView, 'kind' | 'procedure'>;

/** Approving a monthly benefit records the amount a month and the policy version it was computed with. */
export const isMonthly = (item: Pick<ItemView, 'kind'>) => MONTHLY_ITEM_KINDS.includes(item.kind);

/** Objections in the publicity round now open: closing it must say what follows. */
export const hasObjections = (item: ItemFacts) => (item.procedure?.publicity?.objections.length ?? 0) > 0;

export function actionInputs(type: ActionType, item: ItemFacts): ActionInput[] {
  switch (type) {
    case 'accept':
    case 'startReview':
      return ['note'];
    case 'review':
      return ['opinion', 'noteRequired'];
    case 'approve':
      return isMonthly(item) ? ['monthlyAmount', 'policyVersion', 'note'] : ['oneOffAmount', 'note'];
    case 'refuse':
    case 'withdraw':
      return ['reason'];
    case 'startSurvey':
      return ['investigators'];
    case 'completeSurvey':
      return ['surveyFormSigned'];
    case 'completeEconomicCheck':
      return ['reportId'];
    case 'recordObjection':
    case 'completeCommunityReview':
      return ['summary'];
    case 'closePublicity':
      return hasObjections(item) ? ['followUp'] : [];
    case 'startPublicity':
    case 'notifyRefusal':
      return [];
  }
}

/** '王强、李芳, 赵敏' → ['王强', '李芳', '赵敏']: investigators as people write a list of names. */
export function splitNames(s: string | undefined): string[] {
  return [...new Set((s ?? '').split(/[、,，;；\s]+/).map((x) => x.trim()).filter(Boolean))];
}

const text = (s: string | undefined) => (s ?? '').trim();

export function actionBody(type: ActionType, v: ActionFormValues, item: ItemFacts): ItemAction {
  const on = v.on ? { on: v.on } : {};
  const note = text(v.note) ? { note: text(v.note) } : {};
  switch (type) {
    case 'accept':
    case 'startReview':
      return { type, ...on, ...note };
    case 'review':
      return { type, ...on, opinion: v.opinion, note: text(v.note) };
    case 'approve': {
      const fen = yuanToFen(v.amountYuan);
      if (isMonthly(item)) return { type, ...on, amountFenPerMonth: fen ?? 0, policyVersion: text(v.policyVersion), ...note };
      return { type, ...on, ...(fen !== null ? { amountFen: fen } : {}), ...note };
    }
    case 'refuse':
    case 'withdraw':
      return { type, ...on, reason: text(v.reason) };
    case 'startSurvey':
      return { type, ...on, investigators: splitNames(v.investigators) };
    case 'completeSurvey':
      return { type, ...on, surveyFormSigned: v.surveyFormSigned === true };
    case 'completeEconomicCheck':
      return { type, ...on, reportId: text(v.reportId) };
    case 'recordObjection':
    case 'completeCommunityReview':
      return { type, ...on, summary: text(v.summary) };
    case 'closePublicity':
      if (!hasObjections(item)) return { type, ...on };
      return {
        type, ...on,
        followUp: v.followUpKind === 're_survey' ? { kind: 're_survey', investigators: splitNames(v.followUpInvestigators) } : { kind: 'community_review' },
      };
    case 'startPublicity':
    case 'notifyRefusal':
      return { type, ...on };
  }
}

/** Decisions are shown as the primary (or danger) button; the procedure's steps as ordinary ones. */
export function actionTone(type: ActionType): 'primary' | 'danger' | 'default' {
  if (type === 'approve' || type === 'accept') return 'primary';
  if (type === 'refuse' || type === 'withdraw') return 'danger';
  return 'default';
}
