// A policy version: every local number the benefits rules use, for one region (county, city or province),
// effective from a date. Money is integer fen; ratios are per-mille integers (1.5 × → 1500) so that
// thresholds are compared exactly. A new notice is a new version; an old version is never edited once
// an amount has been decided with it (every decision records the PolicyRef it used).

import type { AreaType, DisabilityGrade, DisabilityKind, LabourCapacity } from '../../registry/vocabulary';
import type { RoundingRule } from '../money';
import type {
  DeductibleExpenseKind,
  IncomeKind,
  RigidExpenseKind,
  SelfCareLevel,
  VehicleKind,
} from '../kinds';

export type ByArea<T> = { urban: T; rural: T };

/** 特困基本生活标准 for one area: a ratio of the 低保 standard (with its own rounding) or a set amount. */
export type TekunBasicRule =
  | { mode: 'ratio'; ratioPermille: number; rounding: RoundingRule }
  | { mode: 'amount'; amountFen: number };

export interface TekunBasicSupport {
  default: TekunBasicRule;
  /**
   * Some notices set another standard by self-care level: 上犹县 2022 pays rural 失能/半失能 特困 persons
   * 1,080 yuan against 780 for the others. A level not listed uses `default`.
   */
  bySelfCareLevel?: Partial<Record<SelfCareLevel, TekunBasicRule>>;
}

/** Financial assets per counted person: so many months of the monthly standard, or a set amount. */
export type FinancialAssetLimit =
  | { mode: 'monthsOfStandard'; months: number }
  | { mode: 'amount'; amountFen: number };

export interface AssetLimits {
  /** Deposits + securities + insurance cash value, per counted member; "不超过" so equal passes. */
  financialPerPerson: FinancialAssetLimit;
  vehicles: {
    /** false: any vehicle not of an exempt kind fails the test. */
    allowed: boolean;
    exemptKinds: VehicleKind[];
    /** When allowed: total value of non-exempt vehicles may not exceed this; null = no value limit. */
    maxTotalValueFen: number | null;
  };
  /** Dwellings beyond living need the household may own (usually 0). */
  extraHousingAllowed: number;
}

export interface DeductibleExpense {
  kind: DeductibleExpenseKind;
  /** Cap on the monthly deduction for this kind, per household; null = the whole expense. */
  capMonthlyFen: number | null;
}

/** 必要的就业成本: a share of each worker's monthly earnings, capped per worker. */
export interface EmploymentCostDeduction {
  sharePermille: number;
  capMonthlyFenPerWorker: number;
}

/** 分档: per-capita gap in [fromGapFen, toGapFen) pays amountPerPersonFen per counted member. */
export interface DibaoBand {
  fromGapFen: number;
  toGapFen: number | null;
  amountPerPersonFen: number;
}

export type MoneyLimit =
  | { mode: 'amount'; amountFen: number }
  | { mode: 'multipleOfStandard'; permille: number };

export interface TemporaryBand {
  code: string;
  label: { zh: string; en: string };
  /** Multiple of the monthly 低保 standard in per-mille; null = decided case by case by the county. */
  multiplePermille: number | null;
}

export interface PolicyParameters {
  /** 低保标准, fen per person per month. */
  dibaoStandard: ByArea<number>;
  /** 分档 amounts instead of the exact gap; null = gap (补差) method. */
  dibaoBands: ByArea<DibaoBand[] | null>;
  /** Monthly floor for an eligible household whose computed amount is lower (保底); null = none. */
  dibaoMinimumAmountFen: ByArea<number | null>;
  /** 低保边缘: per-capita income below this multiple of the standard (national 1.5 → 1500). */
  nearPoorRatioPermille: number;
  singlePersonDibao: {
    /** Any disability kind at or above this grade number (1 is the most severe): national 2. */
    anyKindMaxGrade: DisabilityGrade;
    /** Kinds admitted at a lower severity: national intellectual 3, mental 3. */
    byKindMaxGrade: Partial<Record<DisabilityKind, DisabilityGrade>>;
    /** 当地有关部门认定的重特大疾病, by code. */
    catastrophicIllnesses: { code: string; zh: string }[];
    amount: { mode: 'gapOfOwnIncome' } | { mode: 'shareOfStandard'; permille: number };
  };
  tekunBasic: ByArea<TekunBasicSupport>;
  /** 照料护理标准, fen per month by self-care level. */
  tekunCare: Record<SelfCareLevel, number>;
  tekunNoLabour: {
    /** 60周岁以上: age ≥ this. */
    elderlyFromAge: number;
    /** 未满16周岁: age < this. */
    minorBelowAge: number;
    /** Kinds and the least severe grade that counts (intellectual 3, mental 3, physical 2, visual 1). */
    disabilityMaxGrade: Partial<Record<DisabilityKind, DisabilityGrade>>;
    /** Jiangxi: full incapacity from a major illness also counts. */
    majorIllnessFullIncapacity: boolean;
  };
  /** Unmet activities: 0 → selfCare; ≥ partlyLostFrom → partlyLost; ≥ fullyLostFrom → fullyLost. */
  selfCareThresholds: { partlyLostFrom: number; fullyLostFrom: number };
  assetLimits: {
    dibao: AssetLimits;
    nearPoor: AssetLimits;
    tekun: AssetLimits;
    /** null: the rigid-expenditure rule checks no assets. */
    rigidExpenditure: AssetLimits | null;
  };
  exemptIncomeKinds: IncomeKind[];
  deductibleExpenses: DeductibleExpense[];
  /** null: no employment-cost deduction (the national rule makes it optional). */
  employmentCostDeduction: EmploymentCostDeduction | null;
  /** 上年度当地居民人均可支配收入, fen per person per year; null when not entered. */
  lastYearPerCapitaDisposableIncomeFen: ByArea<number | null>;
  rigidExpenditure: {
    /** Rigid expenditure must exceed this share of household income (1000 = 100%). */
    sharePermille: number;
    countedKinds: RigidExpenseKind[];
    /** Whether basic living costs (低保标准 × members × 12) count as rigid expenditure. */
    basicLiving: 'dibaoStandard' | 'none';
    validityMonths: number;
  };
  temporaryAssistance: {
    bands: TemporaryBand[];
    /** true: the multiple applies per person in the household. */
    perPerson: boolean;
    /** Above this the township may not decide alone: the county decides. */
    townshipLimit: MoneyLimit;
  };
  /** 渐退期 at most this many months (≤ 6). */
  gracePeriodMaxMonths: number;
  recheckMonths: { stable: number; variable: number; afterDeath: number };
  /** Labour capacities that make a household "able to work" for the re-check interval. */
  ableToWorkCapacities: LabourCapacity[];
  /** How 低保, 单人保 and 临时救助 amounts become whole fen. */
  rounding: RoundingRule;
}

export interface PolicySource {
  /** The notices the figures come from, with their numbers and where they were read. */
  documents: string[];
  /** Parameter paths whose values were assumed, not read in a source (shown to reviewers). */
  assumed: string[];
  notes?: string;
}

export interface PolicyVersion {
  /** 12-digit statistical code of the county, city or province that issued the figures. */
  regionCode: string;
  regionName?: string;
  /** 'both' unless a notice changed only the urban or only the rural figures. */
  areaType: AreaType | 'both';
  effectiveFrom: string;
  /** Increases per region; on the same effective date the higher version (a correction) wins. */
  version: number;
  source: PolicySource;
  params: PolicyParameters;
}
