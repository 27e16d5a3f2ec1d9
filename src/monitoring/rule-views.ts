// Rules as the API shows them: identity, the feeds read, parameter specs for the editor, the version in
// force for the caller's place with its explanation, and (in detail) every version with its region.
import { findFeed } from '../feeds/catalogue';
import { publishSpec } from './rule-params';
import { APPLIES_TO_LABELS, LEVEL_LABELS, SCENARIO_LABELS, type RuleDefinition } from './rule-types';
import { inForceOn, regionLevel, versionInForce, type RuleVersion } from './rule-versions';

export interface VersionView extends RuleVersion {
  regionName: string;
  levelName: string;
  appliesToName: string;
  explanation: { zh: string; en: string };
  /** In force today for the place asked about. */
  inForce: boolean;
  /** In force today somewhere (its own region). */
  current: boolean;
}

export interface RuleView {
  code: string;
  name: string;
  nameEn: string;
  scenario: string;
  scenarioName: string;
  subject: 'person' | 'household';
  feeds: { code: string; name: string; department: string }[];
  params: ReturnType<typeof publishSpec>[];
  defaults: RuleDefinition['defaults'];
  /** The version in force for the place (the caller's county or city; the province for province accounts). */
  inForce: VersionView | null;
  place: string | null;
  /** Overrides in force today for cities and counties (count; the detail lists them). */
  overridesInForce: number;
}

export function versionView(rule: RuleDefinition, v: RuleVersion, all: readonly RuleVersion[], place: string | null, today: string, regionNames: Map<string, string>): VersionView {
  return {
    ...v,
    regionName: v.regionCode ? regionNames.get(v.regionCode) ?? v.regionCode : '全省默认',
    levelName: LEVEL_LABELS[v.level].zh,
    appliesToName: APPLIES_TO_LABELS[v.appliesTo].zh,
    explanation: rule.explain(v.params),
    inForce: versionInForce(all, place, today)?.id === v.id,
    current: inForceOn(v, today) && versionInForce(all, v.regionCode, today)?.id === v.id,
  };
}

export function ruleView(rule: RuleDefinition, versions: readonly RuleVersion[], place: string | null, today: string, regionNames: Map<string, string>): RuleView {
  const inForce = versionInForce(versions, place, today);
  const overrides = new Set(versions.filter((v) => v.regionCode !== null && versionInForce(versions, v.regionCode, today)?.regionCode === v.regionCode).map((v) => v.regionCode));
  return {
    code: rule.code, name: rule.name, nameEn: rule.nameEn, scenario: rule.scenario, scenarioName: SCENARIO_LABELS[rule.scenario].zh,
    subject: rule.subject,
    feeds: rule.feeds.map((f) => ({ code: f, name: findFeed(f)?.name ?? f, department: findFeed(f)?.department ?? '' })),
    params: rule.params.map(publishSpec),
    defaults: rule.defaults,
    inForce: inForce ? versionView(rule, inForce, versions, place, today, regionNames) : null,
    place,
    overridesInForce: overrides.size,
  };
}

/** The place whose versions apply to a caller: county for county/township/village, city, or the province. */
export function placeOf(regionCode: string): string | null {
  const level = regionLevel(regionCode);
  if (level === 1) return null;
  if (level === 2) return regionCode;
  return regionCode.slice(0, 6) + '000000';
}
