// What every reader returns: the header row, then the data rows one at a time (or, from readers that
// parse many rows at once, a batch at a time), so that a file of ten million rows never sits in memory.
// `rows` and `batches` are two views of one pass over the file: iterate one of them, once.
import type { FeedRow } from '../feed-types';

export interface FeedSource {
  readonly format: 'csv' | 'xlsx' | 'json';
  /** Header cells as text, in file order. */
  readonly header: readonly string[];
  /** Row number of the header as Excel shows it (1 unless title rows stand above it). */
  readonly headerRowNumber: number;
  /** CSV: the encoding used ('utf-8', 'gb18030', 'utf-16le'…); how it was chosen. */
  readonly encoding?: string;
  readonly encodingDetected?: 'bom' | 'detected' | 'declared';
  /** XLSX: the sheet read. */
  readonly sheet?: string;
  /** Data rows after the header; fully empty rows are skipped, row numbers stay true. */
  readonly rows: AsyncIterable<FeedRow>;
  /** The same rows as `rows`, a few thousand at a time (never an empty batch): for consumers of millions
   *  of rows, which would otherwise pay an await per row. Only some readers offer it (CSV). */
  readonly batches?: AsyncIterable<FeedRow[]>;
  /** Releases the file when the caller stops before the end (iterating to the end closes it too). */
  close(): Promise<void>;
}

export interface HeaderSearch {
  /** Picks the header among the first rows (e.g. header-map's looksLikeHeader); default: the first
   *  non-empty row. Rows above the chosen header (titles) are dropped. */
  findHeader?: (cells: readonly unknown[]) => boolean;
  /** When no row satisfies findHeader, the scanned row scoring highest (e.g. most columns recognised)
   *  is taken as the header, so the import can say which required column is missing rather than
   *  mistaking a title row for the header. */
  headerScore?: (cells: readonly unknown[]) => number;
  /** How many non-empty rows to look through for the header (default 20). */
  headerScanRows?: number;
}
