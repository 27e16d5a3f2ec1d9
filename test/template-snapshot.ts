// A migrated embedded database with the reference data (regions) loaded, saved as a tar that every
// PGlite test database starts from.
import fs from 'node:fs';
import { Database, PglitePool, migrate } from '../src/platform/db';
import { loadReferenceData } from '../src/platform/reference-data';

export async function buildTemplateSnapshot(file: string): Promise<void> {
  const pool = new PglitePool(null);
  const db = new Database(pool);
  try {
    await migrate(db);
    await loadReferenceData(db);
    fs.writeFileSync(file, await pool.dump());
  } finally {
    await db.close();
  }
}
