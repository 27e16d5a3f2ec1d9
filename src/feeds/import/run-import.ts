// One import run, all or nothing: rows stream from the reader through validation into a typed staging
// table (COPY), then one set-based INSERT matches them to registry persons and skips natural keys already
// stored. The run record, the rows, the error report and the audit entry commit together; a crash, a kill
// or a lost connection leaves nothing behind, and running it again works.
import { prepared, type Database, type Tx } from '../../platform/db';
import { appendAudit, type Actor, type AuditEntry } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { FeedDef, FeedRow, RowError } from '../feed-types';
import { feedTable } from '../catalogue';
import { mapHeader } from '../header-map';
import { rowValidator } from '../validate-row';
import { valueType } from '../values';
import { isFeedFileError, type FeedSource } from '../readers';
import { MAX_ERROR_LINES, type ImportErrorLine, type ImportReport } from './import-report';
import { publishFeedRecordsLoaded, type FeedRecordsLoaded } from './feed-events';
import { CopySegment } from './copy-spool';

export const DEFAULT_MAX_REJECTED_SHARE = 0.2;

export interface ImportMeta {
  feed: FeedDef;
  actor: Actor;
  source: 'file' | 'api';
  department?: string | null;
  tokenId?: number | null;
  batchId?: string | null;
  file?: { name: string; size: number; sha256: string; storedPath: string } | null;
  /** Share of rejected rows above which the whole run is refused (0–1). */
  maxRejectedShare?: number;
  /** API pushes want to know which rows were stored, which were duplicates. */
  wantRowOutcomes?: boolean;
  /** Called every PROGRESS_EVERY rows read (CLI progress, web progress). */
  onProgress?: (rowsRead: number) => void;
  /** Rows of a file the database loads in one go (default SEGMENT_ROWS). */
  segmentRows?: number;
  /** How a segment's rows go into the table (default: chosen per segment, see segmentOrder). */
  segmentOrder?: SegmentOrder;
  /** Last step inside the run's transaction, completed or refused (an API push records its batch and
   *  answer with it); may throw RunWithdrawn to leave no trace. */
  beforeCommit?: (tx: Tx, run: RecordedRun) => Promise<void>;
  /** Where the run's transaction comes from, and where its audit entry goes: by default a transaction of
   *  its own and the audit trail at once; for a group of API pushes, a savepoint of the group's
   *  transaction and the group's audit entries (push-groups.ts). */
  transact?: Transact;
  /** Tells the subscribers (comparisons) once the records are committed; default: at once, after the run's
   *  own commit. A group of pushes tells them after the group's commit. */
  publish?: (event: FeedRecordsLoaded) => Promise<void>;
}

export type AuditSink = (entry: AuditEntry) => Promise<void>;
export type Transact = <T>(body: (tx: Tx, audit: AuditSink) => Promise<T>) => Promise<T>;

export interface RecordedRun {
  importId: number;
  status: 'completed' | 'rejected';
  counts: { read: number; accepted: number; rejected: number; duplicates: number; matched: number; unmatched: number };
  rejectReason?: { zh: string; en: string };
  storedRows?: Set<number>;
  rowErrors?: Map<number, RowError[]>;
}

export const PROGRESS_EVERY = 10_000;

/** Rows of a file the database loads in one go. A set-based insert of a million rows into the medical
 *  table costs 15 µs a row, of 100,000 rows 22 µs (PostgreSQL 15, 2 cores; docs/feeds.md, session 8). The
 *  first segments are smaller (FIRST_SEGMENT_ROWS, then twice as many each time), so that the database
 *  starts after a second, not after the ten it takes JavaScript to parse a million rows. */
const SEGMENT_ROWS = 1_000_000;
const FIRST_SEGMENT_ROWS = 125_000;
/** 'file': rows go in as the file has them. 'index': in the order of the table's ID-number index, after the
 *  segment's own duplicates are set aside — into a table whose indexes no longer fit in the database's
 *  shared buffers, index order turns random page visits into one pass (1 M medical rows into a table of
 *  12.6 M: 17.7 s instead of 23.4 s; into an empty one it costs 10 %: docs/feeds.md, session 9). */
export type SegmentOrder = 'file' | 'index';

/** Segments spooled and waiting while another loads: how far JavaScript may run ahead (disk, not memory). */
const SEGMENTS_AHEAD = 2;
/** Rows turned into COPY text before they are written to the segment in one go. */
const APPEND_ROWS = 20_000;

export interface ImportOutcome {
  report: ImportReport;
  /** Rows (as numbered by the reader) that were stored; only with wantRowOutcomes. */
  storedRows?: Set<number>;
  rowErrors?: Map<number, RowError[]>;
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = String(v);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

const toLine = (e: RowError): ImportErrorLine => ({ row: e.row, column: e.column, value: e.value, reason: e.reason });

/** Thrown from beforeCommit to roll the run back without a trace (e.g. another push of the same batch won). */
export class RunWithdrawn extends Error {}

class RunRejected extends Error {
  constructor(readonly reason: { zh: string; en: string }) {
    super(reason.en);
  }
}

// Every push runs these (prepared.ts).
const INSERT_RUN = prepared(`insert into feed_imports (feed, source, actor_user_id, department, token_id, batch_id, file_name, file_size, sha256,
    stored_path, encoding, sheet, status, reject_reason, reject_reason_en, ignored_columns, rows_read, rows_rejected, finished_at, duration_ms)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) returning id`);
const COMPLETE_RUN = prepared(`update feed_imports set status = 'completed', rows_read = $2, rows_accepted = $3, rows_rejected = $4,
    rows_duplicate = $5, rows_matched = $6, rows_unmatched = $7, finished_at = clock_timestamp(), duration_ms = $8
  where id = $1`);

async function insertRun(q: Tx | Database, meta: ImportMeta, status: string, extra: Record<string, unknown> = {}): Promise<number> {
  const r = await q.query<{ id: number }>(
    INSERT_RUN,
    [meta.feed.code, meta.source, meta.actor.userId, meta.department ?? null, meta.tokenId ?? null, meta.batchId ?? null,
      meta.file?.name ?? null, meta.file?.size ?? null, meta.file?.sha256 ?? null, meta.file?.storedPath ?? null,
      extra.encoding ?? null, extra.sheet ?? null, status, extra.rejectZh ?? null, extra.rejectEn ?? null, extra.ignored ?? [],
      extra.read ?? 0, extra.rejected ?? 0, status === 'running' ? null : new Date(), extra.durationMs ?? null],
  );
  return r.rows[0].id;
}

async function saveErrors(tx: Tx, importId: number, errors: RowError[]) {
  if (!errors.length) return;
  const lines = errors.map((e) => [importId, e.row, e.column, e.value, e.reason, e.reasonEn].map(csvField).join(',') + '\n');
  await tx.copyIn('COPY feed_import_errors (import_id, source_row, column_name, value, reason, reason_en) FROM STDIN WITH (FORMAT csv)', lines);
}

/** Records a run refused as a whole (nothing loaded) with its reason and row errors. */
async function recordRejected(
  transact: Transact, meta: ImportMeta, reason: { zh: string; en: string }, started: number,
  extra: Record<string, unknown>, errors: RowError[], rowErrors?: Map<number, RowError[]>,
): Promise<number> {
  return transact(async (tx, audit) => {
    const id = await insertRun(tx, meta, 'rejected', { ...extra, rejectZh: reason.zh, rejectEn: reason.en, durationMs: Date.now() - started });
    await saveErrors(tx, id, errors);
    const read = Number(extra.read ?? 0);
    const rejected = Number(extra.rejected ?? 0);
    await meta.beforeCommit?.(tx, {
      importId: id, status: 'rejected', rejectReason: reason, rowErrors,
      counts: { read, accepted: 0, rejected, duplicates: 0, matched: 0, unmatched: 0 },
    });
    await audit({ action: 'feed.import.rejected', entity: 'feed_import', entityId: id, after: { feed: meta.feed.code, reason: reason.en, file: meta.file?.name ?? null, batchId: meta.batchId ?? null } });
    return id;
  });
}

/** Index order once the table's indexes outgrow the shared buffers (asked before each segment: a run of
 *  ten million rows crosses the line on the way). */
async function segmentOrder(tx: Tx, table: string): Promise<SegmentOrder> {
  const r = await tx.query<{ outgrown: boolean }>(
    `select pg_indexes_size($1::regclass) > pg_size_bytes(current_setting('shared_buffers')) as outgrown`,
    [table]);
  return r.rows[0].outgrown ? 'index' : 'file';
}

/** Each run in a transaction of its own, its audit entry appended in it. */
function ownTransaction(db: Database, actor: Actor): Transact {
  return (body) => db.transaction((tx) => body(tx, async (entry) => void (await appendAudit(tx, actor, entry))));
}

/** The source's rows a batch at a time: readers that parse many rows at once hand them over as they are
 *  (an await per row costs more than validating it, at millions of rows). */
async function* rowBatches(source: FeedSource): AsyncGenerator<FeedRow[]> {
  if (source.batches) {
    yield* source.batches;
    return;
  }
  let batch: FeedRow[] = [];
  for await (const row of source.rows) {
    batch.push(row);
    if (batch.length >= 1000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export async function runImport(db: Database, source: FeedSource, meta: ImportMeta): Promise<ImportOutcome> {
  const started = Date.now();
  const feed = meta.feed;
  const maxShare = meta.maxRejectedShare ?? DEFAULT_MAX_REJECTED_SHARE;
  const fileInfo = { encoding: source.encoding ?? null, sheet: source.sheet ?? null };
  const mapping = mapHeader(feed, source.header);
  const ignored = mapping.ignored.map((c) => c.header);
  const transact = meta.transact ?? ownTransaction(db, meta.actor);
  const base = { feed: feed.code, importId: null, read: 0, accepted: 0, rejected: 0, duplicates: 0, matched: 0, unmatched: 0, ignoredColumns: ignored, encoding: source.encoding, sheet: source.sheet };

  if (mapping.rejectReason) {
    await source.close();
    const id = await recordRejected(transact, meta, mapping.rejectReason, started, { ...fileInfo, ignored }, []);
    return { report: { ...base, importId: id, status: 'rejected', errors: [], rejectReason: mapping.rejectReason, durationMs: Date.now() - started } };
  }

  const validate = rowValidator(mapping);
  const columns = feed.columns.map((c) => c.key);
  const table = feedTable(feed);
  const jsonColumns = feed.columns.map((c) => `${c.key} ${valueType(c.type).sqlType(c)}`).join(', ');
  let read = 0;
  let rejected = 0;
  let staged = 0;
  const errors: RowError[] = [];
  const rowErrors = meta.wantRowOutcomes ? new Map<number, RowError[]>() : undefined;

  // Files: rows are validated and turned into COPY text, spooled to disk in segments (copy-spool.ts); while
  // the database loads one segment (COPY into staging, then the set-based insert), JavaScript already parses
  // the next ones — both cores work at once, and memory stays flat however large the file.
  // API pushes (at most 10,000 records, often one, hundreds a second): the records go in one statement as
  // JSON, sparing each push a temporary table's creation, COPY, truncation and drop.
  const pushed = meta.wantRowOutcomes === true;
  try {
    const outcome = await transact(async (tx, audit) => {
      const importId = await insertRun(tx, meta, 'running', { ...fileInfo, ignored });
      if (!pushed) {
        await tx.query(`create temporary table feed_stage on commit drop as select ${columns.join(', ')}, source_row from ${table} where false`);
      }
      // Set-based matching and de-duplication: the first occurrence in the file wins (segments go in file
      // order; in a segment, rows go by row, or the segment's own duplicates are dropped before index
      // order, see SegmentOrder), natural keys already stored (earlier segments, files or pushes) are
      // skipped as duplicates. A segment's people: the planner hashes the segment against the registry when
      // it is large (one pass over 3.56 M people for a million rows) and looks them up by index when it is
      // small. A push looks its few people up by index.
      const target = `insert into ${table} (${columns.join(', ')}, import_id, batch_id, source_row, person_id)`;
      const stagedColumns = columns.map((c) => `s.${c}`).join(', ');
      const naturalKey = feed.naturalKey.join(', ');
      const insertSegment = {
        file: `${target}
         select ${stagedColumns}, $1, $2, s.source_row, p.id
         from feed_stage s left join persons p on p.id_number = s.id_number
         order by s.source_row
         on conflict do nothing`,
        // The first occurrence of a natural key in the segment is kept before the rows are reordered
        // (DISTINCT ON groups NULLs together, as the unique index's NULLS NOT DISTINCT does).
        index: `${target}
         select ${stagedColumns}, $1, $2, s.source_row, p.id
         from (select distinct on (${naturalKey}) * from feed_stage order by ${naturalKey}, source_row) s
           left join persons p on p.id_number = s.id_number
         order by s.id_number, ${feed.timeColumn ? `s.${feed.timeColumn}, ` : ''}s.source_row
         on conflict do nothing`,
      };
      const insertPushed = prepared(`${target}
         select ${stagedColumns}, $1, $2, s.source_row, (select p.id from persons p where p.id_number = s.id_number)
         from jsonb_to_recordset($3::jsonb) as s(${jsonColumns}, source_row integer)
         order by s.source_row
         on conflict do nothing
         returning source_row, person_id`);
      let accepted = 0;
      let matched = 0;
      let storedRows: Set<number> | undefined;
      const load = async (segment: CopySegment) => {
        await tx.copyIn(`COPY feed_stage (${columns.join(', ')}, source_row) FROM STDIN WITH (FORMAT csv)`, segment.pieces());
        const order = meta.segmentOrder ?? await segmentOrder(tx, table);
        // Without statistics the planner guesses 200 distinct keys in a million rows and looks each row's
        // person up by index (7.6 s a million) instead of hashing the registry once (≈ 2.5 s).
        if (order === 'index') await tx.query('analyze feed_stage');
        // Files of millions of rows: count on the server, bring nothing back.
        const r = await tx.query<{ accepted: number; matched: number }>(
          `with ins as (${insertSegment[order]} returning person_id) select count(*)::int as accepted, count(person_id)::int as matched from ins`,
          [importId, meta.batchId ?? null]);
        accepted += r.rows[0].accepted;
        matched += r.rows[0].matched;
        await tx.query('truncate feed_stage');
      };
      const loadPushed = async (records: Record<string, unknown>[]) => {
        // Which rows went in, to answer per record.
        const rows = (await tx.query<{ source_row: number; person_id: number | null }>(
          insertPushed, [importId, meta.batchId ?? null, JSON.stringify(records)])).rows;
        accepted += rows.length;
        matched += rows.filter((r) => r.person_id !== null).length;
        storedRows = new Set(rows.map((r) => r.source_row));
      };

      // Segments load one after another on the run's transaction, at most SEGMENTS_AHEAD of them waiting.
      // After a failure the waiting ones are skipped: nothing may reach the session once it has failed, and
      // the transaction must be idle before it is rolled back.
      let loading: Promise<void> = Promise.resolve();
      const waiting: Promise<void>[] = [];
      const failures: unknown[] = [];
      let stopped = false;
      const enqueue = async (segment: CopySegment) => {
        loading = loading.then(async () => {
          try {
            if (!stopped && failures.length === 0) await load(segment);
          } catch (error) {
            failures.push(error);
          } finally {
            segment.close();
          }
        });
        waiting.push(loading);
        while (waiting.length > SEGMENTS_AHEAD) await waiting.shift();
        if (failures.length) throw failures[0];
      };

      const segmentRows = meta.segmentRows ?? SEGMENT_ROWS;
      const appendRows = Math.min(APPEND_ROWS, segmentRows);
      let nextSegmentRows = Math.min(FIRST_SEGMENT_ROWS, segmentRows);
      let segment: CopySegment | null = null;
      const sealSegment = async () => {
        const full = segment!;
        segment = null;
        await enqueue(full);
      };
      let lines = '';
      let lineCount = 0;
      const records: Record<string, unknown>[] = [];
      try {
        for await (const batch of rowBatches(source)) {
          for (const row of batch) {
            read++;
            if (read % PROGRESS_EVERY === 0) meta.onProgress?.(read);
            const result = validate(row);
            if (!result.ok) {
              rejected++;
              for (const e of result.errors) if (errors.length < MAX_ERROR_LINES) errors.push(e);
              rowErrors?.set(row.rowNumber, result.errors);
              continue;
            }
            staged++;
            if (pushed) {
              records.push({ ...result.record, source_row: row.rowNumber });
              continue;
            }
            let line = '';
            for (const key of columns) line += csvField(result.record[key]) + ',';
            lines += line + row.rowNumber + '\n';
            lineCount++;
          }
          // One write per many rows: a write per line would cost a system call per row.
          if (lineCount >= appendRows) {
            (segment ??= new CopySegment()).append(lines, lineCount);
            lines = '';
            lineCount = 0;
            if (segment.rows >= nextSegmentRows) {
              nextSegmentRows = Math.min(nextSegmentRows * 2, segmentRows);
              await sealSegment();
            }
          }
        }
        if (read > 0 && rejected / read > maxShare) {
          throw new RunRejected({
            zh: `被拒绝的行占 ${((rejected / read) * 100).toFixed(1)}%，超过上限 ${(maxShare * 100).toFixed(0)}%，整个文件未导入`,
            en: `${((rejected / read) * 100).toFixed(1)}% of rows were rejected, above the ${(maxShare * 100).toFixed(0)}% limit: nothing was loaded`,
          });
        }
        if (lineCount > 0) (segment ??= new CopySegment()).append(lines, lineCount);
        if (segment) await sealSegment();
        await loading;
        if (failures.length) throw failures[0];
      } finally {
        stopped = true;
        segment?.close();
        await loading;
      }
      if (records.length) await loadPushed(records);
      const counts = { read, accepted, rejected, duplicates: staged - accepted, matched, unmatched: accepted - matched };
      await tx.query(
        COMPLETE_RUN,
        [importId, counts.read, counts.accepted, counts.rejected, counts.duplicates, counts.matched, counts.unmatched, Date.now() - started],
      );
      await saveErrors(tx, importId, errors);
      await meta.beforeCommit?.(tx, { importId, status: 'completed', counts, storedRows, rowErrors });
      // Last: the audit trail's lock is held from here to the commit.
      await audit({
        action: 'feed.import', entity: 'feed_import', entityId: importId,
        after: { feed: feed.code, source: meta.source, file: meta.file?.name ?? null, sha256: meta.file?.sha256 ?? null, batchId: meta.batchId ?? null, ...counts },
      });
      return { importId, counts, storedRows };
    });
    // The run's own time; what subscribers do with the new records (comparisons) comes after it.
    const durationMs = Date.now() - started;
    const event: FeedRecordsLoaded = { feed: feed.code, importId: outcome.importId, source: meta.source, accepted: outcome.counts.accepted };
    await (meta.publish ? meta.publish(event) : publishFeedRecordsLoaded(db, event));
    return {
      report: { ...base, importId: outcome.importId, status: 'completed', ...outcome.counts, errors: errors.map(toLine), durationMs },
      storedRows: outcome.storedRows,
      rowErrors,
    };
  } catch (e) {
    if (e instanceof RunWithdrawn) throw e;
    if (e instanceof RunRejected) {
      const id = await recordRejected(transact, meta, e.reason, started, { ...fileInfo, ignored, read, rejected }, errors, rowErrors);
      return { report: { ...base, importId: id, status: 'rejected', read, rejected, errors: errors.map(toLine), rejectReason: e.reason, durationMs: Date.now() - started }, rowErrors };
    }
    if (isFeedFileError(e)) {
      // The file broke partway (bad quoting, undecodable bytes): nothing of it was kept.
      const id = await recordRejected(transact, meta, e.bilingual, started, { ...fileInfo, ignored, read, rejected }, errors, rowErrors);
      return { report: { ...base, importId: id, status: 'rejected', read, rejected, errors: errors.map(toLine), rejectReason: e.bilingual, durationMs: Date.now() - started } };
    }
    await transact((tx) => insertRun(tx, meta, 'failed', { ...fileInfo, rejectEn: (e as Error).message, durationMs: Date.now() - started })).catch(() => undefined);
    throw e;
  } finally {
    await source.close().catch(() => undefined);
  }
}

export function unknownFeed(code: string): AppError {
  return new AppError(400, 'FEED_UNKNOWN', `未知的数据接口：${code}`, `Unknown feed: ${code}`, [
    { field: 'feed', code: 'FEED_UNKNOWN', message: `未知的数据接口：${code}`, messageEn: `Unknown feed: ${code}` },
  ]);
}
