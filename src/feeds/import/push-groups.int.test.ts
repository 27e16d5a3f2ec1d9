// Group commit of API pushes on both engines: pushes that arrive together commit together, each with its
// own run, answer and audit entry; a refused push in a group leaves the others standing; the chain holds.
import { expect, it } from 'vitest';
import { describeOnEngines } from '../../../test/engines';
import { testApp } from '../../../test/api-client';
import { buildIdNumber } from '../../registry/id-number';
import { SYSTEM_ACTOR, verifyAuditChain } from '../../platform/audit';
import type { Database } from '../../platform/db';
import { addFeedToken } from './tokens';
import { PushGroups } from './push-groups';

describeOnEngines('push groups', ({ db, engine }) => {
  it('answers forty pushes sent at once, each with its own run, answer and audit entry, one refused among them', async () => {
    const { app } = await testApp(db());
    const { token } = await addFeedToken(db(), SYSTEM_ACTOR, '医保局', ['medical_settlement']);
    const record = (i: number, k: number) => ({ id_number: buildIdNumber('360731', '1980-01-01', 500 + i), settlement_no: `G-${engine}-${i}-${k}`, settled_on: '2026-05-01', total_cost: 100, self_paid: 40 });
    const auditBefore = (await db().query<{ n: number }>(`select count(*)::int as n from audit_log where action like 'feed.import%'`)).rows[0].n;
    const payloads = Array.from({ length: 40 }, (_, i) => ({
      batchId: `G-${engine}-${i}`,
      // Batch 7 is half nonsense: above the 20 % limit, refused whole.
      records: i === 7 ? [record(i, 0), { ...record(i, 1), id_number: 'nonsense' }] : [record(i, 0), record(i, 1)],
    }));
    const answers = await Promise.all(payloads.map((payload) =>
      app.inject({ method: 'POST', url: '/api/v1/feeds/medical_settlement/records', payload, headers: { authorization: `Bearer ${token}` } })));
    expect(answers.map((a) => a.statusCode)).toEqual(payloads.map((_, i) => (i === 7 ? 422 : 201)));
    for (const [i, a] of answers.entries()) {
      const body = a.json();
      expect(body.batchId).toBe(`G-${engine}-${i}`);
      if (i === 7) expect(body).toMatchObject({ status: 'rejected', accepted: 0, rejected: 1, records: [{ status: 'rejected' }, { status: 'rejected' }] });
      else expect(body).toMatchObject({ status: 'completed', accepted: 2, rejected: 0, records: [{ status: 'accepted' }, { status: 'accepted' }] });
    }
    const runs = await db().query<{ batch_id: string; status: string; rows_accepted: number }>(
      `select batch_id, status, rows_accepted from feed_imports where batch_id like $1 order by id`, [`G-${engine}-%`]);
    expect(runs.rows).toHaveLength(40);
    expect(new Set(runs.rows.map((r) => r.batch_id)).size).toBe(40);
    expect(runs.rows.find((r) => r.batch_id === `G-${engine}-7`)).toMatchObject({ status: 'rejected' });
    const stored = await db().query<{ n: number }>(`select count(*)::int as n from feed_medical_settlement where settlement_no like $1`, [`G-${engine}-%`]);
    expect(stored.rows[0].n).toBe(78);
    const batches = await db().query<{ n: number }>(`select count(*)::int as n from feed_push_batches where batch_id like $1`, [`G-${engine}-%`]);
    expect(batches.rows[0].n).toBe(40);
    const auditAfter = (await db().query<{ n: number }>(`select count(*)::int as n from audit_log where action like 'feed.import%'`)).rows[0].n;
    expect(auditAfter - auditBefore).toBe(40);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    await app.close();
  });
});

it('runs every push of a group alone again when the group transaction fails', async () => {
  const failing = { transaction: () => Promise.reject(new Error('connection lost')) } as unknown as Database;
  const groups = new PushGroups(failing);
  const seen: string[] = [];
  const member = (name: string) => ({
    actor: SYSTEM_ACTOR,
    run: async (context?: unknown) => {
      seen.push(`${name}:${context ? 'group' : 'alone'}`);
      return name;
    },
  });
  const errorLog = console.error;
  console.error = () => undefined;
  try {
    await expect(Promise.all([groups.submit(member('a')), groups.submit(member('b'))])).resolves.toEqual(['a', 'b']);
  } finally {
    console.error = errorLog;
  }
  expect(seen).toEqual(['a:alone', 'b:alone']);
});
