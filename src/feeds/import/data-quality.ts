// Per feed: when data last arrived, rows in the last 12 months, rejection rate, share matched — so that a
// province sees which department's data is late or poor. Read from the import log, one grouped query.
import type { Database } from '../../platform/db';
import { FEEDS } from '../catalogue';

export interface FeedQuality {
  feed: string;
  name: string;
  department: string;
  lastArrivedAt: string | null;
  imports12m: number;
  rowsRead12m: number;
  rowsAccepted12m: number;
  rejectedShare: number | null;
  matchedShare: number | null;
  rejectedImports12m: number;
}

export async function feedQuality(db: Database, now: Date): Promise<FeedQuality[]> {
  const since = new Date(now.getTime() - 365 * 86400_000);
  const r = await db.query<Record<string, any>>(
    `select feed, max(finished_at) filter (where status = 'completed') as last_at,
       count(*) filter (where status = 'completed')::int as imports,
       coalesce(sum(rows_read), 0)::bigint as read, coalesce(sum(rows_accepted), 0)::bigint as accepted,
       coalesce(sum(rows_rejected), 0)::bigint as rejected, coalesce(sum(rows_matched), 0)::bigint as matched,
       count(*) filter (where status = 'rejected')::int as rejected_imports
     from feed_imports where started_at >= $1 group by feed`, [since]);
  const byFeed = new Map(r.rows.map((x) => [x.feed, x]));
  return FEEDS.map((f) => {
    const x = byFeed.get(f.code);
    const read = Number(x?.read ?? 0);
    const accepted = Number(x?.accepted ?? 0);
    return {
      feed: f.code, name: f.name, department: f.department,
      lastArrivedAt: x?.last_at ? new Date(x.last_at).toISOString() : null,
      imports12m: x?.imports ?? 0, rowsRead12m: read, rowsAccepted12m: accepted,
      rejectedShare: read ? Number(x?.rejected) / read : null,
      matchedShare: accepted ? Number(x?.matched) / accepted : null,
      rejectedImports12m: x?.rejected_imports ?? 0,
    };
  });
}
