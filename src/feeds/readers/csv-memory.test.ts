// Smoke test that reading stays flat in memory: 1,000,000 rows of GB18030 CSV (the slowest path:
// detection, TextDecoder's GB18030, Papa Parse chunk by chunk, header mapping, row validation), read in
// batches, the way meant for millions of rows. Prints speed and peak RSS; asserts only that memory did
// not grow with the file (a reader that kept rows would need gigabytes).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../registry/id-number';
import { getFeed } from '../catalogue';
import { mapHeader } from '../header-map';
import { rowValidator } from '../validate-row';
import { openCsv } from '.';

const ROWS = 1_000_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-csv-memory-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function writeBigCsv(file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  const ids = Array.from({ length: 1000 }, (_, i) => buildIdNumber('360702', `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`, 1 + (i % 999)));
  out.write(iconv.encode('身份证号,姓名,结算单号,结算日期,就诊类型,医疗机构,总费用,统筹支付,个人自付\r\n', 'gb18030'));
  let batch: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    batch.push(`${ids[i % 1000]},张三${i % 100},JS${String(i).padStart(10, '0')},2025-03-${String(1 + (i % 28)).padStart(2, '0')},${i % 3 ? '门诊' : '住院'},赣州市人民医院,${(i % 9000) + 100}.50,${i % 5000},${(i % 4000) + 100}.50\r\n`);
    if (batch.length === 10_000) {
      if (!out.write(iconv.encode(batch.join(''), 'gb18030'))) await once(out, 'drain');
      batch = [];
    }
  }
  out.end(iconv.encode(batch.join(''), 'gb18030'));
  await once(out, 'finish');
}

describe('CSV reader memory', () => {
  it(`streams ${ROWS.toLocaleString('en')} rows with flat memory`, async () => {
    const file = path.join(dir, 'big.csv');
    await writeBigCsv(file);
    const size = fs.statSync(file).size;
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const started = performance.now();

    const source = await openCsv(file);
    const validate = rowValidator(mapHeader(getFeed('medical_settlement'), source.header));
    let rows = 0;
    let accepted = 0;
    for await (const batch of source.batches!) {
      for (const row of batch) if (validate(row).ok) accepted += 1;
      rows += batch.length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `[csv-memory] ${rows} rows (${mb(size)} GB18030) read+validated in ${seconds.toFixed(1)} s ` +
        `(${Math.round(rows / seconds).toLocaleString('en')} rows/s); RSS before ${mb(before)}, peak ${mb(peak)} (+${mb(peak - before)})`,
    );
    expect(rows).toBe(ROWS);
    expect(accepted).toBe(ROWS);
    expect(peak - before).toBeLessThan(256 * 1024 * 1024);
  }, 300_000);
});
