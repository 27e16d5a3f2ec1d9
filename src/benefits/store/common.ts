// What the benefits data layer shares: who is acting (an actor for the audit trail and a region scope for
// every query), the system caller of the command line, month arithmetic on the platform's calendar day,
// and field errors in the platform's shape.
import type { Database, Tx } from '../../platform/db';
import type { Actor } from '../../platform/audit';
import type { Scope } from '../../platform/auth/scope';
import { AppError, fieldError, type FieldError } from '../../platform/errors';
import { isValidDate, isValidMonth } from '../dates';

/** Enough of a platform Caller for the benefits services; the command line builds one for itself. */
export interface BenefitsCaller {
  actor: Actor;
  scope: Scope;
}

export type Queryable = Pick<Database, 'query'> | Tx;

/** A province-wide caller for the command line and scheduled jobs (scope = the whole installation). */
export function systemCaller(name: string, provinceCode = '360000000000'): BenefitsCaller {
  return {
    actor: { userId: null, name },
    scope: { userId: 0, username: name, role: 'province', regionCode: provinceCode, regionLevel: 1 },
  };
}

export const PROGRAMMES = ['dibao', 'singlePersonDibao', 'tekun'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export const PROGRAMME_LABELS: Record<Programme, { zh: string; en: string }> = {
  dibao: { zh: '低保', en: 'Minimum living allowance' },
  singlePersonDibao: { zh: '单人保', en: 'Single-person dibao' },
  tekun: { zh: '特困供养', en: 'Support for the extremely poor' },
};

/** The registry category a programme puts a household in (单人保 leaves the household's category alone). */
export const PROGRAMME_CATEGORY: Record<Programme, 'dibao' | 'tekun' | null> = {
  dibao: 'dibao',
  singlePersonDibao: null,
  tekun: 'tekun',
};

export const END_REASONS = ['adjusted', 'ineligible', 'recovered', 'death', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];

export const END_REASON_LABELS: Record<EndReason, { zh: string; en: string }> = {
  adjusted: { zh: '金额调整（由新的发放记录接续）', en: 'Adjusted (continued by a new award)' },
  ineligible: { zh: '不再符合条件', en: 'No longer eligible' },
  recovered: { zh: '收入超过标准，渐退期满退出', en: 'Recovered: exit after the grace period' },
  death: { zh: '死亡', en: 'Death' },
  other: { zh: '其他原因', en: 'Other' },
};

export function monthOfDate(date: string): string {
  return date.slice(0, 7);
}

export function firstDayOf(month: string): string {
  return `${month}-01`;
}

export function lastDayOf(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}

export function badRequest(field: string, code: string, zh: string, en: string): AppError {
  return new AppError(400, 'VALIDATION', zh, en, [fieldError(field, code, zh, en)]);
}

export function requireMonth(value: unknown, field: string): string {
  if (!isValidMonth(value)) throw badRequest(field, 'MONTH', `${field} 必须是 YYYY-MM 格式的月份`, `${field} must be a month YYYY-MM`);
  return value;
}

export function requireDate(value: unknown, field: string): string {
  if (!isValidDate(value)) throw badRequest(field, 'DATE', `${field} 必须是 YYYY-MM-DD 格式的日期`, `${field} must be a date YYYY-MM-DD`);
  return value;
}

/** The 12-digit codes of a county's ancestors, nearest first (city, province), from the code itself. */
export function ancestorsOfCounty(countyCode: string): string[] {
  return [countyCode.slice(0, 4) + '00000000', countyCode.slice(0, 2) + '0000000000'];
}

const REGION_COLUMN: Record<number, string> = { 1: '', 2: 'city_code', 3: 'county_code', 4: 'township_code', 5: 'village_code' };

/** A condition keeping households in the region (any level) of `regionCode`; 'true' for the province. */
export function regionFilter(regionCode: string | undefined, alias: string, params: unknown[]): string {
  if (!regionCode) return 'true';
  const code = regionCode.padEnd(12, '0');
  const level = code.endsWith('0000000000') ? 1 : code.endsWith('00000000') ? 2 : code.endsWith('000000') ? 3 : code.endsWith('000') ? 4 : 5;
  if (level === 1) return 'true';
  params.push(code);
  return `${alias}.${REGION_COLUMN[level]} = $${params.length}`;
}

export type { FieldError };
