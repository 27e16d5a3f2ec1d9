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

  it('is what openFeedFile picks for text files', async () => {
    const source = await openFeedFile(path.join(FIXTURE_DIR, 'medical-settlement-gb18030.csv'));
    expect(source.format).toBe('csv');
    await source.close();
  });
});
