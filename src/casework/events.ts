// Casework's subscription to other rooms' events. After a feed import or push has been compared and its warnings
// written (monitoring's handler, subscribed before this one: monitoringRoutes precedes caseworkRoutes in
// ROUTE_MODULES, and the CLI subscribes in the same order), every new warning gets its verification task at once
// (for an API push, right after the push is answered).
// Listing a queue does the same for warnings raised any other way (e.g. a full comparison run).
import type { Database } from '../platform/db';
import { onFeedRecordsLoaded } from '../feeds/import/feed-events';
import { SYSTEM_ACTOR } from '../platform/audit';
import { openVerificationTasks } from './tasks';

/**
 * Runs `work` for many callers with at most one run going and one waiting: a caller that arrives during a run
 * waits for the next one, which starts after it and so sees everything the caller's import wrote. At hundreds
 * of API pushes a second, one task opening then serves all the pushes that arrived meanwhile, instead of each
 * push's opening racing the others for the same new warnings.
 */
export class Coalesced {
  private current: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly work: () => Promise<void>) {}

  /** Resolves when no run is going or waiting (errors are the callers'). */
  async idle(): Promise<void> {
    while (this.current || this.next) await (this.next ?? this.current)!.catch(() => undefined);
  }

  run(): Promise<void> {
    if (!this.current) {
      this.current = this.work().finally(() => {
        this.current = null;
      });
      return this.current;
    }
    if (!this.next) {
      this.next = this.current.catch(() => undefined).then(() => {
        this.next = null;
        return this.run();
      });
    }
    return this.next;
  }
}

/**
 * Opens verification tasks after every import into this database. Returns the unsubscribe function, which
 * resolves once an opening still under way (after a push) has finished, so that the database can close.
 */
export function subscribeVerificationTasks(db: Database): () => Promise<void> {
  const opening = new Coalesced(async () => {
    await db.transaction((tx) => openVerificationTasks(tx, SYSTEM_ACTOR));
  });
  const unsubscribe = onFeedRecordsLoaded(async (eventDb, event) => {
    if (eventDb !== db) return;
    if (event.source === 'api') {
      // A push is acknowledged once its warnings are listed; their tasks follow a moment later, off the
      // push's path (at hundreds of pushes a second, the opening would otherwise add its run to each).
      opening.run().catch((e) => console.error(`[casework] opening verification tasks failed: ${(e as Error).message}`));
      return;
    }
    await opening.run();
  });
  return async () => {
    unsubscribe();
    await opening.idle();
  };
}
