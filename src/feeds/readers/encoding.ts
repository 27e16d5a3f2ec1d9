// Which encoding a CSV file is in, and the decoder that turns its bytes into text. Excel on Chinese
// Windows writes "CSV (逗号分隔)" in GBK (GB18030 is its superset, so GB18030 decodes both); "CSV UTF-8"
// starts with a BOM; other systems write UTF-8 without one. Rule: a BOM decides; otherwise a sample that
// is valid UTF-8 is UTF-8, anything else GB18030. A declared encoding overrides detection.
// Decoding refuses bytes that are not the encoding: read as U+FFFD they would silently change names and
// addresses. The platform's TextDecoder does the work; iconv-lite only reads declared encodings the
// platform does not know (and, unlike it, replaces bad bytes instead of refusing them).
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { FeedFileError } from './feed-file-error';

export interface EncodingChoice {
  /** 'utf-8', 'gb18030', 'utf-16le', 'utf-16be', or another iconv-lite name when declared. */
  readonly encoding: string;
  /** Bytes of byte-order mark to drop at the start. */
  readonly bomLength: number;
  readonly how: 'bom' | 'detected' | 'declared';
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(sample: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => sample[i] === b);
}

/** The first bytes of a file that is not CSV text at all: say what it is instead of decoding noise. */
export function refuseNonText(sample: Buffer): void {
  if (startsWith(sample, [0x50, 0x4b, 0x03, 0x04])) {
    throw new FeedFileError('unsupported_format', '这是一个XLSX（或ZIP）文件，不是CSV文件，请按XLSX上传', 'this is an XLSX (or ZIP) file, not CSV: upload it as XLSX');
  }
  if (startsWith(sample, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new FeedFileError(
      'unsupported_format',
      '这是旧版Excel（.xls）文件，请用Excel“另存为”.xlsx或CSV后再上传',
      'this is an old Excel (.xls) file: save it as .xlsx or CSV and upload again',
    );
  }
  const head = sample.subarray(0, 512).toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  if (head.startsWith('<html') || head.startsWith('<!doctype') || head.startsWith('<table') || head.startsWith('<?xml')) {
    throw new FeedFileError(
      'unsupported_format',
      '这是网页（HTML/XML）格式的表格，只是扩展名像Excel，请用Excel打开后“另存为”.xlsx或CSV',
      'this is an HTML/XML table with a spreadsheet extension: open it in Excel and save as .xlsx or CSV',
    );
  }
}

/** Whether the sample holds NUL bytes, which no text in UTF-8 or GB18030 has. */
function looksBinary(sample: Buffer): boolean {
  return sample.subarray(0, 65536).includes(0);
}

/** Valid UTF-8, allowing the sample to end in the middle of a character. */
export function isUtf8Prefix(sample: Buffer, complete: boolean): boolean {
  return isUtf8(complete ? sample : sample.subarray(0, completeLength(sample)));
}

/** Length of the part of `chunk` that ends on a character boundary (a cut multi-byte sequence at the
 *  end is left for the next chunk). */
function completeLength(chunk: Buffer): number {
  const n = chunk.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = chunk[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

export function canonicalEncoding(declared: string): string {
  const name = declared.trim().toLowerCase().replace(/_/g, '-');
  if (['utf8', 'utf-8', 'utf-8-sig', 'utf8bom', 'utf-8-bom'].includes(name)) return 'utf-8';
  // GBK and GB2312 text is GB18030 text; decoding with the superset also reads the rare 4-byte characters.
  if (['gbk', 'gb2312', 'cp936', 'gb18030', 'ms936', 'windows-936', 'euc-cn'].includes(name)) return 'gb18030';
  if (['utf16le', 'utf-16le', 'ucs2', 'ucs-2'].includes(name)) return 'utf-16le';
  if (['utf16be', 'utf-16be'].includes(name)) return 'utf-16be';
  if (iconv.encodingExists(name)) return name;
  throw new FeedFileError('encoding', `不支持的编码：${declared}`, `unsupported encoding: ${declared}`);
}

export function chooseEncoding(sample: Buffer, complete: boolean, declared?: string): EncodingChoice {
  // A byte-order mark is stronger evidence than what the uploader picked in a form.
  if (startsWith(sample, UTF8_BOM)) return { encoding: 'utf-8', bomLength: 3, how: 'bom' };
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2, how: 'bom' };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2, how: 'bom' };
  refuseNonText(sample);
  if (looksBinary(sample)) {
    throw new FeedFileError('unsupported_format', '文件含有二进制内容，不是CSV文本文件', 'the file holds binary data: it is not a CSV text file');
  }
  if (declared) return { encoding: canonicalEncoding(declared), bomLength: 0, how: 'declared' };
  return { encoding: isUtf8Prefix(sample, complete) ? 'utf-8' : 'gb18030', bomLength: 0, how: 'detected' };
}

/** Text from a file's bytes, chunk by chunk: a character cut at the end of a chunk is completed by the
 *  next one. Throws a FeedFileError('encoding') for bytes that are not the encoding. */
export interface FeedDecoder {
  decode(bytes: Buffer): string;
  /** The end of the file: a character still cut there is refused. */
  end(): string;
}

/** UTF-8, checked by isUtf8 on whole characters: the refusal names the offset exactly up to the chunk
 *  that is not valid (a cut character waits here, not inside a decoder). */
export class Utf8Check implements FeedDecoder {
  private carry: Buffer = Buffer.alloc(0);

  /** `offset`: where the bytes start in the file (after a BOM). */
  constructor(private offset = 0) {}

  decode(chunk: Buffer): string {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(data);
    const whole = data.subarray(0, cut);
    if (!isUtf8(whole)) throw this.invalid();
    this.offset += cut;
    this.carry = Buffer.from(data.subarray(cut));
    return whole.toString('utf8');
  }

  end(): string {
    if (this.carry.length > 0) throw this.invalid();
    return '';
  }

  private invalid(): FeedFileError {
    return new FeedFileError(
      'encoding',
      `文件在第 ${this.offset} 字节之后出现不是UTF-8编码的内容。若文件由Excel“CSV（逗号分隔）”导出，请选择GB18030编码重新上传`,
      `bytes after offset ${this.offset} are not valid UTF-8. If Excel saved the file as "CSV (Comma delimited)", upload it again declaring GB18030`,
    );
  }
}

/** GB18030, UTF-16 and the other encodings the platform knows; TextDecoder's fatal mode refuses bad bytes. */
class StrictDecoder implements FeedDecoder {
  private readonly decoder: TextDecoder;
  private offset: number;

  constructor(
    private readonly encoding: string,
    private readonly start: number,
  ) {
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }); // the reader drops the BOM itself
    this.offset = start;
  }

  decode(chunk: Buffer): string {
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      this.offset += chunk.length;
      return text;
    } catch (error) {
      throw this.invalid(error);
    }
  }

  end(): string {
    try {
      return this.decoder.decode();
    } catch (error) {
      throw this.invalid(error);
    }
  }

  private invalid(cause: unknown): FeedFileError {
    // TextDecoder does not say where it failed. The bad bytes are in this chunk or among the (at most
    // three) bytes of a character cut at the end of the last one, which the decoder still holds.
    const offset = Math.max(this.start, this.offset - 3);
    const name = this.encoding.toUpperCase();
    return new FeedFileError(
      'encoding',
      `文件在第 ${offset} 字节之后出现不是${name}编码的内容：文件可能已损坏，或使用了其他编码。请用Excel打开核对，“另存为”CSV UTF-8（逗号分隔）后重新上传`,
      `bytes after offset ${offset} are not valid ${name}: the file may be damaged or in another encoding. Open it in Excel to check it, save it as "CSV UTF-8 (Comma delimited)" and upload it again`,
      { cause },
    );
  }
}

function platformKnows(encoding: string): boolean {
  try {
    new TextDecoder(encoding);
    return true;
  } catch {
    return false; // RangeError: a label TextDecoder does not know
  }
}

/** Decodes a file whose bytes (after any BOM) start at `offset`. */
export function decoderFor(encoding: string, offset = 0): FeedDecoder {
  if (encoding === 'utf-8') return new Utf8Check(offset);
  if (platformKnows(encoding)) return new StrictDecoder(encoding, offset);
  const decoder = iconv.getDecoder(encoding);
  return { decode: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
}
