// What casework needs in every installation besides its migration: the default time limits (seeded once per
// version) and the materialised working-day calendar (rebuilt from the one WorkCalendar on every start, so a
// developer's update of the official data reaches SQL without a migration).
import type { Database } from '../platform/db';
import { materialiseCalendar } from './calendar-store';
import { seedDeadlineParameters } from './deadline-store';

export async function loadCaseworkReferenceData(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await seedDeadlineParameters(tx);
    await materialiseCalendar(tx);
  });
}
