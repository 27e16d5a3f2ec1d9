// The asset test shared by 低保, 边缘, 特困 and 刚性支出: financial assets per counted person, vehicles, and
// housing beyond need, each against the limits of the programme in the policy version. "不超过" the
// limit passes, so a value exactly at the limit is within it.

import type { AssetItem } from './types';
import { step, type Step } from '../explanation';
import { FINANCIAL_ASSET_KINDS, VEHICLE_KIND_LABELS } from '../kinds';
import { div, fen, formatFen, le, mul } from '../money';
import type { AssetLimits } from '../policy/types';
import { ART } from '../sources';

const sum0 = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export interface AssetCheck {
  within: boolean;
  steps: Step[];
  flags: string[];
}

/**
 * @param persons counted members the limit is multiplied by (1 for a 特困 person)
 * @param standardFen the monthly 低保 standard of the household's area, for limits in months of standard
 * @param programme Chinese name of the programme whose limits apply, for the explanation
 */
export function checkAssets(
  assets: readonly AssetItem[],
  persons: number,
  limits: AssetLimits,
  standardFen: number,
  programme: string,
): AssetCheck {
  const steps: Step[] = [];
  const flags: string[] = [];
  if (persons < 1) throw new RangeError('checkAssets: at least one person');
  for (const [i, a] of assets.entries()) {
    if (!Number.isSafeInteger(a.valueFen) || a.valueFen < 0) throw new RangeError(`asset ${i}: valueFen must be a non-negative integer`);
  }

  const financial = sum0(assets.filter((a) => FINANCIAL_ASSET_KINDS.includes(a.kind)).map((a) => a.valueFen));
  const perPerson =
    limits.financialPerPerson.mode === 'monthsOfStandard' ? standardFen * limits.financialPerPerson.months : limits.financialPerPerson.amountFen;
  const how =
    limits.financialPerPerson.mode === 'monthsOfStandard'
      ? `${limits.financialPerPerson.months}个月低保标准（${formatFen(standardFen)} × ${limits.financialPerPerson.months} = ${formatFen(perPerson)}）`
      : formatFen(perPerson);
  const financialOk = le(fen(financial), mul(fen(perPerson), persons));
  steps.push(
    step('金融资产', 'Financial assets',
      `存款、有价证券等合计${formatFen(financial)}，人均${formatFen(div(fen(financial), persons))}；${programme}人均限额${how}：` +
        (financialOk ? '未超过' : '超过'),
      { amountFen: financial, article: ART.assets }),
  );

  const vehicles = assets.filter((a) => a.kind === 'vehicle');
  let vehiclesOk = true;
  const counted: AssetItem[] = [];
  for (const v of vehicles) {
    if (!v.vehicleKind) {
      flags.push(`有一辆车辆未填写类型（价值${formatFen(v.valueFen)}），按非豁免车辆计算，请核实。`);
      counted.push(v);
    } else if (limits.vehicles.exemptKinds.includes(v.vehicleKind)) {
      steps.push(step('车辆（豁免）', 'Vehicle (exempt)', `${VEHICLE_KIND_LABELS[v.vehicleKind].zh}（${formatFen(v.valueFen)}）属于当地豁免的车辆类型`, { article: ART.assets }));
    } else {
      counted.push(v);
    }
  }
  if (counted.length > 0) {
    const total = sum0(counted.map((v) => v.valueFen));
    const names = counted.map((v) => (v.vehicleKind ? VEHICLE_KIND_LABELS[v.vehicleKind].zh : '未知类型车辆')).join('、');
    if (!limits.vehicles.allowed) {
      vehiclesOk = false;
      steps.push(step('车辆', 'Vehicles', `拥有${names}（合计${formatFen(total)}），${programme}财产规定不允许拥有此类车辆`, { amountFen: total, article: ART.assets }));
    } else if (limits.vehicles.maxTotalValueFen !== null && total > limits.vehicles.maxTotalValueFen) {
      vehiclesOk = false;
      steps.push(step('车辆', 'Vehicles', `车辆价值合计${formatFen(total)}，超过限额${formatFen(limits.vehicles.maxTotalValueFen)}`, { amountFen: total, article: ART.assets }));
    } else {
      steps.push(step('车辆', 'Vehicles', `车辆价值合计${formatFen(total)}，在${programme}财产规定之内`, { amountFen: total, article: ART.assets }));
    }
  }

  const extra = assets.filter((a) => a.kind === 'extraHousing').length;
  const housingOk = extra <= limits.extraHousingAllowed;
  if (extra > 0 || limits.extraHousingAllowed > 0) {
    steps.push(step('房产', 'Housing', `超出居住需要的房产${extra}套，允许${limits.extraHousingAllowed}套：${housingOk ? '符合' : '不符合'}`, { article: ART.assets }));
  }

  const others = assets.filter((a) => a.kind === 'other');
  if (others.length > 0) {
    flags.push(`有${others.length}项其他财产（合计${formatFen(sum0(others.map((a) => a.valueFen)))}）未纳入自动核算，须人工判断是否符合${programme}财产规定。`);
  }

  const within = financialOk && vehiclesOk && housingOk;
  steps.push(step('财产状况', 'Assets', within ? `财产状况符合${programme}规定` : `财产状况不符合${programme}规定`, { article: ART.assets }));
  return { within, steps, flags };
}
