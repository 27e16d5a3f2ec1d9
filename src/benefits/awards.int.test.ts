// Assessments, awards and dynamic management through the API and the exported functions, on both engines:
// explained results scoped to the caller (another county's household → 404), awards casework makes with
// awardBenefit, the graduated-exit timeline, the monthly recalculation (proposed, then confirmed in bulk,
// never overwriting an award), a registered death bringing the re-check forward (and a casework task), and
// the statistics that follow from the award history.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/engines';
import { makeWorld, type World } from './test-world';
import { SHANGYOU_COUNTY } from './policy/seed';
import { awardBenefit } from './store/awards';
import type { BenefitsCaller } from './store/common';

describeOnEngines('benefits: assessment, awards, dynamic management', ({ db, engine }) => {
  let w: World;
  let countyCaller: BenefitsCaller;
  beforeAll(async () => {
    w = await makeWorld(db(), engine);
    const u = await db().query<{ id: number; username: string }>('select id, username from users where username = $1', [`bc_${engine}`]);
    countyCaller = {
      actor: { userId: Number(u.rows[0].id), name: u.rows[0].username },
      scope: { userId: Number(u.rows[0].id), username: u.rows[0].username, role: 'county', regionCode: SHANGYOU_COUNTY, regionLevel: 3 },
    };
  });

  /** A rural household with saved facts and a 低保 award decided on `decidedOn`, through the API. */
  async function dibaoHousehold(name: string, incomesFen: number[], decidedOn: string, extra: { labourCapacity?: string; size?: number } = {}) {
    const size = extra.size ?? incomesFen.length;
    const members = Array.from({ length: size }, (_, i) => ({
      name: `${name}${i}`, relation: i === 0 ? 'head' : 'spouse', birthDate: i === 0 ? '1975-02-03' : '1977-04-05',
      labourCapacity: extra.labourCapacity ?? 'full', employment: 'employed',
    }));
    const hh = await w.household({ members });
    const incomes = incomesFen.map((f, i) => ({ personId: hh.members[i], kind: 'wages', monthlyFen: f })).filter((x) => x.monthlyFen > 0);
    const a = await w.county.request('POST', `/api/v1/households/${hh.id}/assessment`, { date: decidedOn, incomes, save: true });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const award = await w.county.request('POST', `/api/v1/households/${hh.id}/benefit-awards`, { programme: 'dibao', decidedOn });
    expect(award.status, JSON.stringify(award.body)).toBe(201);
    return { ...hh, award: award.body };
  }

  describe('assessment', () => {
    let hh: { id: number; members: number[] };
    beforeAll(async () => {
      hh = await w.household({
        members: [
          { name: '刘建国', relation: 'head', birthDate: '1981-05-06', employment: 'employed' },
          { name: '陈桂兰', relation: 'spouse', birthDate: '1983-07-08', employment: 'farming' },
          { name: '刘小芳', relation: 'child', birthDate: '2016-09-01', schoolStage: 'primary', labourCapacity: 'none' },
        ],
      });
    });

    const body = () => ({
      date: '2026-06-15',
      incomes: [
        { personId: hh.members[0], kind: 'wages', monthlyFen: 60000 },
        { personId: hh.members[1], kind: 'businessNet', annualFen: 240000 },
      ],
      assets: [{ kind: 'deposit', valueFen: 500000 }],
    });

    it('answers every programme with its steps and the policy in force for the county and area', async () => {
      const res = await w.townshipA.request('POST', `/api/v1/households/${hh.id}/assessment`, body());
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const r = res.body;
      expect(r.policyVersion).toMatchObject({ regionCode: SHANGYOU_COUNTY, version: 2, effectiveFrom: '2024-01-01' });
      // 715 × 3 − (600 + 2400/12) = 1,345 yuan.
      expect(r.dibao).toMatchObject({ eligible: true, countedMembers: 3, standardFen: 71500, amountFen: 134500, paymentFromMonth: '2026-07', countedMonthlyIncomeFen: 80000 });
      expect(r.dibao.steps.length).toBeGreaterThan(5);
      expect(r.dibao.steps.every((s: any) => s.label.zh && s.detail)).toBe(true);
      expect(r.tekun.map((t: any) => [t.personId, t.eligible])).toEqual(hh.members.map((id) => [id, false]));
      expect(r.nearPoor.nearPoor).toBe(false);
      expect(r.rigidExpenditure.rigidExpenditure).toBe(false);
      expect(r.temporaryAssistance.map((t: any) => [t.band, t.amountFen])).toEqual([['general', 71500], ['serious', 214500], ['severe', 429000], ['major', null]]);
      expect(r.summary).toMatchObject({ monthlyTotalFen: 134500, programmes: [{ programme: 'dibao', amountFen: 134500 }] });
      expect(r.recheck).toMatchObject({ category: 'variable', intervalMonths: 6 });
      expect(r.factsUsed).toEqual({ source: 'request', asOf: '2026-06-15' });
    });

    it('is scoped: another township or county gets 404, as for a missing household', async () => {
      expect((await w.townshipB.request('POST', `/api/v1/households/${hh.id}/assessment`, body())).status).toBe(404);
      expect((await w.otherCounty.request('POST', `/api/v1/households/${hh.id}/assessment`, body())).status).toBe(404);
      expect((await w.otherCounty.request('GET', `/api/v1/households/${hh.id}/benefits`)).status).toBe(404);
      expect((await w.county.request('POST', '/api/v1/households/999999/assessment', body())).status).toBe(404);
    });

    it('refuses facts about someone outside the household, naming the field', async () => {
      const res = await w.county.request('POST', `/api/v1/households/${hh.id}/assessment`, { ...body(), incomes: [{ personId: 999999, kind: 'wages', monthlyFen: 1 }] });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0]).toMatchObject({ field: 'incomes[0].personId', code: 'NOT_MEMBER' });
    });

    it('saves facts only for those who may (township yes, city no), with an audit entry', async () => {
      expect((await w.city.request('POST', `/api/v1/households/${hh.id}/assessment`, { ...body(), save: true })).status).toBe(403);
      const res = await w.townshipA.request('POST', `/api/v1/households/${hh.id}/assessment`, { ...body(), save: true });
      expect(res.body.savedFacts).toEqual({ version: 1 });
      const audit = await db().query(`select 1 from audit_log where action = 'benefits.facts.save' and entity_id = $1`, [String(hh.id)]);
      expect(audit.rows).toHaveLength(1);
      const stored = await w.county.request('POST', `/api/v1/households/${hh.id}/assessment`, { date: '2026-06-15', useStoredFacts: true });
      expect(stored.body.dibao.amountFen).toBe(134500);
      expect(stored.body.factsUsed).toEqual({ source: 'assessment', asOf: '2026-06-15' });
    });
  });

  describe('awardBenefit (what casework calls)', () => {
    let hh: { id: number; members: number[] };
    let tekun: any;
    beforeAll(async () => {
      hh = await w.household({ members: [{ name: '孤老张', relation: 'head', birthDate: '1950-01-02', labourCapacity: 'none', employment: 'none' }] });
      const res = await w.county.request('POST', `/api/v1/households/${hh.id}/assessment`, {
        date: '2026-06-10', members: [{ personId: hh.members[0], supporters: [], unmetSelfCareActivities: ['bathing', 'dressing'] }],
      });
      tekun = res.body.tekun[0];
    });

    it('records the award with its explanation, policy and decision, and opens the category', async () => {
      // 农村特困 partly lost self-care: 1,220 basic (v2 by level) + 375 care = 1,595 yuan.
      expect(tekun).toMatchObject({ eligible: true, amountFen: 159500, selfCare: { level: 'partlyLost' } });
      const award = await db().transaction((tx) => awardBenefit(tx, countyCaller, {
        householdId: hh.id, personId: hh.members[0], programme: 'tekun', amountFen: tekun.amountFen, startMonth: '2026-07',
        explanation: { steps: tekun.steps, flags: tekun.flags }, policyVersion: tekun.policyVersion, decisionRef: 'decision:42', decidedOn: '2026-06-10',
      }));
      expect(award).toMatchObject({ programme: 'tekun', personId: hh.members[0], amountFen: 159500, startMonth: '2026-07', endMonth: null, source: 'casework', decisionRef: 'decision:42', status: 'notStarted' });
      expect(award.policyVersion).toMatchObject({ version: 2, regionCode: SHANGYOU_COUNTY });
      const view = await w.county.request('GET', `/api/v1/households/${hh.id}/benefits`);
      expect(view.body.awards).toHaveLength(1);
      expect(view.body.awards[0].explanation.steps).toEqual(tekun.steps);
      expect(view.body.categories).toContainEqual(expect.objectContaining({ category: 'tekun', fromDate: '2026-07-01', toDate: null }));
      expect(view.body.recheck).toMatchObject({ lastCheckedOn: '2026-06-10' });
    });

    it('never pays the same person twice for a month (409), and refuses an out-of-scope caller (404)', async () => {
      const again = () => db().transaction((tx) => awardBenefit(tx, countyCaller, {
        householdId: hh.id, personId: hh.members[0], programme: 'tekun', amountFen: 100, startMonth: '2026-09',
        explanation: { steps: tekun.steps }, policyVersion: tekun.policyVersion,
      }));
      await expect(again()).rejects.toMatchObject({ status: 409, code: 'AWARD_OVERLAP' });
      const outsider: BenefitsCaller = { ...countyCaller, scope: { ...countyCaller.scope, regionCode: '360731000000' } };
      await expect(db().transaction((tx) => awardBenefit(tx, outsider, {
        householdId: hh.id, personId: hh.members[0], programme: 'tekun', amountFen: 100, startMonth: '2027-01',
        explanation: { steps: tekun.steps }, policyVersion: tekun.policyVersion,
      }))).rejects.toMatchObject({ status: 404 });
      const n = await db().query<{ n: number }>('select count(*)::int as n from benefit_awards where household_id = $1', [hh.id]);
      expect(n.rows[0].n).toBe(1);
    });

    it('refuses a policy version not in force on the decision date', async () => {
      await expect(db().transaction((tx) => awardBenefit(tx, countyCaller, {
        householdId: hh.id, personId: hh.members[0], programme: 'singlePersonDibao', amountFen: 100, startMonth: '2023-07',
        explanation: { steps: tekun.steps }, policyVersion: tekun.policyVersion, decidedOn: '2023-06-10',
      }))).rejects.toMatchObject({ status: 400, code: 'VALIDATION' });
    });

    it('keeps the award row as decided: the database refuses a rewrite', async () => {
      await expect(db().query(`update benefit_awards set amount_fen = 1 where household_id = $1`, [hh.id])).rejects.toThrow(/never rewritten/);
      await expect(db().query(`delete from benefit_awards where household_id = $1`, [hh.id])).rejects.toThrow(/never deleted/);
    });
  });

  describe('graduated exit (渐退)', () => {
    it.each([
      [0, '2026-03', '2026-04'],
      [3, '2026-06', '2026-07'],
      [6, '2026-09', '2026-10'],
    ])('recovery confirmed 2026-03 with %i grace months: paid through %s, exit from %s', async (grace, lastPaid, exitMonth) => {
      const hh = await dibaoHousehold(`渐退${grace}`, [30000], '2025-12-20');
      expect(hh.award).toMatchObject({ startMonth: '2026-01', amountFen: 41500 });
      const res = await w.county.request('POST', `/api/v1/households/${hh.id}/recovery`, { confirmationMonth: '2026-03', graceMonths: grace });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ lastPaidMonth: lastPaid, exitMonth, graceMonths: grace });
      expect(res.body.paidMonths).toHaveLength(grace);
      expect(res.body.awards[0]).toMatchObject({ endMonth: lastPaid, exitMonth, endReason: 'recovered', amountFen: 41500 });
      const paid = async (month: string) => (await w.county.request('GET', `/api/v1/benefit-awards?householdId=${hh.id}&payableIn=${month}`)).body.total;
      expect(await paid('2026-03')).toBe(1);
      expect(await paid(lastPaid)).toBe(1);
      expect(await paid(exitMonth)).toBe(0);
      const cats = await db().query<{ to_date: string }>(`select to_date from household_categories where household_id = $1 and category = 'dibao'`, [hh.id]);
      expect(cats.rows[0].to_date).toBe(`${lastPaid}-${lastPaid.endsWith('-09') || lastPaid.endsWith('-06') ? '30' : '31'}`);
    });

    it('defaults to the policy grace months, refuses more than the policy allows, and needs an open award', async () => {
      const hh = await dibaoHousehold('渐退默认', [30000], '2025-12-20');
      expect((await w.county.request('POST', `/api/v1/households/${hh.id}/recovery`, { confirmationMonth: '2026-04', graceMonths: 7 })).status).toBe(400);
      const ok = await w.county.request('POST', `/api/v1/households/${hh.id}/recovery`, { confirmationMonth: '2026-04' });
      expect(ok.body).toMatchObject({ graceMonths: 6, lastPaidMonth: '2026-10', exitMonth: '2026-11' });
      expect((await w.county.request('POST', `/api/v1/households/${hh.id}/recovery`, { confirmationMonth: '2026-05' })).status).toBe(409);
      expect((await w.townshipA.request('POST', `/api/v1/households/${hh.id}/recovery`, { confirmationMonth: '2026-05' })).status).toBe(403);
    });
  });

  describe('ending an award by hand', () => {
    it('needs benefits.decide and the version seen; an award ended before its first month was never paid and shows as ended', async () => {
      const hh = await dibaoHousehold('手工停发', [30000], '2026-06-10');
      expect(hh.award).toMatchObject({ startMonth: '2026-07', status: 'notStarted' });
      const end = (s: typeof w.county, body: Record<string, unknown>) => s.request('POST', `/api/v1/benefit-awards/${hh.award.id}/end`, body);
      const body = { endMonth: '2026-06', reason: 'other', note: '户主外出务工，本人申请停发' };
      expect((await end(w.townshipA, { ...body, version: hh.award.version })).status).toBe(403);
      expect((await end(w.county, { ...body, version: hh.award.version + 1 })).status).toBe(409);
      const ok = await end(w.county, { ...body, version: hh.award.version });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body).toMatchObject({ endMonth: '2026-06', exitMonth: '2026-07', endReason: 'other', endNote: body.note, status: 'ended' });
      const view = await w.county.request('GET', `/api/v1/households/${hh.id}/benefits`);
      expect(view.body.awards[0]).toMatchObject({ id: hh.award.id, status: 'ended' });
      const again = await end(w.county, body);
      expect(again.body.error).toMatchObject({ code: 'AWARD_ENDED' });
      expect(again.status).toBe(409);
    });
  });

  describe('monthly recalculation, death and re-checks', () => {
    let steady: Awaited<ReturnType<typeof dibaoHousehold>>;
    let working: Awaited<ReturnType<typeof dibaoHousehold>>;
    let bereaved: Awaited<ReturnType<typeof dibaoHousehold>>;
    beforeAll(async () => {
      steady = await dibaoHousehold('稳定户', [30000], '2025-12-20');
      working = await dibaoHousehold('就业户', [50000, 0], '2025-12-20');
      bereaved = await dibaoHousehold('丧偶户', [30000, 0], '2025-12-20', { labourCapacity: 'partial' });
      // New data: the tax office reports the head of 就业户 earning 1,600 yuan a month for a year…
      const head = working.members[0];
      const idNumber = (await db().query<{ id_number: string }>('select id_number from persons where id = $1', [head])).rows[0].id_number;
      for (let m = 0; m < 12; m++) {
        const period = m < 7 ? `2025-${String(m + 6).padStart(2, '0')}` : `2026-0${m - 6}`;
        await db().query(`insert into feed_tax_income (id_number, period, income, income_type, person_id) values ($1, $2, 160000, '工资薪金', $3)`, [idNumber, period, head]);
      }
      // …and the spouse of 丧偶户 died on 20 May 2026.
      await db().query(`update persons set died_on = '2026-05-20' where id = $1`, [bereaved.members[1]]);
    });

    it('proposes changes from new data without applying them, and a rerun does not duplicate them', async () => {
      const run = await w.county.request('POST', '/api/v1/benefit-changes/recalculate', { month: '2026-06', countyCode: SHANGYOU_COUNTY });
      expect(run.status, JSON.stringify(run.body)).toBe(200);
      expect(run.body).toMatchObject({ month: '2026-06', assessedOn: '2026-06-01', taxFeedMembers: 1, exit: 1, decrease: 1 });
      expect(run.body.unchanged).toBeGreaterThanOrEqual(1);
      const list = await w.county.request('GET', '/api/v1/benefit-changes?status=proposed&month=2026-06');
      const byHousehold = new Map(list.body.items.map((c: any) => [c.householdId, c]));
      expect(byHousehold.get(working.id)).toMatchObject({ kind: 'exit', previousAmountFen: 93000, newAmountFen: 0, effectiveMonth: '2026-07' });
      // 715 − 300: the spouse is no longer counted.
      expect(byHousehold.get(bereaved.id)).toMatchObject({ kind: 'decrease', previousAmountFen: 113000, newAmountFen: 41500, effectiveMonth: '2026-07' });
      expect(byHousehold.has(steady.id)).toBe(false);
      expect((byHousehold.get(working.id) as any).explanation.steps.some((s: any) => s.detail.includes('税务'))).toBe(true);
      // Nothing applied yet.
      expect((await w.county.request('GET', `/api/v1/households/${working.id}/benefits`)).body.awards[0].endMonth).toBeNull();
      await w.county.request('POST', '/api/v1/benefit-changes/recalculate', { month: '2026-06', countyCode: SHANGYOU_COUNTY });
      const n = await db().query<{ n: number }>(`select count(*)::int as n from benefit_changes where run_month = '2026-06'`);
      expect(n.rows[0].n).toBe(2);
      expect((await w.townshipA.request('POST', '/api/v1/benefit-changes/recalculate', { month: '2026-06' })).status).toBe(403);
    });

    it('a county reviewer confirms in bulk: one award ends, the other is continued by a new one; audited', async () => {
      const list = await w.county.request('GET', '/api/v1/benefit-changes?status=proposed&month=2026-06');
      const ids = list.body.items.map((c: any) => c.id);
      const res = await w.county.request('POST', '/api/v1/benefit-changes/confirm', { ids, note: '6月复核' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.confirmed).toHaveLength(2);
      const workingView = (await w.county.request('GET', `/api/v1/households/${working.id}/benefits`)).body;
      expect(workingView.awards).toHaveLength(1);
      expect(workingView.awards[0]).toMatchObject({ endMonth: '2026-06', exitMonth: '2026-07', endReason: 'ineligible' });
      const bereavedView = (await w.county.request('GET', `/api/v1/households/${bereaved.id}/benefits`)).body;
      expect(bereavedView.awards.map((a: any) => [a.amountFen, a.startMonth, a.endMonth, a.endReason])).toEqual([
        [41500, '2026-07', null, null], [113000, '2026-01', '2026-06', 'adjusted'],
      ]);
      expect(bereavedView.awards[0].previousAwardId).toBe(bereavedView.awards[1].id);
      expect(bereavedView.awards[1].successorAwardId).toBe(bereavedView.awards[0].id);
      expect(bereavedView.awards[0]).toMatchObject({ source: 'recalculation', decisionRef: expect.stringMatching(/^benefit_change:/) });
      const audit = await db().query(`select 1 from audit_log where action = 'benefit_changes.confirm'`);
      expect(audit.rows).toHaveLength(1);
      const again = await w.county.request('POST', '/api/v1/benefit-changes/confirm', { ids });
      expect(again.body.confirmed).toHaveLength(0);
      expect(again.body.skipped).toHaveLength(2);
    });

    it('a registered death brings the re-check forward to within 3 months, and becomes a casework task', async () => {
      const before = await w.county.request('GET', '/api/v1/rechecks?due=2026-07-31');
      expect(before.body.items.map((r: any) => r.householdId)).not.toContain(bereaved.id);
      const due = await w.county.request('GET', '/api/v1/rechecks?due=2026-08-31');
      const row = due.body.items.find((r: any) => r.householdId === bereaved.id);
      expect(row).toMatchObject({ lastCheckedOn: '2025-12-20', regularDueOn: '2026-12-20', nextDueOn: '2026-08-20', dueToDeath: true, lastDeath: '2026-05-20' });
      expect(due.body.tasksAvailable).toBe(true);
      const made = await w.county.request('POST', '/api/v1/rechecks/tasks', { due: '2026-08-31', countyCode: SHANGYOU_COUNTY });
      expect(made.body.created).toBeGreaterThanOrEqual(1);
      const task = await db().query<{ kind: string; due_on: string; township_code: string; status: string }>(`select kind, due_on, township_code, status from tasks where household_id = $1`, [bereaved.id]);
      expect(task.rows).toEqual([expect.objectContaining({ kind: 'recheck', due_on: '2026-08-20', status: 'open' })]);
      expect((await w.county.request('POST', '/api/v1/rechecks/tasks', { due: '2026-08-31' })).body.created).toBe(0);
      const done = await w.townshipA.request('POST', `/api/v1/households/${bereaved.id}/rechecks`, { checkedOn: '2026-06-12' });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body).toMatchObject({ lastCheckedOn: '2026-06-12', nextDueOn: '2027-06-12', dueToDeath: false });
    });

    it('counts new inclusions, adjustments and exits by reason per month and region, within scope', async () => {
      const res = await w.county.request('GET', `/api/v1/benefits/stats?region=${SHANGYOU_COUNTY}&from=2026-01&to=2026-11`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const month = (m: string) => res.body.months.find((x: any) => x.month === m);
      const awardsStarting = await db().query<{ n: number }>(`select count(*)::int as n from benefit_awards where start_month = '2026-01' and previous_award_id is null`);
      expect(month('2026-01').newInclusions).toBe(awardsStarting.rows[0].n);
      expect(month('2026-07')).toMatchObject({ adjustments: 1 });
      expect(month('2026-07').exitsByReason.ineligible).toBe(1);
      expect(month('2026-07').exitsByReason.recovered).toBe(1); // grace 3 from March
      expect(month('2026-11').exitsByReason.recovered).toBe(1); // the policy default of 6 from April
      expect(res.body.byRegion.length).toBeGreaterThanOrEqual(1);
      expect(res.body.byRegion[0].regionCode).toMatch(/^360724\d{3}000$/);
      expect((await w.otherCounty.request('GET', `/api/v1/benefits/stats?region=${SHANGYOU_COUNTY}&from=2026-01&to=2026-02`)).status).toBe(404);
    });
  });
});
