// Streams the rows of one sheet of an XLSX file (xlsx-package.ts opens it for exceljs' streaming
// reader): the first visible sheet unless a sheet is named. Cells come out raw — numbers, strings,
// booleans, Dates (cells with a date format), `{ error }` — and the value types decide what they mean.
// Rich text, hyperlinks and formulas are reduced to their text or result.
import fs from 'node:fs';
import type { FeedRow } from '../feed-types';
import { FeedFileError } from './feed-file-error';
import type { FeedSource, HeaderSearch } from './feed-source';
import { splitHeader } from './header-row';
import { openXlsxPackage, type XlsxSheet } from './xlsx-package';

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

export async function openXlsx(file: string, options: XlsxOptions = {}): Promise<FeedSource> {
  await refuseByMagic(file);
  const wanted = options.sheet?.trim();
  let sheetName: string | undefined;

  async function* records(): AsyncGenerator<FeedRow> {
    let sheets: XlsxSheet[];
    try {
      sheets = await openXlsxPackage(file);
    } catch (error) {
      throw xlsxFailure(error);
    }
    const target = wanted
      ? sheets.find((s) => s.name.trim() === wanted)
      : (sheets.find((s) => s.state === 'visible') ?? sheets[0]);
    if (!target && wanted) {
      const names = sheets.map((s) => s.name);
      throw new FeedFileError(
        'sheet_not_found',
        `找不到工作表“${wanted}”；文件中的工作表：${names.join('、') || '（无）'}`,
        `no sheet named "${wanted}"; the file's sheets: ${names.join(', ') || '(none)'}`,
      );
    }
    if (!target) throw new FeedFileError('empty', 'XLSX文件中没有工作表', 'the XLSX file has no sheet');
    sheetName = target.name;
    try {
      for await (const row of target.rows()) {
        const values = row.values as unknown[];
        const cells: unknown[] = [];
        for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i]));
        yield { rowNumber: row.number, cells };
      }
    } catch (error) {
      throw xlsxFailure(error);
    }
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
