// Streams a CSV file: detects (or takes) its encoding, decodes it chunk by chunk (encoding.ts refuses
// bytes that are not the encoding), cuts the text into records with Papa Parse, and numbers rows as
// Excel shows them — every record is a row, blank lines included, so that row 5 in the error report is
// row 5 on screen. Records go on in batches of one chunk's worth (thousands), not one await per row.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { FeedRow } from '../feed-types';
import { chooseEncoding, decoderFor } from './encoding';
import { FeedFileError } from './feed-file-error';
import type { FeedSource, HeaderSearch } from './feed-source';
import { RowsOfBatches, splitHeaderBatches } from './header-row';

export interface CsvOptions extends HeaderSearch {
  /** Declared encoding ('utf-8', 'gb18030', 'gbk'…); detected when absent. */
  encoding?: string;
  /** Field delimiter; ',' by default. */
  delimiter?: string;
}

// Enough text to see non-ASCII characters (the Chinese header, usually) before deciding the encoding.
const SAMPLE_BYTES = 64 * 1024;
const MAX_SAMPLE_BYTES = 1024 * 1024;

// A record still incomplete after this much text is a wrong delimiter or a quote never closed: stopping
// there keeps memory flat instead of reading the rest of the file into one row.
const MAX_RECORD_CHARS = 1024 * 1024;

const LONE_CR = /\r(?!\n)/g;

/** Whether a CR ends a line by itself. A loop over CRs is three times faster than the regex on CRLF
 *  text, where every CR is followed by LF and there is nothing to replace. */
function hasLoneCr(text: string): boolean {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 2)) if (text.charCodeAt(i + 1) !== 0x0a) return true;
  return false;
}

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

function near(row: number): { at: string; atEn: string } {
  return { at: `（第 ${row} 行附近）`, atEn: ` (near line ${row})` };
}

function unclosedQuote(row: number): FeedFileError {
  const { at, atEn } = near(row);
  return new FeedFileError('corrupt', `CSV文件中有未闭合的引号${at}`, `a quote is never closed in the CSV file${atEn}`);
}

function recordTooLong(row: number): FeedFileError {
  const { at, atEn } = near(row);
  return new FeedFileError('corrupt', `CSV文件中有一行过长${at}：分隔符或引号可能有误`, `a CSV row is too long${atEn}: wrong delimiter or quoting`);
}

/** Papa's one complaint about a complete record (an unclosed quote leaves the record incomplete). */
function badQuoting(error: Papa.ParseError, row: number): FeedFileError {
  const { at, atEn } = near(row);
  return new FeedFileError(
    'corrupt',
    `CSV格式错误${at}：引号括起的内容后面紧跟着其他字符，引号可能有误`,
    `malformed CSV${atEn}: a quoted value is followed by other characters; the quoting may be wrong`,
    { cause: error },
  );
}

function csvFailure(error: unknown): FeedFileError {
  if (error instanceof FeedFileError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new FeedFileError('corrupt', `无法读取CSV文件：${message}`, `cannot read the CSV file: ${message}`, { cause: error });
}

// V8 keeps a substring of 13 characters or more as a view into the string it was cut from: a cell kept
// by a consumer (an error report's value, a key) would keep its whole chunk of the file in memory.
const VIEW_LENGTH = 13;

/** The cells of one record as strings of their own. Papa reads one newline: with LF, a CRLF line end
 *  leaves its CR at the end of an unquoted last cell (after a quoted one Papa skips it as space). */
function ownCells(cells: string[]): string[] {
  const last = cells.length - 1;
  if (cells[last].endsWith('\r')) cells[last] = cells[last].slice(0, -1);
  for (let i = 0; i <= last; i++) {
    if (cells[i].length >= VIEW_LENGTH) cells[i] = (' ' + cells[i]).slice(1); // the concatenation is flattened into a copy
  }
  return cells;
}

/** Cuts decoded text into records, chunk by chunk. Papa parses each chunk after the incomplete record
 *  carried from the one before and says where the complete records end (ignoreLastRow); the rest is
 *  carried on. Its fast mode, which splits on line ends and delimiters, runs only on text without a
 *  quote char, where it cuts exactly as the full parser would; it must not be forced on. */
class CsvRecords {
  private readonly parser: Papa.Parser;
  /** The start of a record not complete yet. */
  private carry = '';
  /** A CR at the end of a chunk: the next chunk says whether it is a line end or half of a CRLF. */
  private heldCr = false;
  /** Records so far, blank ones included: the Excel row number of the last. */
  private rowNumber = 0;

  constructor(delimiter: string) {
    if (!delimiter || Papa.BAD_DELIMITERS.includes(delimiter)) throw new RangeError(`cannot read CSV delimited by ${JSON.stringify(delimiter)}`);
    this.parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' });
  }

  push(text: string): FeedRow[] {
    return this.cut(this.withLfEnds(text, false));
  }

  /** The file's last text: the last record needs no line end, but a quote must be closed. */
  end(text: string): FeedRow[] {
    const rest = this.withLfEnds(text, true);
    if (this.carry + rest === '') return [];
    const rows = this.cut(rest.endsWith('\n') ? rest : `${rest}\n`);
    if (this.carry !== '') throw unclosedQuote(this.rowNumber + 1);
    return rows;
  }

  /** Lone CRs (old Mac files, or mixed in by hand) become LF so that Papa's one newline finds every
   *  line end; CRLF stays, so that a quoted cell written with CRLF keeps it. */
  private withLfEnds(text: string, last: boolean): string {
    let out = this.heldCr ? `\r${text}` : text;
    this.heldCr = !last && out.endsWith('\r');
    if (this.heldCr) out = out.slice(0, -1);
    return hasLoneCr(out) ? out.replace(LONE_CR, '\n') : out;
  }

  private cut(text: string): FeedRow[] {
    if (!text.includes('\n')) {
      this.carry += text; // no line end, no record complete: spare Papa the re-reading
      return this.checkedCarry([]);
    }
    const input = this.carry + text;
    const { data, errors, meta } = this.parser.parse(input, 0, true) as Papa.ParseResult<string[]>;
    // Errors in the incomplete last record may only mean that its end is in the next chunk.
    const broken = errors.find((error) => error.row === undefined || error.row < data.length);
    if (broken) throw badQuoting(broken, this.rowNumber + (broken.row ?? 0) + 1);
    this.carry = input.slice(meta.cursor);
    const rows: FeedRow[] = new Array(data.length);
    for (let i = 0; i < data.length; i++) rows[i] = { rowNumber: ++this.rowNumber, cells: ownCells(data[i]) };
    return this.checkedCarry(rows);
  }

  private checkedCarry(rows: FeedRow[]): FeedRow[] {
    if (this.carry.length > MAX_RECORD_CHARS) throw recordTooLong(this.rowNumber + 1);
    return rows;
  }
}

export async function openCsv(input: string | Readable, options: CsvOptions = {}): Promise<FeedSource> {
  const records = new CsvRecords(options.delimiter ?? ',');
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
  const decoder = decoderFor(choice.encoding, bomLength);

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
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    }
  }

  async function* batches(): AsyncGenerator<FeedRow[]> {
    try {
      for await (const chunk of bytes()) {
        const rows = records.push(decoder.decode(chunk));
        if (rows.length > 0) yield rows;
      }
      const rows = records.end(decoder.end());
      if (rows.length > 0) yield rows;
    } catch (error) {
      throw csvFailure(error);
    } finally {
      source.destroy();
    }
  }

  const all = batches();
  const split = await splitHeaderBatches(all, options);
  const rows = new RowsOfBatches(split.batches);
  return {
    format: 'csv',
    header: split.header,
    headerRowNumber: split.headerRowNumber,
    encoding: choice.encoding,
    encodingDetected: choice.how,
    rows,
    batches: split.batches,
    close: async () => {
      await rows.return();
      await split.batches.return(undefined);
      await all.return(undefined);
    },
  };
}
