// The caller's region scope, and how it narrows every query for personal data. Households carry their
// village's ancestors (city, county, township codes), so each scope is one indexed equality.
import type { Role } from './roles';

export interface Scope {
  userId: number;
  username: string;
  role: Role;
  /** 12-digit code of the region the account sees. */
  regionCode: string;
  /** 1 province … 5 village. */
  regionLevel: number;
}

const COLUMN_BY_LEVEL: Record<number, string | null> = {
  1: null, // the installation is one province: its scope is everything
  2: 'city_code',
  3: 'county_code',
  4: 'township_code',
  5: 'village_code',
};

/**
 * A SQL condition on a households row (alias given) that keeps only what the scope may see, with its
 * parameter appended to `params`. Used by every registry query and by later capabilities' queries.
 */
export function householdScopeCondition(scope: Scope, alias: string, params: unknown[]): string {
  const column = COLUMN_BY_LEVEL[scope.regionLevel];
  if (column === undefined) return 'false';
  if (column === null) return 'true';
  params.push(scope.regionCode);
  return `${alias}.${column} = $${params.length}`;
}

/** True when a region (by its ancestors' codes) lies inside the scope. */
export function regionInScope(scope: Scope, region: { code: string; city_code: string | null; county_code: string | null; township_code: string | null }): boolean {
  switch (scope.regionLevel) {
    case 1: return true;
    case 2: return region.city_code === scope.regionCode || region.code === scope.regionCode;
    case 3: return region.county_code === scope.regionCode || region.code === scope.regionCode;
    case 4: return region.township_code === scope.regionCode || region.code === scope.regionCode;
    case 5: return region.code === scope.regionCode;
    default: return false;
  }
}
