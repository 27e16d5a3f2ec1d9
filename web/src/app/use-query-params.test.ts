import { describe, expect, it } from 'vitest';
import { patchQuery } from './use-query-params';

const q = (s: string) => new URLSearchParams(s);

describe('patchQuery', () => {
  it('sets values as text and keeps the others', () => {
    expect(patchQuery(q('feed=a'), { level: 'red', page: 3 }).toString()).toBe('feed=a&level=red&page=3');
  });

  it('removes empty values, false and page 1', () => {
    const next = patchQuery(q('a=1&b=2&c=3&d=true&page=4'), { a: undefined, b: null, c: '', d: false, page: 1 });
    expect(next.toString()).toBe('');
  });

  it('removes a value equal to the page default', () => {
    expect(patchQuery(q('pageSize=50&status=done'), { pageSize: 20, status: 'active' }, { defaults: { pageSize: 20, status: 'active' } }).toString()).toBe('');
    expect(patchQuery(q(''), { pageSize: 50 }, { defaults: { pageSize: 20 } }).toString()).toBe('pageSize=50');
  });

  it('starts again at page 1 on a change of filter only when asked', () => {
    expect(patchQuery(q('page=3'), { level: 'red' }, { resetPage: true }).toString()).toBe('level=red');
    expect(patchQuery(q('page=3'), { level: 'red', page: 2 }, { resetPage: true }).toString()).toBe('page=2&level=red');
    expect(patchQuery(q('page=3'), { run: 7 }).toString()).toBe('page=3&run=7');
  });

  it('leaves the current parameters alone', () => {
    const current = q('a=1');
    patchQuery(current, { a: undefined });
    expect(current.toString()).toBe('a=1');
  });
});
