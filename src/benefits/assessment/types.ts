// The facts an assessment starts from: a household as surveyed and checked (members, incomes, expenses,
// assets), in the registry's vocabulary. These are values handed in by the caller; nothing here reads
// a database. Money is integer fen; dates 'YYYY-MM-DD'.

import type {
  AreaType,
  DisabilityGrade,
  DisabilityKind,
  LabourCapacity,
  Relation,
  SchoolStage,
} from '../../registry/vocabulary';
import type {
  AssetKind,
  DeductibleExpenseKind,
  IncomeKind,
  RigidExpenseKind,
  SelfCareActivity,
  VehicleKind,
} from '../kinds';

export interface Disability {
  kind: DisabilityKind;
  grade: DisabilityGrade;
}

/** Why a person is not counted even though registered in the household (民发〔2021〕57号第七条). */
export const MEMBER_EXCLUSIONS = ['imprisoned', 'compulsoryDetox', 'declaredMissing', 'clergyAway3Years'] as const;
export type MemberExclusion = (typeof MEMBER_EXCLUSIONS)[number];

export const MEMBER_EXCLUSION_LABELS: Record<MemberExclusion, { zh: string; en: string }> = {
  imprisoned: { zh: '在监狱内服刑', en: 'Serving a prison sentence' },
  compulsoryDetox: { zh: '在戒毒所强制隔离戒毒', en: 'In compulsory drug detoxification' },
  declaredMissing: { zh: '被宣告失踪', en: 'Declared missing by a court' },
  clergyAway3Years: { zh: '连续三年以上脱离家庭独立生活的宗教教职人员', en: 'Clergy living apart for 3+ years' },
};

/**
 * A legal supporter (法定赡养、抚养、扶养义务人) of a 特困 applicant, with the facts that decide whether
 * they are able to support (民发〔2021〕43号, 无履行义务能力).
 */
export interface Supporter {
  id: string;
  name?: string;
  birthDate: string;
  /** Already supported as 特困. */
  isTekun?: boolean;
  /** A 低保 recipient. */
  isDibao?: boolean;
  disabilities?: Disability[];
  /** Own income over the last year, compared with last year's per-capita disposable income. */
  annualIncomeFen?: number;
  /** Result of the economic check against the local low-income household asset rule. */
  assetsWithinLowIncomeLimits?: boolean;
  /** Result of the economic check against the local 特困 asset rule. */
  assetsWithinTekunLimits?: boolean;
  noCivilCapacity?: boolean;
  declaredMissing?: boolean;
  imprisoned?: boolean;
  /** Another case the province lists, stated by the reviewer with its source. */
  provincialIncapacityReason?: string;
}

export interface Member {
  id: string;
  name?: string;
  /** Relation to the household head (the applicant's household as registered). */
  relation: Relation;
  birthDate: string;
  /** 长期共同居住. */
  livesTogether: boolean;
  /**
   * Whether a legal support duty binds this member and the household, for relations where the law makes
   * it conditional (grandparents, grandchildren, siblings, children-in-law, others). Unknown → flagged.
   */
  supportDuty?: boolean;
  schoolStage?: SchoolStage;
  fullTimeStudent?: boolean;
  /** An adult child who cannot live independently for a reason other than study (e.g. severe disability). */
  unableToLiveIndependently?: boolean;
  exclusion?: MemberExclusion;
  disabilities?: Disability[];
  labourCapacity?: LabourCapacity;
  /** Illness codes as certified by the health or medical-insurance department. */
  illnesses?: string[];
  /** Jiangxi: certified full incapacity from a major illness. */
  majorIllnessFullIncapacity?: boolean;
  /** The activities of daily living this person cannot do alone (特困 self-care assessment). */
  unmetSelfCareActivities?: SelfCareActivity[];
  /** For a 特困 applicant: the legal supporters and their facts; [] means none. */
  supporters?: Supporter[];
}

/** One income of a member (or of the household when memberId is absent), monthly or annual. */
export interface IncomeItem {
  memberId?: string;
  kind: IncomeKind;
  monthlyFen?: number;
  annualFen?: number;
  note?: string;
}

/** A current monthly (or annual) expense that local policy may deduct from counted income. */
export interface ExpenseItem {
  memberId?: string;
  kind: DeductibleExpenseKind;
  monthlyFen?: number;
  annualFen?: number;
  note?: string;
}

export interface AssetItem {
  ownerId?: string;
  kind: AssetKind;
  valueFen: number;
  vehicleKind?: VehicleKind;
  note?: string;
}

/** Rigid expenditure actually paid over the last 12 months (after insurance and assistance). */
export interface RigidExpenseItem {
  memberId?: string;
  kind: RigidExpenseKind;
  amountFen: number;
  note?: string;
}

export interface Household {
  id?: string;
  regionCode: string;
  areaType: AreaType;
  members: Member[];
  incomes: IncomeItem[];
  expenses?: ExpenseItem[];
  assets: AssetItem[];
  rigidExpenses12m?: RigidExpenseItem[];
}
