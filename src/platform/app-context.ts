// What every route and job is given: the database, the configuration, and the clock (so tests can
// fix "today"). Capabilities add nothing global; they take what they need from here.
import type { PlatformConfig } from './config';
import type { Database } from './db';

export interface AppContext {
  db: Database;
  config: PlatformConfig;
  /** The current time; a parameter so that deadlines and windows are testable. */
  now(): Date;
}

/** Today as 'YYYY-MM-DD' in China Standard Time (the platform's calendar day). */
export function todayIn(ctx: Pick<AppContext, 'now'>): string {
  return new Date(ctx.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
