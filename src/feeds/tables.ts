// Row types of the feed tables (migrations/0003_feeds.sql) for Kysely. The 13 feed_<code> tables share
// one shape: the catalogue's columns (typed by FeedRecord) plus the common columns below.
import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../platform/tables';
import type { FeedRecord } from './feed-types';

export interface FeedTokensTable {
  id: Generated<number>;
  department: string;
  feeds: string[];
  token_hash: string;
  label: string | null;
  created_by_user_id: number | null;
  created_at: Timestamp;
  revoked_at: Date | null;
}

export interface FeedImportsTable {
  id: Generated<number>;
  feed: string;
  source: 'file' | 'api';
  actor_user_id: number | null;
  department: string | null;
  token_id: number | null;
  batch_id: string | null;
  file_name: string | null;
  file_size: number | null;
  sha256: string | null;
  stored_path: string | null;
  encoding: string | null;
  sheet: string | null;
  status: ColumnType<'running' | 'completed' | 'rejected' | 'failed', string | undefined, string>;
  rows_read: Generated<number>;
  rows_accepted: Generated<number>;
  rows_rejected: Generated<number>;
  rows_duplicate: Generated<number>;
  rows_matched: Generated<number>;
  rows_unmatched: Generated<number>;
  ignored_columns: Generated<string[]>;
  reject_reason: string | null;
  reject_reason_en: string | null;
  started_at: Timestamp;
  finished_at: Date | null;
  duration_ms: number | null;
}

export interface FeedImportErrorsTable {
  id: Generated<number>;
  import_id: number;
  source_row: number;
  column_name: string;
  value: Generated<string>;
  reason: string;
  reason_en: string | null;
}

export interface FeedPushBatchesTable {
  id: Generated<number>;
  token_id: number;
  feed: string;
  batch_id: string;
  import_id: number | null;
  response: Json;
  created_at: Timestamp;
}

/** The common columns of every feed_<code> table. */
export interface FeedRowColumns {
  id: Generated<number>;
  import_id: number | null;
  batch_id: string | null;
  source_row: number | null;
  person_id: number | null;
  received_at: Timestamp;
}

/** A feed_<code> row: the record's columns (see the catalogue) and the common ones. */
export type FeedTableRow = FeedRowColumns & FeedRecord;

export interface FeedTables {
  feed_tokens: FeedTokensTable;
  feed_imports: FeedImportsTable;
  feed_import_errors: FeedImportErrorsTable;
  feed_push_batches: FeedPushBatchesTable;
}
