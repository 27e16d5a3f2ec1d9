// Validation of a policy version as an administrator edits it: every problem is returned with the field
// path and a Chinese message, so the form can show them all at once. A version that fails must not be
// saved, because amounts decided with it could not be defended.

import {
  AREA_TYPES,
  DISABILITY_KINDS,
  LABOUR_CAPACITIES,
  isOneOf,
  type AreaType,
} from '../../registry/vocabulary';
import { isValidDate } from '../dates';
import {
  DEDUCTIBLE_EXPENSE_KINDS,
  INCOME_KINDS,
  RIGID_EXPENSE_KINDS,
  SELF_CARE_LEVELS,
  SELF_CARE_LEVEL_LABELS,
  VEHICLE_KINDS,
} from '../kinds';
import { ROUNDING_RULES, fen, mul, round } from '../money';
import { MAX_GRACE_MONTHS, TEKUN_MIN_RATIO_PERMILLE } from './national';
import type { AssetLimits, DibaoBand, MoneyLimit, PolicyVersion, TekunBasicRule } from './types';

export interface FieldError {
  field: string;
  message: string;
}

const AREA_ZH: Record<AreaType, string> = { urban: '城市', rural: '农村' };

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

class Errors {
  readonly list: FieldError[] = [];
  add(field: string, message: string) {
    this.list.push({ field, message });
  }
  /** Non-negative integer fen. */
  fen(field: string, value: unknown, name: string, { positive = false } = {}): value is number {
    if (!isInt(value) || value < 0 || (positive && value === 0)) {
      this.add(field, `${name}必须是${positive ? '大于0' : '不小于0'}的整数（单位：分）`);
      return false;
    }
    return true;
  }
  int(field: string, value: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): value is number {
    if (!isInt(value) || value < min || value > max) {
      this.add(field, `${name}必须是${min}至${max === Number.MAX_SAFE_INTEGER ? '任意' : max}之间的整数`);
      return false;
    }
    return true;
  }
}

function checkTekunRule(e: Errors, field: string, rule: TekunBasicRule | undefined, standardFen: number, name: string) {
  if (!rule || (rule.mode !== 'ratio' && rule.mode !== 'amount')) {
    e.add(field, `${name}必须选择“按低保标准倍数”或“固定金额”`);
    return;
  }
  if (rule.mode === 'ratio') {
    if (!isInt(rule.ratioPermille) || rule.ratioPermille < TEKUN_MIN_RATIO_PERMILLE) {
      e.add(`${field}.ratioPermille`, `${name}不得低于当地低保标准的1.3倍（1300‰）`);
    }
    if (!isOneOf(ROUNDING_RULES, rule.rounding)) e.add(`${field}.rounding`, `${name}的取整规则无效`);
    return;
  }
  if (!e.fen(`${field}.amountFen`, rule.amountFen, name, { positive: true })) return;
  if (isInt(standardFen) && standardFen > 0) {
    // The floor is 1.3 × the standard, exactly; a set amount of 1,072.50 for a standard of 825 passes.
    const floor = round(mul(fen(standardFen), TEKUN_MIN_RATIO_PERMILLE, 1000), 'ceilFen');
    if (rule.amountFen < floor) {
      e.add(`${field}.amountFen`, `${name}不得低于当地低保标准的1.3倍（至少${(floor / 100).toFixed(2)}元）`);
    }
  }
}

function checkAssetLimits(e: Errors, field: string, a: AssetLimits | undefined, name: string) {
  if (!a) {
    e.add(field, `${name}未填写`);
    return;
  }
  const f = a.financialPerPerson;
  if (f?.mode === 'monthsOfStandard') e.int(`${field}.financialPerPerson.months`, f.months, `${name}人均金融资产月数`, 1, 240);
  else if (f?.mode === 'amount') e.fen(`${field}.financialPerPerson.amountFen`, f.amountFen, `${name}人均金融资产限额`, { positive: true });
  else e.add(`${field}.financialPerPerson`, `${name}人均金融资产限额必须按“低保标准月数”或“固定金额”填写`);
  if (typeof a.vehicles?.allowed !== 'boolean') e.add(`${field}.vehicles.allowed`, `${name}须说明是否允许拥有机动车辆`);
  for (const [i, k] of (a.vehicles?.exemptKinds ?? []).entries()) {
    if (!isOneOf(VEHICLE_KINDS, k)) e.add(`${field}.vehicles.exemptKinds.${i}`, `未知的车辆类型：${String(k)}`);
  }
  if (a.vehicles?.maxTotalValueFen !== null && a.vehicles?.maxTotalValueFen !== undefined) {
    e.fen(`${field}.vehicles.maxTotalValueFen`, a.vehicles.maxTotalValueFen, `${name}车辆价值上限`);
  }
  e.int(`${field}.extraHousingAllowed`, a.extraHousingAllowed, `${name}允许的超出居住需要的房产套数`, 0, 10);
}

function checkBands(e: Errors, field: string, bands: DibaoBand[]) {
  if (bands.length === 0) {
    e.add(field, '分档标准至少需要一档；不分档请留空');
    return;
  }
  // Bands must cover every gap from 0 upwards without holes or overlaps, or a household would fall
  // between two bands and get nothing.
  let expectFrom = 0;
  bands.forEach((b, i) => {
    const f = `${field}.${i}`;
    if (b.fromGapFen !== expectFrom) e.add(`${f}.fromGapFen`, `第${i + 1}档的起点应为${(expectFrom / 100).toFixed(2)}元，与上一档衔接`);
    const last = i === bands.length - 1;
    if (last && b.toGapFen !== null) e.add(`${f}.toGapFen`, '最后一档不设上限（留空）');
    if (!last && (!isInt(b.toGapFen) || b.toGapFen <= b.fromGapFen)) e.add(`${f}.toGapFen`, `第${i + 1}档的上限必须大于起点`);
    e.fen(`${f}.amountPerPersonFen`, b.amountPerPersonFen, `第${i + 1}档人均金额`, { positive: true });
    expectFrom = b.toGapFen ?? expectFrom;
  });
}

function checkMoneyLimit(e: Errors, field: string, l: MoneyLimit | undefined, name: string) {
  if (l?.mode === 'amount') e.fen(`${field}.amountFen`, l.amountFen, name);
  else if (l?.mode === 'multipleOfStandard') e.int(`${field}.permille`, l.permille, `${name}（低保标准倍数，‰）`, 0);
  else e.add(field, `${name}必须按“固定金额”或“低保标准倍数”填写`);
}

/** All the problems of a version; an empty list means it may be saved. */
export function validatePolicyVersion(v: PolicyVersion): FieldError[] {
  const e = new Errors();
  if (typeof v.regionCode !== 'string' || !/^\d{12}$/.test(v.regionCode)) {
    e.add('regionCode', '行政区划代码必须是12位数字（县级如360724000000）');
  }
  if (v.areaType !== 'both' && !isOneOf(AREA_TYPES, v.areaType)) e.add('areaType', '适用范围必须是城市、农村或城乡');
  if (!isValidDate(v.effectiveFrom)) e.add('effectiveFrom', '生效日期必须是有效日期（YYYY-MM-DD）');
  e.int('version', v.version, '版本号', 1);
  if (!v.source || !Array.isArray(v.source.documents) || v.source.documents.length === 0) {
    e.add('source.documents', '必须注明政策依据（文件名称和文号）');
  }
  if (!v.source || !Array.isArray(v.source.assumed)) e.add('source.assumed', '必须列出假设参数（没有则为空列表）');

  const p = v.params;
  if (!p) {
    e.add('params', '参数未填写');
    return e.list;
  }
  for (const area of AREA_TYPES) {
    const zh = AREA_ZH[area];
    const standard = p.dibaoStandard?.[area];
    e.fen(`params.dibaoStandard.${area}`, standard, `${zh}低保标准`, { positive: true });
    const bands = p.dibaoBands?.[area];
    if (bands !== null && bands !== undefined) checkBands(e, `params.dibaoBands.${area}`, bands);
    const floor = p.dibaoMinimumAmountFen?.[area];
    if (floor !== null && floor !== undefined) e.fen(`params.dibaoMinimumAmountFen.${area}`, floor, `${zh}低保保底金额`);
    const tb = p.tekunBasic?.[area];
    checkTekunRule(e, `params.tekunBasic.${area}.default`, tb?.default, standard as number, `${zh}特困人员基本生活标准`);
    for (const level of SELF_CARE_LEVELS) {
      const r = tb?.bySelfCareLevel?.[level];
      if (r) {
        checkTekunRule(e, `params.tekunBasic.${area}.bySelfCareLevel.${level}`, r, standard as number,
          `${zh}${SELF_CARE_LEVEL_LABELS[level].zh}特困人员基本生活标准`);
      }
    }
    const income = p.lastYearPerCapitaDisposableIncomeFen?.[area];
    if (income !== null) e.fen(`params.lastYearPerCapitaDisposableIncomeFen.${area}`, income, `${zh}上年度人均可支配收入`, { positive: true });
  }

  // 1.5 is the national figure; some cities use 2. Below 1 would make 边缘 narrower than 低保 itself.
  e.int('params.nearPoorRatioPermille', p.nearPoorRatioPermille, '低保边缘家庭收入倍数（‰）', 1001, 3000);

  const sp = p.singlePersonDibao;
  e.int('params.singlePersonDibao.anyKindMaxGrade', sp?.anyKindMaxGrade, '单人保重度残疾等级', 1, 4);
  for (const [k, g] of Object.entries(sp?.byKindMaxGrade ?? {})) {
    if (!isOneOf(DISABILITY_KINDS, k)) e.add(`params.singlePersonDibao.byKindMaxGrade.${k}`, `未知的残疾类别：${k}`);
    e.int(`params.singlePersonDibao.byKindMaxGrade.${k}`, g, '单人保残疾等级', 1, 4);
  }
  if (!Array.isArray(sp?.catastrophicIllnesses)) e.add('params.singlePersonDibao.catastrophicIllnesses', '重特大疾病目录必须是列表');
  if (sp?.amount?.mode === 'shareOfStandard') e.int('params.singlePersonDibao.amount.permille', sp.amount.permille, '单人保按标准比例（‰）', 1, 1000);
  else if (sp?.amount?.mode !== 'gapOfOwnIncome') e.add('params.singlePersonDibao.amount', '单人保计发方式必须是“按本人收入补差”或“按标准比例”');

  const care = p.tekunCare;
  for (const level of SELF_CARE_LEVELS) e.fen(`params.tekunCare.${level}`, care?.[level], `${SELF_CARE_LEVEL_LABELS[level].zh}照料护理标准`);
  if (care && isInt(care.selfCare) && isInt(care.partlyLost) && isInt(care.fullyLost)
    && !(care.selfCare <= care.partlyLost && care.partlyLost <= care.fullyLost)) {
    e.add('params.tekunCare', '照料护理标准应随失能程度递增：自理 ≤ 半失能 ≤ 失能');
  }

  const nl = p.tekunNoLabour;
  e.int('params.tekunNoLabour.elderlyFromAge', nl?.elderlyFromAge, '无劳动能力老年人年龄', 50, 80);
  e.int('params.tekunNoLabour.minorBelowAge', nl?.minorBelowAge, '无劳动能力未成年人年龄上限', 1, 18);
  for (const [k, g] of Object.entries(nl?.disabilityMaxGrade ?? {})) {
    if (!isOneOf(DISABILITY_KINDS, k)) e.add(`params.tekunNoLabour.disabilityMaxGrade.${k}`, `未知的残疾类别：${k}`);
    e.int(`params.tekunNoLabour.disabilityMaxGrade.${k}`, g, '无劳动能力残疾等级', 1, 4);
  }
  if (typeof nl?.majorIllnessFullIncapacity !== 'boolean') e.add('params.tekunNoLabour.majorIllnessFullIncapacity', '须说明重病完全丧失劳动能力是否视为无劳动能力');

  const st = p.selfCareThresholds;
  if (e.int('params.selfCareThresholds.partlyLostFrom', st?.partlyLostFrom, '部分丧失自理能力的未达项数', 1, 6)
    && e.int('params.selfCareThresholds.fullyLostFrom', st?.fullyLostFrom, '完全丧失自理能力的未达项数', 1, 6)
    && st.fullyLostFrom <= st.partlyLostFrom) {
    e.add('params.selfCareThresholds.fullyLostFrom', '完全丧失的项数必须大于部分丧失的项数');
  }

  checkAssetLimits(e, 'params.assetLimits.dibao', p.assetLimits?.dibao, '低保财产标准');
  checkAssetLimits(e, 'params.assetLimits.nearPoor', p.assetLimits?.nearPoor, '低保边缘财产标准');
  checkAssetLimits(e, 'params.assetLimits.tekun', p.assetLimits?.tekun, '特困财产标准');
  if (p.assetLimits?.rigidExpenditure) checkAssetLimits(e, 'params.assetLimits.rigidExpenditure', p.assetLimits.rigidExpenditure, '刚性支出困难财产标准');

  for (const [i, k] of (p.exemptIncomeKinds ?? []).entries()) {
    if (!isOneOf(INCOME_KINDS, k)) e.add(`params.exemptIncomeKinds.${i}`, `未知的收入类别：${String(k)}`);
  }
  const seen = new Set<string>();
  for (const [i, d] of (p.deductibleExpenses ?? []).entries()) {
    if (!isOneOf(DEDUCTIBLE_EXPENSE_KINDS, d.kind)) e.add(`params.deductibleExpenses.${i}.kind`, `未知的扣减支出类别：${String(d.kind)}`);
    if (seen.has(d.kind)) e.add(`params.deductibleExpenses.${i}.kind`, `扣减支出类别重复：${d.kind}`);
    seen.add(d.kind);
    if (d.capMonthlyFen !== null) e.fen(`params.deductibleExpenses.${i}.capMonthlyFen`, d.capMonthlyFen, '扣减上限');
  }
  if (p.employmentCostDeduction) {
    e.int('params.employmentCostDeduction.sharePermille', p.employmentCostDeduction.sharePermille, '就业成本扣减比例（‰）', 0, 1000);
    e.fen('params.employmentCostDeduction.capMonthlyFenPerWorker', p.employmentCostDeduction.capMonthlyFenPerWorker, '就业成本每人每月扣减上限');
  }

  const r = p.rigidExpenditure;
  e.int('params.rigidExpenditure.sharePermille', r?.sharePermille, '刚性支出占家庭收入比例（‰）', 1);
  for (const [i, k] of (r?.countedKinds ?? []).entries()) {
    if (!isOneOf(RIGID_EXPENSE_KINDS, k)) e.add(`params.rigidExpenditure.countedKinds.${i}`, `未知的刚性支出类别：${String(k)}`);
  }
  if (r?.basicLiving !== 'dibaoStandard' && r?.basicLiving !== 'none') e.add('params.rigidExpenditure.basicLiving', '基本生活支出的计算方式无效');
  e.int('params.rigidExpenditure.validityMonths', r?.validityMonths, '刚性支出困难认定有效期（月）', 1, 36);

  const t = p.temporaryAssistance;
  const codes = new Set<string>();
  for (const [i, b] of (t?.bands ?? []).entries()) {
    if (!b.code) e.add(`params.temporaryAssistance.bands.${i}.code`, '临时救助档次代码不能为空');
    if (codes.has(b.code)) e.add(`params.temporaryAssistance.bands.${i}.code`, `临时救助档次代码重复：${b.code}`);
    codes.add(b.code);
    if (b.multiplePermille !== null) e.int(`params.temporaryAssistance.bands.${i}.multiplePermille`, b.multiplePermille, '临时救助倍数（‰）', 1);
  }
  if (typeof t?.perPerson !== 'boolean') e.add('params.temporaryAssistance.perPerson', '须说明临时救助是否按人计算');
  checkMoneyLimit(e, 'params.temporaryAssistance.townshipLimit', t?.townshipLimit, '乡镇审批限额');

  e.int('params.gracePeriodMaxMonths', p.gracePeriodMaxMonths, '渐退期（月）', 0, MAX_GRACE_MONTHS);
  const rc = p.recheckMonths;
  e.int('params.recheckMonths.stable', rc?.stable, '收入稳定家庭复核间隔（月）', 1, 24);
  e.int('params.recheckMonths.variable', rc?.variable, '收入不固定或有劳动能力家庭复核间隔（月）', 1, 24);
  e.int('params.recheckMonths.afterDeath', rc?.afterDeath, '家庭成员死亡后复核期限（月）', 1, 12);
  if (isInt(rc?.stable) && isInt(rc?.variable) && rc.variable > rc.stable) {
    e.add('params.recheckMonths.variable', '收入不固定家庭的复核间隔不应长于收入稳定家庭');
  }
  for (const [i, c] of (p.ableToWorkCapacities ?? []).entries()) {
    if (!isOneOf(LABOUR_CAPACITIES, c)) e.add(`params.ableToWorkCapacities.${i}`, `未知的劳动能力类别：${String(c)}`);
  }
  if (!isOneOf(ROUNDING_RULES, p.rounding)) e.add('params.rounding', '取整规则无效');
  return e.list;
}
