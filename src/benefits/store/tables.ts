// Row types of the benefits tables (migrations/0006_benefits.sql), for Kysely. Most benefits queries are
// set-based SQL through tx.query; these types keep the typed picture of the schema complete.
import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/tables';

export interface PolicyVersionsTable {
  id: Generated<number>;
  region_code: string;
  region_name: string | null;
  area_type: string;
  effective_from: string;
  version: number;
  source: Json;
  params: Json;
  origin: string;
  created_by_user_id: number | null;
  created_by: string;
  created_at: Timestamp;
}

export interface BenefitHouseholdFactsTable {
  household_id: number;
  as_of: string;
  source: string;
  facts: Json;
  version: Generated<number>;
  updated_by_user_id: number | null;
  updated_by: string;
  updated_at: Timestamp;
}

export interface BenefitDibaoBasisTable {
  household_id: number;
  as_of: string;
  rule_key: string;
  facts_version: number;
  members_fingerprint: number;
  counted_members: number;
  income_num: number;
  income_den: number;
  financial_fen: number;
  other_assets_ok: boolean;
  computed_at: Timestamp;
}

export interface BenefitAwardsTable {
  id: Generated<number>;
  household_id: number;
  person_id: number | null;
  programme: string;
  amount_fen: number;
  start_month: string;
  end_month: string | null;
  end_reason: string | null;
  end_note: string | null;
  ended_on: string | null;
  ended_by: string | null;
  policy_version_id: number;
  policy_ref: Json;
  explanation: Json;
  decided_on: string;
  decided_by_user_id: number | null;
  decided_by: string;
  source: string;
  decision_ref: string | null;
  previous_award_id: number | null;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface BenefitChangesTable {
  id: Generated<number>;
  award_id: number;
  household_id: number;
  person_id: number | null;
  programme: string;
  run_month: string;
  assessed_on: string;
  kind: string;
  previous_amount_fen: number;
  new_amount_fen: number;
  effective_month: string;
  policy_version_id: number;
  policy_ref: Json;
  explanation: Json;
  data_used: Json;
  status: Generated<string>;
  created_by: string;
  created_at: Timestamp;
  decided_by_user_id: number | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  new_award_id: number | null;
  version: Generated<number>;
}

export interface BenefitRechecksTable {
  household_id: number;
  last_checked_on: string;
  regular_due_on: string;
  next_due_on: string;
  due_to_death: boolean;
  interval_months: number;
  income_category: string;
  explanation: Json;
  policy_version_id: number | null;
  task_id: number | null;
  updated_at: Timestamp;
}

export interface PaymentRollsTable {
  id: Generated<number>;
  county_code: string;
  month: string;
  batch_count: Generated<number>;
  created_by_user_id: number | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PaymentRollLinesTable {
  id: Generated<number>;
  roll_id: number;
  month: string;
  batch: number;
  award_id: number;
  household_id: number;
  person_id: number | null;
  programme: string;
  amount_fen: number;
  policy_version_id: number;
  policy_ref: Json;
  decision_ref: string | null;
  beneficiary_name: string;
  holder_person_id: number | null;
  holder_name: string | null;
  holder_id_number: string | null;
  bank_name: string | null;
  bank_account: string | null;
  status: string;
  hold_reasons: string[];
  released_batch: number | null;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_at: Timestamp;
}

export interface BenefitsTables {
  policy_versions: PolicyVersionsTable;
  benefit_household_facts: BenefitHouseholdFactsTable;
  benefit_dibao_basis: BenefitDibaoBasisTable;
  benefit_awards: BenefitAwardsTable;
  benefit_changes: BenefitChangesTable;
  benefit_rechecks: BenefitRechecksTable;
  payment_rolls: PaymentRollsTable;
  payment_roll_lines: PaymentRollLinesTable;
}
