// The policy editor's form ↔ a new policy version. The form holds the figures an administrator changes with
// each notice (standards, 特困 support and care, near-poor ratio, grace and re-check months, rounding,
// sources); every other parameter is carried over unchanged from the version the edit started from. Money
// is typed in yuan and sent in fen; the server's field errors ('params.tekunBasic.rural.default.amountFen')
// land on the matching form field.
import type { NewPolicyVersion, PolicyVersionView } from '../../api/benefits';
import type { PolicyParameters, TekunBasicRule } from '../../../../src/benefits/policy/types';
import type { RoundingRule } from '../../../../src/benefits/money';
import type { SelfCareLevel } from '../../../../src/benefits/kinds';
import type { MessageKey } from '../../i18n';
import type { FormFieldPath } from '../../components/form-errors';
import { fenToYuanInput, yuanToFen } from '../../format/money-input';

export const AREAS = ['urban', 'rural'] as const;
export type Area = (typeof AREAS)[number];
export const LEVELS = ['selfCare', 'partlyLost', 'fullyLost'] as const satisfies readonly SelfCareLevel[];
/** The levels a notice may give their own basic support (上犹县: rural 失能/半失能). */
export const LEVELS_WITH_OWN_SUPPORT = ['partlyLost', 'fullyLost'] as const;

export interface RuleValues {
  /** 'same': a level that uses the area's default rule. */
  mode: 'amount' | 'ratio' | 'same';
  amount?: string;
  ratioPermille?: number | null;
}

export interface PolicyFormValues {
  regionCode: string;
  areaType: 'urban' | 'rural' | 'both';
  effectiveFrom: string;
  dibaoStandard: Record<Area, string>;
  tekun: Record<Area, { default: RuleValues; partlyLost: RuleValues; fullyLost: RuleValues }>;
  tekunCare: Record<SelfCareLevel, string>;
  nearPoorRatioPermille: number | null;
  gracePeriodMaxMonths: number | null;
  recheckMonths: { stable: number | null; variable: number | null; afterDeath: number | null };
  rounding: RoundingRule;
  /** One document per line. */
  documents: string;
  /** One assumed parameter per line. */
  assumed: string;
  notes: string;
}

export interface FormProblem {
  name: FormFieldPath;
  key: MessageKey;
}

function ruleValues(rule: TekunBasicRule | undefined): RuleValues {
  if (!rule) return { mode: 'same' };
  return rule.mode === 'amount' ? { mode: 'amount', amount: fenToYuanInput(rule.amountFen) } : { mode: 'ratio', ratioPermille: rule.ratioPermille };
}

/** The form for a new version starting from `base` (its figures, its region; effective date to be chosen). */
export function formFromVersion(base: Pick<PolicyVersionView, 'regionCode' | 'areaType' | 'params' | 'source'>, effectiveFrom = ''): PolicyFormValues {
  const p = base.params;
  const tekun = (area: Area) => ({
    default: ruleValues(p.tekunBasic[area].default),
    partlyLost: ruleValues(p.tekunBasic[area].bySelfCareLevel?.partlyLost),
    fullyLost: ruleValues(p.tekunBasic[area].bySelfCareLevel?.fullyLost),
  });
  return {
    regionCode: base.regionCode,
    areaType: base.areaType,
    effectiveFrom,
    dibaoStandard: { urban: fenToYuanInput(p.dibaoStandard.urban), rural: fenToYuanInput(p.dibaoStandard.rural) },
    tekun: { urban: tekun('urban'), rural: tekun('rural') },
    tekunCare: { selfCare: fenToYuanInput(p.tekunCare.selfCare), partlyLost: fenToYuanInput(p.tekunCare.partlyLost), fullyLost: fenToYuanInput(p.tekunCare.fullyLost) },
    nearPoorRatioPermille: p.nearPoorRatioPermille,
    gracePeriodMaxMonths: p.gracePeriodMaxMonths,
    recheckMonths: { ...p.recheckMonths },
    rounding: p.rounding,
    documents: base.source.documents.join('\n'),
    assumed: base.source.assumed.join('\n'),
    notes: base.source.notes ?? '',
  };
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * The request for a new version: the form's figures over the base's parameters. Amounts that are not
 * yuan come back as problems on their fields instead (nothing is sent).
 */
export function policyBody(values: PolicyFormValues, base: PolicyParameters, basedOnVersion: number | null): { body: NewPolicyVersion } | { problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const money = (name: FormFieldPath, text: string | undefined): number => {
    const fen = yuanToFen(text);
    if (fen === null) {
      problems.push({ name, key: 'benefits.policy.yuanInvalid' });
      return 0;
    }
    return fen;
  };
  const rule = (name: FormFieldPath, v: RuleValues, baseRule: TekunBasicRule | undefined): TekunBasicRule => {
    if (v.mode === 'ratio') {
      const rounding = baseRule?.mode === 'ratio' ? baseRule.rounding : base.rounding;
      return { mode: 'ratio', ratioPermille: v.ratioPermille ?? 0, rounding };
    }
    return { mode: 'amount', amountFen: money([...name, 'amount'], v.amount) };
  };
  const tekunBasic = {} as PolicyParameters['tekunBasic'];
  for (const area of AREAS) {
    const baseArea = base.tekunBasic[area];
    const bySelfCareLevel: NonNullable<PolicyParameters['tekunBasic'][Area]['bySelfCareLevel']> = { ...(baseArea.bySelfCareLevel ?? {}) };
    for (const level of LEVELS_WITH_OWN_SUPPORT) {
      const v = values.tekun[area][level];
      if (v.mode === 'same') delete bySelfCareLevel[level];
      else bySelfCareLevel[level] = rule(['tekun', area, level], v, baseArea.bySelfCareLevel?.[level]);
    }
    tekunBasic[area] = {
      default: rule(['tekun', area, 'default'], values.tekun[area].default, baseArea.default),
      ...(Object.keys(bySelfCareLevel).length ? { bySelfCareLevel } : {}),
    };
  }
  const params: PolicyParameters = {
    ...base,
    dibaoStandard: { urban: money(['dibaoStandard', 'urban'], values.dibaoStandard.urban), rural: money(['dibaoStandard', 'rural'], values.dibaoStandard.rural) },
    tekunBasic,
    tekunCare: {
      selfCare: money(['tekunCare', 'selfCare'], values.tekunCare.selfCare),
      partlyLost: money(['tekunCare', 'partlyLost'], values.tekunCare.partlyLost),
      fullyLost: money(['tekunCare', 'fullyLost'], values.tekunCare.fullyLost),
    },
    nearPoorRatioPermille: values.nearPoorRatioPermille ?? base.nearPoorRatioPermille,
    gracePeriodMaxMonths: values.gracePeriodMaxMonths ?? base.gracePeriodMaxMonths,
    recheckMonths: {
      stable: values.recheckMonths.stable ?? base.recheckMonths.stable,
      variable: values.recheckMonths.variable ?? base.recheckMonths.variable,
      afterDeath: values.recheckMonths.afterDeath ?? base.recheckMonths.afterDeath,
    },
    rounding: values.rounding,
  };
  if (problems.length) return { problems };
  const notes = values.notes.trim();
  return {
    body: {
      regionCode: values.regionCode,
      areaType: values.areaType,
      effectiveFrom: values.effectiveFrom,
      source: { documents: lines(values.documents), assumed: lines(values.assumed), ...(notes ? { notes } : {}) },
      params,
      basedOnVersion,
    },
  };
}

const SIMPLE: Record<string, FormFieldPath> = {
  regionCode: ['regionCode'],
  areaType: ['areaType'],
  effectiveFrom: ['effectiveFrom'],
  'source.documents': ['documents'],
  'source.assumed': ['assumed'],
  'params.nearPoorRatioPermille': ['nearPoorRatioPermille'],
  'params.gracePeriodMaxMonths': ['gracePeriodMaxMonths'],
  'params.rounding': ['rounding'],
  'params.tekunCare': ['tekunCare', 'selfCare'],
};

/** The form field a server field error belongs to, or null when the form does not show that parameter. */
export function policyFieldPath(field: string): FormFieldPath | null {
  if (SIMPLE[field]) return SIMPLE[field];
  const parts = field.split('.');
  if (parts[0] !== 'params') return null;
  const [, name, a, b, c, d] = parts;
  const isArea = (x: string | undefined): x is Area => x === 'urban' || x === 'rural';
  if (name === 'dibaoStandard' && isArea(a) && parts.length === 3) return ['dibaoStandard', a];
  if (name === 'tekunCare' && (LEVELS as readonly string[]).includes(a) && parts.length === 3) return ['tekunCare', a];
  if (name === 'recheckMonths' && ['stable', 'variable', 'afterDeath'].includes(a) && parts.length === 3) return ['recheckMonths', a];
  if (name === 'tekunBasic' && isArea(a)) {
    const leaf = (x: string | undefined) => (x === 'amountFen' ? 'amount' : x === 'ratioPermille' ? 'ratioPermille' : 'mode');
    if (b === 'default') return ['tekun', a, 'default', leaf(c)];
    if (b === 'bySelfCareLevel' && (LEVELS_WITH_OWN_SUPPORT as readonly string[]).includes(c)) return ['tekun', a, c, leaf(d)];
  }
  return null;
}

/** The latest version number of a region among the versions listed (what a new version is based on). */
export function latestVersion(versions: readonly Pick<PolicyVersionView, 'regionCode' | 'version'>[], regionCode: string): number | null {
  const code = regionCode.padEnd(12, '0');
  const own = versions.filter((v) => v.regionCode === code).map((v) => v.version);
  return own.length ? Math.max(...own) : null;
}

/**
 * The versions in force today, one per region and area: for each region, the latest effective on or before
 * `today` that covers the area (a later version number wins on the same date). Ids, for a tag in the list.
 */
export function inForceIds(versions: readonly Pick<PolicyVersionView, 'id' | 'regionCode' | 'areaType' | 'effectiveFrom' | 'version'>[], today: string): Set<number> {
  const ids = new Set<number>();
  const regions = new Set(versions.map((v) => v.regionCode));
  for (const region of regions) {
    for (const area of AREAS) {
      const best = versions
        .filter((v) => v.regionCode === region && v.effectiveFrom <= today && (v.areaType === 'both' || v.areaType === area))
        .sort((x, y) => y.effectiveFrom.localeCompare(x.effectiveFrom) || y.version - x.version)[0];
      if (best) ids.add(best.id);
    }
  }
  return ids;
}

const PREFIX_LENGTH: Record<number, number> = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 };

/** The level of a 12-digit region code: province 1, city 2, county 3, township 4, village 5. */
export function regionLevel(code: string): number {
  const c = code.padEnd(12, '0');
  return c.endsWith('0000000000') ? 1 : c.endsWith('00000000') ? 2 : c.endsWith('000000') ? 3 : c.endsWith('000') ? 4 : 5;
}

/**
 * The region a new version is entered for: the base's own region when the account may enter versions for
 * it (its region or below), else the account's region (a county editing from the city's version).
 */
export function editableRegion(baseCode: string, me: { regionCode: string; regionLevel: number }): string {
  const prefix = me.regionCode.slice(0, PREFIX_LENGTH[me.regionLevel] ?? 12);
  return regionLevel(baseCode) >= me.regionLevel && baseCode.startsWith(prefix) ? baseCode : me.regionCode;
}
