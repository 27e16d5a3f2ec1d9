// Monthly payment rolls per county (`bin/safetynet payroll`, POST /payment-rolls): a frozen snapshot of
// who is paid how much for which month and why (award, decision, policy version), to the account of a
// member of the household. A line is held back for review when the account holder is not a member of the
// household, there is no account, or the beneficiary (the person, or the household head for 低保) or the
// holder is registered dead. One roll per county and month: a rerun returns the existing roll and adds
// only the lines missing from it (awards decided after it was made) as a new batch; an award is paid at
// most once a month whatever the roll (unique award + month).
import type { Database, Tx } from '../../platform/db';
import { appendAudit } from '../../platform/audit';
import { regionInScope, type Scope } from '../../platform/auth/scope';
import { AppError, notFound } from '../../platform/errors';
import { maskBankAccount, maskIdNumber } from '../../registry/masking';
import { badRequest, PROGRAMME_LABELS, type BenefitsCaller, type Programme, type Queryable } from '../store/common';

export const HOLD_REASONS = ['holder_not_member', 'no_account', 'beneficiary_dead', 'head_dead', 'holder_dead', 'beneficiary_not_member'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export const HOLD_REASON_LABELS: Record<HoldReason, { zh: string; en: string }> = {
  holder_not_member: { zh: '收款账户户名不是本户家庭成员', en: 'The account holder is not a member of the household' },
  no_account: { zh: '本户没有登记收款账户', en: 'No bank account registered' },
  beneficiary_dead: { zh: '受助人已登记死亡', en: 'The beneficiary is registered dead' },
  head_dead: { zh: '户主已登记死亡', en: 'The household head is registered dead' },
  holder_dead: { zh: '收款人已登记死亡', en: 'The account holder is registered dead' },
  beneficiary_not_member: { zh: '受助人已不在本户', en: 'The beneficiary is no longer a member of the household' },
};

interface RollRow {
  id: number;
  county_code: string;
  month: string;
  batch_count: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

async function countyInScope(q: Queryable, scope: Scope, countyCode: string) {
  const r = await q.query<{ code: string; name: string; level: number; city_code: string | null; county_code: string | null; township_code: string | null }>(
    'select code, name, level, city_code, county_code, township_code from regions where code = $1', [countyCode]);
  const reg = r.rows[0];
  if (!reg || reg.level !== 3) throw badRequest('countyCode', 'COUNTY', `县级行政区划代码不存在：${countyCode}`, `No such county: ${countyCode}`);
  if (!regionInScope(scope, reg)) throw notFound('县级行政区划', 'County');
  return reg;
}

/** The SQL that snapshots the missing lines of a roll (set-based: one statement whatever the county's size). */
const INSERT_LINES = `
  insert into payment_roll_lines (roll_id, month, batch, award_id, household_id, person_id, programme, amount_fen, policy_version_id, policy_ref,
    decision_ref, beneficiary_name, holder_person_id, holder_name, holder_id_number, bank_name, bank_account, status, hold_reasons)
  select $1, $2, $3, a.id, a.household_id, a.person_id, a.programme, a.amount_fen, a.policy_version_id, a.policy_ref, a.decision_ref,
    coalesce(bp.name, hp.name, '（未登记户主）'), h.bank_holder_person_id, holder.name, holder.id_number, h.bank_name, h.bank_account,
    case when cardinality(x.reasons) = 0 then 'payable' else 'held' end, x.reasons
  from benefit_awards a
    join households h on h.id = a.household_id
    left join persons hp on hp.id = h.head_person_id
    left join persons bp on bp.id = a.person_id
    left join persons holder on holder.id = h.bank_holder_person_id
    cross join lateral (select array_remove(array[
      case when h.bank_holder_person_id is not null and holder.household_id is distinct from h.id then 'holder_not_member' end,
      case when h.bank_account is null or h.bank_holder_person_id is null then 'no_account' end,
      case when a.person_id is not null and bp.died_on is not null then 'beneficiary_dead' end,
      case when a.person_id is null and hp.died_on is not null then 'head_dead' end,
      case when holder.died_on is not null then 'holder_dead' end,
      case when a.person_id is not null and bp.household_id is distinct from a.household_id then 'beneficiary_not_member' end
    ]::text[], null) as reasons) x
  where h.county_code = $4 and a.start_month <= $2 and (a.end_month is null or a.end_month >= $2)
    and not exists (select 1 from payment_roll_lines l where l.award_id = a.id and l.month = $2)
  on conflict (award_id, month) do nothing`;

export interface RollResult {
  roll: RollView;
  /** true when this call made the roll; false when it already existed (a rerun). */
  created: boolean;
  /** Lines added by this call (all of them for a new roll; only the missing ones on a rerun). */
  addedLines: number;
  /** The batch the added lines belong to (null when a rerun added nothing). */
  addedBatch: number | null;
}

/**
 * Makes the county's roll for the month, or on a rerun returns it and adds only the lines missing from it.
 * The month's awards are read as they are now; lines already in the roll are never changed.
 */
export async function createPaymentRoll(db: Database, caller: BenefitsCaller, input: { countyCode: string; month: string }): Promise<RollResult> {
  return db.transaction(async (tx) => {
    const county = await countyInScope(tx, caller.scope, input.countyCode);
    await tx.query(
      `insert into payment_rolls (county_code, month, batch_count, created_by_user_id, created_by) values ($1, $2, 0, $3, $4) on conflict (county_code, month) do nothing`,
      [input.countyCode, input.month, caller.actor.userId, caller.actor.name]);
    const rolls = await tx.query<RollRow>('select * from payment_rolls where county_code = $1 and month = $2 for update', [input.countyCode, input.month]);
    const roll = rolls.rows[0];
    const created = roll.batch_count === 0;
    const batch = roll.batch_count + 1;
    const inserted = await tx.query(INSERT_LINES, [roll.id, input.month, batch, input.countyCode]);
    const added = inserted.rowCount;
    if (added > 0 || created) {
      await tx.query('update payment_rolls set batch_count = $2, updated_at = now() where id = $1', [roll.id, created ? 1 : added > 0 ? batch : roll.batch_count]);
    }
    const view = await rollView(tx, Number(roll.id));
    if (created || added > 0) {
      await appendAudit(tx, caller.actor, {
        action: created ? 'payment_roll.create' : 'payment_roll.add_missing', entity: 'payment_roll', entityId: roll.id, regionCode: county.code,
        after: { countyCode: input.countyCode, month: input.month, batch: created ? 1 : batch, addedLines: added, totals: view.totals },
      });
    }
    return { roll: view, created, addedLines: added, addedBatch: added > 0 ? (created ? 1 : batch) : null };
  });
}

async function rollRow(q: Queryable, scope: Scope, id: number): Promise<RollRow & { county_name: string }> {
  const r = await q.query<RollRow & { county_name: string; city_code: string | null; county_code_r: string | null; township_code: string | null; code: string; level: number }>(
    `select p.*, r.name as county_name, r.code, r.level, r.city_code, r.county_code as county_code_r, r.township_code
     from payment_rolls p join regions r on r.code = p.county_code where p.id = $1`, [id]);
  const row = r.rows[0];
  if (!row || !regionInScope(scope, { code: row.code, city_code: row.city_code, county_code: row.county_code_r, township_code: row.township_code })) {
    throw notFound('发放名册', 'Payment roll');
  }
  return row;
}

export async function rollView(q: Queryable, id: number) {
  const r = await q.query<RollRow & { county_name: string }>(
    `select p.*, r.name as county_name from payment_rolls p join regions r on r.code = p.county_code where p.id = $1`, [id]);
  const roll = r.rows[0];
  const totals = await q.query<{ status: string; programme: string; n: number; fen: number }>(
    `select status, programme, count(*)::int as n, sum(amount_fen)::bigint as fen from payment_roll_lines where roll_id = $1 group by status, programme`, [id]);
  const by = (pred: (t: { status: string; programme: string }) => boolean) =>
    totals.rows.filter(pred).reduce((s, t) => ({ lines: s.lines + t.n, amountFen: s.amountFen + Number(t.fen) }), { lines: 0, amountFen: 0 });
  return {
    id: Number(roll.id),
    countyCode: roll.county_code,
    countyName: roll.county_name,
    month: roll.month,
    batchCount: roll.batch_count,
    createdBy: roll.created_by,
    createdAt: new Date(roll.created_at).toISOString(),
    updatedAt: new Date(roll.updated_at).toISOString(),
    totals: {
      all: by(() => true),
      /** In the bank file: payable lines and held lines a reviewer released. */
      toPay: by((t) => t.status === 'payable' || t.status === 'released'),
      held: by((t) => t.status === 'held'),
      released: by((t) => t.status === 'released'),
      cancelled: by((t) => t.status === 'cancelled'),
      byProgramme: Object.fromEntries(
        [...new Set(totals.rows.map((t) => t.programme))].map((p) => [p, by((t) => t.programme === p && (t.status === 'payable' || t.status === 'released'))])),
    },
  };
}

export type RollView = Awaited<ReturnType<typeof rollView>>;

export async function readPaymentRoll(q: Queryable, scope: Scope, id: number) {
  await rollRow(q, scope, id);
  return rollView(q, id);
}

export async function listPaymentRolls(q: Queryable, scope: Scope, query: { countyCode?: string; month?: string }) {
  const params: unknown[] = [];
  const where: string[] = [];
  if (query.countyCode) {
    params.push(query.countyCode);
    where.push(`p.county_code = $${params.length}`);
  }
  if (query.month) {
    params.push(query.month);
    where.push(`p.month = $${params.length}`);
  }
  // Scope: counties within the caller's region.
  if (scope.regionLevel === 2) {
    params.push(scope.regionCode);
    where.push(`r.city_code = $${params.length}`);
  } else if (scope.regionLevel >= 3) {
    params.push(scope.regionCode);
    where.push(scope.regionLevel === 3 ? `p.county_code = $${params.length}` : 'false');
  }
  const r = await q.query<{ id: number }>(
    `select p.id from payment_rolls p join regions r on r.code = p.county_code ${where.length ? `where ${where.join(' and ')}` : ''} order by p.month desc, p.county_code limit 500`, params);
  const out = [];
  for (const x of r.rows) out.push(await rollView(q, Number(x.id)));
  return out;
}

interface LineRow {
  id: number;
  roll_id: number;
  month: string;
  batch: number;
  award_id: number;
  household_id: number;
  person_id: number | null;
  programme: Programme;
  amount_fen: number;
  policy_version_id: number;
  policy_ref: Record<string, unknown>;
  decision_ref: string | null;
  beneficiary_name: string;
  holder_person_id: number | null;
  holder_name: string | null;
  holder_id_number: string | null;
  bank_name: string | null;
  bank_account: string | null;
  status: 'payable' | 'held' | 'released' | 'cancelled';
  hold_reasons: HoldReason[];
  released_batch: number | null;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  address?: string;
  village_code?: string;
}

function lineView(l: LineRow) {
  return {
    id: Number(l.id), rollId: Number(l.roll_id), month: l.month, batch: l.batch, awardId: Number(l.award_id), householdId: Number(l.household_id),
    personId: l.person_id === null ? null : Number(l.person_id), programme: l.programme, programmeLabel: PROGRAMME_LABELS[l.programme],
    amountFen: Number(l.amount_fen), policyVersion: { id: Number(l.policy_version_id), ...l.policy_ref }, decisionRef: l.decision_ref,
    beneficiaryName: l.beneficiary_name, holderPersonId: l.holder_person_id === null ? null : Number(l.holder_person_id), holderName: l.holder_name,
    holderIdNumberMasked: l.holder_id_number ? maskIdNumber(l.holder_id_number) : null, bankName: l.bank_name,
    accountNoMasked: l.bank_account ? maskBankAccount(l.bank_account) : null,
    status: l.status, holdReasons: l.hold_reasons.map((r) => ({ code: r, ...HOLD_REASON_LABELS[r] })), releasedBatch: l.released_batch,
    reviewNote: l.review_note, reviewedBy: l.reviewed_by, reviewedAt: l.reviewed_at ? new Date(l.reviewed_at).toISOString() : null,
    address: l.address ?? null, villageCode: l.village_code ?? null,
  };
}

export async function listRollLines(q: Queryable, scope: Scope, rollId: number, query: { status?: string; page?: number; pageSize?: number }) {
  await rollRow(q, scope, rollId);
  const params: unknown[] = [rollId];
  let cond = '';
  if (query.status) {
    params.push(query.status);
    cond = `and l.status = $${params.length}`;
  }
  const pageSize = query.pageSize ?? 100;
  const offset = ((query.page ?? 1) - 1) * pageSize;
  const total = await q.query<{ n: number }>(`select count(*)::int as n from payment_roll_lines l where l.roll_id = $1 ${cond}`, params);
  const rows = await q.query<LineRow>(
    `select l.*, h.address, h.village_code from payment_roll_lines l join households h on h.id = l.household_id where l.roll_id = $1 ${cond} order by l.id limit ${pageSize} offset ${offset}`, params);
  return { total: total.rows[0].n, page: query.page ?? 1, pageSize, items: rows.rows.map(lineView) };
}

/** The lines the bank file pays (payable, and released held lines), optionally of one batch. */
export async function linesToPay(q: Queryable, rollId: number, batch?: number): Promise<LineRow[]> {
  const params: unknown[] = [rollId];
  let cond = `(l.status = 'payable' or l.status = 'released')`;
  if (batch !== undefined) {
    params.push(batch);
    cond = `((l.status = 'payable' and l.batch = $2) or (l.status = 'released' and l.released_batch = $2))`;
  }
  const r = await q.query<LineRow>(`select l.* from payment_roll_lines l where l.roll_id = $1 and ${cond} order by l.id`, params);
  return r.rows;
}

export async function rollForExport(q: Queryable, scope: Scope, rollId: number) {
  const row = await rollRow(q, scope, rollId);
  return { id: Number(row.id), countyCode: row.county_code, countyName: row.county_name, month: row.month, batchCount: row.batch_count };
}

/**
 * A reviewer's decision on a held line. `release`: the line is paid in a new batch of the roll, to the
 * household's account as registered now, which must belong to a living member of the household (a
 * reason of death is accepted with the reviewer's note). `cancel`: the line is not paid. Audited.
 */
export async function reviewHeldLine(db: Database, caller: BenefitsCaller, rollId: number, lineId: number, input: { decision: 'release' | 'cancel'; note: string }) {
  if (!input.note?.trim()) throw badRequest('note', 'REQUIRED', '请填写审核意见', 'A review note is required');
  return db.transaction(async (tx: Tx) => {
    await rollRow(tx, caller.scope, rollId);
    const r = await tx.query<LineRow>('select * from payment_roll_lines where id = $1 and roll_id = $2 for update', [lineId, rollId]);
    const line = r.rows[0];
    if (!line) throw notFound('发放明细', 'Payment line');
    if (line.status !== 'held') throw new AppError(409, 'NOT_HELD', '只有暂缓发放的明细可以审核', 'Only a held line can be reviewed');
    const roll = await tx.query<RollRow>('select * from payment_rolls where id = $1 for update', [rollId]);
    let update: { status: string; batch: number | null; holder: number | null; holderName: string | null; holderId: string | null; bankName: string | null; account: string | null };
    if (input.decision === 'release') {
      const h = await tx.query<{ bank_holder_person_id: number | null; bank_name: string | null; bank_account: string | null; holder_hh: number | null; holder_name: string | null; holder_id: string | null; holder_dead: string | null }>(
        `select h.bank_holder_person_id, h.bank_name, h.bank_account, p.household_id as holder_hh, p.name as holder_name, p.id_number as holder_id, p.died_on as holder_dead
         from households h left join persons p on p.id = h.bank_holder_person_id where h.id = $1`, [line.household_id]);
      const acc = h.rows[0];
      if (!acc?.bank_account || acc.bank_holder_person_id === null) throw new AppError(409, 'NO_ACCOUNT', '本户仍未登记收款账户，不能发放', 'The household still has no account');
      if (Number(acc.holder_hh) !== Number(line.household_id)) throw new AppError(409, 'HOLDER_NOT_MEMBER', '收款账户户名仍不是本户家庭成员，请先在户籍信息中更正收款账户', 'The account holder is still not a member of the household');
      if (acc.holder_dead) throw new AppError(409, 'HOLDER_DEAD', '收款人已登记死亡，请先更正收款账户', 'The account holder is registered dead');
      update = { status: 'released', batch: roll.rows[0].batch_count + 1, holder: Number(acc.bank_holder_person_id), holderName: acc.holder_name, holderId: acc.holder_id, bankName: acc.bank_name, account: acc.bank_account };
      await tx.query('update payment_rolls set batch_count = $2, updated_at = now() where id = $1', [rollId, update.batch]);
    } else {
      update = { status: 'cancelled', batch: null, holder: line.holder_person_id, holderName: line.holder_name, holderId: line.holder_id_number, bankName: line.bank_name, account: line.bank_account };
    }
    await tx.query(
      `update payment_roll_lines set status = $2, released_batch = $3, holder_person_id = $4, holder_name = $5, holder_id_number = $6, bank_name = $7, bank_account = $8,
         review_note = $9, reviewed_by = $10, reviewed_at = now() where id = $1`,
      [lineId, update.status, update.batch, update.holder, update.holderName, update.holderId, update.bankName, update.account, input.note, caller.actor.name]);
    await appendAudit(tx, caller.actor, {
      action: `payment_line.${input.decision}`, entity: 'payment_roll_line', entityId: lineId, regionCode: null,
      before: { status: 'held', holdReasons: line.hold_reasons, holderPersonId: line.holder_person_id, account: line.bank_account ? maskBankAccount(line.bank_account) : null },
      after: { status: update.status, releasedBatch: update.batch, holderPersonId: update.holder, account: update.account ? maskBankAccount(update.account) : null, note: input.note },
    });
    const out = await tx.query<LineRow>('select * from payment_roll_lines where id = $1', [lineId]);
    return lineView(out.rows[0]);
  });
}

/**
 * Reconciliation of a roll with the awards: for the county and month, the awards paid that month against
 * the roll's lines. Balanced when every such award has exactly one line with its amount and no line pays
 * an award that is no longer payable that month (e.g. ended afterwards with an earlier end month).
 */
export async function reconcileRoll(q: Queryable, scope: Scope, rollId: number) {
  const roll = await rollRow(q, scope, rollId);
  const awards = await q.query<{ n: number; fen: number | null }>(
    `select count(*)::int as n, sum(a.amount_fen)::bigint as fen from benefit_awards a join households h on h.id = a.household_id
     where h.county_code = $1 and a.start_month <= $2 and (a.end_month is null or a.end_month >= $2)`, [roll.county_code, roll.month]);
  const lines = await q.query<{ n: number; fen: number | null }>(`select count(*)::int as n, sum(amount_fen)::bigint as fen from payment_roll_lines where roll_id = $1`, [rollId]);
  const missing = await q.query<{ id: number; household_id: number; amount_fen: number; programme: string }>(
    `select a.id, a.household_id, a.amount_fen, a.programme from benefit_awards a join households h on h.id = a.household_id
     where h.county_code = $1 and a.start_month <= $2 and (a.end_month is null or a.end_month >= $2)
       and not exists (select 1 from payment_roll_lines l where l.award_id = a.id and l.month = $2) order by a.id limit 1000`, [roll.county_code, roll.month]);
  const stale = await q.query<{ id: number; award_id: number; amount_fen: number; status: string }>(
    `select l.id, l.award_id, l.amount_fen, l.status from payment_roll_lines l join benefit_awards a on a.id = l.award_id
     where l.roll_id = $1 and not (a.start_month <= l.month and (a.end_month is null or a.end_month >= l.month) and a.amount_fen = l.amount_fen)
     order by l.id limit 1000`, [rollId]);
  const awardsFen = Number(awards.rows[0].fen ?? 0);
  const linesFen = Number(lines.rows[0].fen ?? 0);
  const view = await rollView(q, rollId);
  return {
    rollId,
    countyCode: roll.county_code,
    month: roll.month,
    awards: { count: awards.rows[0].n, amountFen: awardsFen },
    lines: { count: lines.rows[0].n, amountFen: linesFen },
    toPay: view.totals.toPay,
    held: view.totals.held,
    cancelled: view.totals.cancelled,
    missingFromRoll: missing.rows.map((m) => ({ awardId: Number(m.id), householdId: Number(m.household_id), programme: m.programme, amountFen: Number(m.amount_fen) })),
    noLongerPayable: stale.rows.map((s) => ({ lineId: Number(s.id), awardId: Number(s.award_id), amountFen: Number(s.amount_fen), status: s.status })),
    balanced: missing.rows.length === 0 && stale.rows.length === 0 && awards.rows[0].n === lines.rows[0].n && awardsFen === linesFen,
    explanation: '名册明细（含暂缓、已撤销）应与该县该月应发待遇逐条对应、金额一致：缺少的明细可重新生成名册补入（新批次）；已不应发放的明细须人工处理。',
  };
}
