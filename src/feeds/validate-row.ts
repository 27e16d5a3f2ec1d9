// Checks one raw row against its feed's columns: either a normalised record, or every problem of the row
// at once (a department fixes a file in one pass, not one error per upload). Error values are shown as
// received, ID numbers masked, so that the error report can be handed around.
import { maskIdNumber } from '../registry/masking';
import type { ColumnDef, FeedRecord, FeedRow, ParseResult, RowError } from './feed-types';
import type { HeaderMapping, MappedColumn } from './header-map';
import { displayCell, isBlank } from './values/cell';
import { columnParser } from './values';

export type RowResult =
  | { ok: true; row: number; record: FeedRecord }
  | { ok: false; row: number; errors: RowError[] };

interface CompiledColumn {
  readonly mapped: MappedColumn;
  readonly parse: (raw: unknown) => ParseResult;
}

/** The value as shown in the error report. */
export function shownValue(column: ColumnDef, raw: unknown): string {
  const text = displayCell(raw);
  return column.type === 'idNumber' && text !== '' ? maskIdNumber(text) : text;
}

function rowError(row: FeedRow, header: string, column: ColumnDef, raw: unknown, reason: string, reasonEn: string): RowError {
  return { row: row.rowNumber, column: header, columnKey: column.key, value: shownValue(column, raw), reason, reasonEn };
}

/** Compiles a mapping once (parsers per column), then checks rows fast. */
export function rowValidator(mapping: HeaderMapping): (row: FeedRow) => RowResult {
  if (mapping.rejectReason) throw new Error(`cannot validate rows of a rejected header: ${mapping.rejectReason.en}`);
  const feed = mapping.feed;
  const compiled: CompiledColumn[] = mapping.columns.map((mapped) => ({ mapped, parse: columnParser(mapped.column) }));
  const headerOf = new Map<string, string>(mapping.columns.map((m) => [m.column.key, m.header]));
  const absent = feed.columns.filter((c) => !headerOf.has(c.key)).map((c) => c.key);

  // Called for every row of files with millions of rows: plain loops, no closures per row.
  return (row) => {
    const record: FeedRecord = {};
    let errors: RowError[] | null = null;
    for (let i = 0; i < compiled.length; i++) {
      const { mapped, parse } = compiled[i];
      const column = mapped.column;
      const raw = row.cells[mapped.index];
      if (isBlank(raw)) {
        if (column.required) (errors ??= []).push(rowError(row, mapped.header, column, raw, '必填项为空', 'required value is empty'));
        record[column.key] = null;
        continue;
      }
      const result = parse(raw);
      if (result.ok) record[column.key] = result.value as FeedRecord[string];
      else {
        (errors ??= []).push(rowError(row, mapped.header, column, raw, result.reason, result.reasonEn));
        record[column.key] = null;
      }
    }
    for (const key of absent) record[key] = null;

    for (const check of feed.checks ?? []) {
      const earlier = record[check.earlier];
      const later = record[check.later];
      if (typeof earlier === 'string' && typeof later === 'string' && later < earlier) {
        const laterColumn = feed.columns.find((c) => c.key === check.later)!;
        const earlierColumn = feed.columns.find((c) => c.key === check.earlier)!;
        const header = headerOf.get(check.later) ?? laterColumn.header;
        (errors ??= []).push(
          rowError(
            row,
            header,
            laterColumn,
            later,
            `${laterColumn.header}（${later}）早于${earlierColumn.header}（${earlier}）`,
            `${laterColumn.key} (${later}) is before ${earlierColumn.key} (${earlier})`,
          ),
        );
      }
    }

    if (errors) return { ok: false, row: row.rowNumber, errors };
    // Duplicates are the database's business: the natural key's unique index sees every file and push.
    return { ok: true, row: row.rowNumber, record };
  };
}

const validators = new WeakMap<HeaderMapping, (row: FeedRow) => RowResult>();

/** One row; the mapping's compiled parsers are kept for the next call. */
export function validateRow(mapping: HeaderMapping, row: FeedRow): RowResult {
  let validate = validators.get(mapping);
  if (!validate) {
    validate = rowValidator(mapping);
    validators.set(mapping, validate);
  }
  return validate(row);
}
