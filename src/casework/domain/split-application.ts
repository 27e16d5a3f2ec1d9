// Splits the one form into items, one per ticked programme (and member for person items), each routed to
// the body that decides it and given the time limit that starts on the day the form is received.

import type { IsoDate, WorkCalendar } from '../../platform/calendar/index.js';
import type { ApplicationForm } from './application-form.js';
import { itemId, type ApplicationItem } from './application-item.js';
import { deadlineFor, type DeadlineParameters } from './deadlines.js';
import type { FieldError } from './field-error.js';
import { deadlineTaskFor, ITEM_KIND_INFO } from './items.js';
import { validateApplicationForm } from './validate-application.js';

export class InvalidApplicationError extends Error {
  readonly code = 'invalid_application';
  constructor(readonly errors: readonly FieldError[]) {
    super(`Application form is invalid: ${errors.map((e) => `${e.field} ${e.code}`).join('; ')}`);
    this.name = 'InvalidApplicationError';
  }
}

export interface SplitContext {
  readonly applicationId: string;
  /** The day the form was received (受理): every item's clock starts here. */
  readonly receivedOn: IsoDate;
  readonly params: DeadlineParameters;
  readonly calendar: WorkCalendar;
}

/** Throws InvalidApplicationError for a form that does not validate: an invalid form never reaches a queue. */
export function splitApplication(form: ApplicationForm, ctx: SplitContext): ApplicationItem[] {
  const errors = validateApplicationForm(form, { today: ctx.receivedOn });
  if (errors.length > 0) throw new InvalidApplicationError(errors);
  return form.items.map((req) => {
    const info = ITEM_KIND_INFO[req.kind];
    return {
      id: itemId(ctx.applicationId, req.kind, req.memberIdNumber),
      applicationId: ctx.applicationId,
      kind: req.kind,
      department: info.department,
      reviewers: info.reviewers,
      ...(req.memberIdNumber !== undefined && { memberIdNumber: req.memberIdNumber }),
      ...(req.temporaryAssistanceType !== undefined && { temporaryAssistanceType: req.temporaryAssistanceType }),
      status: 'submitted',
      receivedOn: ctx.receivedOn,
      deadline: deadlineFor(deadlineTaskFor(req.kind, req.temporaryAssistanceType), ctx.receivedOn, ctx.params, ctx.calendar),
      followOn: false,
    };
  });
}
