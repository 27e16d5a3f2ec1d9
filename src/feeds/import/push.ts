// A department pushes records through the API: the same validation as files, an answer per record, and
// a repeated batchId returns the first answer without storing anything again.
import type { Database, Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { findFeed } from '../catalogue';
import { isFeedFileError, readJsonRecords } from '../readers';
import type { RowError } from '../feed-types';
import { RunWithdrawn, runImport, unknownFeed } from './run-import';
import type { FeedToken } from './tokens';

export interface PushAnswer {
  importId: number | null;
  feed: string;
  batchId: string;
  status: 'completed' | 'rejected';
  accepted: number;
  rejected: number;
  duplicates: number;
  matched: number;
  unmatched: number;
  rejectReason?: { zh: string; en: string };
  records: { index: number; status: 'accepted' | 'duplicate' | 'rejected'; errors?: { column: string; value: string; reason: string }[] }[];
}

export async function pushRecords(db: Database, token: FeedToken, feedCode: string, batchId: string, records: unknown): Promise<{ answer: PushAnswer; repeated: boolean }> {
  const feed = findFeed(feedCode);
  if (!feed) throw unknownFeed(feedCode);
  if (!token.feeds.includes(feed.code)) {
    throw new AppError(403, 'FEED_NOT_ALLOWED', `该令牌无权报送「${feed.name}」`, `This token may not push the ${feed.code} feed`);
  }
  const earlier = await db.query<{ response: PushAnswer }>('select response from feed_push_batches where token_id = $1 and feed = $2 and batch_id = $3', [token.id, feed.code, batchId]);
  if (earlier.rows[0]) return { answer: earlier.rows[0].response, repeated: true };

  let source;
  try {
    source = readJsonRecords(records);
  } catch (e) {
    if (isFeedFileError(e)) throw new AppError(400, 'BATCH_INVALID', e.messageZh, e.messageEn);
    throw e;
  }
  const count = (records as unknown[]).length;
  const answerOf = (report: Omit<PushAnswer, 'feed' | 'batchId' | 'records'>, storedRows?: Set<number>, rowErrors?: Map<number, RowError[]>): PushAnswer => ({
    importId: report.importId, feed: feed.code, batchId, status: report.status,
    accepted: report.accepted, rejected: report.rejected, duplicates: report.duplicates, matched: report.matched, unmatched: report.unmatched,
    rejectReason: report.rejectReason,
    records: Array.from({ length: count }, (_, i) => {
      const row = i + 1;
      const errors = rowErrors?.get(row);
      if (errors) return { index: i, status: 'rejected' as const, errors: errors.map((e) => ({ column: e.columnKey ?? e.column, value: e.value, reason: e.reason })) };
      if (report.status === 'rejected') return { index: i, status: 'rejected' as const };
      return { index: i, status: storedRows?.has(row) ? ('accepted' as const) : ('duplicate' as const) };
    }),
  });
  // The batch is recorded in the same transaction as its records: a push either leaves both or neither.
  // Two pushes of one batch at once: the unique key lets the first stand; the other rolls its run back
  // and is told the first one's answer.
  const recordBatch = async (q: Tx | Database, answer: PushAnswer): Promise<boolean> =>
    (await q.query(
      `insert into feed_push_batches (token_id, feed, batch_id, import_id, response) values ($1, $2, $3, $4, $5::jsonb)
       on conflict (token_id, feed, batch_id) do nothing returning id`,
      [token.id, feed.code, batchId, answer.importId, JSON.stringify(answer)])).rows.length > 0;
  const firstAnswer = async (): Promise<{ answer: PushAnswer; repeated: boolean }> => {
    const first = await db.query<{ response: PushAnswer }>('select response from feed_push_batches where token_id = $1 and feed = $2 and batch_id = $3', [token.id, feed.code, batchId]);
    return { answer: first.rows[0].response, repeated: true };
  };
  try {
    const { report, storedRows, rowErrors } = await runImport(db, source, {
      feed, actor: { userId: null, name: `token:${token.department}` }, source: 'api', department: token.department,
      tokenId: token.id, batchId, wantRowOutcomes: true,
      beforeCommit: async (tx, run) => {
        const answer = answerOf({ importId: run.importId, status: 'completed', ...run.counts }, run.storedRows, run.rowErrors);
        if (!(await recordBatch(tx, answer))) throw new RunWithdrawn('batch already recorded');
      },
    });
    const answer = answerOf(report, storedRows, rowErrors);
    // A refused batch is recorded after its run (which keeps the refusal and its row errors).
    if (report.status === 'rejected' && !(await recordBatch(db, answer))) return firstAnswer();
    return { answer, repeated: false };
  } catch (e) {
    if (e instanceof RunWithdrawn) return firstAnswer();
    throw e;
  }
}
