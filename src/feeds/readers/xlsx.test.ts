import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, IDS } from '../../../test/fixtures/feeds/make-fixtures';
import { getFeed } from '../catalogue';
import { looksLikeHeader, mapHeader } from '../header-map';
import { rowValidator } from '../validate-row';
import { FeedFileError, openFeedFile, openXlsx, xlsxCell } from '.';
import { collect, scratchDir } from './test-files';

const FIXTURE = path.join(FIXTURE_DIR, 'hospitalization.xlsx');
const write = scratchDir('xlsx');
const hospitalization = getFeed('hospitalization');

async function failure(promise: Promise<unknown>): Promise<FeedFileError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FeedFileError);
    return error as FeedFileError;
  }
  throw new Error('expected a FeedFileError');
}

async function workbookFile(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return write(name, Buffer.from(await wb.xlsx.writeBuffer()));
}

describe('openXlsx', () => {
  it('reads the first sheet with raw cells and Excel row numbers', async () => {
    const source = await openXlsx(FIXTURE, { findHeader: looksLikeHeader(hospitalization) });
    expect(source.format).toBe('xlsx');
    expect(source.sheet).toBe('住院名单');
    expect(source.headerRowNumber).toBe(2); // a title row stands above it
    expect(source.header).toEqual(['证件号码', '姓名', '入院日期', '出院日期', '疾病名称', '是否重特大疾病']);
    const rows = await collect(source.rows);
    expect(rows.map((r) => r.rowNumber)).toEqual([3, 4, 5, 6, 8]); // row 7 is empty
    expect(rows[0].cells.slice(0, 3)).toEqual([IDS.a, '张三', new Date(Date.UTC(2025, 2, 1))]); // Date cell
    expect(rows[1].cells).toEqual([IDS.c, '赵六', 45717, 45727, '慢性肾衰竭', false]); // serials, rich text, boolean
    expect(typeof rows[2].cells[0]).toBe('number'); // the ID Excel made a float
    expect(rows[4].cells[2]).toBe(45719); // formula result
  });

  it('feeds the catalogue: dates from serials and Dates, the destroyed ID refused with its reason', async () => {
    const source = await openXlsx(FIXTURE, { findHeader: looksLikeHeader(hospitalization) });
    const validate = rowValidator(mapHeader(hospitalization, source.header));
    const results = [];
    for await (const row of source.rows) results.push(validate(row));
    expect(results.map((r) => r.ok)).toEqual([true, true, false, false, true]);
    expect(results[0]).toMatchObject({ record: { id_number: IDS.a, admitted_on: '2025-03-01', discharged_on: '2025-03-15', serious: true } });
    expect(results[1]).toMatchObject({ record: { admitted_on: '2025-03-01', discharged_on: '2025-03-11', disease: '慢性肾衰竭', serious: false } });
    expect(results[4]).toMatchObject({ record: { admitted_on: '2025-03-03' } });
    const destroyed = results[2];
    if (destroyed.ok) throw new Error('expected errors');
    expect(destroyed.errors[0]).toMatchObject({ row: 5, column: '证件号码', value: '3607**********3300' });
    expect(destroyed.errors[0].reason).toMatch(/身份证号已被Excel变成数字/);
  });

  it('without a header search the first non-empty row is the header', async () => {
    const source = await openXlsx(FIXTURE);
    expect(source.headerRowNumber).toBe(1);
    expect(mapHeader(hospitalization, source.header).rejectReason?.zh).toMatch(/缺少必填列/);
    await source.close();
  });

  it('reads a named sheet, and names the sheets when the one asked for is missing', async () => {
    const notes = await openXlsx(FIXTURE, { sheet: '说明' });
    expect(notes.sheet).toBe('说明');
    expect(notes.header).toEqual(['字段', '说明']);
    expect(await collect(notes.rows)).toEqual([{ rowNumber: 2, cells: ['证件号码', '18位身份证号'] }]);

    const error = await failure(openXlsx(FIXTURE, { sheet: '数据' }));
    expect(error.code).toBe('sheet_not_found');
    expect(error.messageZh).toBe('找不到工作表“数据”；文件中的工作表：住院名单、说明');
  });

  it('skips a hidden first sheet', async () => {
    const file = await workbookFile('hidden.xlsx', (wb) => {
      const config = wb.addWorksheet('config', { state: 'hidden' });
      config.addRow(['secret']);
      wb.addWorksheet('visible').addRow(['身份证号']);
    });
    const source = await openXlsx(file);
    expect(source.sheet).toBe('visible');
    expect(source.header).toEqual(['身份证号']);
    await source.close();
  });

  it('refuses damaged files and old .xls', async () => {
    const damaged = write('damaged.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]));
    expect((await failure(openXlsx(damaged))).code).toBe('corrupt');
    const xls = write('old.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect((await failure(openXlsx(xls))).code).toBe('unsupported_format');
    const text = write('text.xlsx', 'a,b\n');
    expect((await failure(openXlsx(text))).code).toBe('corrupt');
  });

  it('refuses a workbook whose sheet is empty', async () => {
    const file = await workbookFile('empty.xlsx', (wb) => void wb.addWorksheet('空'));
    expect((await failure(openXlsx(file))).code).toBe('empty');
  });

  it('is what openFeedFile picks for ZIP files, whatever the extension', async () => {
    const file = write('upload.bin', await import('node:fs').then((fs) => fs.readFileSync(FIXTURE)));
    const source = await openFeedFile(file);
    expect(source.format).toBe('xlsx');
    await source.close();
  });
});

describe('xlsxCell', () => {
  it('reduces exceljs values to raw cells', () => {
    expect(xlsxCell(undefined)).toBeNull();
    expect(xlsxCell({ richText: [{ text: 'a' }, { text: 'b' }] })).toBe('ab');
    expect(xlsxCell({ formula: 'A1', result: 3 })).toBe(3);
    expect(xlsxCell({ sharedFormula: 'A1', result: { error: '#REF!' } })).toEqual({ error: '#REF!' });
    expect(xlsxCell({ text: 'link', hyperlink: 'http://x' })).toBe('link');
    expect(xlsxCell({ error: '#N/A' })).toEqual({ error: '#N/A' });
    const d = new Date();
    expect(xlsxCell(d)).toBe(d);
  });
});
