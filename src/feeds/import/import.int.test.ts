// Import runs end to end on both engines: files (GB18030 CSV, XLSX), counts, matching, duplicates within
// and across files, the rejected-share limit, whole-file refusals, a SIGKILL mid-run followed by a clean
// rerun, and the departments' API push with token scope.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { describeOnEngines } from '../../../test/engines';
import { createTestUser, login, testApp, type Session } from '../../../test/api-client';
import { buildIdNumber } from '../../registry/id-number';
import { importFile } from './import-file';
import { addFeedToken } from './tokens';
import { SYSTEM_ACTOR } from '../../platform/audit';

const ROOT = path.resolve(__dirname, '../../..');
const actor = { userId: null, name: 'test' };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-import-test-'));
const write = (name: string, content: Buffer | string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
};
const known = buildIdNumber('360731', '1966-06-06', 111);
const stranger = buildIdNumber('360731', '1977-07-07', 222);
const HEADER = '身份证号,姓名,结算单号,结算日期,就诊类型,医疗机构,总费用,统筹支付,个人自付';
const gb = (lines: string[]) => iconv.encode(lines.join('\r\n') + '\r\n', 'gb18030');

describeOnEngines('feed imports', ({ db, engine }) => {
  let storeDir: string;
  beforeAll(async () => {
    storeDir = fs.mkdtempSync(path.join(tmp, `store-${engine}-`));
    const v = await db().query<{ code: string; township_code: string; county_code: string; city_code: string }>(`select code, township_code, county_code, city_code from regions where level = 5 and county_code = '360731000000' limit 1`);
    const village = v.rows[0];
    const h = await db().query<{ id: number }>(`insert into households (area_type, village_code, township_code, county_code, city_code, address) values ('rural', $1, $2, $3, $4, '测试') returning id`,
      [village.code, village.township_code, village.county_code, village.city_code]);
    await db().query(`insert into persons (id_number, name, sex, birth_date, household_id, relation) values ($1, '张三', 'M', '1966-06-06', $2, 'head')`, [known, h.rows[0].id]);
  });

  it('imports a GB18030 CSV with Chinese headers, matching people and normalising values', async () => {
    const file = write(`gb-${engine}.csv`, gb([
      HEADER,
      `${known},张三,S-${engine}-1,2025年3月9日,住院,于都县人民医院,"12,345.60",8000,"￥4,345.60"`,
      `${stranger},李四,S-${engine}-2,20250310,门诊,于都县人民医院,100,50,50.5`,
    ]));
    const report = await importFile(db(), storeDir, { feed: 'medical_settlement', path: file, actor });
    expect(report).toMatchObject({ status: 'completed', read: 2, accepted: 2, rejected: 0, duplicates: 0, matched: 1, unmatched: 1 });
    const rows = await db().query<Record<string, any>>(`select * from feed_medical_settlement where settlement_no like $1 order by source_row`, [`S-${engine}-%`]);
    expect(rows.rows[0]).toMatchObject({ settled_on: '2025-03-09', total_cost: 1234560, self_paid: 434560, visit_type: 'inpatient', source_row: 2 });
    expect(rows.rows[0].person_id).not.toBeNull();
    expect(rows.rows[1]).toMatchObject({ settled_on: '2025-03-10', self_paid: 5050, person_id: null, source_row: 3 });
    const run = await db().query<Record<string, any>>('select * from feed_imports where id = $1', [report.importId]);
    expect(run.rows[0]).toMatchObject({ status: 'completed', encoding: 'gb18030', rows_matched: 1 });
    expect(fs.existsSync(run.rows[0].stored_path)).toBe(true);
    expect(run.rows[0].sha256).toHaveLength(64);
  });

  it('counts duplicates within a file and across files; the same file twice loads nothing', async () => {
    const lines = [HEADER, `${known},张三,D-${engine}-1,2025-04-01,门诊,医院,10,5,5`, `${known},张三,D-${engine}-1,2025-04-01,门诊,医院,10,5,5`, `${known},张三,D-${engine}-2,2025-04-02,门诊,医院,10,5,5`];
    const file = write(`dup-${engine}.csv`, gb(lines));
    const first = await importFile(db(), storeDir, { feed: 'medical_settlement', path: file, actor });
    expect(first).toMatchObject({ status: 'completed', read: 3, accepted: 2, duplicates: 1 });
    const again = await importFile(db(), storeDir, { feed: 'medical_settlement', path: file, actor });
    expect(again).toMatchObject({ status: 'completed', read: 3, accepted: 0, duplicates: 3 });
    const n = await db().query<{ n: number }>(`select count(*)::int as n from feed_medical_settlement where settlement_no like $1`, [`D-${engine}-%`]);
    expect(n.rows[0].n).toBe(2);
    // The first of the two is the one kept: row 2, not row 3.
    const kept = await db().query<{ source_row: number }>(`select source_row from feed_medical_settlement where settlement_no = $1`, [`D-${engine}-1`]);
    expect(kept.rows[0].source_row).toBe(2);
  });

  it('loads a file in several segments in file order: the first occurrence wins across segments', async () => {
    const row = (no: string, diagnosis: string) => `${known},张三,${no},2025-04-03,门诊,医院,"${diagnosis}",10,5,5`;
    const header = '身份证号,姓名,结算单号,结算日期,就诊类型,医疗机构,诊断,总费用,统筹支付,个人自付';
    const file = write(`segments-${engine}.csv`, gb([
      header, row(`G-${engine}-1`, '第一次'), row(`G-${engine}-2`, '肺炎\n复查'), row(`G-${engine}-3`, '骨折'),
      row(`G-${engine}-1`, '重复'), row(`G-${engine}-4`, '白内障'), row(`G-${engine}-2`, '又重复'),
    ]));
    const report = await importFile(db(), storeDir, { feed: 'medical_settlement', path: file, actor, segmentRows: 2 });
    expect(report).toMatchObject({ status: 'completed', read: 6, accepted: 4, duplicates: 2, matched: 4 });
    const kept = await db().query<{ settlement_no: string; source_row: number; diagnosis: string }>(
      `select settlement_no, source_row, diagnosis from feed_medical_settlement where settlement_no like $1 order by settlement_no`, [`G-${engine}-%`]);
    expect(kept.rows).toEqual([
      { settlement_no: `G-${engine}-1`, source_row: 2, diagnosis: '第一次' },
      { settlement_no: `G-${engine}-2`, source_row: 3, diagnosis: '肺炎\n复查' },
      { settlement_no: `G-${engine}-3`, source_row: 4, diagnosis: '骨折' },
      { settlement_no: `G-${engine}-4`, source_row: 6, diagnosis: '白内障' },
    ]);
  });

  it('keeps the first occurrence when a segment goes in in index order, whatever the ID numbers', async () => {
    // The later duplicate of I-1 belongs to a lower ID number: index order would reach it first.
    const lower = buildIdNumber('360731', '1950-01-01', 333);
    expect(lower < known).toBe(true);
    const header = '身份证号,姓名,结算单号,结算日期,就诊类型,医疗机构,诊断,总费用,统筹支付,个人自付';
    const file = write(`index-order-${engine}.csv`, gb([
      header,
      `${known},张三,I-${engine}-1,2025-05-02,门诊,医院,第一次,10,5,5`,
      `${known},张三,I-${engine}-2,2025-05-01,门诊,医院,早一天,10,5,5`,
      `${lower},王五,I-${engine}-1,2025-05-03,门诊,医院,重复,10,5,5`,
      `${stranger},李四,I-${engine}-3,2025-05-04,门诊,医院,陌生人,10,5,5`,
    ]));
    const report = await importFile(db(), storeDir, { feed: 'medical_settlement', path: file, actor, segmentOrder: 'index' });
    expect(report).toMatchObject({ status: 'completed', read: 4, accepted: 3, duplicates: 1, matched: 2, unmatched: 1 });
    const kept = await db().query<{ settlement_no: string; source_row: number; diagnosis: string; matched: boolean }>(
      `select settlement_no, source_row, diagnosis, person_id is not null as matched from feed_medical_settlement where settlement_no like $1 order by settlement_no`, [`I-${engine}-%`]);
    expect(kept.rows).toEqual([
      { settlement_no: `I-${engine}-1`, source_row: 2, diagnosis: '第一次', matched: true },
      { settlement_no: `I-${engine}-2`, source_row: 3, diagnosis: '早一天', matched: true },
      { settlement_no: `I-${engine}-3`, source_row: 5, diagnosis: '陌生人', matched: false },
    ]);
    // Stored rows already count as duplicates in index order too.
    const again = await importFile(db(), storeDir, { feed: 'medical_settlement', path: file, actor, segmentOrder: 'index' });
    expect(again).toMatchObject({ status: 'completed', read: 4, accepted: 0, duplicates: 4 });
  });

  it('treats an empty optional key column as one value in index order (tax income without an item)', async () => {
    const file = write(`index-order-tax-${engine}.csv`, gb([
      '身份证号,姓名,所属期,收入额,所得项目',
      `${known},张三,2025-06,1000,`,
      `${known},张三,2025-06,2000,`,
      `${known},张三,2025-06,3000,工资薪金`,
    ]));
    const report = await importFile(db(), storeDir, { feed: 'tax_income', path: file, actor, segmentOrder: 'index' });
    expect(report).toMatchObject({ status: 'completed', read: 3, accepted: 2, duplicates: 1 });
    const kept = await db().query<{ income: number; source_row: number }>(
      `select income, source_row from feed_tax_income where id_number = $1 and period = '2025-06' order by source_row`, [known]);
    expect(kept.rows).toEqual([{ income: 100000, source_row: 2 }, { income: 300000, source_row: 4 }]);
  });

  it('leaves nothing when a later segment fails in the database, and the same file loads afterwards', async () => {
    const rows = [1, 2, 3, 4, 5].map((i) => `${known},张三,F-${engine}-${i},2025-04-05,门诊,医院,10,5,5`);
    const file = write(`fail-${engine}.csv`, gb([HEADER, ...rows]));
    // The database refuses the fourth row: segments of two rows, so the first two segments went in before.
    await db().query(`create function sn_test_refuse() returns trigger language plpgsql as $$
      begin if new.settlement_no = 'F-${engine}-4' then raise exception 'refused for the test'; end if; return new; end $$`);
    await db().query(`create trigger sn_test_refuse before insert on feed_medical_settlement for each row execute function sn_test_refuse()`);
    try {
      await expect(importFile(db(), storeDir, { feed: 'medical_settlement', path: file, actor, segmentRows: 2 })).rejects.toThrow(/refused for the test/);
    } finally {
      await db().query('drop trigger sn_test_refuse on feed_medical_settlement');
      await db().query('drop function sn_test_refuse()');
    }
    const stored = async () => (await db().query<{ n: number }>(`select count(*)::int as n from feed_medical_settlement where settlement_no like $1`, [`F-${engine}-%`])).rows[0].n;
    expect(await stored()).toBe(0);
    const run = await db().query<{ status: string }>(`select status from feed_imports where file_name = $1 order by id desc limit 1`, [`fail-${engine}.csv`]);
    expect(run.rows[0].status).toBe('failed');
    const again = await importFile(db(), storeDir, { feed: 'medical_settlement', path: file, actor, segmentRows: 2 });
    expect(again).toMatchObject({ status: 'completed', read: 5, accepted: 5, duplicates: 0 });
    expect(await stored()).toBe(5);
  });

  // PostgreSQL only: PGlite has one connection, so nobody else can hold a record uncommitted meanwhile.
  it.skipIf(engine !== 'postgres')('counts as duplicate a record another session committed while the file was loading', async () => {
    const file = write(`race-${engine}.csv`, gb([HEADER, `${known},张三,RACE-1,2025-03-09,门诊,医院,100,50,50`, `${known},张三,RACE-2,2025-03-10,门诊,医院,100,50,50`]));
    let commitOther!: () => void;
    const held = new Promise<void>((resolve) => (commitOther = resolve));
    const other = db().transaction(async (tx) => {
      await tx.query(`insert into feed_medical_settlement (id_number, settlement_no, settled_on, total_cost, self_paid) values ($1, 'RACE-1', '2025-03-09', 100, 50)`, [known]);
      await held;
    });
    const importing = importFile(db(), storeDir, { feed: 'medical_settlement', path: file, actor });
    // The file's insert found no stored RACE-1 and now waits on the other session's uncommitted one.
    for (let i = 0; ; i++) {
      const waiting = await db().query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      if (waiting.rows[0].n > 0) break;
      if (i > 500) throw new Error('the import never waited for the other session');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    commitOther();
    await other;
    expect(await importing).toMatchObject({ status: 'completed', read: 2, accepted: 1, duplicates: 1, matched: 1 });
    const rows = await db().query<{ settlement_no: string; import_id: number | null }>(`select settlement_no, import_id from feed_medical_settlement where settlement_no like 'RACE-%' order by 1`);
    expect(rows.rows.map((r) => [r.settlement_no, r.import_id === null])).toEqual([['RACE-1', true], ['RACE-2', false]]);
  });

  it('reports bad rows with row number, header, masked value and a Chinese reason, and loads the rest', async () => {
    const lines = [HEADER];
    for (let i = 1; i <= 9; i++) lines.push(`${known},张三,E-${engine}-${i},2025-05-0${i},门诊,医院,10,5,5`);
    lines.push(`${known.slice(0, 17)}0,张三,E-${engine}-bad,2025-05-10,门诊,医院,10,5,5.123`);
    const report = await importFile(db(), storeDir, { feed: 'medical_settlement', path: write(`err-${engine}.csv`, gb(lines)), actor });
    expect(report).toMatchObject({ status: 'completed', read: 10, accepted: 9, rejected: 1 });
    const columns = report.errors.map((e) => e.column);
    expect(columns).toContain('身份证号');
    expect(columns).toContain('个人自付');
    expect(report.errors[0].row).toBe(11);
    expect(report.errors.find((e) => e.column === '身份证号')!.value).toMatch(/^3607\*+/);
    expect(report.errors[0].reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses the whole file above the rejected-share limit, loading nothing', async () => {
    const lines = [HEADER, `${known},张三,R-${engine}-1,2025-05-01,门诊,医院,10,5,5`, `bad,张三,R-${engine}-2,2025-05-01,门诊,医院,10,5,5`];
    const report = await importFile(db(), storeDir, { feed: 'medical_settlement', path: write(`rej-${engine}.csv`, gb(lines)), actor });
    expect(report.status).toBe('rejected');
    expect(report.rejectReason!.zh).toMatch(/超过上限/);
    const n = await db().query<{ n: number }>(`select count(*)::int as n from feed_medical_settlement where settlement_no like $1`, [`R-${engine}-%`]);
    expect(n.rows[0].n).toBe(0);
    const loose = await importFile(db(), storeDir, { feed: 'medical_settlement', path: write(`rej2-${engine}.csv`, gb(lines)), actor, maxRejectedShare: 0.6 });
    expect(loose).toMatchObject({ status: 'completed', accepted: 1, rejected: 1 });
  });

  it('refuses at once a file missing a required column or in an unreadable encoding', async () => {
    const missing = await importFile(db(), storeDir, { feed: 'medical_settlement', path: write(`miss-${engine}.csv`, gb(['身份证号,姓名,结算日期', `${known},张三,2025-01-01`])), actor });
    expect(missing.status).toBe('rejected');
    expect(missing.rejectReason!.zh).toMatch(/结算单号/);
    const utf16 = await importFile(db(), storeDir, { feed: 'medical_settlement', path: write(`enc-${engine}.csv`, gb([HEADER])), actor, encoding: 'klingon' });
    expect(utf16.status).toBe('rejected');
  });

  it('imports an XLSX with date serials and text-formatted IDs, refusing an ID that Excel turned into a number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['公民身份号码', '姓名', '入院日期', '出院日期', '疾病名称', '是否重特大疾病']);
    ws.addRow([known, '张三', 45700, 45705, '肺癌', '是']);
    ws.addRow([1.14634195203231e17, '王五', 45701, null, '肺炎', '否']);
    ws.addRow([stranger, '李四', new Date(Date.UTC(2025, 1, 3)), null, '骨折', '否']);
    const file = path.join(tmp, `hosp-${engine}.xlsx`);
    await wb.xlsx.writeFile(file);
    const report = await importFile(db(), storeDir, { feed: 'hospitalization', path: file, actor, maxRejectedShare: 0.5 });
    expect(report).toMatchObject({ status: 'completed', read: 3, accepted: 2, rejected: 1, matched: 1 });
    expect(report.errors[0]).toMatchObject({ row: 3, column: '公民身份号码' });
    const rows = await db().query<Record<string, any>>('select admitted_on, discharged_on, serious from feed_hospitalization where id_number = $1', [known]);
    expect(rows.rows[0]).toMatchObject({ admitted_on: '2025-02-12', discharged_on: '2025-02-17', serious: true });
  });

  it('pushes through the API: 401 without token, 403 for another feed, per-record answers, repeated batch answered once', async () => {
    const { app } = await testApp(db());
    const { token } = await addFeedToken(db(), SYSTEM_ACTOR, '医保局', ['medical_settlement']);
    const body = { batchId: `B-${engine}`, records: [
      { id_number: known, settlement_no: `P-${engine}-1`, settled_on: '2025-06-01', total_cost: '100', self_paid: '30' },
      { id_number: stranger, settlement_no: `P-${engine}-2`, settled_on: '2025-06-02', total_cost: 50, self_paid: 20 },
      { id_number: 'nonsense', settlement_no: `P-${engine}-3`, settled_on: '2025-06-02', total_cost: 50, self_paid: 20 },
      { id_number: known, settlement_no: `P-${engine}-1`, settled_on: '2025-06-01', total_cost: '100', self_paid: '30' },
    ] };
    expect((await app.inject({ method: 'POST', url: '/api/v1/feeds/medical_settlement/records', payload: body })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/v1/feeds/medical_settlement/records', payload: body, headers: { authorization: 'Bearer snf_wrong' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/v1/feeds/death_registration/records', payload: body, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(403);
    const first = await app.inject({ method: 'POST', url: '/api/v1/feeds/medical_settlement/records', payload: body, headers: { authorization: `Bearer ${token}` } });
    expect(first.statusCode).toBe(422); // 1 of 4 rejected is above the 20 % limit: refused whole
    // Sent again, a refused batch gets its first answer and leaves no second run.
    const firstAgain = await app.inject({ method: 'POST', url: '/api/v1/feeds/medical_settlement/records', payload: body, headers: { authorization: `Bearer ${token}` } });
    expect(firstAgain.statusCode).toBe(200);
    expect(firstAgain.headers['x-repeated-batch']).toBe('true');
    expect(firstAgain.json()).toEqual(first.json());
    expect((await db().query<{ n: number }>('select count(*)::int as n from feed_imports where batch_id = $1', [body.batchId])).rows[0].n).toBe(1);
    const okBody = { batchId: `B2-${engine}`, records: [...body.records.slice(0, 2), body.records[3], ...Array.from({ length: 5 }, (_, i) => ({ id_number: known, settlement_no: `P-${engine}-x${i}`, settled_on: '2025-06-03', total_cost: 1, self_paid: 1 })), body.records[2]] };
    const ok = await app.inject({ method: 'POST', url: '/api/v1/feeds/medical_settlement/records', payload: okBody, headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(201);
    const answer = ok.json();
    expect(answer).toMatchObject({ accepted: 7, duplicates: 1, rejected: 1, matched: 6, unmatched: 1 });
    expect(answer.records.map((r: any) => r.status)).toEqual(['accepted', 'accepted', 'duplicate', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'rejected']);
    expect(answer.records[8].errors[0].column).toBe('id_number');
    const again = await app.inject({ method: 'POST', url: '/api/v1/feeds/medical_settlement/records', payload: okBody, headers: { authorization: `Bearer ${token}` } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(answer);
    expect((await db().query<{ n: number }>('select count(*)::int as n from feed_imports where batch_id = $1', [okBody.batchId])).rows[0].n).toBe(1);
    const stored = await db().query<{ n: number }>(`select count(*)::int as n from feed_medical_settlement where settlement_no like $1`, [`P-${engine}-%`]);
    expect(stored.rows[0].n).toBe(7);
    await app.close();
  });

  it('two pushes of one batch at once: one run stands, the other is told its answer and leaves no run behind', async () => {
    const { app } = await testApp(db());
    const { token } = await addFeedToken(db(), SYSTEM_ACTOR, '医保局', ['medical_settlement']);
    const payload = { batchId: `TWIN-${engine}`, records: Array.from({ length: 20 }, (_, i) => ({ id_number: known, settlement_no: `TW-${engine}-${i}`, settled_on: '2025-06-05', total_cost: 10, self_paid: 5 })) };
    const push = () => app.inject({ method: 'POST', url: '/api/v1/feeds/medical_settlement/records', payload, headers: { authorization: `Bearer ${token}` } });
    const [a, b] = await Promise.all([push(), push()]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json()).toEqual(b.json());
    expect(a.json()).toMatchObject({ accepted: 20, duplicates: 0 });
    const runs = await db().query<{ n: number }>(`select count(*)::int as n from feed_imports where batch_id = $1`, [payload.batchId]);
    expect(runs.rows[0].n).toBe(1);
    const batches = await db().query<{ import_id: number }>(`select import_id from feed_push_batches where batch_id = $1`, [payload.batchId]);
    expect(batches.rows).toEqual([{ import_id: a.json().importId }]);
    await app.close();
  });

  it('uploads through the web API, lists runs, serves the error report as XLSX, and shows data quality', async () => {
    const { app } = await testApp(db());
    await createTestUser(db(), `fc_${engine}`, 'county', '360731000000');
    const s: Session = await login(app, `fc_${engine}`);
    const boundary = '----sn' + Date.now();
    const csv = gb([HEADER, `${known},张三,U-${engine}-1,2025-07-01,门诊,医院,10,5,5`, `${known},张三,U-${engine}-2,2025-07-01,门诊,医院,10,5,5.555`, ...Array.from({ length: 8 }, (_, i) => `${known},张三,U-${engine}-x${i},2025-07-02,门诊,医院,1,1,1`)]);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="feed"\r\n\r\nmedical_settlement\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="医保结算.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      csv, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/imports', payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ accepted: 9, rejected: 1 });
    const list = await s.request('GET', '/api/v1/imports?feed=medical_settlement');
    expect(list.body.items[0]).toMatchObject({ id: report.importId, fileName: '医保结算.csv', actor: `fc_${engine}` });
    const xlsx = await app.inject({ method: 'GET', url: `/api/v1/imports/${report.importId}/errors.xlsx`, headers: { cookie: s.cookie } });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(2).getCell(1).value).toBe(3);
    const quality = await s.request('GET', '/api/v1/feeds/quality');
    const med = quality.body.find((q: any) => q.feed === 'medical_settlement');
    expect(med.rowsRead12m).toBeGreaterThan(0);
    expect(med.matchedShare).toBeGreaterThan(0);
    expect((await s.request('GET', '/api/v1/feeds')).body).toHaveLength(13);
    await app.close();
  });
});

// A run killed with SIGKILL leaves nothing; the rerun loads exactly what a clean run would.
describeOnEngines('feed import killed mid-run', ({ engine }) => {
  it('leaves no partial data and a rerun gives the full counts', async () => {
    const dataDir = fs.mkdtempSync(path.join(tmp, `kill-${engine}-`));
    const env: NodeJS.ProcessEnv = { ...process.env, SAFETYNET_DATA_DIR: dataDir };
    let dropDb: (() => void) | null = null;
    if (engine === 'postgres') {
      const name = `sn_kill_${process.pid}`;
      const admin = process.env.SAFETYNET_TEST_PG_URL!;
      spawnSync('psql', [admin, '-qc', `drop database if exists ${name} with (force)`, '-c', `create database ${name}`]);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      dropDb = () => spawnSync('psql', [admin, '-qc', `drop database if exists ${name} with (force)`]);
    }
    const cli = path.join(ROOT, 'bin/safetynet');
    expect(spawnSync(cli, ['migrate'], { env }).status).toBe(0);
    const lines = [HEADER];
    const ROWS = 100_000;
    for (let i = 0; i < ROWS; i++) lines.push(`${i % 2 ? known : stranger},张三,K${i},2025-03-01,门诊,医院,10,5,5`);
    const file = write(`kill-${engine}.csv`, gb(lines));
    const child = spawn(cli, ['import', '--feed', 'medical_settlement', '--file', file, '--json'], { env, stdio: 'pipe' });
    // Kill when the run reports rows streaming into its transaction: provably mid-run, far from the end.
    const progressed = await new Promise<boolean>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        if (/progress: [2-9]\d{4} rows/.test(chunk.toString())) resolve(true);
      });
      child.once('exit', () => resolve(false));
    });
    expect(progressed).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const count = () => {
      const out = spawnSync(cli, ['import', '--feed', 'medical_settlement', '--file', file, '--json'], { env, encoding: 'utf8' });
      expect(out.status, out.stderr).toBe(0);
      return JSON.parse(out.stdout.trim().split('\n').pop()!);
    };
    const rerun = count();
    expect(rerun).toMatchObject({ status: 'completed', read: ROWS, accepted: ROWS, duplicates: 0, rejected: 0 });
    const third = count();
    expect(third).toMatchObject({ status: 'completed', accepted: 0, duplicates: ROWS });
    dropDb?.();
  }, 240_000);
});
