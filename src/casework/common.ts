// Small pieces every casework service shares: who a caller works for (civil affairs or a partner department),
// the region of a village, labels, masking, and turning the pure domain's errors into the platform's.
import type { Database, Tx } from '../platform/db';
import type { Caller } from '../platform/http/request-context';
import { householdScopeCondition, regionInScope, type Scope } from '../platform/auth/scope';
import { AppError, fieldError, validationFailed, type FieldError } from '../platform/errors';
import { maskIdNumber } from '../registry/masking';
import type { FieldError as DomainFieldError } from './domain';

export type Queryable = Pick<Database, 'query'> | Tx;

/** The body whose queue a caller works in: a department account's own, civil affairs for every other staff role. */
export function callerDepartment(caller: Caller): string {
  return caller.user.role === 'department' ? caller.user.department ?? '' : 'civilAffairs';
}

/** The region condition on a row carrying village/township/county/city codes (same columns as households). */
export function scopeCondition(scope: Scope, alias: string, params: unknown[]): string {
  return householdScopeCondition(scope, alias, params);
}

export interface VillageRegion {
  village_code: string;
  township_code: string;
  county_code: string;
  city_code: string;
}

/** The village's ancestors, when it is a village inside the caller's region; a field error otherwise. */
export async function villageInScope(q: Queryable, caller: Caller, code: string, field: string): Promise<VillageRegion> {
  const r = await q.query<{ code: string; level: number; city_code: string; county_code: string; township_code: string }>(
    'select code, level, city_code, county_code, township_code from regions where code = $1', [code]);
  const v = r.rows[0];
  if (!v || v.level !== 5) throw validationFailed([fieldError(field, 'VILLAGE_UNKNOWN', `村(社区)代码不存在：${code}`, `No such village or community: ${code}`)]);
  if (!regionInScope(caller.scope, v)) {
    throw validationFailed([fieldError(field, 'VILLAGE_OUT_OF_SCOPE', '该村(社区)不在您的管辖范围内', 'This village is outside your region')]);
  }
  return { village_code: v.code, township_code: v.township_code, county_code: v.county_code, city_code: v.city_code };
}

export function fromDomainErrors(errors: readonly DomainFieldError[]): FieldError[] {
  return errors.map((e) => fieldError(e.field, e.code.toUpperCase(), e.zh, e.en));
}

/** A domain step that was refused: an impossible move for the current state is a conflict, the rest is input. */
export function domainRefusal(error: { code: string; zh: string; en: string; fieldErrors?: readonly DomainFieldError[] }): AppError {
  if (error.code === 'illegal_transition' || error.code === 'illegal_action') {
    return new AppError(409, 'ILLEGAL_ACTION', error.zh, error.en);
  }
  const fields = error.fieldErrors?.length ? fromDomainErrors(error.fieldErrors) : [fieldError('action', error.code.toUpperCase(), error.zh, error.en)];
  return new AppError(400, 'VALIDATION', error.zh, error.en, fields);
}

export function maskId(idNumber: string | null | undefined): string | null {
  return idNumber ? maskIdNumber(idNumber) : null;
}

export function iso(d: Date | string | null | undefined): string | null {
  return d ? new Date(d).toISOString() : null;
}

/** A date the caller gives for an action: today when left out, never in the future. */
export function actionDate(on: string | undefined, today: string, field = 'on'): string {
  if (on === undefined) return today;
  if (on > today) throw validationFailed([fieldError(field, 'FUTURE_DATE', '日期不能晚于今天', 'The date cannot be in the future')]);
  return on;
}
