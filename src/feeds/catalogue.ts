// The feed catalogue: the 13 feeds promised to the departments (docs/feeds.md), as data. Readers,
// header mapping, row validation, the feed tables and the published contract all follow from it.
import {
  DISABILITY_KIND_LABELS,
  SCHOOL_STAGE_LABELS,
  type DisabilityKind,
  type SchoolStage,
} from '../registry/vocabulary';
import type { ColumnDef, FeedDef } from './feed-types';

// Every feed's ID column accepts these headers besides its own.
const ID_ALIASES = ['身份证号', '身份证号码', '公民身份号码', '证件号码'];

/** The ID column every feed starts with, under the feed's own header. */
export function idNumber(header = '身份证号'): ColumnDef {
  return { key: 'id_number', header, aliases: ID_ALIASES.filter((a) => a !== header), type: 'idNumber', required: true };
}
export const NAME: ColumnDef = { key: 'name', header: '姓名', type: 'text', required: false, maxLength: 50 };

/** Chinese label → code from the registry's vocabulary, plus extra spellings seen in exports. */
function labelsOf<K extends string>(labels: Record<K, { zh: string }>, extra: Record<string, K> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [code, label] of Object.entries(labels) as [K, { zh: string }][]) values[label.zh] = code;
  return { ...values, ...extra };
}

const DISABILITY_KINDS = labelsOf<DisabilityKind>(DISABILITY_KIND_LABELS, {
  视力残疾: 'visual', 听力残疾: 'hearing', 言语残疾: 'speech', 肢体残疾: 'physical',
  智力残疾: 'intellectual', 精神残疾: 'mental', 多重残疾: 'multiple',
});

const SCHOOL_STAGES = labelsOf<SchoolStage>(SCHOOL_STAGE_LABELS, {
  学前教育: 'preschool', 幼儿园: 'preschool', 普通高中: 'senior', 中等职业教育: 'secondary_vocational',
  高等职业教育: 'higher_vocational', 专科: 'higher_vocational', 大专: 'higher_vocational',
  大学本科: 'bachelor', 硕士研究生: 'postgraduate', 博士研究生: 'postgraduate',
});

export const FEEDS: readonly FeedDef[] = [
  {
    code: 'medical_settlement',
    department: '医保局',
    name: '医疗费用结算',
    nameEn: 'Medical settlements',
    columns: [
      idNumber(),
      NAME,
      { key: 'settlement_no', header: '结算单号', aliases: ['结算编号', '结算流水号'], type: 'text', required: true, maxLength: 64 },
      { key: 'settled_on', header: '结算日期', aliases: ['结算时间'], type: 'date', required: true },
      { key: 'visit_type', header: '就诊类型', aliases: ['医疗类别'], type: 'enum', required: false, values: { 门诊: 'outpatient', 门急诊: 'outpatient', 住院: 'inpatient' } },
      { key: 'hospital', header: '医疗机构', aliases: ['定点医疗机构', '医疗机构名称'], type: 'text', required: false },
      { key: 'diagnosis', header: '诊断', aliases: ['诊断名称', '疾病诊断'], type: 'text', required: false, maxLength: 500 },
      // Reversed settlements (冲正/退费) carry negative amounts.
      { key: 'total_cost', header: '总费用', aliases: ['医疗费用总额', '费用总额'], type: 'money', required: true, negative: true, note: '元' },
      { key: 'fund_paid', header: '统筹支付', aliases: ['统筹基金支付', '基金支付'], type: 'money', required: false, negative: true, note: '元' },
      { key: 'self_paid', header: '个人自付', aliases: ['个人负担', '个人自付金额'], type: 'money', required: true, negative: true, note: '元' },
    ],
    naturalKey: ['settlement_no'],
    timeColumn: 'settled_on',
    // Summed per person over 12 months and per month (MEDICAL_SELF_PAID_12M, MEDICAL_SPIKE, RIGID_OVER_INCOME).
    timeIndexIncludes: ['self_paid'],
  },
  {
    code: 'disability_certificate',
    department: '残联',
    name: '残疾人证',
    nameEn: 'Disability certificates',
    columns: [
      idNumber(),
      NAME,
      { key: 'kind', header: '残疾类别', type: 'enum', required: true, values: DISABILITY_KINDS },
      { key: 'grade', header: '残疾等级', type: 'grade', required: true },
      { key: 'issued_on', header: '发证日期', aliases: ['发证时间', '办证日期'], type: 'date', required: true },
      { key: 'status', header: '证件状态', type: 'enum', required: false, values: { 有效: 'valid', 正常: 'valid', 注销: 'cancelled', 已注销: 'cancelled' } },
    ],
    naturalKey: ['id_number', 'issued_on'],
    timeColumn: 'issued_on',
  },
  {
    code: 'death_registration',
    department: '公安/卫健/殡葬',
    name: '死亡登记',
    nameEn: 'Death registrations',
    columns: [
      idNumber(),
      NAME,
      { key: 'died_on', header: '死亡日期', aliases: ['死亡时间'], type: 'date', required: true },
      { key: 'registrar', header: '登记机关', aliases: ['登记单位'], type: 'text', required: false },
    ],
    naturalKey: ['id_number'],
    timeColumn: 'died_on',
  },
  {
    code: 'unemployment_registration',
    department: '人社局',
    name: '失业登记',
    nameEn: 'Unemployment registrations',
    columns: [
      idNumber(),
      NAME,
      { key: 'registered_on', header: '登记日期', aliases: ['失业登记日期'], type: 'date', required: true },
      { key: 'ended_on', header: '终止日期', aliases: ['失业登记终止日期'], type: 'date', required: false },
    ],
    naturalKey: ['id_number', 'registered_on'],
    timeColumn: 'registered_on',
    checks: [{ kind: 'dateOrder', earlier: 'registered_on', later: 'ended_on' }],
  },
  {
    code: 'social_insurance_contribution',
    department: '人社局',
    name: '社会保险缴费',
    nameEn: 'Social insurance contributions',
    columns: [
      idNumber(),
      NAME,
      { key: 'period', header: '缴费年月', aliases: ['费款所属期', '缴费期'], type: 'month', required: true },
      {
        key: 'insurance_type',
        header: '险种',
        aliases: ['险种类型'],
        type: 'enum',
        required: true,
        values: {
          职工基本养老保险: 'employee_pension',
          企业职工基本养老保险: 'employee_pension',
          机关事业单位养老保险: 'public_pension',
          城乡居民基本养老保险: 'resident_pension',
          城乡居民养老保险: 'resident_pension',
          职工基本医疗保险: 'employee_medical',
          城镇职工基本医疗保险: 'employee_medical',
          城乡居民基本医疗保险: 'resident_medical',
          失业保险: 'unemployment',
          工伤保险: 'work_injury',
          生育保险: 'maternity',
        },
      },
      { key: 'employer', header: '单位名称', aliases: ['参保单位', '缴费单位'], type: 'text', required: false },
      { key: 'base_wage', header: '缴费基数', type: 'money', required: false, note: '元/月' },
    ],
    naturalKey: ['id_number', 'period', 'insurance_type'],
    timeColumn: 'period',
  },
  {
    code: 'tax_income',
    department: '税务局',
    name: '个人收入',
    nameEn: 'Personal income',
    columns: [
      idNumber(),
      NAME,
      { key: 'period', header: '所属期', aliases: ['所得期间', '税款所属期'], type: 'month', required: true },
      { key: 'income', header: '收入额', aliases: ['收入'], type: 'money', required: true, note: '元' },
      { key: 'income_type', header: '所得项目', aliases: ['所得项目名称'], type: 'text', required: false },
    ],
    naturalKey: ['id_number', 'period', 'income_type'],
    timeColumn: 'period',
  },
  {
    code: 'student_enrollment',
    department: '教育局',
    name: '学生学籍',
    nameEn: 'Student enrolments',
    columns: [
      idNumber(),
      NAME,
      { key: 'school', header: '学校名称', aliases: ['学校', '就读学校'], type: 'text', required: true },
      { key: 'stage', header: '学段', aliases: ['就读学段', '教育阶段'], type: 'enum', required: true, values: SCHOOL_STAGES },
      { key: 'enrolled_on', header: '入学日期', aliases: ['入学时间'], type: 'date', required: true },
      { key: 'tuition', header: '学费', aliases: ['学费标准'], type: 'money', required: false, note: '元/年' },
    ],
    naturalKey: ['id_number', 'school', 'enrolled_on'],
    timeColumn: 'enrolled_on',
  },
  {
    code: 'vehicle_registration',
    department: '公安交管',
    name: '机动车登记',
    nameEn: 'Vehicle registrations',
    columns: [
      idNumber('所有人身份证号'),
      { key: 'plate', header: '号牌号码', aliases: ['车牌号', '车牌号码'], type: 'text', required: true, upperCase: true, maxLength: 20 },
      { key: 'vehicle_type', header: '车辆类型', type: 'text', required: true },
      { key: 'registered_on', header: '登记日期', aliases: ['初次登记日期'], type: 'date', required: true },
      { key: 'status', header: '状态', aliases: ['机动车状态'], type: 'text', required: false },
    ],
    naturalKey: ['plate', 'registered_on'],
    timeColumn: 'registered_on',
  },
  {
    code: 'property_registration',
    department: '不动产登记中心',
    name: '不动产登记',
    nameEn: 'Property registrations',
    columns: [
      idNumber('权利人身份证号'),
      { key: 'unit_no', header: '不动产单元号', type: 'text', required: true, upperCase: true, maxLength: 40 },
      { key: 'area_m2', header: '建筑面积', aliases: ['面积'], type: 'area', required: false, note: '平方米' },
      { key: 'use', header: '用途', aliases: ['房屋用途', '规划用途'], type: 'text', required: false },
      { key: 'registered_on', header: '登记日期', aliases: ['登簿日期'], type: 'date', required: true },
    ],
    naturalKey: ['unit_no', 'id_number'],
    timeColumn: 'registered_on',
  },
  {
    code: 'business_registration',
    department: '市场监管局',
    name: '市场主体登记',
    nameEn: 'Business registrations',
    columns: [
      idNumber('法定代表人身份证号'),
      { key: 'credit_code', header: '统一社会信用代码', aliases: ['信用代码'], type: 'text', required: true, upperCase: true, maxLength: 18 },
      { key: 'company', header: '企业名称', aliases: ['市场主体名称', '名称'], type: 'text', required: false },
      { key: 'capital', header: '注册资本', type: 'money', required: false, note: '元' },
      { key: 'established_on', header: '成立日期', type: 'date', required: true },
      { key: 'status', header: '登记状态', aliases: ['经营状态'], type: 'text', required: false },
    ],
    naturalKey: ['credit_code', 'id_number'],
    timeColumn: 'established_on',
  },
  {
    code: 'disaster_victim',
    department: '应急管理局',
    name: '受灾人员',
    nameEn: 'Disaster victims',
    columns: [
      idNumber(),
      NAME,
      { key: 'event', header: '灾害事件', aliases: ['灾害名称'], type: 'text', required: true },
      { key: 'occurred_on', header: '受灾日期', aliases: ['受灾时间'], type: 'date', required: true },
      { key: 'loss_level', header: '损失程度', type: 'enum', required: true, values: { 严重: 'severe', 较重: 'major', 一般: 'ordinary' } },
      { key: 'house_damage', header: '房屋损毁情况', aliases: ['房屋损毁'], type: 'text', required: false },
    ],
    naturalKey: ['id_number', 'event'],
    timeColumn: 'occurred_on',
  },
  {
    code: 'rural_monitoring_object',
    department: '农业农村局',
    name: '防止返贫监测对象',
    nameEn: 'Rural monitoring objects',
    columns: [
      idNumber(),
      NAME,
      {
        key: 'monitoring_type',
        header: '监测类型',
        aliases: ['监测对象类别'],
        type: 'enum',
        required: true,
        values: { 脱贫不稳定户: 'unstable_lifted', 边缘易致贫户: 'marginal_at_risk', 突发严重困难户: 'sudden_hardship' },
      },
      { key: 'risk', header: '风险类型', aliases: ['致贫返贫风险'], type: 'text', required: false },
      { key: 'since', header: '纳入日期', aliases: ['识别日期', '纳入监测日期'], type: 'date', required: true },
      { key: 'cleared_on', header: '风险消除日期', aliases: ['消除风险日期'], type: 'date', required: false },
    ],
    naturalKey: ['id_number', 'since'],
    timeColumn: 'since',
    checks: [{ kind: 'dateOrder', earlier: 'since', later: 'cleared_on' }],
  },
  {
    code: 'hospitalization',
    department: '卫健委',
    name: '住院及重大疾病',
    nameEn: 'Hospitalisations and serious illness',
    columns: [
      idNumber(),
      NAME,
      { key: 'admitted_on', header: '入院日期', aliases: ['入院时间'], type: 'date', required: true },
      { key: 'discharged_on', header: '出院日期', aliases: ['出院时间'], type: 'date', required: false },
      { key: 'disease', header: '疾病名称', aliases: ['诊断', '主要诊断'], type: 'text', required: true, maxLength: 500 },
      { key: 'serious', header: '是否重特大疾病', aliases: ['重特大疾病'], type: 'yesNo', required: false },
    ],
    naturalKey: ['id_number', 'admitted_on'],
    timeColumn: 'admitted_on',
    checks: [{ kind: 'dateOrder', earlier: 'admitted_on', later: 'discharged_on' }],
  },
];

const BY_CODE = new Map(FEEDS.map((f) => [f.code, f]));

export const FEED_CODES: readonly string[] = FEEDS.map((f) => f.code);

export function findFeed(code: string): FeedDef | undefined {
  return BY_CODE.get(code);
}

export function getFeed(code: string): FeedDef {
  const feed = BY_CODE.get(code);
  if (!feed) throw new Error(`unknown feed: ${code}`);
  return feed;
}

export function feedColumn(feed: FeedDef, key: string): ColumnDef {
  const column = feed.columns.find((c) => c.key === key);
  if (!column) throw new Error(`feed ${feed.code} has no column ${key}`);
  return column;
}

/** The table a feed's records are loaded into. */
export function feedTable(feed: FeedDef): string {
  return `feed_${feed.code}`;
}
