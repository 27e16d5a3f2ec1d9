// The county-level bodies that own assistance items. Not all are government departments: power and water
// supply are companies, 残联 and 总工会 are people's organisations, 慈善总会 is a social organisation —
// the platform can route to them but they decide under their own rules.

export const DEPARTMENTS = [
  'civilAffairs',
  'medicalSecurity',
  'education',
  'housing',
  'humanResources',
  'powerSupply',
  'waterSupply',
  'disabledPersonsFederation',
  'tradeUnion',
  'charityFederation',
] as const;
export type DepartmentCode = (typeof DEPARTMENTS)[number];

export type DepartmentNature = 'government' | 'enterprise' | 'peoplesOrganisation' | 'socialOrganisation';

export interface DepartmentInfo {
  /** The short name used at county level, e.g. 民政局. */
  readonly zh: string;
  readonly zhFull: string;
  readonly en: string;
  readonly nature: DepartmentNature;
}

export const DEPARTMENT_INFO: Record<DepartmentCode, DepartmentInfo> = {
  civilAffairs: { zh: '民政局', zhFull: '县民政局', en: 'Civil Affairs Bureau', nature: 'government' },
  // Medical assistance moved from civil affairs to the new medical security bureaus in the 2018 reform.
  medicalSecurity: { zh: '医保局', zhFull: '县医疗保障局', en: 'Medical Security Bureau', nature: 'government' },
  education: { zh: '教育局', zhFull: '县教育局（学生资助管理中心）', en: 'Education Bureau', nature: 'government' },
  housing: { zh: '住建局', zhFull: '县住房和城乡建设局', en: 'Housing and Urban-Rural Development Bureau', nature: 'government' },
  humanResources: { zh: '人社局', zhFull: '县人力资源和社会保障局', en: 'Human Resources and Social Security Bureau', nature: 'government' },
  powerSupply: { zh: '供电公司', zhFull: '国网县供电公司', en: 'Power supply company', nature: 'enterprise' },
  waterSupply: { zh: '供水公司', zhFull: '县供水公司', en: 'Water supply company', nature: 'enterprise' },
  disabledPersonsFederation: { zh: '残联', zhFull: '县残疾人联合会', en: "Disabled Persons' Federation", nature: 'peoplesOrganisation' },
  tradeUnion: { zh: '总工会', zhFull: '县总工会', en: 'Federation of Trade Unions', nature: 'peoplesOrganisation' },
  charityFederation: { zh: '慈善总会', zhFull: '县慈善总会', en: 'Charity Federation', nature: 'socialOrganisation' },
};
