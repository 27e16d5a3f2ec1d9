// API pushes: a JSON array of records keyed by English key or Chinese header. Batches are bounded, so
// the array is read in memory; it is turned into the same header + rows shape as a file, so one mapping
// and one validation serve files and pushes alike. rowNumber is the record's 1-based position.
import type { FeedRow } from '../feed-types';
import { FeedFileError } from './feed-file-error';
import type { FeedSource } from './feed-source';

export interface JsonOptions {
  /** Largest batch accepted (default 10,000 records). */
  maxRecords?: number;
}

export const DEFAULT_MAX_RECORDS = 10_000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Records already parsed from JSON (e.g. by the HTTP layer). */
export function readJsonRecords(records: unknown, options: JsonOptions = {}): FeedSource {
  if (!Array.isArray(records)) {
    throw new FeedFileError('not_records', '数据应为记录数组（JSON数组）', 'the data must be an array of records (a JSON array)');
  }
  const max = options.maxRecords ?? DEFAULT_MAX_RECORDS;
  if (records.length > max) {
    throw new FeedFileError('too_many_records', `一批最多 ${max} 条记录，收到 ${records.length} 条`, `at most ${max} records per batch; received ${records.length}`);
  }
  const keys = new Map<string, number>();
  records.forEach((record, i) => {
    if (!isPlainObject(record)) {
      throw new FeedFileError('not_records', `第 ${i + 1} 条记录不是对象`, `record ${i + 1} is not an object`);
    }
    for (const key of Object.keys(record)) if (!keys.has(key)) keys.set(key, keys.size);
  });
  const header = [...keys.keys()];
  const list = records as Record<string, unknown>[];

  async function* rows(): AsyncGenerator<FeedRow> {
    for (let i = 0; i < list.length; i++) {
      const record = list[i];
      yield { rowNumber: i + 1, cells: header.map((key) => (key in record ? record[key] : null)) };
    }
  }
  const iterator = rows();
  return {
    format: 'json',
    header,
    headerRowNumber: 0,
    rows: iterator,
    close: async () => {
      await iterator.return(undefined);
    },
  };
}

/** A JSON text (an uploaded .json file or a request body). */
export function readJsonText(text: string, options: JsonOptions = {}): FeedSource {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new FeedFileError('corrupt', `JSON格式错误：${message}`, `invalid JSON: ${message}`, { cause: error });
  }
  return readJsonRecords(parsed, options);
}
