// Real-time and after-import comparison: every committed file import or API push is evaluated against the
// rules that read its feed (the rule index by feed), for the people in it. Subscribed through the feeds
// room's event, so feeds know nothing of monitoring.
//
// Group evaluation: while one evaluation runs, imports that commit meanwhile wait and are then evaluated
// together in one slice (like a database's group commit). Alone, a push is evaluated at once; at hundreds
// of pushes a second, each evaluation takes the dozens that arrived during the previous one, so the cost
// per push falls as the load rises. Each import's answer waits for its evaluation, so a pushed record's
// warning is listed by the time the push is acknowledged.
import type { Database } from '../platform/db';
import { todayIn } from '../platform/app-context';
import { onFeedRecordsLoaded, type FeedRecordsLoaded } from '../feeds/import/feed-events';
import { evaluateImports, type ImportEvaluation } from './comparison-runs';

/** Imports evaluated together at most (a big file is evaluated alone anyway: its slice is its people). */
const MAX_BATCH = 500;

export class ImportEvaluator {
  private pending: { event: FeedRecordsLoaded; done: (r: ImportEvaluation | null) => void; fail: (e: unknown) => void }[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly onEvaluated?: (result: ImportEvaluation) => void,
  ) {}

  /** Resolves when the import has been evaluated (with the others that came with it). */
  submit(event: FeedRecordsLoaded): Promise<ImportEvaluation | null> {
    return new Promise((resolve, reject) => {
      this.pending.push({ event, done: resolve, fail: reject });
      this.kick();
    });
  }

  private kick() {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.pending.length) this.kick();
    });
  }

  private async drain() {
    while (this.pending.length) {
      const batch = this.pending.splice(0, MAX_BATCH);
      const at = this.now();
      try {
        const result = await evaluateImports(this.db, batch.map((b) => b.event), todayIn({ now: () => at }), at);
        if (result) this.onEvaluated?.(result);
        for (const b of batch) b.done(result);
      } catch (e) {
        // Every import waiting in this batch learns of the failure; none is left hanging.
        for (const b of batch) b.fail(e);
      }
    }
  }
}

/**
 * Evaluates imports into this database as they commit; "today" from the given clock. Returns the
 * unsubscribe function.
 */
export function subscribeComparisons(db: Database, now: () => Date, onEvaluated?: (result: ImportEvaluation) => void): () => void {
  const evaluator = new ImportEvaluator(db, now, onEvaluated);
  return onFeedRecordsLoaded(async (eventDb, event) => {
    if (eventDb !== db) return;
    await evaluator.submit(event);
  });
}
