// The demo province's benefits and the policy simulation over it, on both engines: awards seeded with the
// real assessment functions (histories across the 2024 policy change), a payment roll that reconciles, a
// recalculation of the demo month, and a simulation whose totals match a direct recomputation household
// by household — without changing anything.
import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/engines';
import { createTestUser, login, testApp, type Session } from '../../test/api-client';
import { RegionTree } from '../registry/regions';
import { loadDemoPopulation } from '../registry/demo-loader';
import { assessDibao } from './assessment/dibao';
import { seedDemoBenefits } from './demo/seed-demo';
import { loadPolicyVersions, policyForCounty } from './store/policy-store';
import { buildHousehold, forEachSubjectPage } from './store/subjects';
import { createPaymentRoll, reconcileRoll } from './payments/payment-roll';
import { recalculateMonth } from './dynamic/recalc';
import { systemCaller } from './store/common';

const TODAY = '2026-06-15';

describeOnEngines('benefits: demo province and policy simulation', ({ db, engine }) => {
  let province: Session;
  let county: Session;
  let busiest: string;
  let seeded: Awaited<ReturnType<typeof seedDemoBenefits>>;

  beforeAll(async () => {
    await loadDemoPopulation(db(), RegionTree.loadJiangxi(), { people: 3000, seed: 7, today: TODAY });
    seeded = await seedDemoBenefits(db(), { today: TODAY, pageSize: 400 });
    const { app } = await testApp(db());
    busiest = (await db().query<{ c: string }>(`select county_code as c from households group by county_code order by count(*) desc, county_code limit 1`)).rows[0].c;
    await createTestUser(db(), `dp_${engine}`, 'province', '360000000000');
    await createTestUser(db(), `dc_${engine}`, 'county', busiest);
    province = await login(app, `dp_${engine}`);
    county = await login(app, `dc_${engine}`);
  });

  it('seeds facts for every household and awards for current 低保/特困 households, with histories', async () => {
    const households = await db().query<{ n: number }>('select count(*)::int as n from households');
    expect(seeded.facts).toBe(households.rows[0].n);
    const current = await db().query<{ category: string; n: number; awarded: number }>(
      `select c.category, count(*)::int as n, count(*) filter (where exists (
         select 1 from benefit_awards a where a.household_id = c.household_id and a.end_month is null
           and a.programme = case c.category when 'dibao' then 'dibao' else 'tekun' end))::int as awarded
       from household_categories c where c.to_date is null and c.category in ('dibao', 'tekun') group by c.category order by c.category`);
    for (const c of current.rows) expect(c.awarded / c.n, c.category).toBeGreaterThan(0.9);
    // The 2024 standards continue awards decided under the 2022 ones.
    const chained = await db().query<{ n: number }>(`select count(*)::int as n from benefit_awards where previous_award_id is not null and start_month = '2024-02'`);
    expect(chained.rows[0].n).toBe(seeded.adjustments);
    expect(seeded.adjustments).toBeGreaterThan(0);
    const sample = await county.request('GET', '/api/v1/benefit-awards?status=open&pageSize=5');
    expect(sample.body.items[0].explanation.steps.length).toBeGreaterThan(3);
    expect(sample.body.items[0].policyVersion.regionCode).toMatch(/^360/);
    const province = await db().query<{ origin: string }>(`select origin from policy_versions where region_code = '360000000000'`);
    expect(province.rows.map((r) => r.origin)).toEqual(['demo', 'demo']);
  });

  it('makes a payment roll for the busiest county that reconciles with its awards', async () => {
    const r = await createPaymentRoll(db(), systemCaller('test'), { countyCode: busiest, month: '2026-06' });
    expect(r.created).toBe(true);
    expect(r.roll.totals.toPay.lines).toBeGreaterThan(0);
    const check = await reconcileRoll(db(), systemCaller('test').scope, r.roll.id);
    expect(check.balanced).toBe(true);
    expect(check.lines.amountFen).toBe(check.awards.amountFen);
  });

  it('recalculates the demo month: the model keeps amounts, so nothing or little changes', async () => {
    const s = await recalculateMonth(db(), systemCaller('test'), { month: '2026-06', countyCode: busiest });
    expect(s.skippedNoFacts).toBe(0);
    expect(s.awards).toBeGreaterThan(0);
    expect(s.unchanged + s.increase + s.decrease + s.exit + s.skippedNoPolicy).toBe(s.awards);
  });

  it.each([
    ['the province', '360000000000', 'rural', 80000],
    ['the province', '360000000000', 'urban', 100000],
    ['the busiest county', 'BUSIEST', 'rural', 76000],
  ])('simulates %s (%s, %s, %i fen); totals match a direct recomputation; nothing is written', async (_label, regionCode, area, standardFen) => {
    const code = regionCode === 'BUSIEST' ? busiest : regionCode;
    const counts = async () => (await db().query<Record<string, number>>(
      `select (select count(*)::int from benefit_awards) as a, (select count(*)::int from benefit_household_facts) as f,
              (select count(*)::int from benefit_changes) as c, (select count(*)::int from audit_log) as l, (select count(*)::int from policy_versions) as p`)).rows[0];
    const before = await counts();
    const res = await (regionCode === 'BUSIEST' ? county : province).request('POST', '/api/v1/policies/simulate', { regionCode: code, areaType: area, standardFen, effectiveFrom: '2026-07-01' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await counts()).toEqual(before);

    const direct = await directTotals(code, area, standardFen, '2026-07-01');
    const r = res.body;
    expect(r.households).toBe(direct.households);
    expect(r.skippedNoFacts).toBe(0);
    expect([r.before.households, r.before.amountFen, r.after.households, r.after.amountFen]).toEqual([direct.before, direct.beforeFen, direct.after, direct.afterFen]);
    expect([r.newlyEligible.households, r.noLongerEligible.households]).toEqual([direct.newly, direct.noLonger]);
    expect(r.monthlyCostChangeFen).toBe(direct.afterFen - direct.beforeFen);
    expect(r.byCounty.reduce((s: number, c: any) => s + c.monthlyCostChangeFen, 0)).toBe(r.monthlyCostChangeFen);
    expect(r.dataUsed).toContain('演示收入模型');
    if (regionCode === '360000000000' && area === 'rural') expect(r.newlyEligible.households).toBeGreaterThan(0);
  });

  /** The simulation's figures recomputed household by household with the full explained rule. */
  async function directTotals(code: string, area: string, standardFen: number, date: string) {
    const versions = await loadPolicyVersions(db());
    const direct = { households: 0, before: 0, beforeFen: 0, after: 0, afterFen: 0, newly: 0, noLonger: 0 };
    const where = code === '360000000000' ? 'h.area_type = $1' : 'h.area_type = $1 and h.county_code = $2';
    await forEachSubjectPage(db(), where, code === '360000000000' ? [area] : [area, code], 500, (page) => {
      for (const s of page) {
        direct.households++;
        const base = policyForCounty(versions, s.household.county_code, s.household.area_type, date)!;
        const simulated = { ...base, effectiveFrom: date, params: { ...base.params, dibaoStandard: { ...base.params.dibaoStandard, [area]: standardFen } } };
        const hh = buildHousehold(s, s.facts!.facts, date, base).household;
        const b = assessDibao(hh, base, date);
        const a = assessDibao(hh, simulated, date);
        if (b.eligible) { direct.before++; direct.beforeFen += b.amountFen; }
        if (a.eligible) { direct.after++; direct.afterFen += a.amountFen; }
        if (a.eligible && !b.eligible) direct.newly++;
        if (b.eligible && !a.eligible) direct.noLonger++;
      }
    });
    return direct;
  }

  it('stays exact when the cached basis goes stale: deaths, new facts, children coming of age', async () => {
    const sim = async (date: string) => (await province.request('POST', '/api/v1/policies/simulate', { regionCode: '360000000000', areaType: 'rural', standardFen: 78000, effectiveFrom: date })).body;
    const first = await sim('2026-07-01');
    const again = await sim('2026-07-01');
    expect(again.basisRecomputed).toBe(0);
    expect(again.after).toEqual(first.after);
    // Deaths in five 低保 households, and new income facts for five others.
    const some = await db().query<{ household_id: number; id: number }>(
      `select distinct on (c.household_id) c.household_id, p.id from household_categories c join persons p on p.household_id = c.household_id
       join households h on h.id = c.household_id where c.category = 'dibao' and c.to_date is null and h.area_type = 'rural' and p.relation <> 'head'
       order by c.household_id, p.id limit 10`);
    for (const r of some.rows.slice(0, 5)) await db().query(`update persons set died_on = '2026-05-01' where id = $1`, [r.id]);
    for (const r of some.rows.slice(5)) {
      await db().query(`update benefit_household_facts set facts = jsonb_set(facts, '{incomes}', '[{"kind": "supportPayment", "monthlyFen": 10}]'::jsonb), version = version + 1 where household_id = $1`, [r.household_id]);
    }
    const changed = await sim('2026-07-01');
    expect(changed.basisRecomputed).toBe(10);
    const direct = await directTotals('360000000000', 'rural', 78000, '2026-07-01');
    expect([changed.before.households, changed.before.amountFen, changed.after.amountFen]).toEqual([direct.before, direct.beforeFen, direct.afterFen]);
    // Four years on, children have come of age and the 2026 rows must be recomputed where that matters.
    const later = await sim('2030-07-01');
    expect(later.basisRecomputed).toBeGreaterThan(0);
    const direct2030 = await directTotals('360000000000', 'rural', 78000, '2030-07-01');
    expect([later.before.households, later.before.amountFen, later.after.households, later.after.amountFen, later.newlyEligible.households])
      .toEqual([direct2030.before, direct2030.beforeFen, direct2030.after, direct2030.afterFen, direct2030.newly]);
  });

  it('warns when the new standard needs other parameters changed, and refuses a region outside the scope', async () => {
    // Rural 特困 930 yuan would fall below 1.3 × 800 = 1,040: simulated, with the field an edit would have to change.
    const res = await province.request('POST', '/api/v1/policies/simulate', { regionCode: '360000000000', areaType: 'rural', standardFen: 80000, effectiveFrom: '2026-07-01' });
    expect(res.body.warnings).toContainEqual(expect.objectContaining({ field: 'params.tekunBasic.rural.default.amountFen' }));
    const other = (await db().query<{ c: string }>(`select code as c from regions where level = 3 and code <> $1 order by code limit 1`, [busiest])).rows[0].c;
    expect((await county.request('POST', '/api/v1/policies/simulate', { regionCode: other, areaType: 'rural', standardFen: 76000, effectiveFrom: '2026-07-01' })).status).toBe(404);
  });
});
