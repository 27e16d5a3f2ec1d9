import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEEDS, getFeed } from './catalogue';
import { feedIndexes, feedTableCreate, feedTableDdl } from './table-ddl';

const MIGRATION = fs.readFileSync(path.resolve(import.meta.dirname, '../../migrations/0003_feeds.sql'), 'utf8');

describe('feed table DDL', () => {
  it('is what migration 0003 created for each of the 13 feeds (their indexes are checked on the migrated database)', () => {
    for (const feed of FEEDS) expect(MIGRATION).toContain(feedTableCreate(feed));
  });

  it('writes a new feed\'s table with its indexes', () => {
    const sql = feedTableDdl(getFeed('medical_settlement'));
    expect(sql).toContain('create index feed_medical_settlement_id_number_settled_on on feed_medical_settlement (id_number, settled_on) include (self_paid, id);');
    expect(sql).toContain('create index feed_medical_settlement_unmatched on feed_medical_settlement (id_number) where person_id is null;');
  });

  it('types columns by value type', () => {
    const sql = feedTableDdl(getFeed('social_insurance_contribution'));
    expect(sql).toContain("period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')");
    expect(sql).toContain('base_wage bigint check (base_wage >= 0)');
    expect(sql).toContain("insurance_type text not null check (insurance_type in ('employee_pension', 'public_pension', 'resident_pension'");
    expect(feedTableDdl(getFeed('disability_certificate'))).toContain('grade smallint not null check (grade between 1 and 4)');
    expect(feedTableDdl(getFeed('property_registration'))).toContain('area_m2 numeric(14, 2) check (area_m2 >= 0)');
    expect(feedTableDdl(getFeed('hospitalization'))).toContain('serious boolean');
    expect(feedTableDdl(getFeed('medical_settlement'))).toContain('self_paid bigint not null,'); // reversals may be negative
  });

  it('lets NULLs collide only where a natural key column is optional', () => {
    expect(feedTableDdl(getFeed('tax_income'))).toContain('unique nulls not distinct (id_number, period, income_type)');
    expect(feedTableDdl(getFeed('death_registration'))).toContain('constraint feed_death_registration_natural_key unique (id_number)');
  });

  it('indexes ID number over time unless the natural key already does, and unmatched records alone', () => {
    const cols = (code: string) => feedIndexes(getFeed(code)).map((ix) =>
      ix.columns.join(',') + (ix.include ? ` include ${ix.include.join(',')}` : '') + (ix.where ? ` where ${ix.where}` : ''));
    const unmatched = 'id_number where person_id is null';
    expect(cols('medical_settlement')).toEqual(['id_number,settled_on include self_paid,id', unmatched, 'import_id']);
    expect(cols('tax_income')).toEqual([unmatched, 'import_id']); // unique (id_number, period, …) serves
    expect(cols('death_registration')).toEqual([unmatched, 'import_id']);
    expect(cols('property_registration')).toEqual(['id_number,registered_on', unmatched, 'import_id']);
  });
});
