// Which policy version applies to a household on a date: the latest version effective on that date for
// its county, and only if the county has none, its city, then its province. The caller passes the
// ancestor codes (nearest first); there is no region database in this pure module.

import type { AreaType } from '../../registry/vocabulary';
import { compareDates, isValidDate, monthsBetween } from '../dates';
import type { PolicyRef } from '../explanation';
import { STALE_POLICY_MONTHS } from './national';
import type { PolicyVersion } from './types';

function appliesToArea(v: PolicyVersion, areaType: AreaType): boolean {
  return v.areaType === 'both' || v.areaType === areaType;
}

/** Later effective date first; on the same date the higher version number (a correction) first. */
function newerFirst(a: PolicyVersion, b: PolicyVersion): number {
  return compareDates(b.effectiveFrom, a.effectiveFrom) || b.version - a.version;
}

/**
 * The version in force, or null when no level of the chain has one effective on the date.
 *
 * A county that has versions of its own is never overridden by a newer city version: the county's
 * notice is the one its reviewers apply, so a city-wide raise must be entered for that county too.
 */
export function policyInForce(
  versions: readonly PolicyVersion[],
  regionCode: string,
  areaType: AreaType,
  date: string,
  ancestorCodes: readonly string[] = [],
): PolicyVersion | null {
  if (!isValidDate(date)) throw new RangeError(`policyInForce: not a valid date: ${date}`);
  for (const code of [regionCode, ...ancestorCodes]) {
    const candidates = versions
      .filter((v) => v.regionCode === code && appliesToArea(v, areaType) && compareDates(v.effectiveFrom, date) <= 0)
      .sort(newerFirst);
    if (candidates.length > 0) return candidates[0];
  }
  return null;
}

export function policyRef(v: PolicyVersion): PolicyRef {
  return { regionCode: v.regionCode, areaType: v.areaType, effectiveFrom: v.effectiveFrom, version: v.version };
}

/**
 * Checks that a version may be used for this household on this date, and returns the reviewer flags
 * that come with it (an old version, assumed figures). Throws on a programming error: using a version
 * for the wrong area or before it took effect would silently pay wrong amounts.
 */
export function checkPolicyUse(v: PolicyVersion, areaType: AreaType, date: string): string[] {
  if (!appliesToArea(v, areaType)) {
    throw new RangeError(`policy ${v.regionCode} v${v.version} applies to ${v.areaType}, not ${areaType}`);
  }
  if (compareDates(v.effectiveFrom, date) > 0) {
    throw new RangeError(`policy ${v.regionCode} v${v.version} takes effect ${v.effectiveFrom}, after ${date}`);
  }
  const flags: string[] = [];
  const age = monthsBetween(v.effectiveFrom.slice(0, 7), date.slice(0, 7));
  if (age >= STALE_POLICY_MONTHS) {
    flags.push(
      `所用政策版本（${v.effectiveFrom}起执行，第${v.version}版）已执行${age}个月，请确认当地是否已有新的提标通知。`,
    );
  }
  if (v.source.assumed.length > 0) {
    flags.push(`所用政策版本含未经正式文件核对的假设参数：${v.source.assumed.join('、')}。决定前请核对。`);
  }
  return flags;
}
