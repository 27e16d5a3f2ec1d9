import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openXlsxPackage } from './xlsx-package';
import { scratchDir } from './test-files';

const write = scratchDir('xlsx-package');

describe('openXlsxPackage', () => {
  it('lists the sheets in workbook order with their visibility, whatever the order of the archive', async () => {
    // exceljs writes xl/workbook.xml last in the archive, after the sheets and the shared strings: the
    // order that lost the sheet names when the archive was walked front to back under load.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明', { state: 'hidden' }).addRow(['secret']);
    wb.addWorksheet('名单').addRows([['身份证号', '姓名'], ['360731199001011234', '张三']]);
    wb.addWorksheet('备份', { state: 'veryHidden' });
    const file = write('order.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));

    const sheets = await openXlsxPackage(file);
    expect(sheets.map((s) => [s.name, s.state])).toEqual([
      ['说明', 'hidden'],
      ['名单', 'visible'],
      ['备份', 'veryHidden'],
    ]);
    const rows = [];
    for await (const row of sheets[1].rows()) rows.push((row.values as unknown[]).slice(1));
    expect(rows).toEqual([['身份证号', '姓名'], ['360731199001011234', '张三']]);
  });

  it('opens many workbooks at once without losing a part', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a', { state: 'hidden' }).addRow(['x']);
    wb.addWorksheet('b').addRow(['y']);
    const file = write('many.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const opened = await Promise.all(Array.from({ length: 40 }, () => openXlsxPackage(file)));
    expect(opened.every((sheets) => sheets.map((s) => s.name).join() === 'a,b')).toBe(true);
  });
});
