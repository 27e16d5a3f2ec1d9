// `bin/safetynet <command>`: the platform's command line. Each command is a small function here that calls
// the capability that does the work; `help` lists them.
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { importFile } from './feeds/import/import-file';
import { compareCommand, COMPARE_HELP } from './monitoring/compare-cli';
import { subscribeComparisons } from './monitoring/realtime';
import { loadDemoFeeds } from './monitoring/demo-feeds';
import { runFullComparison } from './monitoring/comparison-runs';
import { ledgerOutOfDate, PREVIEW_LEDGERS } from './monitoring/preview-ledgers';
import { startLedgerKeeper } from './monitoring/ledger-keeper';
import { subscribeVerificationTasks } from './casework/events';
import { openVerificationTasks, escalateOverdueTasks } from './casework/tasks';
import { addFeedToken } from './feeds/import/tokens';
import { benefitsCommand, payrollCommand, BENEFITS_HELP } from './benefits/cli-commands';
import { seedPolicyVersions } from './benefits/store/policy-store';
import { seedDemoBenefits } from './benefits/demo/seed-demo';
import { readConfig } from './platform/config';
import { openDatabase, migrate, type Database } from './platform/db';
import { loadReferenceData } from './platform/reference-data';
import { verifyAuditChain, SYSTEM_ACTOR } from './platform/audit';
import { addUser } from './platform/auth/users';
import { AppError } from './platform/errors';
import { RegionTree } from './registry/regions';
import { loadDemoPopulation } from './registry/demo-loader';
import { DEMO_PASSWORD, ensureDemoAccounts } from './registry/demo-accounts';
import { createApp } from './app';
import type { AppContext } from './platform/app-context';
import { todayIn } from './platform/app-context';

const HELP = `safetynet <command> [options]

  serve [--demo] [--people N]   start the platform (migrates first); --demo loads the demo province if empty
  migrate                       apply database migrations and reference data (regions)
  demo --people N [--seed S]    load a synthetic demo province into an empty registry
  user add --username U --password P --role R --region CODE [--name NAME] [--department D]
  audit verify                  check the audit trail's hash chain
  import --feed CODE --file PATH [--encoding E] [--sheet S] [--max-rejected PCT] [--json]
                                import a department's file (all or nothing); --json prints one JSON object
  token add --department NAME --feeds a,b [--label L]
                                make a department API token (printed once, stored hashed)
${COMPARE_HELP}
${BENEFITS_HELP}
  tasks open | escalate [--today D]
                                open verification tasks for warnings that have none; escalate overdue tasks to the county
  ledger build | status [--today D] [--ledger NAME]
                                build the ledgers that city and province previews of RIGID_OVER_INCOME
                                (householdExpense), MEDICAL_SELF_PAID_12M (medicalSelfPaid), MEDICAL_SPIKE
                                (medicalMonths) and RECOVERY_EMPLOYMENT (contributionMonths) count from (serve
                                keeps them current by itself), or show whether they serve today
  help                          this text

Environment: DATABASE_URL (PostgreSQL; absent → embedded PGlite in SAFETYNET_DATA_DIR, default ./data),
PORT (8080), HOST (127.0.0.1).`;

export const DEFAULT_DEMO_PEOPLE = 20_000;

async function prepared(options: { quiet?: boolean } = {}): Promise<{ db: Database; config: ReturnType<typeof readConfig> }> {
  const config = readConfig();
  const db = openDatabase(config);
  const applied = await migrate(db);
  if (applied.length && !options.quiet) console.error(`migrations applied: ${applied.join(', ')}`);
  await loadReferenceData(db);
  // Policy versions of src/benefits/policy/seed.ts not stored yet (idempotent; never rewrites a stored one).
  await seedPolicyVersions(db);
  return { db, config };
}

async function loadDemo(db: Database, people: number, seed: number) {
  const today = todayIn({ now: () => new Date() });
  console.log(`loading demo province: ${people.toLocaleString('en')} people (seed ${seed}) …`);
  let last = 0;
  const result = await loadDemoPopulation(db, RegionTree.loadJiangxi(), {
    people, seed, today,
    onProgress: (n) => {
      if (n - last >= 200_000) {
        last = n;
        console.log(`  ${n.toLocaleString('en')} people`);
      }
    },
  });
  console.log(`demo loaded: ${result.households.toLocaleString('en')} households, ${result.persons.toLocaleString('en')} people, ${result.categories.toLocaleString('en')} categories in ${result.seconds.toFixed(1)} s`);
  // Benefits: demo policy versions, assumed incomes (the demo income model) and awards for 低保/特困 households.
  const b = await seedDemoBenefits(db, { today });
  console.log(`demo benefits: ${b.awards.toLocaleString('en')} awards (${b.adjustments.toLocaleString('en')} adjustments) for ${b.facts.toLocaleString('en')} households' assumed incomes in ${b.seconds.toFixed(1)} s`);
  // A year of department data, compared with the registry as the quarterly full comparison would, so the
  // warning list and the townships' task queues have work in them from the first login.
  let started = Date.now();
  const records = await loadDemoFeeds(db, today, people);
  console.log(`demo feeds: ${records.toLocaleString('en')} records in 13 feeds in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  const run = await runFullComparison(db, { today, actor: SYSTEM_ACTOR });
  const tasks = await db.transaction((tx) => openVerificationTasks(tx));
  console.log(`demo comparison: ${run.totals.raised.toLocaleString('en')} warnings, ${tasks.toLocaleString('en')} verification tasks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function printDemoAccounts(db: Database) {
  const accounts = await ensureDemoAccounts(db);
  console.log(`\ndemo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const a of accounts) console.log(`  ${a.username.padEnd(10)} ${a.role.padEnd(10)} ${a.regionCode}  ${a.regionName}`);
}

async function serve(args: string[]) {
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean' }, people: { type: 'string' }, seed: { type: 'string' } } });
  const { db, config } = await prepared();
  if (values.demo) {
    const n = await db.query<{ n: number }>('select count(*)::int as n from persons');
    if (n.rows[0].n === 0) await loadDemo(db, Number(values.people ?? DEFAULT_DEMO_PEOPLE), Number(values.seed ?? 1));
    await printDemoAccounts(db);
  }
  const ctx: AppContext = { db, config, now: () => new Date() };
  const app = await createApp(ctx, { logger: false });
  await app.listen({ port: config.port, host: config.host });
  const keeper = startLedgerKeeper(db, () => todayIn(ctx));
  console.log(`\nSafetyNet 民生保障网 is running on ${db.engine === 'pglite' ? `embedded PGlite (${config.dataDir})` : 'PostgreSQL'}`);
  console.log(`open http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/  (API: /api/v1, OpenAPI: /api/v1/openapi.json)`);
  const stop = async () => {
    keeper.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function demo(args: string[]) {
  const { values } = parseArgs({ args, options: { people: { type: 'string' }, seed: { type: 'string' } } });
  const { db } = await prepared();
  try {
    await loadDemo(db, Number(values.people ?? DEFAULT_DEMO_PEOPLE), Number(values.seed ?? 1));
    await printDemoAccounts(db);
  } finally {
    await db.close();
  }
}

async function user(args: string[]) {
  const [sub, ...rest] = args;
  if (sub !== 'add') throw new Error('usage: safetynet user add --username U --password P --role R --region CODE');
  const { values } = parseArgs({
    args: rest,
    options: { username: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, region: { type: 'string' }, name: { type: 'string' }, department: { type: 'string' } },
  });
  const { db } = await prepared();
  try {
    const u = await addUser(db, SYSTEM_ACTOR, {
      username: values.username ?? '', password: values.password ?? '', role: values.role ?? '', regionCode: values.region ?? '',
      displayName: values.name, department: values.department ?? null,
    });
    console.log(`user ${u.username} created: role ${u.role}, region ${u.region_code}`);
  } finally {
    await db.close();
  }
}

async function audit(args: string[]) {
  if (args[0] !== 'verify') throw new Error('usage: safetynet audit verify');
  const { db } = await prepared();
  try {
    const result = await verifyAuditChain(db);
    if (result.ok) {
      console.log(`audit trail intact: ${result.entries} entries`);
    } else {
      console.error(`audit trail BROKEN at entry ${result.brokenAt!.seq}: ${result.brokenAt!.reason} (${result.entries} entries verified before it)`);
      process.exitCode = 1;
    }
  } finally {
    await db.close();
  }
}

async function migrateCommand() {
  const { db } = await prepared();
  console.log('database is up to date');
  await db.close();
}

async function importCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { feed: { type: 'string' }, file: { type: 'string' }, encoding: { type: 'string' }, sheet: { type: 'string' }, 'max-rejected': { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.feed || !values.file) throw new Error('usage: safetynet import --feed CODE --file PATH [--encoding E] [--sheet S] [--max-rejected PCT] [--json]');
  if (!fs.existsSync(values.file)) throw new Error(`no such file: ${values.file}`);
  const maxRejected = values['max-rejected'] === undefined ? undefined : Number(String(values['max-rejected']).replace('%', '')) / 100;
  if (maxRejected !== undefined && !(maxRejected >= 0 && maxRejected <= 1)) throw new Error('--max-rejected is a percentage from 0 to 100');
  const { db, config } = await prepared({ quiet: values.json });
  // After the import commits, the rules that read its feed run for the people in it.
  subscribeComparisons(db, () => new Date(), (r) => process.stderr.write(`comparison ${r.runId}: ${r.raised} warning(s) raised, ${r.updated} updated\n`));
  // Then every new warning becomes a verification task for its township (casework).
  subscribeVerificationTasks(db);
  try {
    const report = await importFile(db, config.fileStoreDir, {
      feed: values.feed, path: values.file, encoding: values.encoding, sheet: values.sheet, maxRejectedShare: maxRejected,
      actor: { userId: null, name: `cli:${os.userInfo().username}` },
      // Progress goes to stderr so that --json leaves exactly one object on stdout.
      onProgress: (n) => process.stderr.write(`progress: ${n} rows read\n`),
    });
    if (values.json) {
      const { importId, feed, status, read, accepted, rejected, duplicates, matched, unmatched, errors, durationMs } = report;
      process.stdout.write(JSON.stringify({ importId, feed, status, read, accepted, rejected, duplicates, matched, unmatched, durationMs, errors, ...(report.rejectReason ? { rejectReason: report.rejectReason } : {}) }) + '\n');
    } else {
      console.log(`import ${report.importId} of ${report.feed}: ${report.status}`);
      if (report.rejectReason) console.log(`  ${report.rejectReason.zh} / ${report.rejectReason.en}`);
      console.log(`  read ${report.read}, accepted ${report.accepted}, rejected ${report.rejected}, duplicates ${report.duplicates}, matched ${report.matched}, unmatched ${report.unmatched} (${report.durationMs} ms)`);
      for (const e of report.errors.slice(0, 20)) console.log(`  第 ${e.row} 行「${e.column}」${e.value ? `（${e.value}）` : ''}：${e.reason}`);
      if (report.errors.length > 20) console.log(`  … ${report.errors.length - 20} more errors`);
    }
    if (report.status !== 'completed') process.exitCode = 1;
  } finally {
    await db.close();
  }
}

async function token(args: string[]) {
  const [sub, ...rest] = args;
  if (sub !== 'add') throw new Error('usage: safetynet token add --department NAME --feeds a,b');
  const { values } = parseArgs({ args: rest, options: { department: { type: 'string' }, feeds: { type: 'string' }, label: { type: 'string' } } });
  const { db } = await prepared();
  try {
    const feeds = (values.feeds ?? '').split(',').map((f) => f.trim()).filter(Boolean);
    const made = await addFeedToken(db, SYSTEM_ACTOR, values.department ?? '', feeds, values.label);
    console.log(`token ${made.id} for ${values.department} (${feeds.join(', ')}); shown once, keep it safe:`);
    console.log(made.token);
  } finally {
    await db.close();
  }
}

const compare = async (args: string[]) => {
  await compareCommand(args, async (quiet) => (await prepared({ quiet })).db);
  // A full run's new warnings become verification tasks (casework), as after an import.
  if (args.includes('--full') && !process.exitCode) await tasks(['open']);
};

async function tasks(args: string[]) {
  const [sub, ...rest] = args;
  if (sub !== 'open' && sub !== 'escalate') throw new Error('usage: safetynet tasks open | escalate [--today YYYY-MM-DD]');
  const { values } = parseArgs({ args: rest, options: { today: { type: 'string' } } });
  const today = values.today ?? todayIn({ now: () => new Date() });
  const { db } = await prepared({ quiet: true });
  try {
    const n = await db.transaction((tx) => (sub === 'open' ? openVerificationTasks(tx) : escalateOverdueTasks(tx, today)));
    process.stderr.write(sub === 'open' ? `verification tasks opened: ${n}\n` : `overdue tasks escalated on ${today}: ${n}\n`);
  } finally {
    await db.close();
  }
}

async function ledger(args: string[]) {
  const [sub, ...rest] = args;
  const usage = `usage: safetynet ledger build | status [--today YYYY-MM-DD] [--ledger ${PREVIEW_LEDGERS.map((l) => l.name).join('|')}]`;
  if (sub !== 'build' && sub !== 'status') throw new Error(usage);
  const { values } = parseArgs({ args: rest, options: { today: { type: 'string' }, ledger: { type: 'string' } } });
  const today = values.today ?? todayIn({ now: () => new Date() });
  const ledgers = PREVIEW_LEDGERS.filter((l) => values.ledger === undefined || l.name === values.ledger);
  if (ledgers.length === 0) throw new Error(usage);
  const { db } = await prepared({ quiet: true });
  try {
    for (const l of ledgers) {
      if (sub === 'build') {
        const b = await l.build(db, today);
        process.stderr.write(`${l.label} as of ${b.asOf}: ${b.rows} rows in ${(b.durationMs / 1000).toFixed(1)} s\n`);
      } else {
        const b = await l.latest(db);
        const why = await ledgerOutOfDate(db, l, today);
        process.stdout.write(`${JSON.stringify({ ledger: l.name, rule: l.ruleCode, latest: b, servesToday: why === null, why })}\n`);
      }
    }
  } finally {
    await db.close();
  }
}

const benefits = (args: string[]) => benefitsCommand(args, async (quiet) => (await prepared({ quiet })).db);
const payroll = (args: string[]) => payrollCommand(args, async (quiet) => (await prepared({ quiet })).db);

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = { tasks, ledger, compare, benefits, payroll, serve, migrate: migrateCommand, demo, user, audit, import: importCommand, token };

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`unknown command: ${command}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  await run(args);
}

main().catch((e) => {
  if (e instanceof AppError) {
    console.error(`${e.messageZh} / ${e.messageEn}`);
    for (const f of e.fields) console.error(`  ${f.field}: ${f.message} / ${f.messageEn}`);
  } else {
    console.error(e instanceof Error ? e.message : e);
  }
  process.exit(process.exitCode && process.exitCode !== 0 ? process.exitCode : 1);
});
