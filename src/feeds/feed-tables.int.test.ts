// The migrated feed tables agree with the catalogue (columns, types, required), and their constraints do
// what the import relies on: the natural key refuses duplicates, value checks refuse impossible values.
import { expect, it } from 'vitest';
import { describeOnEngines } from '../../test/engines';
import { isDatabaseError, UNIQUE_VIOLATION } from '../platform/db';
import { FEEDS, feedTable } from './catalogue';
import { feedIndexDdl, feedIndexes } from './table-ddl';
import { valueType } from './values';

const ID = '360702199001011232';

async function rejects(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isDatabaseError(error) ? error.code ?? 'db' : String(error);
  }
  throw new Error('expected the statement to fail');
}

describeOnEngines('feed tables (migration 0003)', ({ db }) => {
  it('has one table per catalogue feed with its typed columns and the common ones', async () => {
    const r = await db().query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
      `select table_name, column_name, data_type, is_nullable from information_schema.columns
        where table_schema = current_schema() and table_name like 'feed\\_%' order by table_name, ordinal_position`,
    );
    for (const feed of FEEDS) {
      const columns = r.rows.filter((c) => c.table_name === feedTable(feed));
      const byName = new Map(columns.map((c) => [c.column_name, c]));
      for (const column of feed.columns) {
        const actual = byName.get(column.key);
        expect(actual, `${feed.code}.${column.key}`).toBeDefined();
        expect(actual!.data_type, `${feed.code}.${column.key}`).toBe(valueType(column.type).sqlType(column).replace(/\(.*$/, ''));
        expect(actual!.is_nullable, `${feed.code}.${column.key}`).toBe(column.required ? 'NO' : 'YES');
      }
      expect(columns.map((c) => c.column_name)).toEqual([
        'id', ...feed.columns.map((c) => c.key), 'import_id', 'batch_id', 'source_row', 'person_id', 'received_at',
      ]);
    }
  });

  it('has the indexes of the catalogue\'s plan (migrations 0003 and 0008), besides its key constraints', async () => {
    const r = await db().query<{ tablename: string; indexname: string; indexdef: string }>(
      `select i.tablename, i.indexname, i.indexdef from pg_indexes i
        where i.schemaname = current_schema() and i.tablename like 'feed\\_%'
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`);
    // pg_indexes spells a definition its own way: compare the gist of it (name, columns, condition).
    const gist = (def: string) => def.toLowerCase().replace(/ using btree/, '').replace(/\s+on\s+\S*?\.?(feed_\w+)/, ' on $1').replace(/[();]/g, '').replace(/\s+/g, ' ').trim();
    for (const feed of FEEDS) {
      const actual = r.rows.filter((x) => x.tablename === feedTable(feed)).map((x) => gist(x.indexdef)).sort();
      const planned = feedIndexes(feed).map((ix) => gist(feedIndexDdl(feed, ix))).sort();
      expect(actual, feed.code).toEqual(planned);
    }
  });

  it('refuses a second record with the same natural key, also when an optional key column is empty', async () => {
    const insert = (type: string | null) =>
      db().query(`insert into feed_tax_income (id_number, period, income, income_type) values ($1, '2025-03', 100, $2)`, [ID, type]);
    await insert('工资薪金');
    expect(await rejects(insert('工资薪金'))).toBe(UNIQUE_VIOLATION);
    await insert(null);
    expect(await rejects(insert(null))).toBe(UNIQUE_VIOLATION);
    await insert('劳务报酬');
  });

  it('refuses values the parsers never produce', async () => {
    const bad = [
      `insert into feed_tax_income (id_number, period, income) values ('${ID}', '2025-13', 1)`,
      `insert into feed_tax_income (id_number, period, income) values ('${ID}', '2025-04', -1)`,
      `insert into feed_tax_income (id_number, period, income) values ('36070219900101123x', '2025-04', 1)`,
      `insert into feed_disability_certificate (id_number, kind, grade, issued_on) values ('${ID}', 'physical', 5, '2025-03-09')`,
      `insert into feed_disability_certificate (id_number, kind, grade, issued_on) values ('${ID}', '肢体', 2, '2025-03-09')`,
    ];
    for (const sql of bad) expect(await rejects(db().query(sql))).toBe('23514'); // check_violation
    // reversed medical settlements may be negative
    await db().query(
      `insert into feed_medical_settlement (id_number, settlement_no, settled_on, total_cost, self_paid) values ($1, 'R1', '2025-03-09', -500, -100)`,
      [ID],
    );
  });

  it('answers a retried API push from feed_push_batches, once per (token, feed, batch)', async () => {
    const token = await db().query<{ id: number }>(`insert into feed_tokens (department, feeds, token_hash) values ('医保局', '{medical_settlement}', 'h1') returning id`);
    const id = token.rows[0].id;
    const push = () => db().query(`insert into feed_push_batches (token_id, feed, batch_id, response) values ($1, 'medical_settlement', 'b1', '{}')`, [id]);
    await push();
    expect(await rejects(push())).toBe(UNIQUE_VIOLATION);
  });

  it('deletes an import\'s error lines with the import', async () => {
    const run = await db().query<{ id: number }>(`insert into feed_imports (feed, source) values ('tax_income', 'file') returning id`);
    await db().query(`insert into feed_import_errors (import_id, source_row, column_name, value, reason) values ($1, 2, '所属期', '2025-13', '月份不存在')`, [run.rows[0].id]);
    await db().query('delete from feed_imports where id = $1', [run.rows[0].id]);
    const left = await db().query<{ n: number }>('select count(*)::int as n from feed_import_errors where import_id = $1', [run.rows[0].id]);
    expect(left.rows[0].n).toBe(0);
    expect(await rejects(db().query(`insert into feed_imports (feed, source) values ('tax_income', 'ftp')`))).toBe('23514');
  });
});
