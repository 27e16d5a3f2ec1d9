// Importing a department's file (CLI or upload): keep the original in the file store, open it with the
// right reader, and run the import. A file that cannot be read is recorded as a rejected run.
import path from 'node:path';
import type { Database } from '../../platform/db';
import type { Actor } from '../../platform/audit';
import { findFeed } from '../catalogue';
import { headerSearch } from '../header-map';
import { detectFormat, isFeedFileError, openFeedFile, type FeedFileFormat } from '../readers';
import { storeFile } from './file-store';
import type { ImportReport } from './import-report';
import { runImport, unknownFeed, type SegmentOrder } from './run-import';
import { appendAudit } from '../../platform/audit';

export interface ImportFileRequest {
  feed: string;
  /** Path of the file as received (a temporary upload or a path given on the command line). */
  path: string;
  /** The name the department gave the file. */
  fileName?: string;
  encoding?: string;
  sheet?: string;
  maxRejectedShare?: number;
  actor: Actor;
  department?: string | null;
  onProgress?: (rowsRead: number) => void;
  /** Rows the database loads in one go (default: a million). */
  segmentRows?: number;
  /** How a segment's rows go in (default: chosen by the table's size; tests force one). */
  segmentOrder?: SegmentOrder;
}

export async function importFile(db: Database, fileStoreDir: string, request: ImportFileRequest): Promise<ImportReport> {
  const feed = findFeed(request.feed);
  if (!feed) throw unknownFeed(request.feed);
  const started = Date.now();
  const fileName = request.fileName ?? path.basename(request.path);
  const stored = await storeFile(fileStoreDir, request.path);
  const meta = {
    feed, actor: request.actor, source: 'file' as const, department: request.department ?? null,
    file: { name: fileName, size: stored.size, sha256: stored.sha256, storedPath: stored.storedPath },
    maxRejectedShare: request.maxRejectedShare,
    onProgress: request.onProgress,
    segmentRows: request.segmentRows,
    segmentOrder: request.segmentOrder,
  };
  let format: FeedFileFormat = await detectFormat(stored.storedPath);
  if (format === 'csv' && fileName.toLowerCase().endsWith('.json')) format = 'json';
  try {
    const source = await openFeedFile(stored.storedPath, { format, encoding: request.encoding, sheet: request.sheet, ...headerSearch(feed) });
    return (await runImport(db, source, meta)).report;
  } catch (e) {
    if (!isFeedFileError(e)) throw e;
    // Unreadable at once (encoding, format, missing sheet): refused whole, with the reason on record.
    const id = await db.transaction(async (tx) => {
      const r = await tx.query<{ id: number }>(
        `insert into feed_imports (feed, source, actor_user_id, department, file_name, file_size, sha256, stored_path, encoding, sheet,
           status, reject_reason, reject_reason_en, finished_at, duration_ms)
         values ($1, 'file', $2, $3, $4, $5, $6, $7, $8, $9, 'rejected', $10, $11, now(), $12) returning id`,
        [feed.code, request.actor.userId, request.department ?? null, fileName, stored.size, stored.sha256, stored.storedPath,
          request.encoding ?? null, request.sheet ?? null, e.messageZh, e.messageEn, Date.now() - started]);
      await appendAudit(tx, request.actor, { action: 'feed.import.rejected', entity: 'feed_import', entityId: r.rows[0].id, after: { feed: feed.code, file: fileName, reason: e.messageEn } });
      return r.rows[0].id;
    });
    return {
      importId: id, feed: feed.code, status: 'rejected', read: 0, accepted: 0, rejected: 0, duplicates: 0, matched: 0, unmatched: 0,
      errors: [], rejectReason: e.bilingual, durationMs: Date.now() - started,
    };
  }
}
