// Streams a CSV file: detects (or takes) its encoding, decodes it (iconv-lite for GB18030 and others,
// a checking pass-through for UTF-8), parses it with csv-parse, and numbers rows as Excel shows them —
// every record is a row, blank lines included, so that row 5 in the error report is row 5 on screen.
import fs from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { FeedRow } from '../feed-types';
import { chooseEncoding, decoderFor } from './encoding';
import { FeedFileError } from './feed-file-error';
import type { FeedSource, HeaderSearch } from './feed-source';
import { splitHeader } from './header-row';

export interface CsvOptions extends HeaderSearch {
  /** Declared encoding ('utf-8', 'gb18030', 'gbk'…); detected when absent. */
  encoding?: string;
  /** Field delimiter; ',' by default. */
  delimiter?: string;
}

// Enough text to see non-ASCII characters (the Chinese header, usually) before deciding the encoding.
const SAMPLE_BYTES = 64 * 1024;
const MAX_SAMPLE_BYTES = 1024 * 1024;

async function takeSample(chunks: AsyncIterator<Buffer>): Promise<{ sample: Buffer; parts: Buffer[]; done: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  let nonAscii = false;
  for (;;) {
    if (size >= MAX_SAMPLE_BYTES || (size >= SAMPLE_BYTES && nonAscii)) return { sample: Buffer.concat(parts), parts, done: false };
    const next = await chunks.next();
    if (next.done) return { sample: Buffer.concat(parts), parts, done: true };
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    parts.push(chunk);
    size += chunk.length;
    if (!nonAscii) nonAscii = chunk.some((b) => b >= 0x80);
  }
}

function csvFailure(error: unknown): FeedFileError {
  if (error instanceof FeedFileError) return error;
  if (error instanceof CsvError) {
    const line = (error as unknown as { lines?: number }).lines;
    const at = line ? `（第 ${line} 行附近）` : '';
    const atEn = line ? ` (near line ${line})` : '';
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      return new FeedFileError('corrupt', `CSV文件中有未闭合的引号${at}`, `a quote is never closed in the CSV file${atEn}`, { cause: error });
    }
    if (error.code === 'CSV_MAX_RECORD_SIZE') {
      return new FeedFileError('corrupt', `CSV文件中有一行过长${at}：分隔符或引号可能有误`, `a CSV row is too long${atEn}: wrong delimiter or quoting`, { cause: error });
    }
    return new FeedFileError('corrupt', `CSV格式错误${at}：${error.message}`, `malformed CSV${atEn}: ${error.message}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new FeedFileError('corrupt', `无法读取CSV文件：${message}`, `cannot read the CSV file: ${message}`, { cause: error });
}

export async function openCsv(input: string | Readable, options: CsvOptions = {}): Promise<FeedSource> {
  const source = typeof input === 'string' ? fs.createReadStream(input, { highWaterMark: 256 * 1024 }) : input;
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let choice;
  let sampled;
  try {
    sampled = await takeSample(chunks);
    choice = chooseEncoding(sampled.sample, sampled.done, options.encoding);
  } catch (error) {
    source.destroy();
    throw error instanceof FeedFileError ? error : csvFailure(error);
  }
  const { parts, done } = sampled;
  const bomLength = choice.bomLength;

  // The sample, then the rest of the file, as one byte stream again.
  async function* bytes(): AsyncGenerator<Buffer> {
    let skip = bomLength;
    for (const part of parts) {
      const rest = skip > 0 ? part.subarray(Math.min(skip, part.length)) : part;
      skip = Math.max(0, skip - part.length);
      if (rest.length > 0) yield rest;
    }
    if (done) return;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  }

  const parser = parse({
    delimiter: options.delimiter ?? ',',
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true, // rows may be shorter or longer than the header; mapping decides what counts
    relax_quotes: true, // a stray quote inside an unquoted field ('5"'), as hand-made files have
    skip_empty_lines: false, // blank lines are counted so row numbers stay true; splitHeader skips them
    max_record_size: 1024 * 1024,
  });
  const bytesStream = Readable.from(bytes(), { objectMode: false });
  let failure: unknown = null;
  pipeline(bytesStream, decoderFor(choice.encoding), parser, (error) => {
    if (error) failure = error;
  });

  async function* records(): AsyncGenerator<FeedRow> {
    let rowNumber = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        rowNumber += 1;
        yield { rowNumber, cells: record };
      }
    } catch (error) {
      throw csvFailure(failure ?? error);
    } finally {
      bytesStream.destroy();
      source.destroy();
    }
    if (failure) throw csvFailure(failure);
  }

  const all = records();
  const split = await splitHeader(all, options);
  return {
    format: 'csv',
    header: split.header,
    headerRowNumber: split.headerRowNumber,
    encoding: choice.encoding,
    encodingDetected: choice.how,
    rows: split.rows,
    close: async () => {
      await split.rows.return(undefined);
      await all.return(undefined);
    },
  };
}
