// The life of an item in its department's queue: submitted → accepted → in_review → approved | refused |
// withdrawn. Every move is checked here so no screen or import can put an item in an impossible state.

import { isIsoDate, type IsoDate } from '../../platform/calendar/index.js';
import { fail, ok, type Result } from './field-error.js';

export const ITEM_STATUSES = ['submitted', 'accepted', 'in_review', 'approved', 'refused', 'withdrawn'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Record<ItemStatus, { zh: string; en: string }> = {
  submitted: { zh: '已提交', en: 'Submitted' },
  accepted: { zh: '已受理', en: 'Accepted' },
  in_review: { zh: '审核中', en: 'In review' },
  approved: { zh: '已批准', en: 'Approved' },
  refused: { zh: '不予批准', en: 'Refused' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** The citizen may withdraw until a decision; a decision is final here (appeals are a new procedure). */
export const ITEM_TRANSITIONS: Record<ItemStatus, readonly ItemStatus[]> = {
  submitted: ['accepted', 'withdrawn'],
  accepted: ['in_review', 'withdrawn'],
  in_review: ['approved', 'refused', 'withdrawn'],
  approved: [],
  refused: [],
  withdrawn: [],
};

export interface StatusChange {
  readonly to: ItemStatus;
  readonly on: IsoDate;
  readonly by: string;
  /** Required for a refusal: the written reasons the applicant receives. */
  readonly reason?: string;
}

export interface StatusEvent extends StatusChange {
  readonly from: ItemStatus;
}

export type ItemStatusError =
  | { readonly code: 'illegal_transition'; readonly from: ItemStatus; readonly to: ItemStatus; readonly zh: string; readonly en: string }
  | { readonly code: 'reason_required' | 'invalid_date' | 'actor_required'; readonly zh: string; readonly en: string };

export function canTransition(from: ItemStatus, to: ItemStatus): boolean {
  return ITEM_TRANSITIONS[from].includes(to);
}

export function changeItemStatus(from: ItemStatus, change: StatusChange): Result<StatusEvent, ItemStatusError> {
  if (!canTransition(from, change.to)) {
    return fail({
      code: 'illegal_transition',
      from,
      to: change.to,
      zh: `事项状态不能从"${ITEM_STATUS_LABELS[from].zh}"变为"${ITEM_STATUS_LABELS[change.to]?.zh ?? change.to}"`,
      en: `An item cannot move from ${from} to ${change.to}`,
    });
  }
  if (!isIsoDate(change.on)) return fail({ code: 'invalid_date', zh: '日期无效', en: 'Invalid date' });
  if (typeof change.by !== 'string' || change.by.trim() === '') return fail({ code: 'actor_required', zh: '须记录操作人', en: 'Who made the change is required' });
  if (change.to === 'refused' && (typeof change.reason !== 'string' || change.reason.trim() === '')) {
    return fail({ code: 'reason_required', zh: '不予批准须写明理由', en: 'A refusal needs written reasons' });
  }
  return ok({ ...change, from });
}
