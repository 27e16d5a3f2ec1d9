// The assistance items a citizen can tick on the one form (救助事项), with the county body that decides each,
// whether it is asked for the whole household or for one member, and which time limit starts on receipt.

import type { DepartmentCode } from './departments.js';
import type { TaskKind } from './deadlines.js';

export const ITEM_KINDS = [
  'dibao',
  'tekun',
  'temporaryAssistance',
  'medicalAssistance',
  'educationAssistance',
  'housingAssistance',
  'employmentSupport',
  'electricityWaiver',
  'waterWaiver',
  'disabilitySubsidies',
  'unionSupport',
  'charity',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** 急难型 (pay first, check after) or 支出型 (full procedure); domain.md §6. */
export const TEMPORARY_ASSISTANCE_TYPES = ['emergency', 'expenditure'] as const;
export type TemporaryAssistanceType = (typeof TEMPORARY_ASSISTANCE_TYPES)[number];

export interface ItemKindInfo {
  readonly zh: string;
  readonly en: string;
  /** The body that decides (审定) and answers for the item. */
  readonly department: DepartmentCode;
  /** Bodies that review (审核) before the deciding body, in order; the item waits in their queue first. */
  readonly reviewers: readonly DepartmentCode[];
  /** 'person' items name the member they are for (the pupil, the disabled member, the worker). */
  readonly scope: 'household' | 'person';
  /** The time limit that starts when the item is received; temporary assistance depends on its type. */
  readonly deadline: TaskKind | Record<TemporaryAssistanceType, TaskKind>;
}

export const ITEM_KIND_INFO: Record<ItemKind, ItemKindInfo> = {
  dibao: { zh: '最低生活保障（低保）', en: 'Minimum living allowance', department: 'civilAffairs', reviewers: [], scope: 'household', deadline: 'dibaoProcedure' },
  // 特困 is recognised for a person, not a household (《特困人员认定办法》).
  tekun: { zh: '特困人员救助供养', en: 'Support for extremely poor persons', department: 'civilAffairs', reviewers: [], scope: 'person', deadline: 'tekunTownshipOpinion' },
  temporaryAssistance: {
    zh: '临时救助', en: 'Temporary assistance', department: 'civilAffairs', reviewers: [], scope: 'household',
    deadline: { emergency: 'emergencyAssistancePayment', expenditure: 'temporaryAssistanceProcedure' },
  },
  medicalAssistance: { zh: '医疗救助', en: 'Medical assistance', department: 'medicalSecurity', reviewers: [], scope: 'person', deadline: 'partnerItemHandling' },
  educationAssistance: { zh: '教育救助', en: 'Education assistance', department: 'education', reviewers: [], scope: 'person', deadline: 'partnerItemHandling' },
  housingAssistance: { zh: '住房救助（廉租房/公租房）', en: 'Housing assistance (low-rent / public rental housing)', department: 'housing', reviewers: [], scope: 'household', deadline: 'partnerItemHandling' },
  employmentSupport: { zh: '就业帮扶', en: 'Employment support', department: 'humanResources', reviewers: [], scope: 'person', deadline: 'partnerItemHandling' },
  electricityWaiver: { zh: '电费减免', en: 'Electricity fee waiver', department: 'powerSupply', reviewers: [], scope: 'household', deadline: 'partnerItemHandling' },
  waterWaiver: { zh: '水费减免', en: 'Water fee waiver', department: 'waterSupply', reviewers: [], scope: 'household', deadline: 'partnerItemHandling' },
  // 国发〔2015〕52号: the township accepts, the county 残联 reviews (审核), the county 民政局 decides (审定) and pays.
  // Routing it to 残联 alone is a common mistake: the decision and the money are civil affairs'.
  disabilitySubsidies: {
    zh: '残疾人两项补贴', en: 'Disability living and nursing subsidies', department: 'civilAffairs',
    reviewers: ['disabledPersonsFederation'], scope: 'person', deadline: 'partnerItemHandling',
  },
  unionSupport: { zh: '工会帮扶', en: 'Trade-union support', department: 'tradeUnion', reviewers: [], scope: 'person', deadline: 'partnerItemHandling' },
  charity: { zh: '慈善救助', en: 'Charity assistance', department: 'charityFederation', reviewers: [], scope: 'household', deadline: 'partnerItemHandling' },
};

/** Benefits paid every month: approving one records the monthly amount and the policy version it was computed with. */
export const MONTHLY_ITEM_KINDS: readonly ItemKind[] = ['dibao', 'tekun', 'disabilitySubsidies'];

export function deadlineTaskFor(kind: ItemKind, temporaryAssistanceType?: TemporaryAssistanceType): TaskKind {
  const d = ITEM_KIND_INFO[kind].deadline;
  if (typeof d === 'string') return d;
  if (!temporaryAssistanceType) throw new Error(`${kind} needs a type to know its time limit`);
  return d[temporaryAssistanceType];
}
