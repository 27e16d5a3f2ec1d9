// Shared by the ledgers' tests: a preview counted from a ledger must equal the same preview computed live.
import { expect } from 'vitest';
import type { Database } from '../platform/db';
import type { IdRange } from './evaluate';
import { previewRule, type PreviewResult } from './preview';
import { COUNTY, TODAY } from './test-support';

export const CITY = '360700000000'; // 赣州市, of COUNTY
export const OTHER_CITY_COUNTY = '360102000000'; // 东湖区, 南昌市

export const PROVINCE_ACCOUNT = { userId: 0, username: 'test', role: 'province' as const, regionCode: '360000000000', regionLevel: 1 };

/**
 * The same preview from the ledger and live: whether the ledger served (null: no ledger line, as for a
 * county), equal counts, counties and samples; returns the ledger's.
 */
export async function compareWithLive(db: Database, rule: string, what: string, regionCode: string | null, params: Record<string, unknown>,
  expectLedger: boolean | null = true, idRanges?: IdRange[]): Promise<PreviewResult> {
  const input = { regionCode, params };
  const fromLedger = await previewRule(db, PROVINCE_ACCOUNT, rule, input, TODAY, { sampleSize: 50, idRanges });
  const live = await previewRule(db, PROVINCE_ACCOUNT, rule, input, TODAY, { sampleSize: 50, live: true });
  expect(fromLedger.ledger === null ? null : fromLedger.ledger.used, what).toBe(expectLedger);
  expect(fromLedger.proposed, what).toEqual(live.proposed);
  expect(fromLedger.current, what).toEqual(live.current);
  expect(fromLedger.sample, what).toEqual(live.sample);
  return fromLedger;
}

/** Closes the open warning of a rule for a person, retiring its evidence as casework does. */
export async function closeWarningOf(db: Database, rule: string, idNumber: string): Promise<void> {
  const open = await db.query<{ id: string }>(`select id from warnings where rule_code = $1 and status <> 'closed' and id_number = $2`, [rule, idNumber]);
  expect(open.rows, `${rule}'s open warning for ${idNumber}`).toHaveLength(1);
  await db.transaction(async (tx) => {
    await tx.query(`update warnings set status = 'closed', closed_at = now() where id = $1`, [open.rows[0].id]);
    await tx.query('update warning_evidence set closed = true where warning_id = $1', [open.rows[0].id]);
  });
}

/** A preview region (null: the province) and proposed parameters. */
export type PreviewCase = [regionCode: string | null, params: Record<string, unknown>];

/**
 * compareWithLive for each case (COUNTY is evaluated live as a slice: no ledger line; cities and the province
 * use the ledger), then, given `ranges`, once more split in two ranges of ID numbers at `ranges.split`.
 */
export async function compareCases(db: Database, rule: string, what: string, cases: PreviewCase[], ranges?: { split: string; params: Record<string, unknown> }): Promise<void> {
  for (const [region, params] of cases) {
    await compareWithLive(db, rule, `${what}: ${region ?? 'province'} ${JSON.stringify(params)}`, region, params, region === COUNTY ? null : true);
  }
  if (ranges) {
    await compareWithLive(db, rule, `${what}: two ranges`, null, ranges.params, true, [{ from: null, to: ranges.split }, { from: ranges.split, to: null }]);
  }
}
