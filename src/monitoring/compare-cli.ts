// `safetynet compare --full [--county CODE] [--workers N] [--today YYYY-MM-DD] [--json]`: the full
// comparison from the command line. On PostgreSQL it starts N worker processes (`compare --work RUN`) that
// share the run's county units; on the embedded database (one process may open it) it works in-process.
// Progress is printed as it goes, then the counts per rule.
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../platform/db';
import { readConfig } from '../platform/config';
import { todayIn } from '../platform/app-context';
import {
  comparisonRunProgress, finishFullComparison, requeueAbandoned, startFullComparison, workFullComparison, type RunProgress,
} from './comparison-runs';
import { isDate } from './windows';

export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/safetynet');

export const COMPARE_HELP = `  compare --full [--county CODE] [--workers N] [--units N] [--today YYYY-MM-DD] [--json]
                                full comparison (全面比对) of every monitored person against every rule,
                                split into units of whole counties (default one per worker) shared by N
                                worker processes (PostgreSQL); prints progress and warnings per rule`;

const mmss = (ms: number) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function progressLine(p: RunProgress): string {
  const eta = p.etaSeconds !== null ? `, about ${mmss(p.etaSeconds * 1000)} left` : '';
  return `progress: ${p.percent.toFixed(1)}% (${p.units.done + p.units.failed}/${p.units.total} units done, ${p.units.running} running), ${mmss(p.durationMs)} elapsed${eta}; ` +
    `${p.totals.raised.toLocaleString('en')} warnings raised, ${p.totals.updated.toLocaleString('en')} updated`;
}

export function reportLines(p: RunProgress): string[] {
  const lines = [
    `comparison run ${p.id}: ${p.status} in ${(p.durationMs / 1000).toFixed(1)} s (today ${p.today}${p.countyCode ? `, county ${p.countyCode}` : ''}, ${p.workers} worker${p.workers > 1 ? 's' : ''})`,
    `  ${p.subjects.toLocaleString('en')} people evaluated in ${p.units.total} units${p.units.failed ? ` (${p.units.failed} FAILED)` : ''}`,
    `  ${'rule'.padEnd(24)} ${'fired'.padStart(9)} ${'raised'.padStart(9)} ${'updated'.padStart(9)} ${'evidence'.padStart(9)} ${'time s'.padStart(8)}`,
  ];
  for (const r of p.rules) {
    lines.push(`  ${r.ruleCode.padEnd(24)} ${r.firings.toLocaleString('en').padStart(9)} ${r.raised.toLocaleString('en').padStart(9)} ${r.updated.toLocaleString('en').padStart(9)} ${r.evidenceAdded.toLocaleString('en').padStart(9)} ${(r.durationMs / 1000).toFixed(1).padStart(8)}`);
  }
  lines.push(`  ${'total'.padEnd(24)} ${p.totals.firings.toLocaleString('en').padStart(9)} ${p.totals.raised.toLocaleString('en').padStart(9)} ${p.totals.updated.toLocaleString('en').padStart(9)} ${p.totals.evidenceAdded.toLocaleString('en').padStart(9)}`);
  if (p.error) lines.push(`  error: ${p.error}`);
  return lines;
}

/** Starts `n` worker processes on a run; they exit when no unit is left. */
export function spawnCompareWorkers(runId: number, n: number, env: NodeJS.ProcessEnv = process.env): ChildProcess[] {
  return Array.from({ length: n }, () => spawn(CLI, ['compare', '--work', String(runId)], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

/**
 * Runs a started full comparison to its end with `workers` processes (PostgreSQL) or in this process
 * (PGlite), reporting progress; units a dead worker left behind are finished here.
 */
export async function driveFullComparison(db: Database, runId: number, workers: number, onProgress: (p: RunProgress) => void, env?: NodeJS.ProcessEnv): Promise<RunProgress> {
  const timer = setInterval(() => {
    comparisonRunProgress(db, runId).then(onProgress, () => undefined);
  }, 2000);
  try {
    if (db.engine === 'postgres' && workers > 0) {
      const children = spawnCompareWorkers(runId, workers, env);
      await Promise.all(children.map(exited));
      if (await requeueAbandoned(db, runId)) await workFullComparison(db, runId, `${os.hostname()}/${process.pid}`);
    } else {
      await workFullComparison(db, runId, `${os.hostname()}/${process.pid}`);
    }
  } finally {
    clearInterval(timer);
  }
  await finishFullComparison(db, runId);
  return comparisonRunProgress(db, runId);
}

export async function compareCommand(args: string[], open: (quiet: boolean) => Promise<Database>): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { full: { type: 'boolean' }, county: { type: 'string' }, workers: { type: 'string' }, units: { type: 'string' }, today: { type: 'string' }, json: { type: 'boolean' }, work: { type: 'string' } },
  });
  if (values.work) {
    // A worker process of a run started elsewhere (which migrated the database already).
    const db = openDatabase(readConfig());
    try {
      const done = await workFullComparison(db, Number(values.work), `${os.hostname()}/${process.pid}`);
      process.stderr.write(`worker ${process.pid}: ${done} unit(s) done\n`);
    } finally {
      await db.close();
    }
    return;
  }
  if (!values.full) throw new Error(`usage:\n${COMPARE_HELP}`);
  const workers = Number(values.workers ?? 1);
  if (!Number.isInteger(workers) || workers < 1 || workers > 32) throw new Error('--workers is a whole number from 1 to 32');
  const units = values.units === undefined ? undefined : Number(values.units);
  if (units !== undefined && (!Number.isInteger(units) || units < 1 || units > 200)) throw new Error('--units is a whole number from 1 to 200');
  const today = values.today ?? todayIn({ now: () => new Date() });
  if (!isDate(today)) throw new Error('--today is a date YYYY-MM-DD');
  const county = values.county ? values.county.padEnd(12, '0') : null;
  const db = await open(!!values.json);
  try {
    let effective = workers;
    if (db.engine === 'pglite' && workers > 1) {
      console.error('note: the embedded database is opened by one process only: running with 1 worker (set DATABASE_URL for several)');
      effective = 1;
    }
    const runId = await startFullComparison(db, { today, countyCode: county, workers: effective, units, actor: { userId: null, name: `cli:${os.userInfo().username}` } });
    if (!values.json) console.log(`full comparison ${runId} started: today ${today}${county ? `, county ${county}` : ', whole province'}, ${effective} worker(s)`);
    const result = await driveFullComparison(db, runId, effective, (p) => console.error(progressLine(p)));
    if (values.json) process.stdout.write(JSON.stringify(result) + '\n');
    else for (const line of reportLines(result)) console.log(line);
    if (result.status !== 'completed') process.exitCode = 1;
  } finally {
    await db.close();
  }
}
