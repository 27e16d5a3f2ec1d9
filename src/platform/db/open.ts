// Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, else embedded PGlite.
import type { PlatformConfig } from '../config';
import { Database } from './database';
import { PglitePool } from './pglite-pool';
import { PostgresPool } from './postgres-pool';

export function openDatabase(config: Pick<PlatformConfig, 'databaseUrl' | 'dataDir'>): Database {
  const pool = config.databaseUrl ? new PostgresPool(config.databaseUrl) : new PglitePool(config.dataDir);
  return new Database(pool);
}
