// Appends to and verifies the audit trail. Appends are serialised by a transaction-scoped advisory lock
// so that the chain has one order; the entry commits or rolls back with the change it records.
import { prepared, type Database, type Tx } from '../db';
import { GENESIS_HASH, auditHash, type AuditContent } from './audit-hash';

const AUDIT_LOCK_KEY = 7_250_002;
const LAST_ENTRY = prepared('select seq, hash from audit_log order by seq desc limit 1');

export interface Actor {
  userId: number | null;
  name: string; // username, 'system', or 'token:<department>'
}

export const SYSTEM_ACTOR: Actor = { userId: null, name: 'system' };

export interface AuditEntry {
  action: string; // e.g. 'household.update', 'person.reveal'
  entity: string;
  entityId?: string | number | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
}

// JSON round trip: what is hashed must be exactly what jsonb gives back (no undefined, no Dates).
function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export async function appendAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<number> {
  const [seq] = await appendAuditMany(tx, [{ actor, entry }]);
  return seq;
}

/**
 * Appends several entries in one go: one lock, one read of the chain's end, one insert — for work that
 * commits many changes at once (a group of API pushes). Returns their sequence numbers, in order.
 */
export async function appendAuditMany(tx: Tx, items: readonly { actor: Actor; entry: AuditEntry }[]): Promise<number[]> {
  if (!items.length) return [];
  await tx.query('select pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
  const last = await tx.query<{ seq: number; hash: string }>(LAST_ENTRY);
  let prev = last.rows[0] ?? { seq: 0, hash: GENESIS_HASH };
  const at = new Date().toISOString();
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (const { actor, entry } of items) {
    const content: AuditContent = {
      seq: prev.seq + 1,
      at,
      actorUserId: actor.userId,
      actor: actor.name,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      regionCode: entry.regionCode ?? null,
      before: plain(entry.before),
      after: plain(entry.after),
    };
    const hash = auditHash(prev.hash, content);
    const n = values.length;
    tuples.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8}, $${n + 9}::jsonb, $${n + 10}::jsonb, $${n + 11}, $${n + 12})`);
    values.push(
      content.seq, content.at, content.actorUserId, content.actor, content.action, content.entity, content.entityId,
      content.regionCode, content.before === null ? null : JSON.stringify(content.before),
      content.after === null ? null : JSON.stringify(content.after), prev.hash, hash,
    );
    prev = { seq: content.seq, hash };
  }
  await tx.query(
    `insert into audit_log (seq, at, actor_user_id, actor, action, entity, entity_id, region_code, before, after, prev_hash, hash)
     values ${tuples.join(', ')}`,
    values,
  );
  return items.map((_, i) => prev.seq - items.length + 1 + i);
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry whose content, hash or link does not hold, and why. */
  brokenAt?: { seq: number; reason: string };
}

interface AuditRow {
  seq: number;
  at: Date;
  actor_user_id: number | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  region_code: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

/** Walks the whole chain in pages; detects an edited entry, a deleted one, or a re-linked one. */
export async function verifyAuditChain(db: Database, pageSize = 5000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const page = await db.query<AuditRow>('select * from audit_log where seq >= $1 order by seq limit $2', [expectedSeq, pageSize]);
    if (page.rows.length === 0) return { ok: true, entries };
    for (const row of page.rows) {
      if (row.seq !== expectedSeq) return { ok: false, entries, brokenAt: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing` } };
      if (row.prev_hash !== prevHash) return { ok: false, entries, brokenAt: { seq: row.seq, reason: 'link to the previous entry does not match' } };
      const content: AuditContent = {
        seq: row.seq, at: new Date(row.at).toISOString(), actorUserId: row.actor_user_id, actor: row.actor,
        action: row.action, entity: row.entity, entityId: row.entity_id, regionCode: row.region_code,
        before: row.before ?? null, after: row.after ?? null,
      };
      if (auditHash(prevHash, content) !== row.hash) {
        return { ok: false, entries, brokenAt: { seq: row.seq, reason: 'content does not match its hash (edited)' } };
      }
      prevHash = row.hash;
      expectedSeq++;
      entries++;
    }
  }
}
