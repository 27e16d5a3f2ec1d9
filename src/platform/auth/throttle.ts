// Login throttling: after too many failures for one username (or from one address) within the window,
// further attempts are refused until the window passes, whether or not the password is right.
import type { Database } from '../db';

export const THROTTLE = { windowMinutes: 15, maxFailuresPerUser: 5, maxFailuresPerIp: 30 };

export async function loginBlocked(db: Database, username: string, ip: string): Promise<boolean> {
  const r = await db.query<{ by_user: number; by_ip: number }>(
    `select count(*) filter (where username = $1)::int as by_user, count(*) filter (where ip = $2)::int as by_ip
     from login_attempts
     where not succeeded and at > now() - make_interval(mins => $3) and (username = $1 or ip = $2)`,
    [username, ip, THROTTLE.windowMinutes],
  );
  const { by_user, by_ip } = r.rows[0];
  return by_user >= THROTTLE.maxFailuresPerUser || by_ip >= THROTTLE.maxFailuresPerIp;
}

export async function recordLoginAttempt(db: Database, username: string, ip: string, succeeded: boolean): Promise<void> {
  await db.query('insert into login_attempts (username, ip, succeeded) values ($1, $2, $3)', [username, ip, succeeded]);
  if (succeeded) {
    // A successful login clears the user's failure count, so a typo weeks apart never accumulates.
    await db.query('delete from login_attempts where username = $1 and not succeeded', [username]);
  }
}
