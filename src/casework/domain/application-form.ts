// The one form (一件事一次办): identity, household, income, assets, rigid expenses, the account benefits are
// paid to, the consent to economic checks, and the items ticked. Money is integer fen; dates 'YYYY-MM-DD'.

import type { IsoDate } from '../../platform/calendar/index.js';
import type { AreaType, DisabilityGrade, DisabilityKind, Relation, SchoolStage } from '../../registry/vocabulary.js';
import type { ItemKind, TemporaryAssistanceType } from './items.js';

export interface Applicant {
  readonly name: string;
  readonly idNumber: string;
  readonly phone: string;
}

/** A village worker or relative filling the form on the family's behalf (代办). */
export interface Agent {
  readonly name: string;
  readonly phone: string;
  readonly reason: string;
}

export interface HouseholdAddress {
  /** 12-digit village/community code. */
  readonly regionCode: string;
  readonly areaType: AreaType;
  readonly address: string;
}

export interface MemberInput {
  readonly name: string;
  readonly idNumber: string;
  readonly relation: Relation;
  readonly schoolStage?: SchoolStage;
  readonly disability?: { readonly kind: DisabilityKind; readonly grade: DisabilityGrade };
  readonly seriousIllness?: boolean;
}

export const INCOME_TYPES = ['wages', 'business', 'property', 'transfer', 'other'] as const;
export type IncomeType = (typeof INCOME_TYPES)[number];

export interface IncomeItem {
  readonly type: IncomeType;
  /** Average per month over the assessment period, after necessary employment costs. */
  readonly monthlyAmountFen: number;
  readonly memberIdNumber?: string;
  readonly note?: string;
}

export const ASSET_TYPES = ['deposit', 'securities', 'insurance', 'vehicle', 'housing', 'business', 'other'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

export interface AssetItem {
  readonly type: AssetType;
  readonly valueFen: number;
  readonly description: string;
  readonly memberIdNumber?: string;
}

export const RIGID_EXPENSE_TYPES = ['medical', 'education', 'rehabilitation', 'disability', 'other'] as const;
export type RigidExpenseType = (typeof RIGID_EXPENSE_TYPES)[number];

export interface RigidExpenseItem {
  readonly type: RigidExpenseType;
  /** Out of pocket over the last 12 months, after insurance and medical assistance. */
  readonly annualAmountFen: number;
  readonly description: string;
  readonly memberIdNumber?: string;
}

/** Benefits go only to a household member's own account (domain.md §9). */
export interface BankAccount {
  readonly holderIdNumber: string;
  readonly holderName: string;
  readonly bankName: string;
  readonly accountNumber: string;
}

/** 经济状况核对授权书: who signed and when; adults sign for themselves, guardians for minors. */
export interface EconomicCheckAuthorisation {
  readonly signedOn: IsoDate;
  readonly signedBy: readonly string[];
}

export interface ItemRequest {
  readonly kind: ItemKind;
  /** Required for person items (ITEM_KIND_INFO[kind].scope === 'person'), absent for household items. */
  readonly memberIdNumber?: string;
  /** Required for temporaryAssistance. */
  readonly temporaryAssistanceType?: TemporaryAssistanceType;
  readonly note?: string;
}

export interface ApplicationForm {
  readonly applicant: Applicant;
  readonly agent?: Agent;
  readonly household: HouseholdAddress;
  readonly members: readonly MemberInput[];
  readonly incomes: readonly IncomeItem[];
  readonly assets: readonly AssetItem[];
  readonly rigidExpenses: readonly RigidExpenseItem[];
  readonly bankAccount: BankAccount;
  readonly authorisation: EconomicCheckAuthorisation;
  readonly items: readonly ItemRequest[];
}
