// Registry load: N synthetic people (default Jiangxi's 3,560,000) into PostgreSQL through the demo loader
// (generator → COPY in one transaction), with people/s and peak RSS. Reference on the same data: the same
// rows written to CSV files first, then loaded by PostgreSQL's own server-side COPY FROM file — the floor
// for any loader — into an identical empty schema.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegionTree } from '../src/registry/regions';
import { loadDemoPopulation } from '../src/registry/demo-loader';
import { generatePopulation } from '../src/registry/demo';
import { arg, freshBenchDatabase, peakRssMiB } from './bench-db';

const csv = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

export async function registryBench(args: string[]) {
  const people = Number(arg(args, 'people', '3560000'));
  const seed = Number(arg(args, 'seed', '1'));
  const regions = RegionTree.loadJiangxi();
  const today = '2026-11-23';

  const { db, drop } = await freshBenchDatabase('sn_bench_registry');
  let ours: { seconds: number; persons: number; households: number };
  try {
    let printed = 0;
    const r = await loadDemoPopulation(db, regions, {
      people, seed, today,
      onProgress: (n) => {
        if (n - printed >= 500_000) {
          printed = n;
          console.log(`  … ${n.toLocaleString('en')} people, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
        }
      },
    });
    ours = r;
    console.log(`SafetyNet loader: ${r.persons.toLocaleString('en')} people in ${r.households.toLocaleString('en')} households, ${r.categories.toLocaleString('en')} categories`);
    console.log(`  time ${r.seconds.toFixed(1)} s, ${Math.round(r.persons / r.seconds).toLocaleString('en')} people/s, peak RSS ${peakRssMiB().toFixed(0)} MiB`);
  } finally {
    await drop();
  }

  // Reference: the same rows as CSV files, loaded by the server itself.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-bench-'));
  fs.chmodSync(dir, 0o755);
  const files = { households: path.join(dir, 'households.csv'), persons: path.join(dir, 'persons.csv'), categories: path.join(dir, 'categories.csv') };
  const out = { households: fs.createWriteStream(files.households), persons: fs.createWriteStream(files.persons), categories: fs.createWriteStream(files.categories) };
  const write = async (s: fs.WriteStream, line: string) => {
    if (!s.write(line)) await new Promise<void>((r) => s.once('drain', () => r()));
  };
  for (const h of generatePopulation({ people, seed, regions, today })) {
    const v = regions.get(h.villageCode)!;
    const anc = ([4, 3, 2] as const).map((l) => regions.ancestorAt(v.code, l)!.code);
    await write(out.households, [h.id, h.areaType, h.villageCode, ...anc, h.address, h.members[0].id, h.bank.bankName, h.bank.accountNo, h.members[h.bank.holderIndex].id].map(csv).join(',') + '\n');
    for (const p of h.members) {
      await write(out.persons, [p.id, p.idNumber, p.name, p.sex, p.birthDate, h.id, p.relation, p.disabilityKind, p.disabilityGrade, p.seriousIllness, p.labourCapacity, p.employment, p.schoolStage, p.phone].map(csv).join(',') + '\n');
    }
    for (const c of h.categories) await write(out.categories, [h.id, c.category, c.fromDate, c.toDate, c.reason].map(csv).join(',') + '\n');
  }
  await Promise.all(Object.values(out).map((s) => new Promise<void>((r) => s.end(() => r()))));
  for (const f of Object.values(files)) fs.chmodSync(f, 0o644);
  const ref = await freshBenchDatabase('sn_bench_registry_ref');
  try {
    const started = Date.now();
    await ref.db.transaction(async (tx) => {
      await tx.query(`copy households (id, area_type, village_code, township_code, county_code, city_code, address, head_person_id, bank_name, bank_account, bank_holder_person_id) from '${files.households}' with (format csv)`);
      await tx.query(`copy persons (id, id_number, name, sex, birth_date, household_id, relation, disability_kind, disability_grade, serious_illness, labour_capacity, employment, school_stage, phone) from '${files.persons}' with (format csv)`);
      await tx.query(`copy household_categories (household_id, category, from_date, to_date, reason) from '${files.categories}' with (format csv)`);
    });
    for (const t of ['households', 'persons', 'household_categories']) await ref.db.query(`analyze ${t}`);
    const seconds = (Date.now() - started) / 1000;
    console.log(`reference (server-side COPY FROM file, same rows, same schema): ${seconds.toFixed(1)} s, ${Math.round(ours.persons / seconds).toLocaleString('en')} people/s`);
    console.log(`ratio SafetyNet / reference: ${(ours.seconds / seconds).toFixed(2)}×`);
  } finally {
    await ref.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
