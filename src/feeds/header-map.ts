// Maps a file's header row onto a feed's columns. Columns may come in any order and be named by the
// Chinese header, an alias or the English key; spaces (half- or full-width), a required-marker '*' and
// a unit in brackets ('学费（元）') do not matter. Unknown columns are ignored and listed; a missing
// required column, or two file columns claiming one feed column, rejects the whole file.
import type { BilingualMessage, ColumnDef, FeedDef } from './feed-types';
import type { HeaderSearch } from './readers/feed-source';

export interface MappedColumn {
  /** Position of the column in the file's rows (0-based). */
  readonly index: number;
  /** The header as written in the file (trimmed), used in error reports. */
  readonly header: string;
  readonly column: ColumnDef;
}

export interface IgnoredColumn {
  readonly index: number;
  readonly header: string;
}

export interface HeaderMapping {
  readonly feed: FeedDef;
  readonly columns: readonly MappedColumn[];
  readonly ignored: readonly IgnoredColumn[];
  readonly missingRequired: readonly ColumnDef[];
  /** Feed columns named by more than one file column (e.g. both 身份证号 and 证件号码). */
  readonly conflicts: readonly { column: ColumnDef; headers: readonly string[] }[];
  /** Absent when the file can be imported. */
  readonly rejectReason?: BilingualMessage;
}

/** The comparable form of a header: NFKC (full-width → half-width), no whitespace, no '*' marker,
 *  lower case (for English keys). */
export function normaliseHeader(raw: unknown): string {
  const text = raw === null || raw === undefined ? '' : String(raw);
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000\ufeff\u200b]+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .toLowerCase();
}

/** A header without a trailing bracketed unit or remark: '学费(元)' → '学费'. */
function withoutBracket(normalised: string): string {
  return normalised.replace(/[(\[【][^()\[\]【】]*[)\]】]$/, '');
}

/** Every name a feed's columns answer to, normalised. */
export function headerIndex(feed: FeedDef): Map<string, ColumnDef> {
  const index = new Map<string, ColumnDef>();
  for (const column of feed.columns) {
    for (const name of [column.key, column.header, ...(column.aliases ?? [])]) {
      const key = normaliseHeader(name);
      const other = index.get(key);
      if (other && other !== column) throw new Error(`feed ${feed.code}: '${name}' names both ${other.key} and ${column.key}`);
      index.set(key, column);
    }
  }
  return index;
}

function lookup(index: Map<string, ColumnDef>, raw: unknown): ColumnDef | undefined {
  const name = normaliseHeader(raw);
  return index.get(name) ?? index.get(withoutBracket(name));
}

export function mapHeader(feed: FeedDef, header: readonly unknown[]): HeaderMapping {
  const index = headerIndex(feed);
  const claims = new Map<ColumnDef, MappedColumn[]>();
  const ignored: IgnoredColumn[] = [];
  header.forEach((cell, i) => {
    const shown = cell === null || cell === undefined ? '' : String(cell).trim();
    if (normaliseHeader(cell) === '') return; // empty header cells (trailing commas) are not columns
    const column = lookup(index, cell);
    if (!column) {
      ignored.push({ index: i, header: shown });
      return;
    }
    const list = claims.get(column) ?? [];
    list.push({ index: i, header: shown, column });
    claims.set(column, list);
  });

  const columns = [...claims.values()].map((list) => list[0]).sort((a, b) => a.index - b.index);
  const conflicts = [...claims].filter(([, list]) => list.length > 1).map(([column, list]) => ({ column, headers: list.map((m) => m.header) }));
  const missingRequired = feed.columns.filter((c) => c.required && !claims.has(c));

  const problems: BilingualMessage[] = [];
  if (missingRequired.length > 0) {
    problems.push({
      zh: `缺少必填列：${missingRequired.map((c) => c.header).join('、')}`,
      en: `missing required columns: ${missingRequired.map((c) => `${c.header} (${c.key})`).join(', ')}`,
    });
  }
  for (const c of conflicts) {
    problems.push({
      zh: `多列对应同一字段“${c.column.header}”：${c.headers.join('、')}，请只保留一列`,
      en: `several columns name the same field ${c.column.key}: ${c.headers.join(', ')}; keep only one`,
    });
  }
  const rejectReason = problems.length === 0
    ? undefined
    : { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') };
  return { feed, columns, ignored, missingRequired, conflicts, ...(rejectReason ? { rejectReason } : {}) };
}

/** Whether a row could be this feed's header: it names every required column. Readers use it to step
 *  over title rows ('2025年3月医疗费用结算明细') that exports often put above the header. */
export function looksLikeHeader(feed: FeedDef): (cells: readonly unknown[]) => boolean {
  const index = headerIndex(feed);
  const required = feed.columns.filter((c) => c.required);
  return (cells) => {
    const found = new Set(cells.map((cell) => lookup(index, cell)).filter((c): c is ColumnDef => c !== undefined));
    return required.every((c) => found.has(c));
  };
}

/** How many of the feed's columns a row names: the fallback for choosing the header row. */
export function headerScore(feed: FeedDef): (cells: readonly unknown[]) => number {
  const index = headerIndex(feed);
  return (cells) => new Set(cells.map((cell) => lookup(index, cell)).filter((c) => c !== undefined)).size;
}

/** The reader options that find this feed's header below title rows. */
export function headerSearch(feed: FeedDef): HeaderSearch {
  return { findHeader: looksLikeHeader(feed), headerScore: headerScore(feed) };
}
