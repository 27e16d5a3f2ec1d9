// A PostgreSQL database made for one test file or benchmark run: created on the server of `adminUrl`,
// migrated, with reference data, and dropped (even with open connections) when done.
import pg from 'pg';
import { Database, PostgresPool, migrate } from '../src/platform/db';
import { loadReferenceData } from '../src/platform/reference-data';

export interface ScratchPostgres {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

async function admin(adminUrl: string, sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function scratchPostgres(adminUrl: string, name: string): Promise<ScratchPostgres> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
  await admin(adminUrl, `drop database if exists ${name} with (force)`);
  await admin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = new Database(new PostgresPool(url.toString()));
  await migrate(db);
  await loadReferenceData(db);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      await admin(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
