// The CREATE TABLE of a feed's table, derived from its catalogue entry, so that the migration and the
// catalogue cannot drift apart (feed-tables.int.test.ts compares the migrated database with the
// catalogue). Run `npx tsx src/feeds/table-ddl.ts <feed_code>` to print the SQL for a new migration.
import { pathToFileURL } from 'node:url';
import { FEEDS, feedTable, getFeed } from './catalogue';
import type { FeedDef } from './feed-types';
import { valueType } from './values';

export interface FeedIndex {
  name: string;
  columns: string[];
  /** A partial index's condition. */
  where?: string;
  /** Columns carried in the index's leaves (INCLUDE), not part of its key. */
  include?: string[];
}

/** Index plan: the natural key is UNIQUE (which indexes it). Rules look records up by ID number, and
 *  by ID number over time: one (id_number, time column) index serves both, unless the unique index
 *  already starts with exactly those columns. Discovery looks for records nobody in the registry
 *  matches: only those are indexed (migration 0008; an index on every row's person_id cost each bulk
 *  import a random index insertion per row). Comparisons read one import. Amounts that rules sum over
 *  whole windows ride in the (id_number, time) index (timeIndexIncludes, migration 0009). */
export function feedIndexes(feed: FeedDef): FeedIndex[] {
  const table = feedTable(feed);
  const key = feed.naturalKey;
  const indexes: FeedIndex[] = [];
  if (feed.timeColumn) {
    const include = feed.timeIndexIncludes?.length ? [...feed.timeIndexIncludes, 'id'] : undefined;
    const covered = !include && key[0] === 'id_number' && (key[1] === feed.timeColumn || key.length === 1);
    if (!covered) indexes.push({ name: `${table}_id_number_${feed.timeColumn}`, columns: ['id_number', feed.timeColumn], ...(include ? { include } : {}) });
  } else if (key[0] !== 'id_number') {
    indexes.push({ name: `${table}_id_number`, columns: ['id_number'] });
  }
  indexes.push({ name: `${table}_unmatched`, columns: ['id_number'], where: 'person_id is null' });
  indexes.push({ name: `${table}_import`, columns: ['import_id'] });
  return indexes;
}

/** An optional column in the natural key (tax_income.income_type): two rows that differ only by leaving
 *  it empty are the same record, so NULLs must collide (PostgreSQL 15+). */
function nullsNotDistinct(feed: FeedDef): boolean {
  return feed.naturalKey.some((key) => !feed.columns.find((c) => c.key === key)?.required);
}

export function feedIndexDdl(feed: FeedDef, ix: FeedIndex): string {
  const include = ix.include ? ` include (${ix.include.join(', ')})` : '';
  return `create index ${ix.name} on ${feedTable(feed)} (${ix.columns.join(', ')})${include}${ix.where ? ` where ${ix.where}` : ''};`;
}

/** The CREATE TABLE alone (migration 0003 created the tables; 0008 changed one index). */
export function feedTableCreate(feed: FeedDef): string {
  const table = feedTable(feed);
  const lines: string[] = ['  id bigint generated always as identity primary key'];
  for (const column of feed.columns) {
    const type = valueType(column.type);
    const check = type.sqlCheck?.(column, column.key) ?? null;
    const note = column.note ? ` -- ${column.header}（${column.note}）` : ` -- ${column.header}`;
    lines.push(
      `  ${column.key} ${type.sqlType(column)}${column.required ? ' not null' : ''}${check ? ` check (${check})` : ''}${note}`,
    );
  }
  lines.push(
    '  import_id bigint',
    '  batch_id text',
    '  source_row integer -- row as Excel shows it (JSON: position in the batch)',
    '  person_id bigint -- the matched registry person, null until matched or when unknown',
    '  received_at timestamptz not null default now()',
    `  constraint ${table}_natural_key unique${nullsNotDistinct(feed) ? ' nulls not distinct' : ''} (${feed.naturalKey.join(', ')})`,
  );
  // Commas go before the trailing comments.
  const body = lines
    .map((line, i) => {
      if (i === lines.length - 1) return line;
      const at = line.indexOf(' -- ');
      return at < 0 ? `${line},` : `${line.slice(0, at)},${line.slice(at)}`;
    })
    .join('\n');
  return [`-- ${feed.name}（${feed.department}）: ${feed.nameEn}`, `create table ${table} (`, body, ');'].join('\n');
}

/** The table and its indexes, as a migration adding a new feed writes them. */
export function feedTableDdl(feed: FeedDef): string {
  return [feedTableCreate(feed), ...feedIndexes(feed).map((ix) => feedIndexDdl(feed, ix))].join('\n');
}

export function allFeedTablesDdl(feeds: readonly FeedDef[] = FEEDS): string {
  return feeds.map(feedTableDdl).join('\n\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const codes = process.argv.slice(2);
  console.log(codes.length === 0 ? allFeedTablesDdl() : codes.map((c) => feedTableDdl(getFeed(c))).join('\n\n'));
}
