// Row types of casework's tables (migrations/0005_casework.sql) for Kysely. The services mostly use set-based
// SQL; these keep typed queries possible and document the columns in one place.
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../platform/tables';

type Json<T = unknown> = ColumnType<T, string, string>;
type Region = { village_code: string; township_code: string; county_code: string; city_code: string };
type OptionalRegion = { village_code: string | null; township_code: string; county_code: string; city_code: string };

export interface CalendarOverridesTable { date: string; kind: 'holiday' | 'workday'; name: string; updated_by: number | null; updated_at: Timestamp }
export interface CalendarOverrideYearsTable { year: number; notice: Generated<string>; declared_by: number | null; declared_at: Timestamp }
export interface CalendarDaysTable { date: string; is_working_day: boolean; working_seq: number }

export interface DeadlineParametersTable {
  id: Generated<number>; kind: string; amount: number; unit: 'workingDays' | 'calendarDays'; effective_from: string; source: string;
  created_by: number | null; created_at: Timestamp;
}

export interface ApplicationsTable extends Region {
  id: Generated<number>; number: string; client_id: string | null; status: 'draft' | 'submitted'; origin: 'counter' | 'visit';
  household_id: number | null; applicant_person_id: number | null; applicant_name: string; form: Json; received_on: string | null;
  visit_id: number | null; created_by: number; created_at: Timestamp; submitted_by: number | null; submitted_at: Date | null; version: Generated<number>;
}

export interface ApplicationMembersTable { application_id: number; id_number: string; name: string; relation: string | null; person_id: number | null }

export interface ApplicationItemsTable extends Region {
  id: Generated<number>; item_key: string; application_id: number; kind: string; department: string; reviewers: string[]; queue_department: string;
  member_id_number: string | null; member_person_id: number | null; temporary_assistance_type: string | null; status: string;
  step: string | null; procedure: Json | null; received_on: string; deadline_kind: string; due_on: string | null; deadline_amount: number | null;
  deadline_unit: string | null; deadline_effective_from: string | null; deadline_source: string | null; follow_on: Generated<boolean>;
  source_item_id: number | null; refusal_reason: string | null; household_id: number | null; version: Generated<number>;
  created_at: Timestamp; updated_at: Timestamp;
}

export interface ItemEventsTable {
  id: Generated<number>; item_id: number; action: string; from_status: string | null; to_status: string | null; from_step: string | null;
  to_step: string | null; on_date: string; note: string | null; actor_user_id: number | null; actor_name: string; at: Timestamp;
}

export interface TasksTable extends OptionalRegion {
  id: Generated<number>; kind: 'warningVerification' | 'recheck' | 'countyCoordination'; queue_level: Generated<'township' | 'county'>;
  warning_id: number | null; origin_visit_id: number | null; household_id: number | null; person_id: number | null; level: string | null;
  title: string; detail: string | null; deadline_kind: string; start_on: string; due_on: string | null; deadline_amount: number | null;
  deadline_unit: string | null; deadline_effective_from: string | null; deadline_source: string | null;
  status: Generated<'open' | 'assigned' | 'done' | 'cancelled'>; assignee_user_id: number | null; assigned_by: number | null;
  assigned_at: Date | null; escalated_on: string | null; done_on: string | null; done_by: number | null; done_visit_id: number | null;
  outcome: string | null; version: Generated<number>; created_at: Timestamp; updated_at: Timestamp;
}

export interface VisitsTable extends OptionalRegion {
  id: Generated<number>; client_id: string; purpose: string; task_id: number | null; warning_id: number | null; application_id: number | null;
  household_id: number | null; person_id: number | null; visited_on: string; visitors: Json; present: Json; findings: Json;
  survey_form_signed: boolean | null; disposition_kind: string | null; disposition: Json | null; recorded_by: number; recorded_at: Timestamp;
  response: Json | null;
}

export interface CaseworkFilesTable {
  id: Generated<number>; visit_id: number | null; application_id: number | null; client_id: string | null; file_name: string; mime_type: string;
  size_bytes: number; sha256: string; uploaded_by: number | null; uploaded_at: Timestamp;
}

export interface DecisionsTable extends OptionalRegion {
  id: Generated<number>; kind: 'approval' | 'refusal' | 'emergencyPayment'; programme: string; item_id: number | null; visit_id: number | null;
  household_id: number | null; person_id: number | null; amount_fen_per_month: number | null; amount_fen: number | null; start_month: string | null;
  decided_on: string; decided_by_user_id: number | null; decided_by_name: string; policy_version: string | null; reason: string | null;
  pay_by: string | null; created_at: Timestamp;
}

export interface ReferralsTable extends OptionalRegion {
  id: Generated<number>; department: string; why: string; visit_id: number | null; task_id: number | null; household_id: number | null;
  person_id: number | null; status: Generated<'open' | 'accepted' | 'closed'>; result: string | null; received_on: string; deadline_kind: string;
  due_on: string | null; deadline_effective_from: string | null; deadline_source: string | null; closed_on: string | null; closed_by: number | null;
  created_by: number | null; version: Generated<number>; created_at: Timestamp; updated_at: Timestamp;
}

export interface PublicStatusAttemptsTable { id: Generated<number>; ip: string; application_number: string; succeeded: boolean; at: Timestamp }

export interface CaseworkTables {
  calendar_overrides: CalendarOverridesTable;
  calendar_override_years: CalendarOverrideYearsTable;
  calendar_days: CalendarDaysTable;
  deadline_parameters: DeadlineParametersTable;
  applications: ApplicationsTable;
  application_members: ApplicationMembersTable;
  application_items: ApplicationItemsTable;
  item_events: ItemEventsTable;
  tasks: TasksTable;
  visits: VisitsTable;
  casework_files: CaseworkFilesTable;
  decisions: DecisionsTable;
  referrals: ReferralsTable;
  public_status_attempts: PublicStatusAttemptsTable;
}
