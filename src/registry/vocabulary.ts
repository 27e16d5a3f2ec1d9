// The registry's closed vocabularies: one code name per field term (see docs/glossary.md), with the
// Chinese and English labels the UI and error messages show. Every table, API and feed uses these codes.

export const SEXES = ['M', 'F'] as const;
export type Sex = (typeof SEXES)[number];

export const AREA_TYPES = ['urban', 'rural'] as const;
export type AreaType = (typeof AREA_TYPES)[number];

export const RELATIONS = [
  'head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'child_in_law', 'other',
] as const;
export type Relation = (typeof RELATIONS)[number];

export const DISABILITY_KINDS = [
  'visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple',
] as const;
export type DisabilityKind = (typeof DISABILITY_KINDS)[number];
export type DisabilityGrade = 1 | 2 | 3 | 4;

export const LABOUR_CAPACITIES = ['full', 'partial', 'none'] as const;
export type LabourCapacity = (typeof LABOUR_CAPACITIES)[number];

export const EMPLOYMENTS = [
  'employed', 'self_employed', 'farming', 'unemployed', 'retired', 'student', 'none',
] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

export const SCHOOL_STAGES = [
  'preschool', 'primary', 'junior', 'senior', 'secondary_vocational', 'higher_vocational', 'bachelor', 'postgraduate',
] as const;
export type SchoolStage = (typeof SCHOOL_STAGES)[number];

export const CATEGORIES = [
  'dibao', 'tekun', 'nearPoor', 'rigidExpenditure', 'ruralMonitoring', 'temporaryAssistance', 'otherHardship',
] as const;
export type Category = (typeof CATEGORIES)[number];

type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const SEX_LABELS: Labels<Sex> = { M: { zh: '男', en: 'Male' }, F: { zh: '女', en: 'Female' } };

export const AREA_TYPE_LABELS: Labels<AreaType> = {
  urban: { zh: '城市', en: 'Urban' },
  rural: { zh: '农村', en: 'Rural' },
};

export const RELATION_LABELS: Labels<Relation> = {
  head: { zh: '户主', en: 'Head' },
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '子女', en: 'Child' },
  parent: { zh: '父母', en: 'Parent' },
  grandchild: { zh: '孙子女', en: 'Grandchild' },
  grandparent: { zh: '祖父母', en: 'Grandparent' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  child_in_law: { zh: '儿媳/女婿', en: 'Child-in-law' },
  other: { zh: '其他', en: 'Other' },
};

export const DISABILITY_KIND_LABELS: Labels<DisabilityKind> = {
  visual: { zh: '视力', en: 'Visual' },
  hearing: { zh: '听力', en: 'Hearing' },
  speech: { zh: '言语', en: 'Speech' },
  physical: { zh: '肢体', en: 'Physical' },
  intellectual: { zh: '智力', en: 'Intellectual' },
  mental: { zh: '精神', en: 'Mental' },
  multiple: { zh: '多重', en: 'Multiple' },
};

export const LABOUR_CAPACITY_LABELS: Labels<LabourCapacity> = {
  full: { zh: '有劳动能力', en: 'Able to work' },
  partial: { zh: '部分丧失劳动能力', en: 'Partly able to work' },
  none: { zh: '无劳动能力', en: 'Unable to work' },
};

export const EMPLOYMENT_LABELS: Labels<Employment> = {
  employed: { zh: '受雇就业', en: 'Employed' },
  self_employed: { zh: '自主经营', en: 'Self-employed' },
  farming: { zh: '务农', en: 'Farming' },
  unemployed: { zh: '失业', en: 'Unemployed' },
  retired: { zh: '退休', en: 'Retired' },
  student: { zh: '在校学生', en: 'Student' },
  none: { zh: '无', en: 'None' },
};

export const SCHOOL_STAGE_LABELS: Labels<SchoolStage> = {
  preschool: { zh: '学前', en: 'Preschool' },
  primary: { zh: '小学', en: 'Primary' },
  junior: { zh: '初中', en: 'Junior high' },
  senior: { zh: '高中', en: 'Senior high' },
  secondary_vocational: { zh: '中职', en: 'Secondary vocational' },
  higher_vocational: { zh: '高职', en: 'Higher vocational' },
  bachelor: { zh: '本科', en: 'Bachelor' },
  postgraduate: { zh: '研究生', en: 'Postgraduate' },
};

export const CATEGORY_LABELS: Labels<Category> = {
  dibao: { zh: '低保', en: 'Minimum living allowance' },
  tekun: { zh: '特困', en: 'Extremely poor (supported)' },
  nearPoor: { zh: '低保边缘', en: 'Near-poor' },
  rigidExpenditure: { zh: '刚性支出困难', en: 'Rigid-expenditure hardship' },
  ruralMonitoring: { zh: '防止返贫监测对象', en: 'Rural monitoring object' },
  temporaryAssistance: { zh: '临时救助对象', en: 'Temporary assistance' },
  otherHardship: { zh: '其他困难', en: 'Other hardship' },
};

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
