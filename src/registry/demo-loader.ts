// Loads the synthetic demo province into the registry with COPY, streaming from the generator so that
// 3.56 million people never sit in memory at once. One transaction: a failed load leaves nothing.
import type { Database } from '../platform/db';
import type { RegionTree } from './regions';
import { generatePopulation } from './demo';

function csv(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (values: (string | number | null | undefined)[]) => values.map(csv).join(',') + '\n';

export interface DemoLoadResult {
  households: number;
  persons: number;
  categories: number;
  seconds: number;
}

/**
 * Each of the three tables gets its own COPY stream; the generator runs once and its rows are buffered per
 * table in bounded batches (the PostgreSQL wire protocol can carry only one COPY at a time).
 */
export async function loadDemoPopulation(db: Database, regions: RegionTree, options: { people: number; seed: number; today: string; onProgress?: (persons: number) => void }): Promise<DemoLoadResult> {
  const started = Date.now();
  const existing = await db.query<{ n: number }>('select count(*)::int as n from persons');
  if (existing.rows[0].n > 0) throw new Error('the registry already holds people: the demo loads only into an empty registry');
  const counts = { households: 0, persons: 0, categories: 0 };
  const BATCH_HOUSEHOLDS = 20_000;
  const villages = new Map<string, { t: string; c: string; ci: string }>();
  const ancestors = (code: string) => {
    let a = villages.get(code);
    if (!a) {
      a = { t: regions.ancestorAt(code, 4)!.code, c: regions.ancestorAt(code, 3)!.code, ci: regions.ancestorAt(code, 2)!.code };
      villages.set(code, a);
    }
    return a;
  };
  await db.transaction(async (tx) => {
    let hh: string[] = [];
    let pp: string[] = [];
    let cc: string[] = [];
    let maxPerson = 0;
    let maxHousehold = 0;
    const flush = async () => {
      if (hh.length) await tx.copyIn('COPY households (id, area_type, village_code, township_code, county_code, city_code, address, head_person_id, bank_name, bank_account, bank_holder_person_id) FROM STDIN WITH (FORMAT csv)', hh);
      if (pp.length) await tx.copyIn('COPY persons (id, id_number, name, sex, birth_date, household_id, relation, disability_kind, disability_grade, serious_illness, labour_capacity, employment, school_stage, phone) FROM STDIN WITH (FORMAT csv)', pp);
      if (cc.length) await tx.copyIn('COPY household_categories (household_id, category, from_date, to_date, reason) FROM STDIN WITH (FORMAT csv)', cc);
      hh = [];
      pp = [];
      cc = [];
      options.onProgress?.(counts.persons);
    };
    for (const h of generatePopulation({ people: options.people, seed: options.seed, regions, today: options.today })) {
      const a = ancestors(h.villageCode);
      const holder = h.members[h.bank.holderIndex];
      hh.push(row([h.id, h.areaType, h.villageCode, a.t, a.c, a.ci, h.address, h.members[0].id, h.bank.bankName, h.bank.accountNo, holder.id]));
      for (const p of h.members) {
        pp.push(row([p.id, p.idNumber, p.name, p.sex, p.birthDate, h.id, p.relation, p.disabilityKind, p.disabilityGrade, p.seriousIllness, p.labourCapacity, p.employment, p.schoolStage, p.phone]));
        if (p.id > maxPerson) maxPerson = p.id;
      }
      for (const c of h.categories) {
        cc.push(row([h.id, c.category, c.fromDate, c.toDate, c.reason]));
        counts.categories++;
      }
      if (h.id > maxHousehold) maxHousehold = h.id;
      counts.households++;
      counts.persons += h.members.length;
      if (hh.length >= BATCH_HOUSEHOLDS) await flush();
    }
    await flush();
    // Ids were given by the generator; the identity sequences must continue after them.
    await tx.query(`select setval(pg_get_serial_sequence('persons', 'id'), $1)`, [Math.max(1, maxPerson)]);
    await tx.query(`select setval(pg_get_serial_sequence('households', 'id'), $1)`, [Math.max(1, maxHousehold)]);
  });
  for (const table of ['households', 'persons', 'household_categories']) await db.query(`analyze ${table}`);
  return { ...counts, seconds: (Date.now() - started) / 1000 };
}
