// Test-only builders: a policy version with the published 上犹县 2022 figures and explicit values for
// everything else (so tests never depend on the seed's assumptions), and small household builders.
// Imported by *.test.ts only.

import type { PolicyParameters, PolicyVersion } from './policy/types';
import type { Household, Member } from './assessment/types';
import { yuan } from './money';

export const COUNTY = '360724000000';
export const CITY = '360700000000';
export const PROVINCE = '360000000000';

export function baseParams(): PolicyParameters {
  const assets = {
    financialPerPerson: { mode: 'monthsOfStandard' as const, months: 24 },
    vehicles: { allowed: false, exemptKinds: ['motorcycle' as const, 'tricycle' as const, 'disabilityVehicle' as const], maxTotalValueFen: null },
    extraHousingAllowed: 0,
  };
  return {
    dibaoStandard: { urban: yuan(825), rural: yuan(600) },
    dibaoBands: { urban: null, rural: null },
    dibaoMinimumAmountFen: { urban: null, rural: null },
    nearPoorRatioPermille: 1500,
    singlePersonDibao: {
      anyKindMaxGrade: 2,
      byKindMaxGrade: { intellectual: 3, mental: 3 },
      catastrophicIllnesses: [{ code: 'endStageRenal', zh: '终末期肾病' }],
      amount: { mode: 'gapOfOwnIncome' },
    },
    tekunBasic: {
      urban: { default: { mode: 'amount', amountFen: yuan(1080) } },
      rural: {
        default: { mode: 'amount', amountFen: yuan(780) },
        bySelfCareLevel: { partlyLost: { mode: 'amount', amountFen: yuan(1080) }, fullyLost: { mode: 'amount', amountFen: yuan(1080) } },
      },
    },
    tekunCare: { selfCare: yuan(80), partlyLost: yuan(350), fullyLost: yuan(1380) },
    tekunNoLabour: {
      elderlyFromAge: 60,
      minorBelowAge: 16,
      disabilityMaxGrade: { intellectual: 3, mental: 3, physical: 2, visual: 1 },
      majorIllnessFullIncapacity: true,
    },
    selfCareThresholds: { partlyLostFrom: 1, fullyLostFrom: 4 },
    assetLimits: { dibao: assets, nearPoor: assets, tekun: assets, rigidExpenditure: assets },
    exemptIncomeKinds: ['veteransBenefit', 'familyPlanningReward', 'scholarship', 'braveryReward', 'socialAssistance', 'residentPensionBasic'],
    deductibleExpenses: [],
    employmentCostDeduction: null,
    lastYearPerCapitaDisposableIncomeFen: { urban: yuan(40000), rural: yuan(17000) },
    rigidExpenditure: { sharePermille: 1000, countedKinds: ['medical', 'education', 'rehabilitation'], basicLiving: 'dibaoStandard', validityMonths: 12 },
    temporaryAssistance: {
      bands: [
        { code: 'general', label: { zh: '一般困难', en: 'General' }, multiplePermille: 1000 },
        { code: 'double', label: { zh: '较重困难', en: 'Serious' }, multiplePermille: 2000 },
        { code: 'severe', label: { zh: '严重困难', en: 'Severe' }, multiplePermille: 6000 },
        { code: 'major', label: { zh: '重大困难', en: 'Major' }, multiplePermille: null },
      ],
      perPerson: false,
      townshipLimit: { mode: 'multipleOfStandard', permille: 2000 },
    },
    gracePeriodMaxMonths: 6,
    recheckMonths: { stable: 12, variable: 6, afterDeath: 3 },
    ableToWorkCapacities: ['full'],
    rounding: 'halfUpFen',
  };
}

export function policy(over: Partial<Omit<PolicyVersion, 'params'>> & { params?: Partial<PolicyParameters> } = {}): PolicyVersion {
  const { params, ...rest } = over;
  return {
    regionCode: COUNTY,
    areaType: 'both',
    effectiveFrom: '2022-01-01',
    version: 1,
    source: { documents: ['test fixture'], assumed: [] },
    ...rest,
    params: { ...baseParams(), ...params },
  };
}

let seq = 0;
export function member(over: Partial<Member> & Pick<Member, 'relation'>): Member {
  seq += 1;
  return { id: `m${seq}`, birthDate: '1980-01-01', livesTogether: true, ...over };
}

export function household(over: Partial<Household> & Pick<Household, 'members'>): Household {
  return { regionCode: COUNTY, areaType: 'rural', incomes: [], assets: [], ...over };
}

/** A one-person household whose only member has the given monthly wage. */
export function single(area: 'urban' | 'rural', income: { monthlyFen?: number; annualFen?: number }): Household {
  const head = member({ id: 'h', relation: 'head', birthDate: '1970-01-01' });
  return household({ areaType: area, members: [head], incomes: [{ memberId: 'h', kind: 'wages', ...income }] });
}
