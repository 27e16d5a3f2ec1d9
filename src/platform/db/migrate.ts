// Applies the numbered SQL files of migrations/ in order, each in its own transaction, once. The same
// files run on PostgreSQL and PGlite; an advisory lock keeps two starting processes from racing.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');
const LOCK_KEY = 7_250_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const version = Number(file.slice(0, 4));
    if (seen.has(version)) throw new Error(`two migrations numbered ${version}`);
    seen.add(version);
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    return { version, name: file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readMigrations(dir);
  const applied: string[] = [];
  await db.withSession(async (c) => {
    await c.exec(`create table if not exists schema_migrations (
      version integer primary key, name text not null, checksum text not null,
      applied_at timestamptz not null default now())`);
    for (const m of migrations) {
      await c.query('begin');
      try {
        await c.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
        const done = await c.query<{ checksum: string }>('select checksum from schema_migrations where version = $1', [m.version]);
        if (done.rows.length > 0) {
          if (done.rows[0].checksum !== m.checksum) {
            throw new Error(`migration ${m.name} was changed after it was applied: add a new migration instead`);
          }
          await c.query('commit');
          continue;
        }
        await c.exec(m.sql);
        await c.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, m.checksum]);
        await c.query('commit');
        applied.push(m.name);
      } catch (e) {
        await c.query('rollback').catch(() => undefined);
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
      }
    }
  });
  return applied;
}
