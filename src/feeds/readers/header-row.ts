// Splits a stream of rows into the header and the data rows after it, stepping over title rows when
// the caller can recognise its header, and skipping rows with no content (their numbers stay true).
// Readers that hand on rows one at a time use splitHeader; the CSV reader, which parses thousands of
// rows per chunk, uses splitHeaderBatches so that nobody pays an await per row.
import type { FeedRow } from '../feed-types';
import { isBlank } from '../values/cell';
import { FeedFileError } from './feed-file-error';
import type { HeaderSearch } from './feed-source';

export function isEmptyRow(cells: readonly unknown[]): boolean {
  for (const cell of cells) if (!isBlank(cell)) return false;
  return true;
}

export function headerText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

interface HeaderChoice {
  header: string[];
  headerRowNumber: number;
  /** Non-empty rows read past the header while looking for it: the first data rows. */
  replay: FeedRow[];
}

/** Reads rows (from `next`, undefined at the end) until the header is found or the scan limit reached. */
async function findHeader(next: () => Promise<FeedRow | undefined>, search: HeaderSearch): Promise<HeaderChoice> {
  const scanned: FeedRow[] = [];
  const limit = search.headerScanRows ?? 20;
  let chosen = -1;
  while (scanned.length < (search.findHeader ? limit : 1)) {
    const row = await next();
    if (!row) break;
    if (isEmptyRow(row.cells)) continue;
    scanned.push(row);
    if (search.findHeader?.(row.cells)) {
      chosen = scanned.length - 1;
      break;
    }
  }
  if (scanned.length === 0) throw new FeedFileError('empty', '文件是空的：没有表头行', 'the file is empty: no header row');
  if (chosen < 0) {
    // No row looked like the header: the best-scoring one (or the first) is, and mapping says what is missing.
    chosen = 0;
    if (search.headerScore) {
      let best = 0;
      scanned.forEach((row, i) => {
        const score = search.headerScore!(row.cells);
        if (score > best) [best, chosen] = [score, i];
      });
    }
  }
  const head = scanned[chosen];
  return { header: head.cells.map(headerText), headerRowNumber: head.rowNumber, replay: scanned.slice(chosen + 1) };
}

export async function splitHeader(
  all: AsyncIterator<FeedRow>,
  search: HeaderSearch = {},
): Promise<{ header: string[]; headerRowNumber: number; rows: AsyncGenerator<FeedRow> }> {
  const { header, headerRowNumber, replay } = await findHeader(async () => {
    const next = await all.next();
    return next.done ? undefined : next.value;
  }, search);

  async function* rows(): AsyncGenerator<FeedRow> {
    try {
      yield* replay;
      for (;;) {
        const next = await all.next();
        if (next.done) return;
        if (!isEmptyRow(next.value.cells)) yield next.value;
      }
    } finally {
      await all.return?.();
    }
  }
  return { header, headerRowNumber, rows: rows() };
}

function withContent(rows: readonly FeedRow[]): FeedRow[] {
  return rows.filter((row) => !isEmptyRow(row.cells));
}

/** splitHeader for rows that come in batches: the data rows come in batches too (never an empty one). */
export async function splitHeaderBatches(
  all: AsyncIterator<FeedRow[]>,
  search: HeaderSearch = {},
): Promise<{ header: string[]; headerRowNumber: number; batches: AsyncGenerator<FeedRow[]> }> {
  let batch: FeedRow[] = [];
  let at = 0;
  const { header, headerRowNumber, replay } = await findHeader(async () => {
    while (at >= batch.length) {
      const next = await all.next();
      if (next.done) return undefined;
      [batch, at] = [next.value, 0];
    }
    return batch[at++];
  }, search);

  async function* batches(): AsyncGenerator<FeedRow[]> {
    try {
      // The rest of the batch the header was found in.
      const first = replay.concat(withContent(batch.slice(at)));
      batch = [];
      if (first.length > 0) yield first;
      for (;;) {
        const next = await all.next();
        if (next.done) return;
        const rows = withContent(next.value);
        if (rows.length > 0) yield rows;
      }
    } finally {
      await all.return?.();
    }
  }
  return { header, headerRowNumber, batches: batches() };
}

/** The rows of batches one at a time. Not a generator: most rows are already in memory, and resolving
 *  them without a generator's machinery halves the cost per row. Serves one caller at a time (as for
 *  await does): next() is not called again before the last call has resolved. */
export class RowsOfBatches implements AsyncIterableIterator<FeedRow> {
  private batch: readonly FeedRow[] = [];
  private at = 0;
  private done = false;

  constructor(private readonly batches: AsyncIterator<FeedRow[]>) {}

  async next(): Promise<IteratorResult<FeedRow, undefined>> {
    while (this.at >= this.batch.length) {
      if (this.done) return { done: true, value: undefined };
      const next = await this.batches.next();
      if (next.done) return this.finish();
      [this.batch, this.at] = [next.value, 0];
    }
    return { done: false, value: this.batch[this.at++] };
  }

  async return(): Promise<IteratorResult<FeedRow, undefined>> {
    if (!this.done) await this.batches.return?.();
    return this.finish();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): IteratorResult<FeedRow, undefined> {
    [this.batch, this.at, this.done] = [[], 0, true];
    return { done: true, value: undefined };
  }
}
