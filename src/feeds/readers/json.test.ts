import { describe, expect, it } from 'vitest';
import { getFeed } from '../catalogue';
import { mapHeader } from '../header-map';
import { rowValidator } from '../validate-row';
import { FeedFileError, readJsonRecords, readJsonText } from '.';
import { collect } from './test-files';

const ID = '360702199001011232';

function failure(fn: () => unknown): FeedFileError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FeedFileError);
    return error as FeedFileError;
  }
  throw new Error('expected a FeedFileError');
}

describe('readJsonRecords', () => {
  it('turns records keyed by English key or Chinese header into header and rows', async () => {
    const source = readJsonRecords([
      { id_number: ID, died_on: '2025-03-09' },
      { id_number: ID, 死亡日期: '2025-03-10', registrar: '章贡区民政局' },
    ]);
    expect(source.format).toBe('json');
    expect(source.header).toEqual(['id_number', 'died_on', '死亡日期', 'registrar']);
    expect(await collect(source.rows)).toEqual([
      { rowNumber: 1, cells: [ID, '2025-03-09', null, null] },
      { rowNumber: 2, cells: [ID, null, '2025-03-10', '章贡区民政局'] },
    ]);
  });

  it('goes through the same mapping and validation as files; numeric IDs are refused', async () => {
    const source = readJsonRecords([{ id_number: Number(ID), settlement_no: 'A', settled_on: '2025-03-09', total_cost: 10.5, self_paid: 1 }]);
    const validate = rowValidator(mapHeader(getFeed('medical_settlement'), source.header));
    const [row] = await collect(source.rows);
    const result = validate(row);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].reason).toMatch(/Excel变成数字/);
  });

  it('refuses what is not an array of objects, and batches that are too large', () => {
    expect(failure(() => readJsonRecords({ records: [] })).code).toBe('not_records');
    expect(failure(() => readJsonRecords([{}, 'x'])).messageZh).toBe('第 2 条记录不是对象');
    expect(failure(() => readJsonRecords([{}, {}, {}], { maxRecords: 2 })).code).toBe('too_many_records');
    expect(failure(() => readJsonText('[{')).code).toBe('corrupt');
    expect(readJsonText('\ufeff[]').header).toEqual([]);
  });
});
