// One account per role for the demo province, each scoped where the demo has people, so that a newcomer
// can log in as any kind of user at once. Demo mode only: the password is printed at start.
import type { Database } from '../platform/db';
import { addUser } from '../platform/auth/users';
import { SYSTEM_ACTOR } from '../platform/audit';
import type { Role } from '../platform/auth/roles';

export const DEMO_PASSWORD = 'demo-2026-pass';

export interface DemoAccount {
  username: string;
  role: Role;
  regionCode: string;
  regionName: string;
}

async function busiest(db: Database, column: string, where: string, params: unknown[]): Promise<string> {
  const r = await db.query<{ code: string }>(`select ${column} as code from households ${where} group by ${column} order by count(*) desc, ${column} limit 1`, params);
  if (!r.rows[0]) throw new Error('no households: load the demo population first');
  return r.rows[0].code;
}

export async function ensureDemoAccounts(db: Database): Promise<DemoAccount[]> {
  const county = await busiest(db, 'county_code', '', []);
  const township = await busiest(db, 'township_code', 'where county_code = $1', [county]);
  const otherTownship = await busiest(db, 'township_code', 'where county_code = $1 and township_code <> $2', [county, township]);
  const village = await busiest(db, 'village_code', 'where township_code = $1', [township]);
  const city = county.slice(0, 4) + '00000000';
  const province = county.slice(0, 2) + '0000000000';
  const plan: { username: string; role: Role; regionCode: string; displayName: string; department?: string }[] = [
    { username: 'village', role: 'village', regionCode: village, displayName: '村协理员 李芳' },
    { username: 'township', role: 'township', regionCode: township, displayName: '乡镇民政助理员 王强' },
    { username: 'township2', role: 'township', regionCode: otherTownship, displayName: '乡镇民政助理员 赵敏' },
    { username: 'county', role: 'county', regionCode: county, displayName: '县社会救助中心 陈静' },
    { username: 'city', role: 'city', regionCode: city, displayName: '市民政局 刘洋' },
    { username: 'province', role: 'province', regionCode: province, displayName: '省民政厅 张伟' },
    { username: 'department', role: 'department', regionCode: county, displayName: '县医保局 周丽', department: 'medicalSecurity' },
    { username: 'provider', role: 'provider', regionCode: county, displayName: '阳光社工服务中心' },
    { username: 'auditor', role: 'auditor', regionCode: province, displayName: '审计 孙磊' },
    { username: 'admin', role: 'admin', regionCode: province, displayName: '系统管理员' },
  ];
  const accounts: DemoAccount[] = [];
  for (const a of plan) {
    const exists = await db.query('select 1 from users where username = $1', [a.username]);
    if (!exists.rows.length) {
      await addUser(db, SYSTEM_ACTOR, { username: a.username, password: DEMO_PASSWORD, role: a.role, regionCode: a.regionCode, displayName: a.displayName, department: a.department ?? null });
    }
    const name = await db.query<{ path: string }>(
      `select string_agg(a.name, '' order by a.level) as path from regions r join regions a on a.code in (r.city_code, r.county_code, r.township_code, r.code) where r.code = $1`,
      [a.regionCode]);
    accounts.push({ username: a.username, role: a.role, regionCode: a.regionCode, regionName: name.rows[0]?.path || '江西省' });
  }
  return accounts;
}
