// Payment rolls on both engines: a frozen monthly roll per county, lines held back for review (account
// holder not a member; beneficiary, head or holder registered dead), a rerun that never pays twice (same
// roll, only missing lines added as a new batch), the bank file in GB18030 / UTF-8 CSV and XLSX, the
// reconciliation with awards, the review of held lines, and scope.
import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describeOnEngines } from '../../test/engines';
import { makeWorld, type World } from './test-world';
import { SHANGYOU_COUNTY } from './policy/seed';

describeOnEngines('benefits: payment rolls', ({ db, engine }) => {
  let w: World;
  const hh: Record<string, { id: number; members: number[] }> = {};
  const MONTH = '2026-07';

  async function award(h: { id: number; members: number[] }, programme: 'dibao' | 'tekun', facts: Record<string, unknown>, as = w.county) {
    const a = await as.request('POST', `/api/v1/households/${h.id}/assessment`, { date: '2026-06-10', ...facts, save: true });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const r = await as.request('POST', `/api/v1/households/${h.id}/benefit-awards`, { programme, decidedOn: '2026-06-10', ...(programme === 'tekun' ? { personId: h.members[0] } : {}) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }

  const couple = (name: string) => [
    { name: `${name}甲`, relation: 'head', birthDate: '1970-01-01', employment: 'employed' },
    { name: `${name}乙`, relation: 'spouse', birthDate: '1972-01-01' },
  ];
  const elder = (name: string) => [{ name, relation: 'head', birthDate: '1948-03-03', labourCapacity: 'none', employment: 'none' }];
  const tekunFacts = (h: { members: number[] }) => ({ members: [{ personId: h.members[0], supporters: [] }] });
  const wages = (h: { members: number[] }, fen: number) => ({ incomes: [{ personId: h.members[0], kind: 'wages', monthlyFen: fen }] });

  beforeAll(async () => {
    w = await makeWorld(db(), engine);
    hh.normal = await w.household({ members: couple('正常') });
    hh.tekun = await w.household({ members: elder('五保王') });
    hh.foreignHolder = await w.household({ members: couple('代领') });
    hh.deadTekun = await w.household({ members: elder('已故李') });
    hh.deadHead = await w.household({ members: couple('户主故') });
    hh.otherCounty = await w.household({ members: couple('外县'), village: w.otherVillage });
    await award(hh.normal, 'dibao', wages(hh.normal, 40000));
    await award(hh.tekun, 'tekun', tekunFacts(hh.tekun));
    await award(hh.foreignHolder, 'dibao', wages(hh.foreignHolder, 50000));
    await award(hh.deadTekun, 'tekun', tekunFacts(hh.deadTekun));
    await award(hh.deadHead, 'dibao', wages(hh.deadHead, 20000));
    // The account of 代领户 is made out to someone of another household (a village accountant, say)…
    await db().query('update households set bank_holder_person_id = $2 where id = $1', [hh.foreignHolder.id, hh.normal.members[1]]);
    // …and two deaths are registered after the decisions.
    await db().query(`update persons set died_on = '2026-06-20' where id = $1`, [hh.deadTekun.members[0]]);
    await db().query(`update persons set died_on = '2026-06-25' where id = $1`, [hh.deadHead.members[0]]);
  });

  let rollId: number;

  it('makes a frozen roll: payable lines to members\' own accounts, the rest held back for review', async () => {
    const res = await w.county.request('POST', '/api/v1/payment-rolls', { countyCode: SHANGYOU_COUNTY, month: MONTH });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ created: true, addedLines: 5, addedBatch: 1 });
    rollId = res.body.roll.id;
    const t = res.body.roll.totals;
    expect(t.all.lines).toBe(5);
    expect(t.toPay.lines).toBe(2);
    expect(t.held.lines).toBe(3);
    const awards = await db().query<{ s: number }>(
      `select sum(a.amount_fen)::bigint as s from benefit_awards a join households h on h.id = a.household_id where h.county_code = $1 and a.start_month <= $2`, [SHANGYOU_COUNTY, MONTH]);
    expect(t.all.amountFen).toBe(Number(awards.rows[0].s));
  });

  it.each([
    ['normal', 'payable', []],
    ['tekun', 'payable', []],
    ['foreignHolder', 'held', ['holder_not_member']],
    ['deadTekun', 'held', ['beneficiary_dead', 'holder_dead']],
    ['deadHead', 'held', ['head_dead', 'holder_dead']],
  ])('line of %s is %s %j', async (key, status, reasons) => {
    const lines = await w.county.request('GET', `/api/v1/payment-rolls/${rollId}/lines`);
    const line = lines.body.items.find((l: any) => l.householdId === hh[key].id);
    expect(line).toMatchObject({ status, month: MONTH, batch: 1 });
    expect(line.holdReasons.map((r: any) => r.code)).toEqual(reasons);
    expect(line.policyVersion).toMatchObject({ version: 2, regionCode: SHANGYOU_COUNTY });
    expect(line.accountNoMasked).not.toMatch(/^\d{12,}$/);
    if (reasons.length) expect(line.holdReasons[0].zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a rerun returns the same frozen roll; later it adds only the missing line, as a new batch; nothing is paid twice', async () => {
    const again = await w.county.request('POST', '/api/v1/payment-rolls', { countyCode: SHANGYOU_COUNTY, month: MONTH });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, addedLines: 0, addedBatch: null, roll: { id: rollId, batchCount: 1 } });
    hh.late = await w.household({ members: couple('迟批') });
    await award(hh.late, 'dibao', wages(hh.late, 30000));
    const third = await w.county.request('POST', '/api/v1/payment-rolls', { countyCode: SHANGYOU_COUNTY, month: MONTH });
    expect(third.body).toMatchObject({ created: false, addedLines: 1, addedBatch: 2, roll: { id: rollId, batchCount: 2 } });
    const dup = await db().query(`select award_id from payment_roll_lines group by award_id, month having count(*) > 1`);
    expect(dup.rows).toHaveLength(0);
    const line = await db().query<Record<string, unknown>>(`select * from payment_roll_lines where household_id = $1`, [hh.normal.id]);
    await expect(db().query(
      `insert into payment_roll_lines (roll_id, month, batch, award_id, household_id, programme, amount_fen, policy_version_id, policy_ref, beneficiary_name, status)
       values ($1, $2, 9, $3, $4, 'dibao', 1, $5, '{}', 'x', 'payable')`,
      [rollId, MONTH, line.rows[0].award_id, hh.normal.id, line.rows[0].policy_version_id])).rejects.toThrow();
    await expect(db().query('update payment_roll_lines set amount_fen = amount_fen + 1 where roll_id = $1', [rollId])).rejects.toThrow(/frozen/);
  });

  it('exports the bank file in GB18030 that decodes back to the same names, accounts and amounts', async () => {
    const res = await w.app.inject({ method: 'GET', url: `/api/v1/payment-rolls/${rollId}/bank-file?format=csv&encoding=gb18030`, headers: { cookie: w.county.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('gb18030');
    const raw = res.rawPayload;
    expect(raw.includes(Buffer.from('户名', 'utf8'))).toBe(false); // not UTF-8 …
    const text = iconv.decode(raw, 'gb18030');
    const [header, ...rows] = text.trim().split('\r\n').map((l) => l.split(','));
    expect(header).toEqual(['序号', '户名', '身份证号码', '银行账号', '开户银行', '金额（元）', '救助项目', '发放月份', '明细编号', '摘要']);
    const expected = await db().query<{ holder_name: string; holder_id_number: string; bank_account: string; amount_fen: number }>(
      `select holder_name, holder_id_number, bank_account, amount_fen from payment_roll_lines where roll_id = $1 and status in ('payable', 'released') order by id`, [rollId]);
    expect(rows.map((r) => [r[1], r[2], r[3], r[5]])).toEqual(expected.rows.map((e) => [e.holder_name, e.holder_id_number, e.bank_account, (Number(e.amount_fen) / 100).toFixed(2)]));
    expect(rows.map((r) => r[9])).toContain('2026年07月低保金');
    const total = (await w.county.request('GET', `/api/v1/payment-rolls/${rollId}`)).body.totals.toPay.amountFen;
    expect(Number(res.headers['x-total-fen'])).toBe(total);
    const audit = await db().query(`select 1 from audit_log where action = 'payment_roll.export' and entity_id = $1`, [String(rollId)]);
    expect(audit.rows).toHaveLength(1);
  });

  it('exports UTF-8 CSV with a BOM, XLSX with text cells, and one batch alone', async () => {
    const utf = await w.app.inject({ method: 'GET', url: `/api/v1/payment-rolls/${rollId}/bank-file`, headers: { cookie: w.county.cookie } });
    expect([...utf.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf.rawPayload.toString('utf8')).toContain('户名');
    const xlsx = await w.app.inject({ method: 'GET', url: `/api/v1/payment-rolls/${rollId}/bank-file?format=xlsx`, headers: { cookie: w.county.cookie } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const sheet = wb.getWorksheet('发放明细')!;
    expect(sheet.rowCount).toBe(1 + 3);
    expect(typeof sheet.getRow(2).getCell(3).value).toBe('string');
    expect(typeof sheet.getRow(2).getCell(6).value).toBe('number');
    const batch2 = await w.app.inject({ method: 'GET', url: `/api/v1/payment-rolls/${rollId}/bank-file?batch=2`, headers: { cookie: w.county.cookie } });
    expect(batch2.headers['x-lines']).toBe('1');
    expect((await w.city.request('GET', `/api/v1/payment-rolls/${rollId}/bank-file`)).status).toBe(403);
  });

  it('reconciles with the awards, and shows a line whose award was ended afterwards', async () => {
    const ok = await w.county.request('GET', `/api/v1/payment-rolls/${rollId}/reconciliation`);
    expect(ok.body).toMatchObject({ balanced: true, missingFromRoll: [], noLongerPayable: [] });
    expect(ok.body.awards).toEqual(ok.body.lines);
    const normalAward = (await w.county.request('GET', `/api/v1/households/${hh.normal.id}/benefits`)).body.awards[0];
    const end = await w.county.request('POST', `/api/v1/benefit-awards/${normalAward.id}/end`, { endMonth: '2026-06', reason: 'other', note: '迁出本县' });
    expect(end.status, JSON.stringify(end.body)).toBe(200);
    const after = await w.county.request('GET', `/api/v1/payment-rolls/${rollId}/reconciliation`);
    expect(after.body.balanced).toBe(false);
    expect(after.body.noLongerPayable).toEqual([expect.objectContaining({ awardId: normalAward.id, status: 'payable' })]);
  });

  it('a reviewer releases a held line only once the account is a member\'s own, or cancels it', async () => {
    const lines = (await w.county.request('GET', `/api/v1/payment-rolls/${rollId}/lines?status=held`)).body.items;
    const foreign = lines.find((l: any) => l.householdId === hh.foreignHolder.id);
    const dead = lines.find((l: any) => l.householdId === hh.deadTekun.id);
    const refused = await w.county.request('POST', `/api/v1/payment-rolls/${rollId}/lines/${foreign.id}/review`, { decision: 'release', note: '核实后发放' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('HOLDER_NOT_MEMBER');
    await db().query('update households set bank_holder_person_id = $2 where id = $1', [hh.foreignHolder.id, hh.foreignHolder.members[0]]);
    const released = await w.county.request('POST', `/api/v1/payment-rolls/${rollId}/lines/${foreign.id}/review`, { decision: 'release', note: '已更正为户主本人账户' });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body).toMatchObject({ status: 'released', releasedBatch: 3, holderPersonId: hh.foreignHolder.members[0] });
    const batch3 = await w.app.inject({ method: 'GET', url: `/api/v1/payment-rolls/${rollId}/bank-file?batch=3`, headers: { cookie: w.county.cookie } });
    expect(batch3.headers['x-lines']).toBe('1');
    expect(batch3.rawPayload.toString('utf8')).toContain('代领甲');
    const cancelled = await w.county.request('POST', `/api/v1/payment-rolls/${rollId}/lines/${dead.id}/review`, { decision: 'cancel', note: '本人已于6月20日死亡，停发' });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await w.county.request('POST', `/api/v1/payment-rolls/${rollId}/lines/${dead.id}/review`, { decision: 'release', note: 'x' })).status).toBe(409);
    const audit = await db().query(`select action from audit_log where entity = 'payment_roll_line' order by seq`);
    expect(audit.rows.map((r: any) => r.action)).toEqual(['payment_line.release', 'payment_line.cancel']);
  });

  it('is scoped to the county: others get 404, townships may not make rolls', async () => {
    expect((await w.otherCounty.request('GET', `/api/v1/payment-rolls/${rollId}`)).status).toBe(404);
    expect((await w.otherCounty.request('POST', '/api/v1/payment-rolls', { countyCode: SHANGYOU_COUNTY, month: MONTH })).status).toBe(404);
    expect((await w.townshipA.request('POST', '/api/v1/payment-rolls', { countyCode: SHANGYOU_COUNTY, month: MONTH })).status).toBe(403);
    expect((await w.city.request('GET', `/api/v1/payment-rolls/${rollId}`)).status).toBe(200);
    expect((await w.otherCounty.request('GET', '/api/v1/payment-rolls')).body).toEqual([]);
    // The other county's own roll holds only its household.
    const other = await w.otherCounty.request('POST', '/api/v1/payment-rolls', { countyCode: '360731000000', month: MONTH });
    expect(other.body.roll.totals.all.lines).toBe(0); // no policy there, so no award was ever made
  });
});
