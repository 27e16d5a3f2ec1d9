// A department pushes records through the API: the same validation as files, an answer per record, and
// a repeated batchId returns the first answer without storing anything again.
import { prepared, type Database } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { findFeed } from '../catalogue';
import { isFeedFileError, readJsonRecords } from '../readers';
import { pushGroups, type GroupContext } from './push-groups';
import { RunWithdrawn, runImport, unknownFeed, type RecordedRun } from './run-import';
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

const STORED_ANSWER = prepared('select response from feed_push_batches where token_id = $1 and feed = $2 and batch_id = $3');
const SAVE_ANSWER = prepared(`insert into feed_push_batches (token_id, feed, batch_id, import_id, response) values ($1, $2, $3, $4, $5::jsonb)
  on conflict (token_id, feed, batch_id) do nothing returning id`);

export async function pushRecords(db: Database, token: FeedToken, feedCode: string, batchId: string, records: unknown): Promise<{ answer: PushAnswer; repeated: boolean }> {
  const feed = findFeed(feedCode);
  if (!feed) throw unknownFeed(feedCode);
  if (!token.feeds.includes(feed.code)) {
    throw new AppError(403, 'FEED_NOT_ALLOWED', `该令牌无权报送「${feed.name}」`, `This token may not push the ${feed.code} feed`);
  }
  // The answer a batch already got (sent before, or by a push of the same batch that won the race).
  const storedAnswer = async () => (await db.query<{ response: PushAnswer }>(
    STORED_ANSWER, [token.id, feed.code, batchId])).rows[0]?.response;
  const earlier = await storedAnswer();
  if (earlier) return { answer: earlier, repeated: true };

  // The records are read before the push joins a group, so that a malformed batch is refused at once.
  const open = () => {
    try {
      return readJsonRecords(records);
    } catch (e) {
      if (isFeedFileError(e)) throw new AppError(400, 'BATCH_INVALID', e.messageZh, e.messageEn);
      throw e;
    }
  };
  open();
  const count = (records as unknown[]).length;
  const answerOf = (run: RecordedRun): PushAnswer => ({
    importId: run.importId, feed: feed.code, batchId, status: run.status,
    accepted: run.counts.accepted, rejected: run.counts.rejected, duplicates: run.counts.duplicates,
    matched: run.counts.matched, unmatched: run.counts.unmatched, rejectReason: run.rejectReason,
    records: Array.from({ length: count }, (_, i) => {
      const row = i + 1;
      const errors = run.rowErrors?.get(row);
      if (errors) return { index: i, status: 'rejected' as const, errors: errors.map((e) => ({ column: e.columnKey ?? e.column, value: e.value, reason: e.reason })) };
      if (run.status === 'rejected') return { index: i, status: 'rejected' as const };
      return { index: i, status: run.storedRows?.has(row) ? ('accepted' as const) : ('duplicate' as const) };
    }),
  });
  const actor = { userId: null, name: `token:${token.department}` };
  // The batch and its answer are recorded in the same transaction as its run: a push leaves both or
  // neither. Two pushes of one batch at once: the unique key lets the first stand; the other rolls its run
  // back and is told the first one's answer.
  const run = async (context?: GroupContext): Promise<PushAnswer | null> => {
    let answer: PushAnswer | undefined;
    try {
      await runImport(db, open(), {
        feed, actor, source: 'api', department: token.department, tokenId: token.id, batchId, wantRowOutcomes: true,
        transact: context?.transact, publish: context?.publish,
        beforeCommit: async (tx, recorded) => {
          answer = answerOf(recorded);
          const saved = await tx.query(SAVE_ANSWER,
            [token.id, feed.code, batchId, answer.importId, JSON.stringify(answer)]);
          if (!saved.rows.length) throw new RunWithdrawn('batch already recorded');
        },
      });
    } catch (e) {
      if (e instanceof RunWithdrawn) return null;
      throw e;
    }
    return answer!;
  };
  const answer = await pushGroups(db).submit({ actor, run });
  if (answer) return { answer, repeated: false };
  return { answer: (await storedAnswer())!, repeated: true };
}
