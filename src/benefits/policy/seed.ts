// Seed policy versions for one Ganzhou county, 上犹县 (360724000000), from published notices. Figures
// read in a source are marked by their document; every figure that was not is listed in
// `source.assumed` and shown to the reviewer as a flag whenever the version is used. See
// docs/benefits.md for the sources and what remains to verify.

import { yuan } from '../money';
import type { AssetLimits, PolicyParameters, PolicyVersion } from './types';

export const SHANGYOU_COUNTY = '360724000000';
export const GANZHOU_CITY = '360700000000';
export const JIANGXI_PROVINCE = '360000000000';

/** 上犹县人民政府 notice on raising the 2022 standards, implementing 赣市民字〔2022〕13号. */
const SOURCE_2022 =
  '上犹县人民政府网站公开：2022年提高城乡困难群众基本生活保障标准（依据《江西省人民政府关于印发2022年民生实事工程安排方案的通知》' +
  '赣府发〔2022〕3号、《赣州市民政局 赣州市财政局关于做好我市2022年城乡困难群众提标提补工作的通知》赣市民字〔2022〕13号），' +
  '从2022年1月1日起执行；http://www.shangyou.gov.cn/syxxxgk/c117164/202203/43d2c395dd3e4f5e93bd8b3222a015d8.shtml';

const SOURCE_2024 =
  '2024年赣州市城乡困难群众提标提补（城市低保935元、农村低保715元、特困1220/930元、照料护理100/375/1500元）：' +
  '数字取自项目需求（domain.md §6），对应的赣州市民政局通知原文尚未核对';

/** National figures and rules that every Jiangxi version repeats (not assumptions). */
const NATIONAL: Pick<
  PolicyParameters,
  'nearPoorRatioPermille' | 'tekunNoLabour' | 'selfCareThresholds' | 'recheckMonths' | 'gracePeriodMaxMonths'
> = {
  // 民发〔2021〕57号: 低保边缘 = per-capita income below 1.5 × the standard.
  nearPoorRatioPermille: 1500,
  // 民发〔2021〕43号 无劳动能力; Jiangxi adds full incapacity from a major illness (domain.md §6).
  tekunNoLabour: {
    elderlyFromAge: 60,
    minorBelowAge: 16,
    disabilityMaxGrade: { intellectual: 3, mental: 3, physical: 2, visual: 1 },
    majorIllnessFullIncapacity: true,
  },
  // 民发〔2021〕43号: 6 activities; ≤ 3 unmet partly lost, ≥ 4 unmet fully lost.
  selfCareThresholds: { partlyLostFrom: 1, fullyLostFrom: 4 },
  // 民发〔2021〕57号 动态管理: yearly / half-yearly; domain.md §6: within 3 months after a death.
  recheckMonths: { stable: 12, variable: 6, afterDeath: 3 },
  gracePeriodMaxMonths: 6,
};

/** Assumed asset limits: no Ganzhou figure was found. 24 months of the standard per person is common. */
const ASSUMED_ASSETS: AssetLimits = {
  financialPerPerson: { mode: 'monthsOfStandard', months: 24 },
  vehicles: { allowed: false, exemptKinds: ['motorcycle', 'tricycle', 'disabilityVehicle', 'farmMachinery'], maxTotalValueFen: null },
  extraHousingAllowed: 0,
};

const ASSUMED_PATHS = [
  'params.assetLimits（人均金融资产24个月低保标准、机动车、房产）',
  'params.singlePersonDibao.catastrophicIllnesses（重特大疾病目录）',
  'params.singlePersonDibao.amount（单人保按本人收入补差）',
  'params.rigidExpenditure.sharePermille（刚性支出超过家庭收入100%）',
  'params.rigidExpenditure.basicLiving（基本生活支出按低保标准计）',
  'params.temporaryAssistance（临时救助档次倍数、乡镇审批限额）',
  'params.rounding（四舍五入到分）',
  'params.exemptIncomeKinds 中 disabilityAllowance、seniorAllowance（残疾人两项补贴、高龄津贴不计入）',
];

function common(): Omit<PolicyParameters, 'dibaoStandard' | 'tekunBasic' | 'tekunCare'> {
  return {
    ...NATIONAL,
    dibaoBands: { urban: null, rural: null }, // 上犹县 notice describes 补差 (gap) payments
    dibaoMinimumAmountFen: { urban: null, rural: null },
    singlePersonDibao: {
      // 民发〔2021〕57号: grades 1–2 of any kind, grade 3 intellectual or mental.
      anyKindMaxGrade: 2,
      byKindMaxGrade: { intellectual: 3, mental: 3 },
      catastrophicIllnesses: [
        { code: 'childLeukemia', zh: '儿童白血病' },
        { code: 'childCongenitalHeart', zh: '儿童先天性心脏病' },
        { code: 'endStageRenal', zh: '终末期肾病（尿毒症）' },
        { code: 'cancer', zh: '恶性肿瘤' },
        { code: 'severeMental', zh: '重性精神疾病' },
        { code: 'hemophilia', zh: '血友病' },
        { code: 'thalassemia', zh: '地中海贫血' },
      ],
      amount: { mode: 'gapOfOwnIncome' },
    },
    assetLimits: { dibao: ASSUMED_ASSETS, nearPoor: ASSUMED_ASSETS, tekun: ASSUMED_ASSETS, rigidExpenditure: ASSUMED_ASSETS },
    // 民发〔2021〕57号 不计入: 优待抚恤金、计划生育奖励与扶助金、奖学金、见义勇为等奖励性补助、社会救助款物、
    // "十四五"期间城乡居民基本养老保险基础养老金. The last two kinds are assumed local exemptions.
    exemptIncomeKinds: [
      'veteransBenefit',
      'familyPlanningReward',
      'scholarship',
      'braveryReward',
      'socialAssistance',
      'residentPensionBasic',
      'disabilityAllowance',
      'seniorAllowance',
    ],
    // The national rule says these "may" be deducted; none is applied until the county's rule is entered.
    deductibleExpenses: [],
    employmentCostDeduction: null,
    // A statistic from the city's 统计公报; left empty rather than guessed (rules that need it say so).
    lastYearPerCapitaDisposableIncomeFen: { urban: null, rural: null },
    rigidExpenditure: {
      sharePermille: 1000,
      countedKinds: ['medical', 'education', 'rehabilitation', 'disasterOrAccident'],
      basicLiving: 'dibaoStandard',
      validityMonths: 12,
    },
    temporaryAssistance: {
      bands: [
        { code: 'general', label: { zh: '一般困难', en: 'General hardship' }, multiplePermille: 1000 },
        { code: 'serious', label: { zh: '较重困难', en: 'Serious hardship' }, multiplePermille: 3000 },
        { code: 'severe', label: { zh: '严重困难', en: 'Severe hardship' }, multiplePermille: 6000 },
        { code: 'major', label: { zh: '重大困难（一事一议）', en: 'Major hardship (case by case)' }, multiplePermille: null },
      ],
      perPerson: false,
      townshipLimit: { mode: 'multipleOfStandard', permille: 2000 },
    },
    ableToWorkCapacities: ['full'],
    rounding: 'halfUpFen',
  };
}

export const SEED_POLICY_VERSIONS: readonly PolicyVersion[] = [
  {
    regionCode: SHANGYOU_COUNTY,
    regionName: '江西省赣州市上犹县',
    areaType: 'both',
    effectiveFrom: '2022-01-01',
    version: 1,
    source: {
      documents: [SOURCE_2022],
      assumed: ASSUMED_PATHS,
      notes:
        '城市低保825元、农村低保600元、城镇特困1080元、农村特困780元、农村特困失能半失能1080元、' +
        '照料护理自理80元/半失能350元/失能1380元均见上犹县通知；通知称从2022年1月1日起执行。' +
        '2023年赣州市很可能也有提标通知，本种子数据缺少2023年版本：2023年的决定会用到2022年标准，须补录。',
    },
    params: {
      ...common(),
      dibaoStandard: { urban: yuan(825), rural: yuan(600) },
      tekunBasic: {
        urban: { default: { mode: 'amount', amountFen: yuan(1080) } },
        rural: {
          default: { mode: 'amount', amountFen: yuan(780) },
          // (五) 农村特困失能、半失能人员供养标准 1,080 yuan.
          bySelfCareLevel: {
            partlyLost: { mode: 'amount', amountFen: yuan(1080) },
            fullyLost: { mode: 'amount', amountFen: yuan(1080) },
          },
        },
      },
      tekunCare: { selfCare: yuan(80), partlyLost: yuan(350), fullyLost: yuan(1380) },
    },
  },
  {
    regionCode: SHANGYOU_COUNTY,
    regionName: '江西省赣州市上犹县',
    areaType: 'both',
    effectiveFrom: '2024-01-01',
    version: 2,
    source: {
      documents: [SOURCE_2024],
      assumed: [
        'effectiveFrom 2024-01-01（江西提标通知通常自1月1日起执行，原文未核对）',
        'params.tekunBasic.rural.bySelfCareLevel（农村特困失能半失能按城镇特困1220元，沿用2022年做法）',
        ...ASSUMED_PATHS,
      ],
      notes: '城乡低保、特困、照料护理数字来自项目需求，尚未与赣州市民政局2024年通知原文核对。',
    },
    params: {
      ...common(),
      dibaoStandard: { urban: yuan(935), rural: yuan(715) },
      tekunBasic: {
        urban: { default: { mode: 'amount', amountFen: yuan(1220) } },
        rural: {
          default: { mode: 'amount', amountFen: yuan(930) },
          bySelfCareLevel: {
            partlyLost: { mode: 'amount', amountFen: yuan(1220) },
            fullyLost: { mode: 'amount', amountFen: yuan(1220) },
          },
        },
      },
      tekunCare: { selfCare: yuan(100), partlyLost: yuan(375), fullyLost: yuan(1500) },
    },
  },
];
