import { describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import { newClientId } from './client-id';
import { isUuid } from '../../../../src/casework/domain/visit';

describe('newClientId', () => {
  it('is a UUID the server accepts, different every time', () => {
    const a = newClientId();
    expect(isUuid(a)).toBe(true);
    expect(newClientId()).not.toBe(a);
  });

  it('builds a version-4 UUID from random bytes where randomUUID is missing (plain http)', () => {
    const only = { getRandomValues: <T extends ArrayBufferView | null>(a: T) => webcrypto.getRandomValues(a as never) as T };
    const ids = Array.from({ length: 50 }, () => newClientId(only));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(50);
    expect(ids.every(isUuid)).toBe(true);
  });
});
