export { Database, inSavepoint, type Tx } from './database';
export { openDatabase } from './open';
export { migrate, readMigrations, MIGRATIONS_DIR } from './migrate';
export { PglitePool } from './pglite-pool';
export { PostgresPool } from './postgres-pool';
export { prepared } from './prepared';
export { DatabaseError, isDatabaseError, UNIQUE_VIOLATION, FOREIGN_KEY_VIOLATION, type Engine } from './connection';
export type { Schema } from './schema';
