// Group commit for API pushes. Every transaction that changes data appends to the hash-chained audit trail
// under one lock held until its commit, so pushes that each commit alone go through one after another: at
// a few hundred a second the lock, not the work, sets the pace. Pushes that arrive while a group is
// committing wait and go together in the next one: one transaction, a savepoint per push (a push that
// fails is undone alone, the others go on), the audit entries appended together at the end (one lock, one
// commit for all). Alone, a push is a group of one; two groups commit at once at most. Once the group has
// committed, each push's records are handed to the subscribers (the comparisons, which group them again)
// and the push is answered.
import { appendAuditMany, type Actor, type AuditEntry } from '../../platform/audit';
import { inSavepoint, isDatabaseError, type Database } from '../../platform/db';
import { publishFeedRecordsLoaded, type FeedRecordsLoaded } from './feed-events';
import type { Transact } from './run-import';

/** What a member's run takes its transaction from, and where it leaves its records for the subscribers. */
export interface GroupContext {
  transact: Transact;
  publish: (event: FeedRecordsLoaded) => Promise<void>;
}

export interface GroupMember<R> {
  actor: Actor;
  /** In a group (with a context), or alone in transactions of its own (without) when the group failed. */
  run(context?: GroupContext): Promise<R>;
}

/** Pushes in one group at most (a push holds at most 10,000 records). */
const MAX_GROUP = 100;
/** Groups committing at once: a group's statements go one after another on its connection, so a second
 *  group keeps the other core busy meanwhile; they meet only at the audit trail's lock, at their ends. */
const CONCURRENT_GROUPS = 2;

interface Waiting {
  member: GroupMember<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class PushGroups {
  private queue: Waiting[] = [];
  private committing = 0;

  constructor(private readonly db: Database) {}

  /** Resolves once the member's run has committed and its records have been handed to the subscribers. */
  submit<R>(member: GroupMember<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ member, resolve: resolve as (value: unknown) => void, reject });
      this.next();
    });
  }

  /** Starts a group with what waits, if a slot is free; each group, when done, starts the next. */
  private next() {
    if (this.committing >= CONCURRENT_GROUPS || !this.queue.length) return;
    this.committing++;
    void this.commitGroup(this.queue.splice(0, MAX_GROUP)).finally(() => {
      this.committing--;
      this.next();
    });
  }

  private async commitGroup(group: Waiting[]) {
    const events: FeedRecordsLoaded[][] = group.map(() => []);
    let outcomes: PromiseSettledResult<unknown>[];
    try {
      outcomes = await this.db.transaction(async (tx) => {
        const audits: { actor: Actor; entry: AuditEntry }[] = [];
        const settled: PromiseSettledResult<unknown>[] = [];
        for (const [i, waiting] of group.entries()) {
          const context: GroupContext = {
            transact: (body) => inSavepoint(tx, `push_${i}`, async (sp) => {
              const entries: AuditEntry[] = [];
              const result = await body(sp, async (entry) => void entries.push(entry));
              // Only what a savepoint kept is audited.
              for (const entry of entries) audits.push({ actor: waiting.member.actor, entry });
              return result;
            }),
            publish: async (event) => void events[i].push(event),
          };
          try {
            settled.push({ status: 'fulfilled', value: await waiting.member.run(context) });
          } catch (error) {
            settled.push({ status: 'rejected', reason: error });
          }
        }
        await appendAuditMany(tx, audits);
        return settled;
      });
    } catch (error) {
      // The group's transaction failed as a whole (its commit, a lost connection): nothing of it stands.
      // Each push runs again alone, in transactions of its own.
      console.error(`[feeds] a group of ${group.length} push(es) failed (${(error as Error).message}); each runs again alone`);
      await Promise.all(group.map((w) => w.member.run().then(w.resolve, w.reject)));
      return;
    }
    // Committed. The subscribers run after the group's commit; the next group need not wait for them.
    group.forEach((waiting, i) => {
      const outcome = outcomes[i];
      if (outcome.status === 'rejected') {
        // Caught in a deadlock with another group (the same records pushed twice at once, in another
        // order): undone by its savepoint, it runs again alone.
        if (isDatabaseError(outcome.reason, '40P01') || isDatabaseError(outcome.reason, '40001')) waiting.member.run().then(waiting.resolve, waiting.reject);
        else waiting.reject(outcome.reason);
        return;
      }
      Promise.all(events[i].map((event) => publishFeedRecordsLoaded(this.db, event)))
        .then(() => waiting.resolve(outcome.value), waiting.reject);
    });
  }
}

const groupsByDatabase = new WeakMap<Database, PushGroups>();

/** The push groups of a database (one queue per database, shared by all requests). */
export function pushGroups(db: Database): PushGroups {
  let groups = groupsByDatabase.get(db);
  if (!groups) {
    groups = new PushGroups(db);
    groupsByDatabase.set(db, groups);
  }
  return groups;
}
