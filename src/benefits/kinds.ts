// Closed vocabularies owned by benefits: kinds of income, expenses and assets that policy parameters
// refer to by code (exempt income kinds, deductible expenses, asset limits), and the self-care levels
// of 特困 support. Shared vocabulary (relations, disability kinds, area types…) lives in
// src/registry/vocabulary.ts and is not repeated here.

type Labels<K extends string> = Record<K, { zh: string; en: string }>;

/**
 * Income kinds, following the four kinds of 民发〔2021〕57号 (工资性、经营净、财产净、转移净收入) and
 * splitting out the transfers that national or local rules exempt, so that a policy version can list
 * its exempt kinds by code.
 */
export const INCOME_KINDS = [
  'wages',
  'businessNet',
  'propertyNet',
  'pension',
  'supportPayment',
  'otherTransfer',
  'residentPensionBasic',
  'veteransBenefit',
  'familyPlanningReward',
  'scholarship',
  'braveryReward',
  'socialAssistance',
  'disabilityAllowance',
  'seniorAllowance',
] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

export const INCOME_KIND_LABELS: Labels<IncomeKind> = {
  wages: { zh: '工资性收入', en: 'Wages' },
  businessNet: { zh: '经营净收入（含种养殖）', en: 'Net business income (incl. farming)' },
  propertyNet: { zh: '财产净收入', en: 'Net property income' },
  pension: { zh: '离退休金、职工养老金', en: 'Retirement pension' },
  supportPayment: { zh: '赡养费、扶养费、抚养费', en: 'Support payments' },
  otherTransfer: { zh: '其他转移净收入', en: 'Other transfer income' },
  residentPensionBasic: { zh: '城乡居民基本养老保险基础养老金', en: 'Basic resident pension (basic part)' },
  veteransBenefit: { zh: '优待抚恤金', en: "Veterans' benefits" },
  familyPlanningReward: { zh: '计划生育奖励与扶助金', en: 'Family-planning rewards' },
  scholarship: { zh: '奖学金', en: 'Scholarships' },
  braveryReward: { zh: '见义勇为等奖励性补助', en: 'Bravery and other rewards' },
  socialAssistance: { zh: '社会救助款物', en: 'Social assistance payments' },
  disabilityAllowance: { zh: '困难残疾人生活补贴和重度残疾人护理补贴', en: 'Disability living and nursing subsidies' },
  seniorAllowance: { zh: '高龄津贴', en: 'Old-age allowance' },
};

/** Earnings from work: the base of the employment-cost deduction (必要的就业成本). */
export const EARNED_INCOME_KINDS: readonly IncomeKind[] = ['wages', 'businessNet'];

/** Monthly expenses that local policy may deduct from counted income (因残疾、患重病等增加的刚性支出). */
export const DEDUCTIBLE_EXPENSE_KINDS = ['disabilityCare', 'seriousIllnessMedical', 'rehabilitation'] as const;
export type DeductibleExpenseKind = (typeof DEDUCTIBLE_EXPENSE_KINDS)[number];

export const DEDUCTIBLE_EXPENSE_KIND_LABELS: Labels<DeductibleExpenseKind> = {
  disabilityCare: { zh: '因残疾增加的护理支出', en: 'Disability care expenses' },
  seriousIllnessMedical: { zh: '因患重病增加的医疗支出（自付部分）', en: 'Out-of-pocket costs of serious illness' },
  rehabilitation: { zh: '康复支出', en: 'Rehabilitation' },
};

/** Rigid expenditure kinds of the last 12 months (刚性支出困难家庭认定). */
export const RIGID_EXPENSE_KINDS = ['medical', 'education', 'rehabilitation', 'disasterOrAccident'] as const;
export type RigidExpenseKind = (typeof RIGID_EXPENSE_KINDS)[number];

export const RIGID_EXPENSE_KIND_LABELS: Labels<RigidExpenseKind> = {
  medical: { zh: '医疗支出（扣除医保报销和医疗救助后的自付部分）', en: 'Out-of-pocket medical costs after insurance and assistance' },
  education: { zh: '教育支出', en: 'Education' },
  rehabilitation: { zh: '康复支出', en: 'Rehabilitation' },
  disasterOrAccident: { zh: '因灾因意外支出', en: 'Disaster or accident costs' },
};

export const ASSET_KINDS = ['deposit', 'securities', 'insuranceCashValue', 'vehicle', 'extraHousing', 'other'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** Financial assets are limited together per person (金融资产). */
export const FINANCIAL_ASSET_KINDS: readonly AssetKind[] = ['deposit', 'securities', 'insuranceCashValue'];

export const ASSET_KIND_LABELS: Labels<AssetKind> = {
  deposit: { zh: '存款', en: 'Deposits' },
  securities: { zh: '有价证券', en: 'Securities' },
  insuranceCashValue: { zh: '商业保险现金价值', en: 'Insurance cash value' },
  vehicle: { zh: '机动车辆', en: 'Vehicle' },
  extraHousing: { zh: '超出居住需要的房产', en: 'Housing beyond need' },
  other: { zh: '其他财产', en: 'Other assets' },
};

export const VEHICLE_KINDS = ['car', 'truck', 'motorcycle', 'tricycle', 'disabilityVehicle', 'farmMachinery'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

export const VEHICLE_KIND_LABELS: Labels<VehicleKind> = {
  car: { zh: '小汽车', en: 'Car' },
  truck: { zh: '货车', en: 'Truck' },
  motorcycle: { zh: '摩托车', en: 'Motorcycle' },
  tricycle: { zh: '三轮车', en: 'Tricycle' },
  disabilityVehicle: { zh: '残疾人专用车', en: 'Vehicle for a disabled person' },
  farmMachinery: { zh: '农用机械', en: 'Farm machinery' },
};

/** 特困人员生活自理能力 (民发〔2021〕43号): three levels, each with its own care subsidy. */
export const SELF_CARE_LEVELS = ['selfCare', 'partlyLost', 'fullyLost'] as const;
export type SelfCareLevel = (typeof SELF_CARE_LEVELS)[number];

export const SELF_CARE_LEVEL_LABELS: Labels<SelfCareLevel> = {
  selfCare: { zh: '具备生活自理能力', en: 'Self-care' },
  partlyLost: { zh: '部分丧失生活自理能力', en: 'Partly lost self-care' },
  fullyLost: { zh: '完全丧失生活自理能力', en: 'Fully lost self-care' },
};

/** The six activities of daily living assessed for 特困 persons, in the order of the national measure. */
export const SELF_CARE_ACTIVITIES = ['eating', 'dressing', 'bedTransfer', 'toileting', 'indoorWalking', 'bathing'] as const;
export type SelfCareActivity = (typeof SELF_CARE_ACTIVITIES)[number];

export const SELF_CARE_ACTIVITY_LABELS: Labels<SelfCareActivity> = {
  eating: { zh: '自主吃饭', en: 'Eating' },
  dressing: { zh: '自主穿衣', en: 'Dressing' },
  bedTransfer: { zh: '自主上下床', en: 'Getting in/out of bed' },
  toileting: { zh: '自主如厕', en: 'Toileting' },
  indoorWalking: { zh: '室内自主行走', en: 'Walking indoors' },
  bathing: { zh: '自主洗澡', en: 'Bathing' },
};
