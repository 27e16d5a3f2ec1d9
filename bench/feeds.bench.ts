// Feed import at scale: a medical_settlement CSV in GB18030 (default 10,000,000 rows, 0.1 % bad rows) for
// the people of the demo province, imported into PostgreSQL by `bin/safetynet import` in a child process
// (rows/s and that process's peak RSS). Reference on the same machine and data: DuckDB reading the same
// rows (a UTF-8 copy: DuckDB cannot load its encodings extension offline) and joining them to persons.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DuckDBInstance } from '@duckdb/node-api';
import { RegionTree } from '../src/registry/regions';
import { loadDemoPopulation } from '../src/registry/demo-loader';
import { generatePopulation } from '../src/registry/demo';
import { arg, freshBenchDatabase } from './bench-db';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const HEADER = '身份证号,姓名,结算单号,结算日期,就诊类型,医疗机构,诊断,总费用,统筹支付,个人自付\r\n';
const HOSPITALS = ['于都县人民医院', '赣州市人民医院', '南昌大学第一附属医院', '上饶市立医院', '九江市第一人民医院'];
const DIAGNOSES = ['高血压', '2型糖尿病', '肺炎', '骨折', '冠心病', '慢性肾病', '脑梗死', '白内障'];

async function writeStream(s: fs.WriteStream, data: string | Buffer) {
  if (!s.write(data)) await new Promise<void>((r) => s.once('drain', () => r()));
}

/** Runs the CLI import and samples the child's peak RSS (VmHWM) until it exits. */
function importInChild(env: NodeJS.ProcessEnv, file: string): Promise<{ report: any; seconds: number; peakMiB: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(path.join(ROOT, 'bin/safetynet'), ['import', '--feed', 'medical_settlement', '--file', file, '--json', '--max-rejected', '5'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let peakKiB = 0;
    let lastProgress = 0;
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c: Buffer) => {
      const text = c.toString();
      for (const line of text.split('\n')) if (line && !line.includes('progress:')) console.log(`  [import] ${line}`);
      const m = /progress: (\d+)/.exec(text);
      if (m && Number(m[1]) - lastProgress >= 1_000_000) {
        lastProgress = Number(m[1]);
        console.log(`  … ${lastProgress.toLocaleString('en')} rows read, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
    });
    const timer = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
      } catch {
        /* exited */
      }
    }, 200);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`import exited ${code}: ${out}`));
      resolve({ report: JSON.parse(out.trim().split('\n').pop()!), seconds: (Date.now() - started) / 1000, peakMiB: peakKiB / 1024 });
    });
  });
}

async function exportPersons(url: string, file: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await pipeline(client.query(copyTo('copy (select id, id_number from persons) to stdout with (format csv, header)')), fs.createWriteStream(file));
  } finally {
    await client.end();
  }
}

export async function feedsBench(args: string[]) {
  const rows = Number(arg(args, 'rows', '10000000'));
  const people = Number(arg(args, 'people', '3560000'));
  const regions = RegionTree.loadJiangxi();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-bench-feeds-'));
  fs.chmodSync(dir, 0o755);
  const bench = await freshBenchDatabase('sn_bench_feeds');
  try {
    console.log(`loading ${people.toLocaleString('en')} demo people …`);
    await loadDemoPopulation(bench.db, regions, { people, seed: 1, today: '2026-11-23' });
    const ids: string[] = [];
    for (const h of generatePopulation({ people, seed: 1, regions, today: '2026-11-23' })) for (const p of h.members) ids.push(p.idNumber);

    console.log(`writing ${rows.toLocaleString('en')} rows of GB18030 CSV (0.1 % bad) …`);
    const gbFile = path.join(dir, 'medical_settlement.csv');
    const utf8File = path.join(dir, 'medical_settlement.utf8.csv');
    const gb = fs.createWriteStream(gbFile);
    const utf8 = fs.createWriteStream(utf8File);
    await writeStream(gb, iconv.encode(HEADER, 'gb18030'));
    await writeStream(utf8, HEADER);
    let chunk = '';
    let bad = 0;
    for (let i = 0; i < rows; i++) {
      const id = ids[(i * 7919) % ids.length];
      const day = 1 + (i % 28);
      const month = 1 + ((i >> 5) % 12);
      const total = 1000 + ((i * 37) % 900000);
      const self = Math.floor(total * 0.3);
      const isBad = i % 1000 === 999;
      if (isBad) bad++;
      const idCell = isBad ? id.slice(0, 17) : id; // a truncated number: rejected with its row
      chunk += `${idCell},某某,JS${String(i).padStart(10, '0')},2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},${i % 9 ? '门诊' : '住院'},${HOSPITALS[i % 5]},${DIAGNOSES[i % 8]},${(total / 100).toFixed(2)},${((total - self) / 100).toFixed(2)},${(self / 100).toFixed(2)}\r\n`;
      if (chunk.length > 4_000_000) {
        await writeStream(gb, iconv.encode(chunk, 'gb18030'));
        await writeStream(utf8, chunk);
        chunk = '';
      }
    }
    await writeStream(gb, iconv.encode(chunk, 'gb18030'));
    await writeStream(utf8, chunk);
    await Promise.all([gb, utf8].map((s) => new Promise<void>((r) => s.end(() => r()))));
    ids.length = 0;
    console.log(`  file ${(fs.statSync(gbFile).size / 2 ** 20).toFixed(0)} MiB, ${bad.toLocaleString('en')} bad rows`);

    const env = { ...process.env, DATABASE_URL: bench.url, SAFETYNET_DATA_DIR: path.join(dir, 'data') };
    const ours = await importInChild(env, gbFile);
    const r = ours.report;
    console.log(`SafetyNet import: ${r.status}, read ${r.read.toLocaleString('en')}, accepted ${r.accepted.toLocaleString('en')}, rejected ${r.rejected.toLocaleString('en')}, matched ${r.matched.toLocaleString('en')}`);
    console.log(`  the import run itself (transaction: read, validate, load): ${(r.durationMs / 1000).toFixed(1)} s, ${Math.round(r.read / (r.durationMs / 1000)).toLocaleString('en')} rows/s`);
    console.log(`  time ${ours.seconds.toFixed(1)} s, ${Math.round(r.read / ours.seconds).toLocaleString('en')} rows/s, peak RSS ${ours.peakMiB.toFixed(0)} MiB (targets ≥ 200,000 rows/s, < 1024 MiB)`);

    // Reference: DuckDB on the same rows and the same persons.
    const personsFile = path.join(dir, 'persons.csv');
    await exportPersons(bench.url, personsFile);
    const duck = await DuckDBInstance.create(':memory:');
    const conn = await duck.connect();
    await conn.run(`create table persons as select * from read_csv('${personsFile}', header = true, columns = {'id': 'BIGINT', 'id_number': 'VARCHAR'})`);
    const started = Date.now();
    const result = await conn.runAndReadAll(`create table settled as
      select m.*, p.id as person_id from read_csv('${utf8File}', header = true, all_varchar = true) m
      left join persons p on p.id_number = m."身份证号"`);
    void result;
    const duckSeconds = (Date.now() - started) / 1000;
    const count = await conn.runAndReadAll('select count(*), count(person_id) from settled');
    const [[n, matched]] = count.getRows() as unknown as [[bigint, bigint]];
    console.log(`reference (DuckDB read_csv + join to persons, UTF-8 copy): ${duckSeconds.toFixed(1)} s, ${Math.round(Number(n) / duckSeconds).toLocaleString('en')} rows/s (${Number(matched).toLocaleString('en')} matched)`);
    console.log(`ratio SafetyNet / DuckDB: ${(ours.seconds / duckSeconds).toFixed(1)}× (DuckDB only reads and joins in memory; SafetyNet also validates every value, keeps the error report, checks natural keys and maintains the indexes rules need)`);
    conn.closeSync?.();
  } finally {
    if (args.includes('--keep')) {
      // For profiling by hand: the database and the files stay.
      console.log(`kept: DATABASE_URL=${bench.url} and ${dir}`);
      await bench.db.close();
    } else {
      await bench.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
