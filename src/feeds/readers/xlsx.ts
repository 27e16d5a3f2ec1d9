// Streams the rows of one sheet of an XLSX file with exceljs' streaming WorkbookReader: the first
// visible sheet unless a sheet is named. Cells come out raw — numbers, strings, booleans, Dates (cells
// with a date format), `{ error }` — and the value types decide what they mean. Rich text, hyperlinks
// and formulas are reduced to their text or result.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FeedRow } from '../feed-types';
import { FeedFileError } from './feed-file-error';
import type { FeedSource, HeaderSearch } from './feed-source';
import { splitHeader } from './header-row';

export interface XlsxOptions extends HeaderSearch {
  /** Sheet name; the first visible sheet when absent. */
  sheet?: string;
}

/** An exceljs cell value → the raw cell the value types read. */
export function xlsxCell(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('formula' in v || 'sharedFormula' in v) return xlsxCell(v.result ?? null);
  if ('hyperlink' in v) return xlsxCell(v.text ?? null);
  if (typeof v.error === 'string') return { error: v.error };
  if ('text' in v) return xlsxCell(v.text);
  return value;
}

interface SheetInfo {
  name: string;
  state?: string;
}

function xlsxFailure(error: unknown): FeedFileError {
  if (error instanceof FeedFileError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new FeedFileError(
    'corrupt',
    `XLSX文件已损坏或不是XLSX文件：${message}`,
    `the XLSX file is damaged or not an XLSX file: ${message}`,
    { cause: error },
  );
}

async function refuseByMagic(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
      throw new FeedFileError(
        'unsupported_format',
        '这是旧版Excel（.xls）文件，请用Excel“另存为”.xlsx或CSV后再上传',
        'this is an old Excel (.xls) file: save it as .xlsx or CSV and upload again',
      );
    }
    if (!(head[0] === 0x50 && head[1] === 0x4b)) {
      throw new FeedFileError('corrupt', '不是XLSX文件（文件头不是ZIP格式）', 'not an XLSX file (it does not start as a ZIP archive)');
    }
  } finally {
    await handle.close();
  }
}

export async function openXlsx(input: string | Readable, options: XlsxOptions = {}): Promise<FeedSource> {
  if (typeof input === 'string') await refuseByMagic(input);
  const stream = typeof input === 'string' ? fs.createReadStream(input, { highWaterMark: 256 * 1024 }) : input;
  // styles: 'cache' lets exceljs turn date-formatted cells into Dates (and honour the 1904 date system).
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  const wanted = options.sheet?.trim();
  let sheetName: string | undefined;

  function isTarget(reader: { name?: string }): boolean {
    const model = (workbook as unknown as { model?: { sheets?: SheetInfo[] } }).model;
    if (wanted) return (reader.name ?? '').trim() === wanted;
    const first = model?.sheets?.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? model?.sheets?.[0];
    return first ? first.name === reader.name : true;
  }

  async function* records(): AsyncGenerator<FeedRow> {
    const seen: string[] = [];
    try {
      for await (const worksheet of workbook) {
        const reader = worksheet as unknown as { name?: string } & AsyncIterable<ExcelJS.Row>;
        seen.push(reader.name ?? '');
        if (!isTarget(reader)) continue; // not consumed: exceljs drains the entry when we move on
        sheetName = reader.name;
        for await (const row of reader) {
          const values = row.values as unknown[];
          const cells: unknown[] = [];
          for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i]));
          yield { rowNumber: row.number, cells };
        }
        return;
      }
    } catch (error) {
      throw xlsxFailure(error);
    } finally {
      stream.destroy();
    }
    if (wanted) {
      throw new FeedFileError(
        'sheet_not_found',
        `找不到工作表“${wanted}”；文件中的工作表：${seen.join('、') || '（无）'}`,
        `no sheet named "${wanted}"; the file's sheets: ${seen.join(', ') || '(none)'}`,
      );
    }
    throw new FeedFileError('empty', 'XLSX文件中没有工作表', 'the XLSX file has no sheet');
  }

  const all = records();
  const split = await splitHeader(all, options);
  return {
    format: 'xlsx',
    header: split.header,
    headerRowNumber: split.headerRowNumber,
    sheet: sheetName,
    rows: split.rows,
    close: async () => {
      await split.rows.return(undefined);
      await all.return(undefined);
    },
  };
}
