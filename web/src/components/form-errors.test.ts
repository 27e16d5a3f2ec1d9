import { describe, expect, it } from 'vitest';
import { changedPaths, formPathOf, groupErrors, pathSegments, reported } from './form-errors';

const zh = (z: string) => z;

describe('error paths', () => {
  it('splits a path into names and indexes', () => {
    expect(pathSegments('members[1].idNumber')).toEqual(['members', '1', 'idNumber']);
    expect(pathSegments('params.tekunBasic.rural')).toEqual(['params', 'tekunBasic', 'rural']);
    expect(pathSegments('')).toEqual([]);
  });

  it('turns a request path into a field name with numeric indexes', () => {
    expect(formPathOf('incomes[0].personId')).toEqual(['incomes', 0, 'personId']);
    expect(formPathOf('date')).toEqual(['date']);
  });
});

describe('reported', () => {
  it('reads the domain rules and the server alike', () => {
    expect(reported([{ field: 'a', zh: '甲', en: 'A' }, { field: 'b', message: '乙', messageEn: 'B' }])).toEqual([
      { field: 'a', message: '甲', messageEn: 'A' },
      { field: 'b', message: '乙', messageEn: 'B' },
    ]);
  });
});

describe('groupErrors', () => {
  const fieldOf = (f: string) => (f.startsWith('members') ? formPathOf(f) : f === 'address' ? ['address'] : null);

  it('puts errors on their field, each text once, and lists the rest in order', () => {
    const out = groupErrors(
      [
        { field: 'members[1].idNumber', message: '校验码错误', messageEn: 'bad check digit' },
        { field: 'body', message: '请求无效', messageEn: 'bad request' },
        { field: 'members[1].idNumber', message: '校验码错误', messageEn: 'bad check digit' },
        { field: 'members[1].idNumber', message: '已登记', messageEn: 'registered' },
        { field: 'address', message: '必填', messageEn: 'required' },
      ],
      fieldOf,
      zh,
    );
    expect(out.fields).toEqual([
      { name: ['members', 1, 'idNumber'], errors: ['校验码错误', '已登记'] },
      { name: ['address'], errors: ['必填'] },
    ]);
    expect(out.general).toEqual(['请求无效']);
  });

  it('uses the language picked', () => {
    expect(groupErrors([{ field: 'x', message: '甲', messageEn: 'A' }], () => null, (_z, en) => en).general).toEqual(['A']);
  });
});

describe('changedPaths', () => {
  it('lists every path in an onValuesChange object', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(changedPaths({ members: [, { idNumber: 'x' }] })).toEqual([['members'], ['members', 1], ['members', 1, 'idNumber']]);
    expect(changedPaths({ address: 'a', bank: { bankName: 'b' } })).toEqual([['address'], ['bank'], ['bank', 'bankName']]);
  });

  it('stops at values that are not plain objects (dates)', () => {
    const date = new Date(0);
    expect(changedPaths({ visitedOn: date, tags: ['a'] })).toEqual([['visitedOn'], ['tags'], ['tags', 0]]);
  });
});
