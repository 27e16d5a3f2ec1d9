import { expect, it } from 'vitest';
import { prepared, preparedName } from './prepared';

it('names a marked statement once, by its text, and leaves the others unnamed', () => {
  const sql = 'select 1 as prepared_test where $1::int > 0';
  expect(preparedName(sql)).toBeUndefined();
  expect(prepared(sql)).toBe(sql);
  const name = preparedName(sql);
  expect(name).toMatch(/^sn_prepared_\d+$/);
  prepared(sql);
  expect(preparedName(sql)).toBe(name);
  expect(preparedName(`${sql} `)).toBeUndefined();
  const other = 'select 2 as prepared_test';
  prepared(other);
  expect(preparedName(other)).not.toBe(name);
});
