// One programme requested in an application (救助事项), as it travels to its department: who decides it,
// its status and its time limit. Follow-on items started by a 低保 or 特困 approval carry their source.

import type { IsoDate } from '../../platform/calendar/index.js';
import type { Deadline } from './deadlines.js';
import type { DepartmentCode } from './departments.js';
import type { ItemStatus } from './item-status.js';
import type { ItemKind, TemporaryAssistanceType } from './items.js';

export interface ApplicationItem {
  readonly id: string;
  readonly applicationId: string;
  readonly kind: ItemKind;
  readonly department: DepartmentCode;
  readonly reviewers: readonly DepartmentCode[];
  readonly memberIdNumber?: string;
  readonly temporaryAssistanceType?: TemporaryAssistanceType;
  readonly status: ItemStatus;
  readonly receivedOn: IsoDate;
  readonly deadline: Deadline;
  /** True when the platform started the item because another was approved (联动), not the citizen. */
  readonly followOn: boolean;
  readonly sourceItemId?: string;
}

/** Stable ids so a re-split or a retried sync gives the same item: application, kind and member. */
export function itemId(applicationId: string, kind: ItemKind, memberIdNumber?: string): string {
  return memberIdNumber ? `${applicationId}:${kind}:${memberIdNumber}` : `${applicationId}:${kind}`;
}
