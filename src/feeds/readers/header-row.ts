// Splits a stream of rows into the header and the data rows after it, stepping over title rows when
// the caller can recognise its header, and skipping rows with no content (their numbers stay true).
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

export async function splitHeader(
  all: AsyncIterator<FeedRow>,
  search: HeaderSearch = {},
): Promise<{ header: string[]; headerRowNumber: number; rows: AsyncGenerator<FeedRow> }> {
  const scanned: FeedRow[] = [];
  const limit = search.headerScanRows ?? 20;
  let chosen = -1;
  while (scanned.length < (search.findHeader ? limit : 1)) {
    const next = await all.next();
    if (next.done) break;
    if (isEmptyRow(next.value.cells)) continue;
    scanned.push(next.value);
    if (search.findHeader?.(next.value.cells)) {
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
  const replay = scanned.slice(chosen + 1);

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
  return { header: head.cells.map(headerText), headerRowNumber: head.rowNumber, rows: rows() };
}
