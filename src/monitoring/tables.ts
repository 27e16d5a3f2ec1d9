// Row types of the monitoring tables (migrations/0004_monitoring.sql) for Kysely.
import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../platform/tables';

export interface MonitoringRulesTable {
  code: string;
  name: string;
  scenario: string;
  subject: string;
  feeds: string[];
  created_at: Timestamp;
}

export interface MonitoringRuleVersionsTable {
  id: Generated<number>;
  rule_code: string;
  version: number;
  region_code: string | null;
  level: string;
  enabled: boolean;
  applies_to: string;
  params: Json<Record<string, unknown>>;
  effective_from: string;
  effective_to: string | null;
  note: string | null;
  created_by: string;
  created_by_user_id: number | null;
  created_at: Timestamp;
}

export interface ComparisonRunsTable {
  id: Generated<number>;
  kind: string;
  status: ColumnType<string, string | undefined, string>;
  today: string;
  county_code: string | null;
  feed: string | null;
  import_id: number | null;
  workers: Generated<number>;
  actor: string;
  error: string | null;
  started_at: Timestamp;
  finished_at: Date | null;
  duration_ms: number | null;
}

export interface ComparisonRunUnitsTable {
  run_id: number;
  unit: string;
  ord: number;
  status: ColumnType<string, string | undefined, string>;
  worker: string | null;
  subjects: number | null;
  started_at: Date | null;
  finished_at: Date | null;
  duration_ms: number | null;
  error: string | null;
}

export interface ComparisonRunCountsTable {
  run_id: number;
  unit: string;
  rule_code: string;
  firings: number;
  raised: number;
  updated: number;
  evidence_added: number;
  duration_ms: number;
}

export interface ComparisonRunDiscoveryTable {
  run_id: number;
  unit: string;
  id_number: string;
}

export interface WarningsTable {
  id: Generated<number>;
  rule_code: string;
  rule_version_id: number;
  rule_version: number;
  scenario: string;
  level: string;
  status: ColumnType<string, string | undefined, string>;
  subject_kind: string;
  subject_key: string;
  person_id: number | null;
  household_id: number | null;
  id_number: string | null;
  person_name: string | null;
  monitored: boolean;
  region_code: string;
  village_code: string | null;
  township_code: string | null;
  county_code: string | null;
  city_code: string | null;
  figures: Json<Record<string, unknown>>;
  summary: string;
  summary_en: string;
  evidence_count: Generated<number>;
  first_run_id: number | null;
  last_run_id: number | null;
  raised_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Date | null;
  version: Generated<number>;
}

export interface WarningEvidenceTable {
  rule_code: string;
  feed: string;
  record_id: number;
  warning_id: number;
  rule_version_id: number;
  run_id: number | null;
  closed: Generated<boolean>;
  added_at: Timestamp;
}

export interface WarningEventsTable {
  id: Generated<number>;
  warning_id: number;
  kind: string;
  from_value: string | null;
  to_value: string | null;
  count: number | null;
  run_id: number | null;
  actor: string | null;
  note: string | null;
  at: Timestamp;
}

export interface MonitoringTables {
  monitoring_rules: MonitoringRulesTable;
  monitoring_rule_versions: MonitoringRuleVersionsTable;
  comparison_runs: ComparisonRunsTable;
  comparison_run_units: ComparisonRunUnitsTable;
  comparison_run_counts: ComparisonRunCountsTable;
  comparison_run_discovery: ComparisonRunDiscoveryTable;
  warnings: WarningsTable;
  warning_evidence: WarningEvidenceTable;
  warning_events: WarningEventsTable;
}
