// Urban or rural for a village-level unit. The NBS urban-rural class codes (城乡分类代码) are not in our
// source, so this is a derivation, not the official class: the village segment of the code (last 3
// digits) says which kind of committee it is, and the name suffix cross-checks it. See docs/regions.md.

import type { AreaType } from '../vocabulary';

export interface VillageAreaDerivation {
  area: AreaType;
  /** From the village segment: 001–199 居民委员会 → urban, 200–399 村民委员会 → rural, other → null. */
  bySegment: AreaType | null;
  /** From the name: 村民委员会/村委会/…村 → rural; 社区/居民委员会/居委会/生活区/家委会 → urban; else null. */
  byName: AreaType | null;
  /** False when segment and name both speak and disagree (the segment wins; the script reports these). */
  agrees: boolean;
}

// Names in the source are not uniform ('村民委会', '社区居委员会', '社区委员会', '村委会婺源生态工业园区'),
// so the tests look for the committee word anywhere, and the village word is checked before the urban one
// only where it names the committee (a community may be called '八里湖村社区').
const RURAL_COMMITTEE = /村民委|村委/;
const URBAN_COMMITTEE = /社区|居民委|居委|居员会|生活区|家委会/;
const ENDS_AS_VILLAGE = /村$/;

export function areaByName(name: string): AreaType | null {
  if (RURAL_COMMITTEE.test(name)) return 'rural';
  if (URBAN_COMMITTEE.test(name)) return 'urban';
  if (ENDS_AS_VILLAGE.test(name)) return 'rural';
  return null;
}

export function areaBySegment(code12: string): AreaType | null {
  const segment = Number(code12.slice(9, 12));
  if (segment >= 1 && segment <= 199) return 'urban';
  if (segment >= 200 && segment <= 399) return 'rural';
  return null; // 400–599 in the source: units of state farms, parks and virtual communities
}

/**
 * Segment first (it is the coding rule); the name decides the 400–599 units the rule does not cover;
 * a unit neither speaks for (one production team of a farm in 2023) counts as rural, since it has no
 * residents' committee.
 */
export function deriveVillageArea(code12: string, name: string): VillageAreaDerivation {
  const bySegment = areaBySegment(code12);
  const byName = areaByName(name);
  const area = bySegment ?? byName ?? 'rural';
  const agrees = bySegment === null || byName === null || bySegment === byName;
  return { area, bySegment, byName, agrees };
}
