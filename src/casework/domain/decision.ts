// The record of a decision that grants a benefit: how much a month, from which month, who decided, and with
// which policy version the amount was computed — so a later policy change never rewrites what was decided.

import { isIsoDate, monthAfter, type IsoDate } from '../../platform/calendar/index.js';
import { fail, fieldError, ok, type FieldError, type Result } from './field-error.js';

export interface DecidedBy {
  readonly userId: string;
  readonly name: string;
}

export interface DecisionInput {
  readonly amountFenPerMonth: number;
  readonly decidedOn: IsoDate;
  readonly decidedBy: DecidedBy;
  /** Id of the standard/parameter version the amount was computed with. */
  readonly policyVersion: string;
}

export interface DecisionRecord extends DecisionInput {
  readonly outcome: 'approved';
  /** 'YYYY-MM': benefits are paid from the month after the decision (domain.md §6). */
  readonly startMonth: string;
}

export function makeDecisionRecord(input: DecisionInput): Result<DecisionRecord, FieldError[]> {
  const errors: FieldError[] = [];
  if (!Number.isInteger(input.amountFenPerMonth) || input.amountFenPerMonth <= 0) {
    errors.push(fieldError('amountFenPerMonth', 'invalid_amount', '月保障金额应为大于零的整数（以分计）', 'Monthly amount must be a positive whole number of fen'));
  }
  if (!isIsoDate(input.decidedOn)) errors.push(fieldError('decidedOn', 'invalid_date', '请填写决定日期', 'Decision date is required (YYYY-MM-DD)'));
  if (!input.decidedBy || typeof input.decidedBy.userId !== 'string' || input.decidedBy.userId.trim() === '') {
    errors.push(fieldError('decidedBy', 'required', '须记录决定人', 'Who decided is required'));
  }
  if (typeof input.policyVersion !== 'string' || input.policyVersion.trim() === '') {
    errors.push(fieldError('policyVersion', 'required', '须记录计算所依据的政策版本', 'The policy version used is required'));
  }
  if (errors.length > 0) return fail(errors);
  return ok({ ...input, outcome: 'approved', startMonth: monthAfter(input.decidedOn) });
}
