// Which version of a rule is in force for a place on a day. Pure. A version has a region: none (the
// province's default), a city, or a county; among the versions in force on the day (effective_from ≤ day ≤
// effective_to) the most specific region wins, then the newest version. So a county override applies in
// that county only, and when it expires (or a newer province default arrives) nothing else changes.
import type { AppliesTo, Level, RuleParams } from './rule-types';

export interface RuleVersion {
  id: number;
  ruleCode: string;
  version: number;
  /** null: the province's default; else a 12-digit city or county code. */
  regionCode: string | null;
  level: Level;
  enabled: boolean;
  appliesTo: AppliesTo;
  params: RuleParams;
  effectiveFrom: string;
  effectiveTo: string | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

/** 1 province … 5 village, from a 12-digit code. */
export function regionLevel(code: string): number {
  if (code.endsWith('0000000000')) return 1;
  if (code.endsWith('00000000')) return 2;
  if (code.endsWith('000000')) return 3;
  if (code.endsWith('000')) return 4;
  return 5;
}

export function cityOf(code: string): string {
  return code.slice(0, 4) + '00000000';
}

/** How specific a version's region is for a place: 0 = not applicable there. */
function specificity(versionRegion: string | null, place: string | null): number {
  if (versionRegion === null) return 1;
  if (place === null) return 0;
  const level = regionLevel(versionRegion);
  if (level === 3) return versionRegion === place ? 3 : 0;
  if (level === 2) return versionRegion === cityOf(place) ? 2 : 0;
  return 0;
}

export function inForceOn(v: Pick<RuleVersion, 'effectiveFrom' | 'effectiveTo'>, day: string): boolean {
  return v.effectiveFrom <= day && (v.effectiveTo === null || day <= v.effectiveTo);
}

/**
 * The version in force for a place (a county code, a city code, or null for people the province routes
 * itself) on a day; null when no version is in force there.
 */
export function versionInForce(versions: readonly RuleVersion[], place: string | null, day: string): RuleVersion | null {
  let best: RuleVersion | null = null;
  let bestScore = 0;
  for (const v of versions) {
    if (!inForceOn(v, day)) continue;
    const s = specificity(v.regionCode, place);
    if (s === 0) continue;
    if (s > bestScore || (s === bestScore && best !== null && v.version > best.version)) {
      best = v;
      bestScore = s;
    }
  }
  return best;
}

/** The versions that may matter for a place: its own, its city's, the province's (for history views). */
export function versionsFor(versions: readonly RuleVersion[], place: string | null): RuleVersion[] {
  return versions.filter((v) => specificity(v.regionCode, place) > 0 || (place !== null && v.regionCode === place));
}
