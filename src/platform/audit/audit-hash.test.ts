import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, GENESIS_HASH } from './audit-hash';

describe('audit hash', () => {
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });
  it('changes when any field or the previous hash changes', () => {
    const content = { seq: 1, at: '2026-01-01T00:00:00.000Z', actorUserId: 1, actor: 'u', action: 'a', entity: 'e', entityId: '1', regionCode: null, before: null, after: { x: 1 } };
    const h = auditHash(GENESIS_HASH, content);
    expect(auditHash(GENESIS_HASH, { ...content, after: { x: 2 } })).not.toBe(h);
    expect(auditHash('1'.repeat(64), content)).not.toBe(h);
    expect(auditHash(GENESIS_HASH, { ...content })).toBe(h);
  });
});
