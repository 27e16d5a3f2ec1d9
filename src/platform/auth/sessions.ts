// Login sessions: a random token in an HttpOnly cookie, only its hash in the database, and a CSRF token
// that state-changing requests must echo in a header (double submit bound to the session).
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db';
import type { UserRow } from './users';

export const SESSION_COOKIE = 'sn_session';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_HOURS = 12;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function createSession(db: Database, userId: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await db.query('insert into sessions (token_hash, user_id, csrf_token, expires_at) values ($1, $2, $3, $4)', [sha256(token), userId, csrfToken, expiresAt]);
  return { token, csrfToken, expiresAt };
}

export async function sessionUser(db: Database, token: string): Promise<{ user: UserRow; csrfToken: string } | null> {
  const r = await db.query<UserRow & { csrf_token: string }>(
    `select u.*, s.csrf_token from sessions s join users u on u.id = s.user_id
     where s.token_hash = $1 and s.expires_at > now() and u.disabled_at is null`,
    [sha256(token)],
  );
  if (!r.rows[0]) return null;
  const { csrf_token, ...user } = r.rows[0];
  return { user: user as UserRow, csrfToken: csrf_token };
}

export async function endSession(db: Database, token: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [sha256(token)]);
}
