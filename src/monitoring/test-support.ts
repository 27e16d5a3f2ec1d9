// Building small worlds for monitoring tests: households in real townships with categories, people with
// valid ID numbers, and feed records loaded as an import (so evidence points to an import, a file, a row).
import type { Database } from '../platform/db';
import { buildIdNumber } from '../registry/id-number';
import { findFeed, feedTable } from '../feeds/catalogue';

export const TODAY = '2026-06-15';
/** 2026-06-15 10:00 in China. */
export const NOW = new Date('2026-06-15T02:00:00Z');
export const COUNTY = '360731000000'; // 于都县

export interface PersonSpec {
  birthDate: string;
  name?: string;
  sex?: 'M' | 'F';
  relation?: string;
  labourCapacity?: 'full' | 'partial' | 'none';
  disabilityKind?: string;
  disabilityGrade?: number;
  diedOn?: string;
  /** Address code of the ID number (default: the household's county). */
  addressCode?: string;
}

export interface Made {
  householdId: number;
  townshipCode: string;
  persons: { id: number; idNumber: string; name: string }[];
}

export class World {
  private seq = 0;
  private readonly sequences = new Map<string, number>();
  private villages = new Map<string, { code: string; township_code: string; county_code: string; city_code: string }[]>();

  constructor(private readonly db: Database) {}

  /** A fresh ID number for a birth date (sequences counted per address, birth date and sex). */
  idNumber(birthDate: string, addressCode = COUNTY.slice(0, 6), sex: 'M' | 'F' = 'M'): string {
    const key = `${addressCode}|${birthDate}|${sex}`;
    const k = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, k);
    if (k > 499) throw new Error('too many people with one birth date');
    return buildIdNumber(addressCode, birthDate, sex === 'M' ? 2 * k - 1 : 2 * k);
  }

  async village(county = COUNTY, townshipIndex = 0) {
    let list = this.villages.get(county);
    if (!list) {
      list = (await this.db.query<{ code: string; township_code: string; county_code: string; city_code: string }>(
        `select distinct on (township_code) code, township_code, county_code, city_code from regions
         where level = 5 and county_code = $1 order by township_code, code`, [county])).rows;
      this.villages.set(county, list);
    }
    return list[townshipIndex];
  }

  async household(members: PersonSpec[], options: { categories?: string[]; county?: string; township?: number } = {}): Promise<Made> {
    const v = await this.village(options.county ?? COUNTY, options.township ?? 0);
    const h = await this.db.query<{ id: number }>(
      `insert into households (area_type, village_code, township_code, county_code, city_code, address) values ('rural', $1, $2, $3, $4, '测试地址') returning id`,
      [v.code, v.township_code, v.county_code, v.city_code]);
    const householdId = h.rows[0].id;
    const persons: Made['persons'] = [];
    for (const [i, m] of members.entries()) {
      const idNumber = this.idNumber(m.birthDate, m.addressCode ?? v.county_code.slice(0, 6), m.sex ?? 'M');
      const name = m.name ?? `测试${++this.seq}`;
      const r = await this.db.query<{ id: number }>(
        `insert into persons (id_number, name, sex, birth_date, household_id, relation, labour_capacity, disability_kind, disability_grade, died_on)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
        [idNumber, name, m.sex ?? 'M', m.birthDate, householdId, m.relation ?? (i === 0 ? 'head' : 'child'), m.labourCapacity ?? 'full',
          m.disabilityKind ?? null, m.disabilityGrade ?? null, m.diedOn ?? null]);
      persons.push({ id: r.rows[0].id, idNumber, name });
    }
    await this.db.query('update households set head_person_id = $2 where id = $1', [householdId, persons[0].id]);
    for (const c of options.categories ?? ['dibao']) {
      await this.db.query(`insert into household_categories (household_id, category, from_date) values ($1, $2, '2024-01-01')`, [householdId, c]);
    }
    return { householdId, townshipCode: v.township_code, persons };
  }

  /** Loads records into a feed table as one import (file 'test-<feed>.csv', rows numbered from 2). */
  async feed(feedCode: string, rows: Record<string, unknown>[], options: { source?: 'file' | 'api'; fileName?: string; batchId?: string } = {}): Promise<{ importId: number; ids: number[] }> {
    const feed = findFeed(feedCode)!;
    const source = options.source ?? 'file';
    const imp = await this.db.query<{ id: number }>(
      `insert into feed_imports (feed, source, status, file_name, batch_id, rows_read, rows_accepted, finished_at)
       values ($1, $2, 'completed', $3, $4, $5, $5, now()) returning id`,
      [feedCode, source, source === 'file' ? options.fileName ?? `test-${feedCode}.csv` : null, options.batchId ?? null, rows.length]);
    const importId = imp.rows[0].id;
    const ids: number[] = [];
    for (const [i, row] of rows.entries()) {
      const keys = Object.keys(row);
      const cols = [...keys, 'import_id', 'batch_id', 'source_row', 'person_id'];
      const values = [...keys.map((k) => row[k]), importId, options.batchId ?? null, source === 'file' ? i + 2 : i + 1];
      const idAt = keys.indexOf('id_number') + 1;
      const r = await this.db.query<{ id: number }>(
        `insert into ${feedTable(feed)} (${cols.join(', ')})
         values (${values.map((_, j) => `$${j + 1}`).join(', ')}, (select id from persons where id_number = $${idAt})) returning id`,
        [...values]);
      ids.push(r.rows[0].id);
    }
    return { importId, ids };
  }
}

/** Warnings of a rule for a subject key ('p:<id number>' or 'h:<household id>'). */
export async function warningsFor(db: Database, rule: string, subjectKey: string) {
  const r = await db.query<Record<string, any>>('select * from warnings where rule_code = $1 and subject_key = $2 order by id', [rule, subjectKey]);
  return r.rows;
}
