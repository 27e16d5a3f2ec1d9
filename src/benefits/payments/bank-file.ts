// The bank file of a payment roll: one row per line to pay (payable, or held and released), with the
// account holder's name, ID number and account in full — what the bank needs to credit the family's own
// account. CSV (UTF-8 with BOM, or GB18030 as Chinese banks' systems and Excel on Chinese Windows read it)
// or XLSX (ID and account numbers as text cells, so that no spreadsheet turns them into numbers).
// Every export is written to the audit trail, because the file carries unmasked account numbers.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Database } from '../../platform/db';
import { appendAudit } from '../../platform/audit';
import type { Scope } from '../../platform/auth/scope';
import { PROGRAMME_LABELS, type BenefitsCaller } from '../store/common';
import { linesToPay, rollForExport } from './payment-roll';

export const BANK_FILE_COLUMNS = ['序号', '户名', '身份证号码', '银行账号', '开户银行', '金额（元）', '救助项目', '发放月份', '明细编号', '摘要'] as const;

export type BankFileFormat = 'csv' | 'xlsx';
export type BankFileEncoding = 'utf8' | 'gb18030';

export interface BankFile {
  fileName: string;
  contentType: string;
  body: Buffer;
  lines: number;
  totalFen: number;
}

function yuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export async function bankFile(db: Database, caller: BenefitsCaller & { scope: Scope }, rollId: number, options: { format: BankFileFormat; encoding?: BankFileEncoding; batch?: number }): Promise<BankFile> {
  const roll = await rollForExport(db, caller.scope, rollId);
  const lines = await linesToPay(db, rollId, options.batch);
  const [y, m] = roll.month.split('-');
  const rows = lines.map((l, i) => [
    String(i + 1), l.holder_name ?? '', l.holder_id_number ?? '', l.bank_account ?? '', l.bank_name ?? '', yuanText(Number(l.amount_fen)),
    PROGRAMME_LABELS[l.programme].zh, roll.month, `${roll.id}-${l.id}`, `${y}年${m}月${PROGRAMME_LABELS[l.programme].zh}金`,
  ]);
  const totalFen = lines.reduce((s, l) => s + Number(l.amount_fen), 0);
  const base = `发放名册_${roll.countyName}_${roll.month}${options.batch !== undefined ? `_第${options.batch}批` : ''}`;
  let out: BankFile;
  if (options.format === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('发放明细');
    sheet.columns = BANK_FILE_COLUMNS.map((h, i) => ({ header: h, key: String(i), width: [6, 12, 22, 24, 20, 12, 10, 10, 14, 18][i], style: i === 5 ? {} : { numFmt: '@' } }));
    sheet.getRow(1).font = { bold: true };
    for (const r of rows) {
      const row = sheet.addRow(r.map((v, i) => (i === 5 ? Number(v) : v)));
      row.getCell(6).numFmt = '0.00';
    }
    const summary = wb.addWorksheet('汇总');
    summary.addRows([
      ['县（市、区）', roll.countyName], ['发放月份', roll.month], ['批次', options.batch ?? '全部'], ['笔数', rows.length], ['合计金额（元）', Number(yuanText(totalFen))],
    ]);
    out = {
      fileName: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: Buffer.from(await wb.xlsx.writeBuffer()),
      lines: rows.length,
      totalFen,
    };
  } else {
    const text = [BANK_FILE_COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
    const gb = options.encoding === 'gb18030';
    out = {
      fileName: `${base}.csv`,
      contentType: `text/csv; charset=${gb ? 'gb18030' : 'utf-8'}`,
      // UTF-8 carries a BOM so that Excel opens it as UTF-8; GB18030 needs none.
      body: gb ? iconv.encode(text, 'gb18030') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      lines: rows.length,
      totalFen,
    };
  }
  await db.transaction((tx) => appendAudit(tx, caller.actor, {
    action: 'payment_roll.export', entity: 'payment_roll', entityId: rollId, regionCode: roll.countyCode,
    after: { format: options.format, encoding: options.format === 'csv' ? options.encoding ?? 'utf8' : null, batch: options.batch ?? null, lines: out.lines, totalFen },
  }));
  return out;
}
