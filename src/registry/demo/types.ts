// The shape of a generated demo household, close to what the registry loader stores: ids are sequential
// integers from 1 so the loader can COPY them as they are.

import type { AreaType, Category, DisabilityGrade, DisabilityKind, Employment, LabourCapacity, Relation, SchoolStage, Sex } from '../vocabulary';

export interface DemoPerson {
  id: number;
  idNumber: string;
  name: string;
  sex: Sex;
  /** 'YYYY-MM-DD'. */
  birthDate: string;
  relation: Relation;
  disabilityKind: DisabilityKind | null;
  disabilityGrade: DisabilityGrade | null;
  seriousIllness: string | null;
  labourCapacity: LabourCapacity;
  employment: Employment;
  schoolStage: SchoolStage | null;
  phone: string | null;
}

export interface DemoCategorySpell {
  category: Category;
  fromDate: string;
  /** null while current. */
  toDate: string | null;
  reason: string;
}

export interface DemoHousehold {
  id: number;
  areaType: AreaType;
  /** 12-digit village/community code. */
  villageCode: string;
  address: string;
  /** Benefits go to the account of a member: holderIndex points into members. */
  bank: { holderIndex: number; bankName: string; accountNo: string };
  /** members[0] is the head. */
  members: DemoPerson[];
  /** Oldest first; the last one is current (toDate null). */
  categories: DemoCategorySpell[];
}
