// The error report of an import as an XLSX workbook a department can open, fix from and send again.
import ExcelJS from 'exceljs';
import type { Database } from '../../platform/db';

export async function errorReportXlsx(db: Database, importId: number): Promise<Buffer> {
  const run = await db.query<Record<string, any>>('select feed, file_name, status, reject_reason from feed_imports where id = $1', [importId]);
  const errors = await db.query<Record<string, any>>('select source_row, column_name, value, reason from feed_import_errors where import_id = $1 order by source_row, id', [importId]);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('错误报告');
  sheet.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 18 },
    { header: '值', key: 'value', width: 28 },
    { header: '原因', key: 'reason', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  if (run.rows[0]?.reject_reason) sheet.addRow({ row: '', column: '整个文件', value: run.rows[0].file_name ?? '', reason: run.rows[0].reject_reason });
  for (const e of errors.rows) sheet.addRow({ row: e.source_row, column: e.column_name, value: e.value, reason: e.reason });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
