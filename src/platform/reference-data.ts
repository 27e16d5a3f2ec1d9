// Reference data every installation needs besides its migrations (the region tree); loaded on migrate.
import type { Database } from './db';
import { loadRegions } from '../registry/region-store';
import { loadCaseworkReferenceData } from '../casework/reference-data';

export async function loadReferenceData(db: Database): Promise<void> {
  await loadRegions(db);
  await loadCaseworkReferenceData(db);
}
