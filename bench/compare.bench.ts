// Monitoring benchmark: the demo province (default 3,560,000 people) with 12 months of department data in
// all 13 feeds (≈ 5.9 records per person: over 20 M at full size), generated set-based in SQL, matched to
// registry people, plus people the registry does not know. Then, on PostgreSQL:
//   * the full comparison (全面比对) with 1 worker process, then again from scratch with 2 (same warnings?);
//   * warnings raised per rule;
//   * rule preview time (province, city, county) for the heaviest rule and a light one;
//   * push-to-listed latency at 200 pushes/s against a real server on 127.0.0.1 (bounded, stops by itself).
// `npm run bench -- compare [--people N] [--seconds S] [--rate R] [--keep] [--prepare-only] [--reuse [--push-only | --preview-only
// [--rules all|CODE,…] [--regions province,CODE,…] [--live] | --full-only]]` (--full-only: the full comparison with 2
// workers; with --preview-only as well, the previews follow it, with its warnings in place). The ledgers of the
// rules previewed are built (and timed) before the previews; --live computes without them. Targets: full < 5 min,
// preview < 2 s, push-to-listed p99 < 1 s.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { RegionTree } from '../src/registry/regions';
import { loadDemoPopulation } from '../src/registry/demo-loader';
import { todayIn } from '../src/platform/app-context';
import { addUser } from '../src/platform/auth/users';
import { SYSTEM_ACTOR } from '../src/platform/audit';
import type { Database } from '../src/platform/db';
import { addFeedToken } from '../src/feeds/import/tokens';
import { FEEDS, feedTable } from '../src/feeds/catalogue';
import { comparisonRunProgress, startFullComparison } from '../src/monitoring/comparison-runs';
import { CLI, driveFullComparison, progressLine, reportLines } from '../src/monitoring/compare-cli';
import { previewRule } from '../src/monitoring/preview';
import { ledgerOf } from '../src/monitoring/preview-ledgers';
import { RULES } from '../src/monitoring/rule-catalogue';
import { arg, freshBenchDatabase, peakRssMiB } from './bench-db';

import { h, PLANS } from '../src/monitoring/demo-feeds';

/**
 * Secondary indexes of the feed tables, dropped for the bulk load and built again afterwards (building an
 * index once is far cheaper than maintaining it row by row); constraint indexes stay.
 */
async function secondaryIndexes(db: Database): Promise<{ name: string; def: string }[]> {
  const r = await db.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = current_schema() and i.tablename like 'feed\\_%' and i.tablename not in ('feed_imports', 'feed_import_errors', 'feed_tokens', 'feed_push_batches')
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`);
  return r.rows.map((x) => ({ name: x.indexname, def: x.indexdef }));
}

async function generateFeeds(db: Database, today: string, people: number): Promise<number> {
  let total = 0;
  const indexes = await secondaryIndexes(db);
  for (const i of indexes) await db.query(`drop index ${i.name}`);
  // Two at a time: one per core.
  const queue = [...PLANS];
  const work = async () => {
    for (let plan = queue.shift(); plan; plan = queue.shift()) {
      const feed = FEEDS.find((f) => f.code === plan!.feed)!;
      const columns = feed.columns.map((c) => c.key);
      const started = Date.now();
      const n = await db.transaction(async (tx) => {
        await tx.query(`select set_config('jit', 'off', true), set_config('work_mem', '256MB', true)`);
        const imp = await tx.query<{ id: number }>(
          `insert into feed_imports (feed, source, status, file_name, finished_at) values ($1, 'file', 'completed', $2, now()) returning id`,
          [feed.code, `bench-${feed.code}-${today.slice(0, 7)}.csv`]);
        const r = await tx.query(
          `insert into ${feedTable(feed)} (${columns.join(', ')}, import_id, source_row, person_id)
           select ${columns.map((c) => `g.${c}`).join(', ')}, $1, (row_number() over ())::int + 1, p.id
           from (${plan!.select(today, people)}) g left join persons p on p.id_number = g.id_number
           on conflict do nothing`, [imp.rows[0].id]);
        await tx.query('update feed_imports set rows_read = $2, rows_accepted = $2 where id = $1', [imp.rows[0].id, r.rowCount]);
        return r.rowCount;
      });
      total += n;
      console.log(`  ${feed.code.padEnd(32)} ${n.toLocaleString('en').padStart(12)} records in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  };
  await Promise.all([work(), work()]);
  const started = Date.now();
  const defs = [...indexes];
  const build = async () => {
    for (let i = defs.shift(); i; i = defs.shift()) await db.query(i.def);
  };
  await Promise.all([build(), build()]);
  console.log(`  ${indexes.length} secondary indexes built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const f of FEEDS) await db.query(`analyze ${feedTable(f)}`);
  return total;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * The load generator's HTTP: node:http over kept-alive connections. The generator shares the two cores with
 * the server and PostgreSQL; with fetch it took 20–40 % of a core at 140 pushes/s (top), with node:http
 * about 1 ms a push (its push and its poll).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
function request(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU seconds spent by processes: the server (by pid) and PostgreSQL (every process named postgres). */
function processCpu(serverPid: number): { server: number; postgres: number } {
  const secondsOf = (pid: string) => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), cpu: (Number(fields[11]) + Number(fields[12])) / 100 };
    } catch {
      return { comm: '', cpu: 0 }; // gone meanwhile
    }
  };
  let postgres = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const p = secondsOf(pid);
    if (p.comm === 'postgres') postgres += p.cpu;
  }
  return { server: secondsOf(String(serverPid)).cpu, postgres };
}

/** CPU seconds the machine has spent busy (all processes), from /proc/stat; steadier than latency to compare changes. */
function machineCpu(): { busy: number; cores: number } {
  const lines = fs.readFileSync('/proc/stat', 'utf8').split('\n');
  const [, user, nice, system, , , irq, softirq] = lines[0].trim().split(/\s+/).map(Number);
  const hz = 100; // USER_HZ on Linux
  return { busy: (user + nice + system + irq + softirq) / hz, cores: lines.filter((l) => /^cpu\d/.test(l)).length };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Pushes at `rate` per second for `seconds`, each a settlement that fires MEDICAL_SELF_PAID_12M for a monitored person. */
async function pushLatency(db: Database, url: string, today: string, rate: number, seconds: number) {
  const port = await freePort();
  const server: ChildProcess = spawn(CLI, ['serve'], { env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (b: Buffer) => {
        if (b.toString().includes('is running')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}/api/v1`;
    const { token } = await addFeedToken(db, SYSTEM_ACTOR, '医保局', ['medical_settlement']);
    // --reuse runs again on the same database: the account may be there already.
    const exists = await db.query(`select 1 from users where username = 'bench_province'`);
    if (!exists.rows.length) await addUser(db, SYSTEM_ACTOR, { username: 'bench_province', password: 'bench-password-1', role: 'province', regionCode: '360000000000' });
    const loginRes = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_province', password: 'bench-password-1' }) });
    const cookie = String(loginRes.headers.get('set-cookie')).split(';')[0];
    const total = Math.round(rate * seconds);
    const targets = (await db.query<{ id: number; id_number: string }>(
      `select p.id, p.id_number from persons p
       where p.household_id is not null and not exists (select 1 from warnings w where w.rule_code = 'MEDICAL_SELF_PAID_12M' and w.subject_key = 'p:' || p.id_number)
       order by ${h('p.id * 977')} limit $1`, [total])).rows;
    const ack: number[] = [];
    const listed: number[] = [];
    const afterAck: number[] = [];
    let failures = 0;
    let inFlight = 0;
    const one = async (i: number) => {
      const t = targets[i];
      const t0 = performance.now();
      inFlight++;
      try {
        const res = await request(`${base}/feeds/medical_settlement/records`, 'POST', { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          JSON.stringify({ batchId: `bench-${i}-${Date.now()}`, records: [{ id_number: t.id_number, settlement_no: `BENCH-${i}-${Date.now()}`, settled_on: today, visit_type: '住院', total_cost: '60000', self_paid: '25000' }] }));
        const t1 = performance.now();
        if (res.status !== 201) throw new Error(`push answered ${res.status}`);
        ack.push(t1 - t0);
        for (let attempt = 0; attempt < 50; attempt++) {
          const r = await request(`${base}/warnings?personId=${t.id}&rule=MEDICAL_SELF_PAID_12M&pageSize=1`, 'GET', { cookie });
          const body = JSON.parse(r.text) as { items: unknown[] };
          if (body.items.length) {
            const t2 = performance.now();
            listed.push(t2 - t0);
            afterAck.push(t2 - t1);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        throw new Error('warning never listed');
      } catch {
        failures++;
      } finally {
        inFlight--;
      }
    };
    const cpuBefore = machineCpu();
    const processesBefore = processCpu(server.pid!);
    const generatorBefore = process.cpuUsage();
    const started = performance.now();
    const pending: Promise<void>[] = [];
    let maxInFlight = 0;
    for (let i = 0; i < targets.length; i++) {
      // Open loop: the i-th push leaves at i / rate seconds, whatever happened to the earlier ones.
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(one(i));
      maxInFlight = Math.max(maxInFlight, inFlight);
    }
    await Promise.all(pending);
    const elapsed = (performance.now() - started) / 1000;
    const cpu = machineCpu();
    const busy = cpu.busy - cpuBefore.busy;
    const processes = processCpu(server.pid!);
    const generatorUsage = process.cpuUsage(generatorBefore);
    const generator = (generatorUsage.user + generatorUsage.system) / 1e6;
    const serverCpu = processes.server - processesBefore.server;
    const postgresCpu = processes.postgres - processesBefore.postgres;
    const perPush = (s: number) => `${((s * 1000) / targets.length).toFixed(1)} ms`;
    const sort = (a: number[]) => [...a].sort((x, y) => x - y);
    const [a, l, aa] = [sort(ack), sort(listed), sort(afterAck)];
    console.log(`push-to-listed: ${targets.length} pushes at ${rate}/s over ${elapsed.toFixed(1)} s (achieved ${(targets.length / elapsed).toFixed(0)}/s, ${failures} failed, max ${maxInFlight} in flight)`);
    console.log(`  push acknowledged:      p50 ${pct(a, 50).toFixed(0)} ms, p99 ${pct(a, 99).toFixed(0)} ms, max ${a.at(-1)!.toFixed(0)} ms`);
    console.log(`  push sent → listed:     p50 ${pct(l, 50).toFixed(0)} ms, p99 ${pct(l, 99).toFixed(0)} ms, max ${l.at(-1)!.toFixed(0)} ms`);
    console.log(`  CPU of the whole machine: ${(busy / elapsed).toFixed(2)} of ${cpu.cores} cores busy, ${perPush(busy)} a push: server ${perPush(serverCpu)}, PostgreSQL ${perPush(postgresCpu)}, this generator ${perPush(generator)}, the rest (kernel threads, other processes) ${perPush(busy - serverCpu - postgresCpu - generator)}`);
    console.log(`  acknowledged → listed:  p50 ${pct(aa, 50).toFixed(0)} ms, p99 ${pct(aa, 99).toFixed(0)} ms (target p99 < 1 s)`);
  } finally {
    agent.destroy();
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
  }
}

/** The bench's previews: its five rules (proposed parameters) or, with `--rules all|A,B`, those rules with their own. */
async function previews(db: Database, today: string, args: string[]) {
  const province = { userId: 0, username: 'bench', role: 'province' as const, regionCode: '360000000000', regionLevel: 1 };
  const chosen = arg(args, 'rules', '');
  const cases: [string, Record<string, unknown>][] = chosen === ''
    ? [['MEDICAL_SELF_PAID_12M', { thresholdFen: 1_500_000 }], ['SERIOUS_ILLNESS', { lookbackMonths: 6 }], ['RIGID_OVER_INCOME', { minExpenseFen: 800_000 }],
      ['MEDICAL_SPIKE', { factor: 2 }], ['RECOVERY_EMPLOYMENT', { consecutiveMonths: 5 }]]
    : (chosen === 'all' ? RULES.map((r) => r.code) : chosen.split(',')).map((code) => [code, {}]);
  const regions = arg(args, 'regions', 'province,360700000000,360731000000').split(',').map((r) => (r === 'province' ? null : r));
  // RIGID_OVER_INCOME's and MEDICAL_SELF_PAID_12M's city and province previews count from their ledgers,
  // which the server keeps current; here they are built first, and timed. --live computes them as if there
  // were none.
  const live = args.includes('--live');
  const ledgers = live ? [] : [...new Set(cases.map(([code]) => ledgerOf(code)).filter((l) => l !== undefined))];
  for (const ledger of ledgers) {
    const b = await ledger.build(db, today);
    console.log(`${ledger.label}: ${b.rows.toLocaleString('en')} rows as of ${b.asOf}, built in ${(b.durationMs / 1000).toFixed(1)} s`);
  }
  for (const [code, params] of cases) {
    for (const region of regions) {
      const r = await previewRule(db, province, code, { regionCode: region, params }, today, { live });
      const how = r.ledger === null ? '' : r.ledger.used ? `, from the ${r.ledger.name} ledger and ${r.ledger.changed} ${r.ledger.unit} changed since` : `, live: ${r.ledger.why}`;
      console.log(`preview ${code.padEnd(22)} ${(region ?? 'province').padEnd(12)}: ${(r.durationMs / 1000).toFixed(2)} s (proposed ${r.proposed.subjects.toLocaleString('en')}, current ${r.current.subjects.toLocaleString('en')}${how})`);
    }
  }
}

export async function compareBench(args: string[]) {
  const people = Number(arg(args, 'people', '3560000'));
  const seconds = Number(arg(args, 'seconds', '10'));
  const rate = Number(arg(args, 'rate', '200'));
  const keep = args.includes('--keep') || args.includes('--prepare-only');
  const reuse = args.includes('--reuse');
  const today = todayIn({ now: () => new Date() });
  const name = `sn_bench_compare_${people}`;
  const { db, url, drop } = reuse ? await reuseDatabase(name) : await freshBenchDatabase(name);
  try {
    if (!reuse) {
      const r = await loadDemoPopulation(db, RegionTree.loadJiangxi(), { people, seed: 1, today });
      console.log(`registry: ${r.persons.toLocaleString('en')} people in ${r.households.toLocaleString('en')} households (${r.seconds.toFixed(0)} s)`);
      const started = Date.now();
      console.log('feeds (12 months, generated set-based in SQL, matched to the registry):');
      const n = await generateFeeds(db, today, people);
      console.log(`feeds: ${n.toLocaleString('en')} records in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    } else {
      // A rerun starts as the first run did: no warnings, no verification tasks, none of the earlier runs'
      // pushed settlements (each would be evidence again: the same people's evidence grew run after run),
      // fresh statistics.
      await db.query(`delete from tasks where kind = 'warningVerification'`);
      await db.query(`delete from feed_medical_settlement where settlement_no like 'BENCH-%'`);
      await db.query('vacuum analyze feed_medical_settlement');
      for (const t of ['warning_events', 'warning_evidence', 'warnings']) await db.query(`delete from ${t}`);
      for (const t of ['tasks', 'warning_events', 'warning_evidence', 'warnings']) await db.query(`vacuum analyze ${t}`);
    }
    if (args.includes('--prepare-only')) {
      console.log(`prepared ${name} (kept; rerun with --reuse)`);
      return;
    }
    if (args.includes('--preview-only') && !args.includes('--full-only')) {
      await previews(db, today, args);
      return;
    }
    if (args.includes('--push-only')) {
      await pushLatency(db, url, today, rate, seconds);
      return;
    }
    const env = { ...process.env, DATABASE_URL: url };
    const actor = { userId: null, name: 'bench' };
    const full = async (workers: number) => {
      const runId = await startFullComparison(db, { today, workers, actor });
      const started = Date.now();
      const result = await driveFullComparison(db, runId, workers, (p) => console.log(`  ${progressLine(p)}`), env);
      console.log(`full comparison with ${workers} worker process(es): ${((Date.now() - started) / 1000).toFixed(1)} s (${result.status})`);
      return result;
    };
    if (args.includes('--full-only')) {
      const two = await full(2);
      for (const line of reportLines(two)) console.log(line);
      // With --preview-only too: previews with the full comparison's warnings in place ("already open").
      if (args.includes('--preview-only')) await previews(db, today, args);
      return;
    }
    const one = await full(1);
    for (const line of reportLines(one)) console.log(line);
    await db.query('delete from warning_events');
    await db.query('delete from warning_evidence');
    await db.query('delete from warnings');
    const two = await full(2);
    const same = JSON.stringify(one.rules.map((r) => [r.ruleCode, r.raised])) === JSON.stringify(two.rules.map((r) => [r.ruleCode, r.raised]));
    console.log(`  2 workers raised the same warnings per rule as 1: ${same ? 'yes' : 'NO'} (${two.totals.raised.toLocaleString('en')} vs ${one.totals.raised.toLocaleString('en')})`);
    const units = await comparisonRunProgress(db, two.id);
    console.log(`  ${units.units.done} units done, ${units.subjects.toLocaleString('en')} people evaluated`);

    await previews(db, today, args);
    await pushLatency(db, url, today, rate, seconds);
    console.log(`peak RSS of the bench process ${peakRssMiB().toFixed(0)} MiB`);
  } finally {
    if (keep || reuse) await db.close();
    else await drop();
  }
}

async function reuseDatabase(name: string) {
  const { BENCH_PG_URL } = await import('./bench-db');
  const { Database, PostgresPool } = await import('../src/platform/db');
  const u = new URL(BENCH_PG_URL);
  u.pathname = `/${name}`;
  const db = new Database(new PostgresPool(u.toString()));
  return { db, url: u.toString(), drop: async () => db.close() };
}

