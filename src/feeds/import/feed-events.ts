// What happens after feed records are committed: other rooms (monitoring) subscribe here instead of the
// feeds room knowing about them. Handlers run after the import's transaction has committed.
import type { Database } from '../../platform/db';

export interface FeedRecordsLoaded {
  feed: string;
  importId: number;
  source: 'file' | 'api';
  accepted: number;
}

type Handler = (db: Database, event: FeedRecordsLoaded) => Promise<void>;

const handlers: Handler[] = [];

export function onFeedRecordsLoaded(handler: Handler): () => void {
  handlers.push(handler);
  return () => {
    const i = handlers.indexOf(handler);
    if (i >= 0) handlers.splice(i, 1);
  };
}

export async function publishFeedRecordsLoaded(db: Database, event: FeedRecordsLoaded): Promise<void> {
  for (const handler of handlers) await handler(db, event);
}
