// Linked items (联动): when 低保 or 特困 is approved, the programmes that follow from the status start on their
// own — fee waivers for the household, education assistance for each pupil, medical assistance, disability
// subsidies — marked followOn with the item that caused them. The rules are data so a county can add its own.

import type { IsoDate, WorkCalendar } from '../../platform/calendar/index.js';
import type { SchoolStage } from '../../registry/vocabulary.js';
import type { MemberInput } from './application-form.js';
import { itemId, type ApplicationItem } from './application-item.js';
import { deadlineFor, type DeadlineParameters } from './deadlines.js';
import { deadlineTaskFor, ITEM_KIND_INFO, type ItemKind } from './items.js';

export type FollowOnTarget = 'household' | 'allMembers' | 'schoolAgeMembers' | 'disabledMembers';

export interface FollowOnRule {
  readonly when: 'dibao' | 'tekun';
  readonly kind: ItemKind;
  readonly target: FollowOnTarget;
}

/** 《社会救助暂行办法》 art. 33: compulsory education, senior secondary (incl. vocational) and higher education. */
export const EDUCATION_ASSISTANCE_STAGES: readonly SchoolStage[] = [
  'primary', 'junior', 'senior', 'secondary_vocational', 'higher_vocational', 'bachelor',
];

export const DEFAULT_FOLLOW_ON_RULES: readonly FollowOnRule[] = [
  { when: 'dibao', kind: 'electricityWaiver', target: 'household' },
  { when: 'dibao', kind: 'waterWaiver', target: 'household' },
  { when: 'dibao', kind: 'medicalAssistance', target: 'allMembers' },
  { when: 'dibao', kind: 'educationAssistance', target: 'schoolAgeMembers' },
  // 困难残疾人生活补贴 covers disabled members of 低保 households (国发〔2015〕52号). For 特困 it overlaps the
  // support's own care subsidy, so it is not started automatically; a county that pays both adds a rule.
  { when: 'dibao', kind: 'disabilitySubsidies', target: 'disabledMembers' },
  { when: 'tekun', kind: 'electricityWaiver', target: 'household' },
  { when: 'tekun', kind: 'waterWaiver', target: 'household' },
  { when: 'tekun', kind: 'medicalAssistance', target: 'allMembers' },
  { when: 'tekun', kind: 'educationAssistance', target: 'schoolAgeMembers' },
];

export interface FollowOnContext {
  readonly decidedOn: IsoDate;
  readonly members: readonly MemberInput[];
  /** Items the household already has, ticked by the citizen or started before: never started twice. */
  readonly existing: readonly ApplicationItem[];
  readonly params: DeadlineParameters;
  readonly calendar: WorkCalendar;
  readonly rules?: readonly FollowOnRule[];
}

function targets(rule: FollowOnRule, pool: readonly MemberInput[]): (string | undefined)[] {
  switch (rule.target) {
    case 'household':
      return [undefined];
    case 'allMembers':
      return pool.map((m) => m.idNumber);
    case 'schoolAgeMembers':
      return pool.filter((m) => m.schoolStage && EDUCATION_ASSISTANCE_STAGES.includes(m.schoolStage)).map((m) => m.idNumber);
    case 'disabledMembers':
      return pool.filter((m) => m.disability).map((m) => m.idNumber);
  }
}

export function followOnItems(source: ApplicationItem, ctx: FollowOnContext): ApplicationItem[] {
  if (source.kind !== 'dibao' && source.kind !== 'tekun') return [];
  if (source.status !== 'approved') throw new Error(`Follow-on items start only after approval; ${source.id} is ${source.status}`);
  // 特困 is granted to one person: only that person's needs follow, not the whole household's.
  const pool = source.kind === 'tekun' ? ctx.members.filter((m) => m.idNumber === source.memberIdNumber) : ctx.members;
  const have = new Set(ctx.existing.filter((i) => i.status !== 'refused' && i.status !== 'withdrawn').map((i) => `${i.kind}|${i.memberIdNumber ?? ''}`));
  const out: ApplicationItem[] = [];
  for (const rule of (ctx.rules ?? DEFAULT_FOLLOW_ON_RULES).filter((r) => r.when === source.kind)) {
    for (const member of targets(rule, pool)) {
      const key = `${rule.kind}|${member ?? ''}`;
      if (have.has(key)) continue;
      have.add(key);
      const info = ITEM_KIND_INFO[rule.kind];
      out.push({
        id: itemId(source.applicationId, rule.kind, member),
        applicationId: source.applicationId,
        kind: rule.kind,
        department: info.department,
        reviewers: info.reviewers,
        ...(member !== undefined && { memberIdNumber: member }),
        status: 'submitted',
        receivedOn: ctx.decidedOn,
        deadline: deadlineFor(deadlineTaskFor(rule.kind), ctx.decidedOn, ctx.params, ctx.calendar),
        followOn: true,
        sourceItemId: source.id,
      });
    }
  }
  return out;
}
