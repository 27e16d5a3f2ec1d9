// Reads an XLSX package by its ZIP central directory and hands exceljs' streaming workbook reader the
// parts in the order it needs them: relationships, workbook, shared strings, styles, then the sheets in
// the workbook's own order, each with its name and visibility.
//
// Why not exceljs' own walk of the archive: it reads the ZIP front to back with unzipper.Parse, which
// signals the end of the archive as soon as its input is used up, while entries may still wait in its
// buffer. When the reader is busy (a 2-core server importing), the last entries are lost — and exceljs
// writes xl/workbook.xml last, so the sheet names went with it ("Cannot read properties of undefined
// (reading 'sheets')", one open in a few hundred under load). A file on disk has a central directory, so
// nothing needs to be guessed: unzipper.Open.file lists the parts and streams any one of them. Reading
// the shared strings before the sheets also spares exceljs the temporary copy of every sheet.
//
// This leans on exceljs' part parsers (_parseRels, _parseWorkbook, _parseSharedStrings, _parseStyles,
// _parseWorksheet), which are not in its typings; exceljs is pinned in package.json and xlsx.test.ts
// reads a real workbook through them.
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { FeedFileError } from './feed-file-error';

export interface XlsxSheet {
  name: string;
  /** 'visible', 'hidden' or 'veryHidden'. */
  state: string;
  /** Streams the sheet's rows; call once. */
  rows(): AsyncIterable<ExcelJS.Row>;
}

interface SheetModel {
  id: number;
  name: string;
  rId: string;
  state?: string;
}

interface Relationship {
  Id: string;
  Target: string;
}

/** The parts of exceljs' WorkbookReader this module drives. */
interface PartParsers {
  model?: { sheets?: SheetModel[] };
  workbookRels?: Relationship[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Iterable<{ eventType: string; value: unknown }>;
}

type ZipEntry = unzipper.File;

function missingPart(zh: string, en = zh): FeedFileError {
  return new FeedFileError('corrupt', `XLSX文件不完整：缺少${zh}`, `the XLSX file is incomplete: ${en} is missing`);
}

/** xl/_rels/workbook.xml.rels targets are relative to xl/ unless they start with '/'. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/** Opens the workbook parts of an XLSX file and lists its sheets in workbook order. */
export async function openXlsxPackage(file: string): Promise<XlsxSheet[]> {
  const directory = await unzipper.Open.file(file);
  const entries = new Map<string, ZipEntry>(directory.files.map((f) => [f.path.replace(/^\//, ''), f]));
  const stream = (entry: ZipEntry): Readable => entry.stream() as unknown as Readable;

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // 'cache' lets exceljs turn date-formatted cells into Dates (and honour the 1904 date system).
    styles: 'cache',
    entries: 'ignore',
  }) as unknown as PartParsers;

  const rels = entries.get('xl/_rels/workbook.xml.rels');
  const workbook = entries.get('xl/workbook.xml');
  if (!rels) throw missingPart('xl/_rels/workbook.xml.rels');
  if (!workbook) throw missingPart('xl/workbook.xml');
  await reader._parseRels(stream(rels));
  await reader._parseWorkbook(stream(workbook));
  const sharedStrings = entries.get('xl/sharedStrings.xml');
  if (sharedStrings) for await (const _ of reader._parseSharedStrings(stream(sharedStrings)));
  const styles = entries.get('xl/styles.xml');
  if (styles) await reader._parseStyles(stream(styles));

  const sheets: XlsxSheet[] = [];
  for (const sheet of reader.model?.sheets ?? []) {
    const rel = reader.workbookRels?.find((r) => r.Id === sheet.rId);
    const entry = rel && entries.get(partPath(rel.Target));
    const sheetNo = entry?.path.match(/sheet(\d+)\.xml$/)?.[1];
    if (!entry || !sheetNo) throw missingPart(`工作表“${sheet.name}”`, `sheet "${sheet.name}"`);
    sheets.push({
      name: sheet.name,
      state: sheet.state ?? 'visible',
      rows: () => {
        const [event] = [...reader._parseWorksheet(stream(entry), sheetNo)];
        return event.value as AsyncIterable<ExcelJS.Row>;
      },
    });
  }
  return sheets;
}
