// Row types of the registry's tables (migrations/0002_registry.sql).
import type { Generated } from 'kysely';
import type { Timestamp } from '../platform/tables';

export interface RegionsTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  area_type: string | null;
  city_code: string | null;
  county_code: string | null;
  township_code: string | null;
}

export interface HouseholdsTable {
  id: Generated<number>;
  area_type: string;
  village_code: string;
  township_code: string;
  county_code: string;
  city_code: string;
  address: string;
  head_person_id: number | null;
  bank_name: string | null;
  bank_account: string | null;
  bank_holder_person_id: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PersonsTable {
  id: Generated<number>;
  id_number: string;
  name: string;
  sex: string;
  birth_date: string;
  household_id: number | null;
  relation: string | null;
  disability_kind: string | null;
  disability_grade: number | null;
  serious_illness: string | null;
  labour_capacity: Generated<string>;
  employment: string | null;
  school_stage: string | null;
  phone: string | null;
  died_on: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HouseholdCategoriesTable {
  id: Generated<number>;
  household_id: number;
  category: string;
  from_date: string;
  to_date: string | null;
  reason: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface RegistryTables {
  regions: RegionsTable;
  households: HouseholdsTable;
  persons: PersonsTable;
  household_categories: HouseholdCategoriesTable;
}
