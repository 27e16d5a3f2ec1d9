// Runs a database test file once per engine: PGlite (always) and PostgreSQL (when global setup found it).
// Each run gets its own database, migrated and with reference data, and drops it afterwards.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { Database, PglitePool, migrate, type Engine } from '../src/platform/db';
import { scratchPostgres } from './scratch-postgres';
import { loadReferenceData } from '../src/platform/reference-data';

export function testEngines(): Engine[] {
  return (process.env.SAFETYNET_TEST_ENGINES || 'pglite').split(',') as Engine[];
}

export interface EngineContext {
  engine: Engine;
  db(): Database;
}

export async function openTestDatabase(engine: Engine): Promise<{ db: Database; dispose(): Promise<void> }> {
  if (engine === 'pglite') {
    const snapshotPath = process.env.SAFETYNET_TEST_PGLITE_SNAPSHOT;
    const db = new Database(new PglitePool(null, { snapshotPath }));
    if (!snapshotPath) {
      await migrate(db);
      await loadReferenceData(db);
    }
    return { db, dispose: () => db.close() };
  }
  const scratch = await scratchPostgres(process.env.SAFETYNET_TEST_PG_URL!, `sn_test_${process.pid}_${randomBytes(4).toString('hex')}`);
  return { db: scratch.db, dispose: () => scratch.drop() };
}

/** describe() once per engine, with a fresh database for the block. */
export function describeOnEngines(title: string, body: (ctx: EngineContext) => void): void {
  for (const engine of testEngines()) {
    describe(`${title} [${engine}]`, () => {
      let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
      beforeAll(async () => {
        opened = await openTestDatabase(engine);
      });
      afterAll(async () => {
        await opened?.dispose();
      });
      body({ engine, db: () => opened!.db });
    });
  }
}
