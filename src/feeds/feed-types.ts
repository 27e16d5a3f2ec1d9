// The shapes of the feed contract (docs/feeds.md): a feed is data — its columns, their value types and
// its natural key — so that adding a feed is adding an entry to the catalogue, not writing code.
import type { ValueTypeName } from './values';

/** What every value parser returns: a normalised value, or a reason in Chinese (shown to departments)
 *  and in English (logs, API clients). */
export type ParseResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; reason: string; reasonEn: string };

export type ValueParser<T = unknown> = (raw: unknown) => ParseResult<T>;

export interface ColumnDef {
  /** English key: the table column, the API field, and an accepted header. snake_case. */
  readonly key: string;
  /** The Chinese header of the published template. */
  readonly header: string;
  /** Other headers departments use for the same column. */
  readonly aliases?: readonly string[];
  readonly type: ValueTypeName;
  readonly required: boolean;
  /** enum only: accepted Chinese labels → code. Several labels may map to one code; the first label of
   *  a code is the one shown back to people. */
  readonly values?: Readonly<Record<string, string>>;
  /** money / number: negative values are allowed (e.g. reversed medical settlements). */
  readonly negative?: boolean;
  /** text only: stored upper-case, so that codes such as plates compare alike however typed. */
  readonly upperCase?: boolean;
  /** text only: longest accepted value in characters (default 200). */
  readonly maxLength?: number;
  /** A short note for the published contract (unit, meaning). */
  readonly note?: string;
}

/** A check across columns of one row. Only date order so far: `later` may not be before `earlier`. */
export interface RowCheck {
  readonly kind: 'dateOrder';
  readonly earlier: string;
  readonly later: string;
}

export interface FeedDef {
  /** snake_case; the table is `feed_<code>`. */
  readonly code: string;
  /** The sending department, in Chinese as the field names it. */
  readonly department: string;
  readonly name: string;
  readonly nameEn: string;
  readonly columns: readonly ColumnDef[];
  /** Column keys that identify one record; a second row with the same key is a duplicate. */
  readonly naturalKey: readonly string[];
  /** The date or month column rules select by time; it gets an (id_number, column) index. */
  readonly timeColumn?: string;
  /**
   * Columns that rules sum over whole windows, carried in that index (with the row id, which evidence
   * names) so that a province's scan reads the index alone, in ID order, never the table.
   */
  readonly timeIndexIncludes?: readonly string[];
  readonly checks?: readonly RowCheck[];
}

/** One row as a reader hands it on: the row number as Excel shows it (header = row 1) and raw cells in
 *  file order. Cells are strings (CSV), or numbers, strings, booleans, Dates, `{ error }` (XLSX). */
export interface FeedRow {
  readonly rowNumber: number;
  readonly cells: readonly unknown[];
}

/** A normalised record keyed by column key: idNumber 18 characters, money integer fen, dates
 *  'YYYY-MM-DD', months 'YYYY-MM', enums codes, yes/no booleans; absent optional values are null. */
export type FeedRecord = Record<string, string | number | boolean | null>;

/** One rejected cell (or row) for the import's error report. */
export interface RowError {
  /** Row as Excel shows it. */
  readonly row: number;
  /** The header as written in the file (the catalogue's header when the problem is the row itself). */
  readonly column: string;
  readonly columnKey: string | null;
  /** The value as received, ID numbers masked. */
  readonly value: string;
  readonly reason: string;
  readonly reasonEn: string;
}

export interface BilingualMessage {
  readonly zh: string;
  readonly en: string;
}
