import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, IDS } from '../../../test/fixtures/feeds/make-fixtures';
import { getFeed } from '../catalogue';
import { headerSearch, looksLikeHeader, mapHeader } from '../header-map';
import { FeedFileError, openCsv, openFeedFile } from '.';
import { collect, scratchDir } from './test-files';

const write = scratchDir('csv');
const gb = (text: string) => iconv.encode(text, 'gb18030');

/** The bytes as a stream of `size`-byte chunks, as a slow upload or a small read buffer delivers them. */
function inChunks(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

async function collectBatches(batches: AsyncIterable<{ rowNumber: number; cells: readonly unknown[] }[]>) {
  const sizes: number[] = [];
  const rows: { rowNumber: number; cells: unknown[] }[] = [];
  for await (const batch of batches) {
    sizes.push(batch.length);
    rows.push(...batch.map((row) => ({ rowNumber: row.rowNumber, cells: [...row.cells] })));
  }
  return { sizes, rows };
}

async function failure(promise: Promise<unknown>): Promise<FeedFileError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FeedFileError);
    return error as FeedFileError;
  }
  throw new Error('expected a FeedFileError');
}

describe('openCsv', () => {
  it('detects GB18030 (Excel on Chinese Windows) and keeps Excel row numbers across blank lines', async () => {
    const source = await openCsv(path.join(FIXTURE_DIR, 'medical-settlement-gb18030.csv'));
    expect(source.format).toBe('csv');
    expect(source.encoding).toBe('gb18030');
    expect(source.encodingDetected).toBe('detected');
    expect(source.headerRowNumber).toBe(1);
    expect(source.header.slice(0, 4)).toEqual(['公民身份号码', '姓名', '结算单号', '结算日期']);
    const rows = await collect(source.rows);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 5, 6, 7, 8]); // line 4 is empty
    expect(rows[0].cells.slice(0, 2)).toEqual([IDS.a, '张三']);
    expect(rows[0].cells[7]).toBe('12,345.60');
  });

  it('reads UTF-8 with a BOM, dropping the BOM from the first header', async () => {
    const source = await openCsv(path.join(FIXTURE_DIR, 'disability-certificate-utf8-bom.csv'));
    expect(source.encoding).toBe('utf-8');
    expect(source.encodingDetected).toBe('bom');
    expect(source.header[0]).toBe('id_number');
    expect((await collect(source.rows)).map((r) => r.cells[2])).toEqual(['肢体', '精神残疾', '视力']);
  });

  it('detects UTF-8 without BOM, and GB18030 even when Chinese text starts late in the file', async () => {
    const utf8 = await openCsv(write('utf8.csv', '身份证号,姓名\n1,张三\n'));
    expect([utf8.encoding, utf8.encodingDetected]).toEqual(['utf-8', 'detected']);
    expect(await collect(utf8.rows)).toEqual([{ rowNumber: 2, cells: ['1', '张三'] }]);

    const asciiFirst = Buffer.concat([gb('id_number,name\n'), gb('1,abc\n'.repeat(20_000)), gb('2,张三\n')]);
    const late = await openCsv(write('late.csv', asciiFirst));
    expect(late.encoding).toBe('gb18030');
    const rows = await collect(late.rows);
    expect(rows.at(-1)).toEqual({ rowNumber: 20_002, cells: ['2', '张三'] });
  });

  it('reads characters that need GB18030 four-byte sequences', async () => {
    const source = await openCsv(write('rare.csv', gb('姓名\n𡘙明\n')));
    expect((await collect(source.rows))[0].cells).toEqual(['𡘙明']);
  });

  it('takes a declared encoding', async () => {
    const declared = await openCsv(write('declared.csv', gb('姓名\n张三\n')), { encoding: 'GBK' });
    expect([declared.encoding, declared.encodingDetected]).toEqual(['gb18030', 'declared']);
    expect((await collect(declared.rows))[0].cells).toEqual(['张三']);
  });

  it('refuses bytes that are not the declared encoding, and unknown encodings', async () => {
    const error = await failure(openCsv(write('wrong.csv', gb('姓名\n张三\n')), { encoding: 'utf-8' }).then((s) => collect(s.rows)));
    expect(error.code).toBe('encoding');
    expect(error.messageZh).toMatch(/不是UTF-8编码/);
    const unknown = await failure(openCsv(write('x.csv', 'a\n1\n'), { encoding: 'klingon' }));
    expect(unknown.messageZh).toBe('不支持的编码：klingon');
  });

  it('refuses invalid UTF-8 that turns up after the detection sample', async () => {
    const file = write('late-bad.csv', Buffer.concat([Buffer.from('a,b\n' + '1,2\n'.repeat(300_000)), gb('3,张三\n')]));
    const source = await openCsv(file);
    expect(source.encoding).toBe('utf-8');
    const error = await failure(collect(source.rows));
    expect(error.code).toBe('encoding');
  });

  it('decodes UTF-8 characters split across chunks', async () => {
    const bytes = Buffer.from('姓名\n张三丰\n');
    const chunks = Array.from(bytes, (b) => Buffer.from([b])); // one byte at a time
    const source = await openCsv(Readable.from(chunks));
    expect((await collect(source.rows))[0].cells).toEqual(['张三丰']);
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text")', async () => {
    const bytes = iconv.encode('姓名\t年龄\n张三\t30\n', 'utf-16le', { addBOM: true });
    const source = await openCsv(write('u16.txt', bytes), { delimiter: '\t' });
    expect(source.encoding).toBe('utf-16le');
    expect(source.header).toEqual(['姓名', '年龄']);
    expect((await collect(source.rows))[0].cells).toEqual(['张三', '30']);
  });

  it('counts a quoted multi-line cell as one row, and skips rows with only empty cells', async () => {
    const text = 'a,b\r\n"line 1\r\nline 2",x\r\n,,\r\n   \r\n\r\n3,y\r\n';
    const rows = await collect((await openCsv(write('ml.csv', text))).rows);
    expect(rows).toEqual([
      { rowNumber: 2, cells: ['line 1\r\nline 2', 'x'] },
      { rowNumber: 6, cells: ['3', 'y'] },
    ]);
  });

  it('accepts LF, CRLF and CR line ends and rows shorter or longer than the header', async () => {
    const rows = await collect((await openCsv(write('ends.csv', 'a,b\n1\r\n2,3,4\r5,6'))).rows);
    expect(rows).toEqual([
      { rowNumber: 2, cells: ['1'] },
      { rowNumber: 3, cells: ['2', '3', '4'] },
      { rowNumber: 4, cells: ['5', '6'] },
    ]);
  });

  it('steps over title rows when told what the header looks like', async () => {
    const text = '2025年3月医疗费用结算明细\n\n身份证号,结算单号,结算日期,总费用,个人自付\n1,2,3,4,5\n';
    const source = await openCsv(write('title.csv', text), { findHeader: looksLikeHeader(getFeed('medical_settlement')) });
    expect(source.headerRowNumber).toBe(3);
    expect(source.header[0]).toBe('身份证号');
    expect((await collect(source.rows)).map((r) => r.rowNumber)).toEqual([4]);
  });

  it('takes the row naming most columns when none names them all, so the missing column can be named', async () => {
    const text = '2025年3月医疗费用结算明细\n身份证号,结算单号,总费用,个人自付\n1,2,3,4\n';
    const source = await openCsv(write('partial.csv', text), headerSearch(getFeed('medical_settlement')));
    expect(source.headerRowNumber).toBe(2);
    expect(mapHeader(getFeed('medical_settlement'), source.header).rejectReason?.zh).toBe('缺少必填列：结算日期');
  });

  it('believes a UTF-8 BOM over a declared encoding', async () => {
    const source = await openCsv(write('bom-declared.csv', '\ufeff姓名\n张三\n'), { encoding: 'gbk' });
    expect([source.encoding, source.header[0]]).toEqual(['utf-8', '姓名']);
  });

  it('falls back to the first row when no row looks like the header', async () => {
    const source = await openCsv(write('nohead.csv', 'x,y\n1,2\n'), { findHeader: () => false });
    expect(source.header).toEqual(['x', 'y']);
    expect(await collect(source.rows)).toEqual([{ rowNumber: 2, cells: ['1', '2'] }]);
  });

  it('throws a FeedFileError for broken quoting', async () => {
    // small files fail while the header is read; larger ones when the row is reached
    const error = await failure(openCsv(write('quote.csv', 'a,b\n1,"unclosed\n2,3\n')).then((s) => collect(s.rows)));
    expect(error.code).toBe('corrupt');
    expect(error.messageZh).toMatch(/未闭合的引号/);
  });

  it('says what a file is when it is not CSV text', async () => {
    expect((await failure(openCsv(write('a.csv', Buffer.from('PK\u0003\u0004rest'))))).messageZh).toMatch(/XLSX/);
    expect((await failure(openCsv(write('b.csv', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))))).messageZh).toMatch(/\.xls/);
    expect((await failure(openCsv(write('c.xls', '<html><table><tr><td>1</td></tr></table></html>')))).messageZh).toMatch(/HTML/);
    expect((await failure(openCsv(write('d.csv', Buffer.from([1, 0, 2, 0, 3]))))).messageZh).toMatch(/二进制/);
  });

  it('refuses a file with no header row', async () => {
    expect((await failure(openCsv(write('empty.csv', '')))).code).toBe('empty');
    expect((await failure(openCsv(write('blank.csv', '\n\n,,\n')))).code).toBe('empty');
  });

  it('can be closed before the end', async () => {
    const source = await openCsv(write('long.csv', 'a\n' + '1\n'.repeat(100_000)));
    const iterator = source.rows[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ rowNumber: 2, cells: ['1'] });
    await source.close();
    expect((await iterator.next()).done).toBe(true);
  });

  it('gives the same rows, row numbers included, in batches as one at a time', async () => {
    const fixture = path.join(FIXTURE_DIR, 'medical-settlement-gb18030.csv');
    const stream = fs.createReadStream(fixture);
    const batched = await collectBatches((await openCsv(stream)).batches!);
    expect(stream.destroyed).toBe(true); // reading to the end closes the file
    expect(batched.rows).toEqual(await collect((await openCsv(fixture)).rows));
    expect(batched.rows.map((r) => r.rowNumber)).toEqual([2, 3, 5, 6, 7, 8]);

    // Title rows above the header, blank rows among the data, and enough rows for several batches.
    const text = '医疗费用结算明细\n\n身份证号,结算单号,结算日期,总费用,个人自付\n' + Array.from({ length: 30_000 }, (_, i) => (i % 7 ? `${i},a,b,c,d\n` : ',,\n')).join('');
    const file = write('batches.csv', text);
    const search = { findHeader: looksLikeHeader(getFeed('medical_settlement')) };
    const many = await collectBatches((await openCsv(file, search)).batches!);
    expect(many.sizes.length).toBeGreaterThan(1);
    expect(many.sizes.every((size) => size > 0)).toBe(true);
    expect(many.rows).toEqual(await collect((await openCsv(file, search)).rows));
    expect(many.rows[0]).toEqual({ rowNumber: 5, cells: ['1', 'a', 'b', 'c', 'd'] }); // row 4 (i = 0) is empty
  });

  it('reads the same records however the file is cut into chunks', async () => {
    // A chunk end falls, at some size, inside the quoted multi-line cell, between the CR and LF of a
    // line end, between a CR line end and the next row, and inside GB18030 two- and four-byte characters.
    const text = '姓名,备注\r\n张三,"住址：\r\n赣州市, ""章贡区"""\r\n𡘙明,5"\r李四,\n\r\n王五,"x"\r\n赵六,末行';
    const expected = [
      { rowNumber: 2, cells: ['张三', '住址：\r\n赣州市, "章贡区"'] },
      { rowNumber: 3, cells: ['𡘙明', '5"'] }, // a stray quote inside an unquoted field is kept
      { rowNumber: 4, cells: ['李四', ''] },
      { rowNumber: 6, cells: ['王五', 'x'] },
      { rowNumber: 7, cells: ['赵六', '末行'] },
    ];
    const bytes = gb(text);
    for (let size = 1; size <= bytes.length; size++) {
      const source = await openCsv(inChunks(bytes, size), { encoding: 'gb18030' });
      expect([size, await collect(source.rows)]).toEqual([size, expected]);
    }
    const utf8 = Buffer.from(text);
    for (const size of [1, 2, 3, 5, 7]) expect(await collect((await openCsv(inChunks(utf8, size))).rows)).toEqual(expected);
  });

  it('lets spaces follow a closing quote, even when a chunk ends among them', async () => {
    const bytes = Buffer.from('a,b\n"x"   ,"y"  \n1,2\n');
    for (let size = 1; size <= bytes.length; size++) {
      expect(await collect((await openCsv(inChunks(bytes, size))).rows)).toEqual([
        { rowNumber: 2, cells: ['x', 'y'] },
        { rowNumber: 3, cells: ['1', '2'] },
      ]);
    }
  });

  it('takes a declared delimiter', async () => {
    const source = await openCsv(write('semicolon.csv', 'a;b\n"1;2";3\n'), { delimiter: ';' });
    expect(source.header).toEqual(['a', 'b']);
    expect(await collect(source.rows)).toEqual([{ rowNumber: 2, cells: ['1;2', '3'] }]);
  });

  it('names the row where quoting goes wrong', async () => {
    const error = await failure(openCsv(write('badquote.csv', 'a,b\n1,2\n3,"ab"cd\n5,"6"\n')).then((s) => collect(s.rows)));
    expect(error.code).toBe('corrupt');
    expect(error.messageZh).toMatch(/第 3 行附近/);
    const unclosed = await failure(openCsv(write('unclosed.csv', 'a,b\n1,2\n3,"never closed\n4,5\n')).then((s) => collect(s.rows)));
    expect(unclosed.messageZh).toBe('CSV文件中有未闭合的引号（第 3 行附近）');
  });

  it('stops at an unclosed quote in a long file without reading the rest into memory', async () => {
    const rowsPerChunk = 16_384; // 64 KiB of '4,5\n'
    let sent = 0;
    async function* longFile(): AsyncGenerator<Buffer> {
      yield Buffer.from('a,b\n1,2\n3,"unclosed\n');
      for (let i = 0; i < 800; i++) { // 50 MiB
        sent += 1;
        yield Buffer.from('4,5\n'.repeat(rowsPerChunk));
      }
    }
    const source = await openCsv(Readable.from(longFile()));
    const error = await failure(collect(source.rows));
    expect(error.code).toBe('corrupt');
    expect(error.messageZh).toBe('CSV文件中有一行过长（第 3 行附近）：分隔符或引号可能有误');
    expect(sent).toBeLessThan(64); // about 1 MiB of the 50 read, plus what the stream reads ahead
  });

  it('refuses bytes that are not GB18030, saying after which byte', async () => {
    const good = gb('姓名\n' + '张三\n'.repeat(100_000)); // 500,005 bytes
    const file = write('bad-gb.csv', Buffer.concat([good, Buffer.from([0x81, 0x20]), gb('\n李四\n')]));
    const error = await failure(openCsv(file).then((s) => collect(s.rows)));
    expect(error.code).toBe('encoding');
    const offset = Number(/第 (\d+) 字节之后/.exec(error.messageZh)?.[1]);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(good.length);
    expect(error.messageEn).toContain(`bytes after offset ${offset} are not valid GB18030`);

    // A character cut off by the end of the file.
    const cut = await failure(openCsv(write('cut-gb.csv', Buffer.concat([gb('姓名\n张三\n'), Buffer.from([0xd5])]))).then((s) => collect(s.rows)));
    expect(cut.code).toBe('encoding');
  });

  it('can be closed before the end when read in batches', async () => {
    const stream = fs.createReadStream(write('long-batches.csv', 'a\n' + '1\n'.repeat(1_000_000)));
    const source = await openCsv(stream);
    const batches = source.batches![Symbol.asyncIterator]();
    expect((await batches.next()).value[0]).toEqual({ rowNumber: 2, cells: ['1'] });
    await source.close();
    expect((await batches.next()).done).toBe(true);
    expect(stream.destroyed).toBe(true);
  });

  it('is what openFeedFile picks for text files', async () => {
    const source = await openFeedFile(path.join(FIXTURE_DIR, 'medical-settlement-gb18030.csv'));
    expect(source.format).toBe('csv');
    await source.close();
  });
});
