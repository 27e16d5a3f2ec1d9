// Opens a feed file by what it is: XLSX by its ZIP signature, JSON by its extension, CSV otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { openCsv, type CsvOptions } from './csv';
import { FeedFileError } from './feed-file-error';
import type { FeedSource } from './feed-source';
import { readJsonText, type JsonOptions } from './json';
import { openXlsx, type XlsxOptions } from './xlsx';

export { openCsv, type CsvOptions } from './csv';
export { openXlsx, xlsxCell, type XlsxOptions } from './xlsx';
export { readJsonRecords, readJsonText, DEFAULT_MAX_RECORDS, type JsonOptions } from './json';
export { FeedFileError, isFeedFileError, type FeedFileErrorCode } from './feed-file-error';
export type { FeedSource, HeaderSearch } from './feed-source';

export type FeedFileFormat = 'csv' | 'xlsx' | 'json';

export interface OpenOptions extends CsvOptions, XlsxOptions, JsonOptions {
  /** Forces the format; otherwise decided from the first bytes and the extension. */
  format?: FeedFileFormat;
}

export async function detectFormat(file: string): Promise<FeedFileFormat> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    if (bytesRead >= 2 && buffer[0] === 0x50 && buffer[1] === 0x4b) return 'xlsx';
  } finally {
    await handle.close();
  }
  return path.extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
}

/** Opens a stored feed file. JSON files are read whole (API batches are bounded); CSV and XLSX stream. */
export async function openFeedFile(file: string, options: OpenOptions = {}): Promise<FeedSource> {
  let format: FeedFileFormat;
  try {
    format = options.format ?? (await detectFormat(file));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new FeedFileError('corrupt', `无法打开文件：${message}`, `cannot open the file: ${message}`, { cause: error });
  }
  switch (format) {
    case 'xlsx':
      return openXlsx(file, options);
    case 'json':
      return readJsonText(await fs.promises.readFile(file, 'utf8'), options);
    default:
      return openCsv(file, options);
  }
}
