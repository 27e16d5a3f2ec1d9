// The citizen's status page (no login): application number + an ID number named on the form → each item's
// status and deadline, nothing else. A wrong ID number gets exactly the answer a wrong number gets, and every
// look-up is stored so that guessing is throttled per address and per application number.
import type { Database } from '../platform/db';
import { AppError } from '../platform/errors';
import { parseIdNumber } from '../registry/id-number';
import { ITEM_KIND_INFO, ITEM_STATUS_LABELS, type ItemKind, type ItemStatus } from './domain';

export const PUBLIC_STATUS_THROTTLE = { windowMinutes: 15, maxFailuresPerIp: 20, maxFailuresPerNumber: 5 };

const notFoundAnswer = () =>
  new AppError(404, 'NOT_FOUND', '未找到该申请，请核对申请编号和身份证号码', 'No application found for this number and ID number');

export interface PublicItemStatus {
  kind: string;
  name: { zh: string; en: string };
  status: ItemStatus;
  statusLabel: { zh: string; en: string };
  dueOn: string | null;
}

export async function publicApplicationStatus(db: Database, ip: string, applicationNumber: string, idNumber: string): Promise<{ items: PublicItemStatus[] }> {
  const number = applicationNumber.trim().toUpperCase();
  const t = PUBLIC_STATUS_THROTTLE;
  const failures = await db.query<{ by_ip: number; by_number: number }>(
    `select count(*) filter (where ip = $1)::int as by_ip, count(*) filter (where application_number = $2)::int as by_number
     from public_status_attempts where not succeeded and at > now() - make_interval(mins => $3) and (ip = $1 or application_number = $2)`,
    [ip, number, t.windowMinutes]);
  if (failures.rows[0].by_ip >= t.maxFailuresPerIp || failures.rows[0].by_number >= t.maxFailuresPerNumber) {
    throw new AppError(429, 'TOO_MANY_ATTEMPTS', `查询失败次数过多，请${t.windowMinutes}分钟后再试`, `Too many failed look-ups; try again in ${t.windowMinutes} minutes`);
  }
  const parsed = parseIdNumber(idNumber);
  let rows: { kind: ItemKind; status: ItemStatus; due_on: string | null }[] = [];
  if (parsed.ok) {
    const r = await db.query<{ kind: ItemKind; status: ItemStatus; due_on: string | null }>(
      `select i.kind, i.status, i.due_on from applications a join application_items i on i.application_id = a.id
       where a.number = $1 and a.status = 'submitted'
         and exists (select 1 from application_members m where m.application_id = a.id and m.id_number = $2)
       order by i.id`, [number, parsed.idNumber]);
    rows = r.rows;
  }
  await db.query('insert into public_status_attempts (ip, application_number, succeeded) values ($1, $2, $3)', [ip, number.slice(0, 40), rows.length > 0]);
  if (!rows.length) throw notFoundAnswer();
  return {
    items: rows.map((r) => ({
      kind: r.kind, name: { zh: ITEM_KIND_INFO[r.kind].zh, en: ITEM_KIND_INFO[r.kind].en }, status: r.status,
      statusLabel: ITEM_STATUS_LABELS[r.status], dueOn: r.due_on,
    })),
  };
}
