// The benefits commands of `bin/safetynet`: the monthly recalculation, the re-check schedule, the policy
// simulation, demo awards, and the county payment roll with its bank file. Each opens the database through
// the function cli.ts hands in (migrated, reference data and seed policies loaded) and acts as the system.
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Database } from '../platform/db';
import { todayIn } from '../platform/app-context';
import { isValidDate, isValidMonth } from './dates';
import { systemCaller } from './store/common';
import { recalculateMonth } from './dynamic/recalc';
import { createRecheckTasks, refreshRechecks } from './dynamic/rechecks';
import { simulateStandard } from './simulation/simulate';
import { seedDemoBenefits } from './demo/seed-demo';
import { createPaymentRoll, reconcileRoll } from './payments/payment-roll';
import { bankFile } from './payments/bank-file';

export const BENEFITS_HELP = `  benefits recalc --month YYYY-MM [--county CODE]
                                propose amount changes from new data (proposed, not applied: a county
                                reviewer confirms them, POST /api/v1/benefit-changes/confirm)
  benefits rechecks [--county CODE] [--due DATE] [--tasks]
                                recompute the re-check schedule; --tasks creates casework re-check tasks due by DATE
  benefits simulate --region CODE --area urban|rural --standard YUAN --from DATE
                                what a new 低保 standard would change (writes nothing)
  benefits demo-awards          seed demo facts and awards into a demo registry that has none
  payroll --county CODE --month YYYY-MM [--out FILE] [--format csv|xlsx] [--encoding utf8|gb18030]
                                make (or rerun) the county's payment roll for the month; --out writes the bank file`;

type Open = (quiet: boolean) => Promise<Database>;

const who = () => systemCaller(`cli:${os.userInfo().username}`);
const today = () => todayIn({ now: () => new Date() });
const yuan = (fen: number) => (fen / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export async function benefitsCommand(args: string[], open: Open): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'recalc') {
    const { values } = parseArgs({ args: rest, options: { month: { type: 'string' }, county: { type: 'string' }, json: { type: 'boolean' } } });
    if (!isValidMonth(values.month)) throw new Error('usage: safetynet benefits recalc --month YYYY-MM [--county CODE]');
    const db = await open(!!values.json);
    try {
      const s = await recalculateMonth(db, who(), { month: values.month, countyCode: values.county });
      await refreshRechecks(db, { countyCode: values.county }, today());
      if (values.json) return void process.stdout.write(JSON.stringify(s) + '\n');
      console.log(`recalculation ${s.month} (assessed on ${s.assessedOn})${s.countyCode ? ` for ${s.countyCode}` : ''}: ${s.households} households, ${s.awards} awards in ${s.seconds.toFixed(1)} s`);
      console.log(`  unchanged ${s.unchanged}, increase ${s.increase}, decrease ${s.decrease}, exit ${s.exit}; proposals stored ${s.proposals}`);
      console.log(`  skipped: ${s.skippedNoFacts} without stored facts, ${s.skippedNoPolicy} without a policy in force; tax-feed wages used for ${s.taxFeedMembers} members`);
      console.log('  proposed only: confirm with POST /api/v1/benefit-changes/confirm (county reviewer)');
    } finally {
      await db.close();
    }
    return;
  }
  if (sub === 'rechecks') {
    const { values } = parseArgs({ args: rest, options: { county: { type: 'string' }, due: { type: 'string' }, tasks: { type: 'boolean' } } });
    const db = await open(false);
    try {
      const r = await refreshRechecks(db, { countyCode: values.county }, today());
      console.log(`re-check schedule: ${r.scheduled} households scheduled, ${r.removed} removed, ${r.skipped} skipped`);
      if (values.tasks) {
        const due = values.due ?? today();
        if (!isValidDate(due)) throw new Error('--due must be YYYY-MM-DD');
        const made = await createRecheckTasks(db, who(), due, today(), values.county);
        console.log(made ? `casework tasks created: ${made.created} (due by ${due})` : 'casework tables not installed: due re-checks are listed only (GET /api/v1/rechecks)');
      }
    } finally {
      await db.close();
    }
    return;
  }
  if (sub === 'simulate') {
    const { values } = parseArgs({ args: rest, options: { region: { type: 'string' }, area: { type: 'string' }, standard: { type: 'string' }, from: { type: 'string' }, json: { type: 'boolean' } } });
    if (!values.region || (values.area !== 'urban' && values.area !== 'rural') || !values.standard || !isValidDate(values.from)) {
      throw new Error('usage: safetynet benefits simulate --region CODE --area urban|rural --standard YUAN --from YYYY-MM-DD');
    }
    const db = await open(!!values.json);
    try {
      const r = await simulateStandard(db, who().scope, { regionCode: values.region, areaType: values.area, standardFen: Math.round(Number(values.standard) * 100), effectiveFrom: values.from, sample: 5 });
      if (values.json) return void process.stdout.write(JSON.stringify(r) + '\n');
      console.log(`simulation: ${r.input.regionName} ${values.area} 低保 standard ${values.standard} yuan from ${values.from} — ${r.households.toLocaleString('en')} households in ${r.seconds.toFixed(1)} s`);
      console.log(`  eligible before ${r.before.households.toLocaleString('en')} (${yuan(r.before.amountFen)} yuan/month), after ${r.after.households.toLocaleString('en')} (${yuan(r.after.amountFen)} yuan/month)`);
      console.log(`  newly eligible ${r.newlyEligible.households}, no longer eligible ${r.noLongerEligible.households}, monthly cost change ${yuan(r.monthlyCostChangeFen)} yuan`);
      console.log(`  not assessed: ${r.skippedNoFacts} without stored facts, ${r.skippedNoPolicy} without a policy in force`);
    } finally {
      await db.close();
    }
    return;
  }
  if (sub === 'demo-awards') {
    const db = await open(false);
    try {
      const r = await seedDemoBenefits(db, { today: today() });
      console.log(`demo benefits: facts for ${r.facts} households, ${r.awards} awards (${r.adjustments} adjustments), ${r.notEligible} not eligible, in ${r.seconds.toFixed(1)} s`);
    } finally {
      await db.close();
    }
    return;
  }
  throw new Error(`usage:\n${BENEFITS_HELP}`);
}

export async function payrollCommand(args: string[], open: Open): Promise<void> {
  const { values } = parseArgs({ args, options: { county: { type: 'string' }, month: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, encoding: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.county || !/^\d{6}000000$/.test(values.county) || !isValidMonth(values.month)) throw new Error('usage: safetynet payroll --county CODE --month YYYY-MM [--out FILE] [--format csv|xlsx] [--encoding utf8|gb18030]');
  const format = values.format ?? (values.out?.endsWith('.xlsx') ? 'xlsx' : 'csv');
  if (format !== 'csv' && format !== 'xlsx') throw new Error('--format is csv or xlsx');
  if (values.encoding && values.encoding !== 'utf8' && values.encoding !== 'gb18030') throw new Error('--encoding is utf8 or gb18030');
  const db = await open(!!values.json);
  try {
    const caller = who();
    const r = await createPaymentRoll(db, caller, { countyCode: values.county, month: values.month });
    const check = await reconcileRoll(db, caller.scope, r.roll.id);
    if (values.json) {
      process.stdout.write(JSON.stringify({ ...r, reconciliation: { balanced: check.balanced, awards: check.awards, lines: check.lines } }) + '\n');
    } else {
      const t = r.roll.totals;
      console.log(r.created
        ? `payment roll ${r.roll.id} made: ${r.roll.countyName} ${r.roll.month}`
        : `payment roll ${r.roll.id} already exists for ${r.roll.countyName} ${r.roll.month}: returned as frozen, ${r.addedLines} missing line(s) added${r.addedBatch ? ` as batch ${r.addedBatch}` : ''}`);
      console.log(`  to pay ${t.toPay.lines} lines, ${yuan(t.toPay.amountFen)} yuan; held for review ${t.held.lines} lines, ${yuan(t.held.amountFen)} yuan`);
      console.log(`  reconciliation with awards: ${check.balanced ? 'balanced' : 'NOT balanced'} (awards ${check.awards.count} / ${yuan(check.awards.amountFen)} yuan, lines ${check.lines.count} / ${yuan(check.lines.amountFen)} yuan)`);
    }
    if (values.out) {
      const file = await bankFile(db, caller, r.roll.id, { format, encoding: values.encoding as 'utf8' | 'gb18030' | undefined });
      fs.writeFileSync(values.out, file.body);
      if (!values.json) console.log(`  bank file: ${values.out} (${file.lines} lines, ${yuan(file.totalFen)} yuan${format === 'csv' ? `, ${values.encoding ?? 'utf8'}` : ''})`);
    }
    if (!check.balanced) process.exitCode = 1;
  } finally {
    await db.close();
  }
}
