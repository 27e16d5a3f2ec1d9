// Staff accounts: creation with role/region checks, lookup for login.
import type { Database, Tx } from '../db';
import { AppError, fieldError, validationFailed, type FieldError } from '../errors';
import { hashPassword, passwordProblem } from './password';
import { ROLES, ROLE_REGION_LEVEL, type Role } from './roles';
import { appendAudit, type Actor } from '../audit';

export interface NewUser {
  username: string;
  password: string;
  role: string;
  regionCode: string;
  displayName?: string;
  department?: string | null;
}

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  region_code: string;
  department: string | null;
  preferences: Record<string, unknown>;
  disabled_at: Date | null;
}

export async function addUser(db: Database, actor: Actor, input: NewUser): Promise<UserRow> {
  const errors: FieldError[] = [];
  if (!/^[A-Za-z0-9_.-]{3,40}$/.test(input.username)) {
    errors.push(fieldError('username', 'USERNAME', '用户名须为 3–40 位字母、数字或 _ . -', 'Username must be 3–40 letters, digits or _ . -'));
  }
  const pw = passwordProblem(input.password);
  if (pw) errors.push(fieldError('password', 'PASSWORD', pw.zh, pw.en));
  if (!(ROLES as readonly string[]).includes(input.role)) {
    errors.push(fieldError('role', 'ROLE', `未知角色：${input.role}`, `Unknown role: ${input.role}`));
  }
  const code = input.regionCode.padEnd(12, '0');
  const region = await db.query<{ level: number; name: string }>('select level, name from regions where code = $1', [code]);
  if (region.rows.length === 0) {
    errors.push(fieldError('regionCode', 'REGION', `行政区划代码不存在：${input.regionCode}`, `No such region: ${input.regionCode}`));
  } else if ((ROLES as readonly string[]).includes(input.role)) {
    const level = ROLE_REGION_LEVEL[input.role as Role];
    if (level !== null && region.rows[0].level !== level) {
      errors.push(fieldError('regionCode', 'REGION_LEVEL', `该角色须对应第 ${level} 级行政区划`, `This role needs a level-${level} region`));
    }
  }
  if (errors.length) throw validationFailed(errors);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx: Tx) => {
    const existing = await tx.query('select 1 from users where username = $1', [input.username]);
    if (existing.rows.length) throw new AppError(409, 'USERNAME_TAKEN', '用户名已存在', 'Username already exists', [fieldError('username', 'USERNAME_TAKEN', '用户名已存在', 'Username already exists')]);
    const inserted = await tx.query<UserRow>(
      `insert into users (username, display_name, password_hash, role, region_code, department)
       values ($1, $2, $3, $4, $5, $6) returning *`,
      [input.username, input.displayName || input.username, passwordHash, input.role, code, input.department ?? null],
    );
    const user = inserted.rows[0];
    await appendAudit(tx, actor, {
      action: 'user.create', entity: 'user', entityId: user.id, regionCode: code,
      after: { username: user.username, role: user.role, regionCode: code, department: user.department },
    });
    return user;
  });
}

export async function findUserByUsername(db: Database, username: string): Promise<UserRow | null> {
  const r = await db.query<UserRow>('select * from users where username = $1', [username]);
  return r.rows[0] ?? null;
}
