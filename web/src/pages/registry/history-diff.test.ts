import { describe, expect, it } from 'vitest';
import { diffHousehold, namesIn } from './history-diff';

const member = (id: number, name: string, extra: Record<string, unknown> = {}) => ({
  id, name, idNumberMasked: '3607**********1234', sex: 'M', birthDate: '1970-05-06', relation: 'head', disabilityKind: null,
  disabilityGrade: null, seriousIllness: null, labourCapacity: 'full', employment: null, schoolStage: null, phoneMasked: null, diedOn: null,
  ...extra,
});

const before = {
  areaType: 'rural', villageCode: '360731100200', address: '一组 1 号', headPersonId: 1,
  bank: { bankName: '农商银行', accountNoMasked: '****5678', holderPersonId: 1 },
  members: [member(1, '王大明'), member(2, '王小明', { relation: 'child', idNumberMasked: '3607**********1111' })],
  categories: [{ id: 10, category: 'dibao', fromDate: '2024-03-01', toDate: null, reason: '收入低' }],
};

describe('diffHousehold', () => {
  it('finds nothing between equal snapshots', () => {
    expect(diffHousehold(before, structuredClone(before))).toEqual([]);
  });

  it('names the changed field of the household, of a member and of a category', () => {
    const after = structuredClone(before) as typeof before;
    after.address = '二组 2 号';
    after.members[1] = member(2, '王晓明', { relation: 'child', idNumberMasked: '3607**********2222' });
    after.categories[0].toDate = '2026-06-30' as never;
    expect(diffHousehold(before, after)).toEqual([
      { kind: 'household', field: 'address', before: '一组 1 号', after: '二组 2 号' },
      { kind: 'member', member: { id: 2, name: '王小明' }, field: 'name', before: '王小明', after: '王晓明' },
      { kind: 'member', member: { id: 2, name: '王小明' }, field: 'idNumberMasked', before: '3607**********1111', after: '3607**********2222' },
      { kind: 'categoryChanged', category: 'dibao', fromDate: '2024-03-01', field: 'toDate', before: null, after: '2026-06-30' },
    ]);
  });

  it('reports members and categories that came and went, and a removed bank account', () => {
    const after = {
      ...before,
      bank: null,
      members: [before.members[0], member(3, '李秀英', { relation: 'spouse' })],
      categories: [...before.categories, { id: 11, category: 'temporaryAssistance', fromDate: '2026-06-01', toDate: '2026-06-30', reason: '' }],
    };
    const changes = diffHousehold(before, after);
    expect(changes).toContainEqual({ kind: 'memberAdded', member: { id: 3, name: '李秀英' } });
    expect(changes).toContainEqual({ kind: 'memberRemoved', member: { id: 2, name: '王小明' } });
    expect(changes).toContainEqual({ kind: 'categoryAdded', category: 'temporaryAssistance', fromDate: '2026-06-01', toDate: '2026-06-30' });
    expect(changes).toContainEqual({ kind: 'bank', field: 'bankName', before: '农商银行', after: null });
  });

  it('treats a creation as everything added', () => {
    const changes = diffHousehold(null, before);
    expect(changes.filter((c) => c.kind === 'memberAdded')).toHaveLength(2);
    expect(changes.filter((c) => c.kind === 'categoryAdded')).toHaveLength(1);
  });

  it('shows keys it does not know as they are', () => {
    expect(diffHousehold({ status: 'open' }, { status: 'closed' })).toEqual([{ kind: 'other', path: 'status', before: 'open', after: 'closed' }]);
  });

  it('collects names to show person ids by name', () => {
    expect(namesIn(before, null).get(2)).toBe('王小明');
  });
});
