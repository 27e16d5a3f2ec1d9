// Runs once before the suite. Decides which engines the database tests (*.int.test.ts) run on, and
// prepares a migrated PGlite template so that each test file starts a fresh embedded database in ~0.5 s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildTemplateSnapshot } from './template-snapshot';

export const DEFAULT_TEST_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.SAFETYNET_TEST_PG_URL || DEFAULT_TEST_PG_URL;
  const required = process.env.CI === 'true' || process.env.SAFETYNET_TEST_PG === 'required';
  const skipped = process.env.SAFETYNET_TEST_PG === 'off';
  let engines = ['pglite'];
  if (!skipped) {
    const problem = await postgresReachable(url);
    if (problem === null) engines.push('postgres');
    else if (required) throw new Error(`PostgreSQL is required for the test suite (CI=true) but ${url} is unreachable: ${problem}`);
    else console.warn(`[safetynet tests] PostgreSQL at ${url} unreachable (${problem}): database tests run on PGlite only`);
  }
  if (process.env.SAFETYNET_TEST_ENGINES) engines = process.env.SAFETYNET_TEST_ENGINES.split(',');
  process.env.SAFETYNET_TEST_ENGINES = engines.join(',');
  process.env.SAFETYNET_TEST_PG_URL = url;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-test-'));
  const snapshot = path.join(dir, 'template.tar');
  await buildTemplateSnapshot(snapshot);
  process.env.SAFETYNET_TEST_PGLITE_SNAPSHOT = snapshot;
  console.log(`[safetynet tests] database engines: ${engines.join(', ')}`);
  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
