// Every default rule at, just under and just over its threshold, and at its window's edges, on both
// engines: one world of households and feed records, one full comparison of the county, then per rule
// who fired and who did not.
import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/engines';
import { runFullComparison, type RunProgress } from './comparison-runs';
import { addCountiesToSlice, addIdsToSlice, appliesToCondition, Binder, ensureWorkTables, firingSelect, type SliceMode } from './evaluate';
import type { Tx } from '../platform/db';
import { RULES } from './rule-catalogue';
import { previewIdRanges, previewRule } from './preview';
import { COUNTY, TODAY, World } from './test-support';
import { FEEDS, feedTable } from '../feeds/catalogue';

const actor = { userId: null, name: 'test' };

describeOnEngines('monitoring rules', ({ db }) => {
  let world: World;
  let run: RunProgress;
  const p = new Map<string, string>(); // case → subject key
  const person = (name: string, made: { persons: { idNumber: string }[] }, i = 0) => p.set(name, `p:${made.persons[i].idNumber}`);
  const household = (name: string, made: { householdId: number }) => p.set(name, `h:${made.householdId}`);

  const fired = async (rule: string, name: string) => {
    const key = p.get(name);
    if (!key) throw new Error(`no case ${name}`);
    const r = await db().query<{ n: number }>('select count(*)::int as n from warnings where rule_code = $1 and subject_key = $2', [rule, key]);
    return r.rows[0].n > 0;
  };
  const summaryOf = async (rule: string, name: string) =>
    (await db().query<{ summary: string; figures: any }>('select summary, figures from warnings where rule_code = $1 and subject_key = $2', [rule, p.get(name)])).rows[0];

  beforeAll(async () => {
    world = new World(db());
    const w = world;
    const one = (birthDate = '1980-01-01', categories = ['dibao']) => w.household([{ birthDate }, { birthDate: '1982-02-02', relation: 'spouse' }], { categories });
    const med = (idNumber: string, settled_on: string, self_paid: number) =>
      ({ id_number: idNumber, settlement_no: `S-${idNumber}-${settled_on}-${self_paid}-${Math.random().toString(36).slice(2, 8)}`, settled_on, total_cost: self_paid * 2, self_paid });

    // MEDICAL_SELF_PAID_12M: 20,000 yuan over 12 months (after 2025-06-15).
    const m = { at: await one(), under: await one(), over: await one(), outside: await one(), edge: await one(), inside: await one() };
    for (const [k, v] of Object.entries(m)) person(`med12:${k}`, v);
    await w.feed('medical_settlement', [
      med(m.at.persons[0].idNumber, '2026-01-10', 1_500_000), med(m.at.persons[0].idNumber, '2026-03-10', 500_000),
      med(m.under.persons[0].idNumber, '2026-01-10', 1_500_000), med(m.under.persons[0].idNumber, '2026-03-10', 499_999),
      med(m.over.persons[0].idNumber, '2026-01-10', 2_000_000), med(m.over.persons[0].idNumber, '2026-03-10', 341_050),
      med(m.outside.persons[0].idNumber, '2026-01-10', 1_500_000), med(m.outside.persons[0].idNumber, '2025-06-14', 600_000), // 12 months and 1 day ago
      med(m.edge.persons[0].idNumber, '2026-01-10', 1_500_000), med(m.edge.persons[0].idNumber, '2025-06-15', 600_000), // 12 months ago
      med(m.inside.persons[0].idNumber, '2026-01-10', 1_500_000), med(m.inside.persons[0].idNumber, '2025-06-16', 600_000),
    ]);

    // MEDICAL_SPIKE: May 2026 ≥ 5,000 yuan and ≥ 3 × the average of Nov 2025 – Apr 2026.
    const baseline = (id: string, amount: number) => ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'].map((mon) => med(id, `${mon}-10`, amount));
    const s = {
      atMin: await one(), underMin: await one(), atFactor: await one(), underFactor: await one(), noHistory: await one(),
      beforeBaseline: await one(), baselineStart: await one(),
    };
    for (const [k, v] of Object.entries(s)) person(`spike:${k}`, v);
    await w.feed('medical_settlement', [
      ...baseline(s.atMin.persons[0].idNumber, 100_000), med(s.atMin.persons[0].idNumber, '2026-05-10', 500_000),
      ...baseline(s.underMin.persons[0].idNumber, 100_000), med(s.underMin.persons[0].idNumber, '2026-05-10', 499_999),
      ...baseline(s.atFactor.persons[0].idNumber, 200_000), med(s.atFactor.persons[0].idNumber, '2026-05-10', 600_000),
      ...baseline(s.underFactor.persons[0].idNumber, 200_000), med(s.underFactor.persons[0].idNumber, '2026-05-10', 599_999),
      med(s.noHistory.persons[0].idNumber, '2026-06-01', 700_000),
      // The baseline of May 2026 is November 2025 – April 2026: a cost the day before does not count, one on its first day does.
      med(s.beforeBaseline.persons[0].idNumber, '2025-10-31', 1_200_000), med(s.beforeBaseline.persons[0].idNumber, '2026-05-10', 500_000),
      med(s.baselineStart.persons[0].idNumber, '2025-11-01', 1_200_000), med(s.baselineStart.persons[0].idNumber, '2026-05-10', 500_000),
    ]);

    // SERIOUS_ILLNESS
    const si = { flagged: await one(), notFlagged: await one(), edge: await one(), inside: await one() };
    for (const [k, v] of Object.entries(si)) person(`serious:${k}`, v);
    await w.feed('hospitalization', [
      { id_number: si.flagged.persons[0].idNumber, admitted_on: '2026-03-01', disease: '肺恶性肿瘤', serious: true },
      { id_number: si.notFlagged.persons[0].idNumber, admitted_on: '2026-03-01', disease: '肺炎', serious: false },
      { id_number: si.edge.persons[0].idNumber, admitted_on: '2025-06-15', disease: '白血病', serious: true },
      { id_number: si.inside.persons[0].idNumber, admitted_on: '2025-06-16', disease: '白血病', serious: true },
    ]);

    // DISABILITY_SEVERE: grade 1–2, or 3 for intellectual/mental; new or upgraded.
    const d = {
      grade2: await one(), grade3physical: await one(), grade3mental: await one(), upgraded: await one(), renewed: await one(),
      registryKnows: await w.household([{ birthDate: '1980-01-01', disabilityKind: 'physical', disabilityGrade: 1 }]),
    };
    for (const [k, v] of Object.entries(d)) person(`dis:${k}`, v);
    await w.feed('disability_certificate', [
      { id_number: d.grade2.persons[0].idNumber, kind: 'physical', grade: 2, issued_on: '2026-02-01' },
      { id_number: d.grade3physical.persons[0].idNumber, kind: 'physical', grade: 3, issued_on: '2026-02-01' },
      { id_number: d.grade3mental.persons[0].idNumber, kind: 'mental', grade: 3, issued_on: '2026-02-01' },
      { id_number: d.upgraded.persons[0].idNumber, kind: 'physical', grade: 3, issued_on: '2024-01-01' },
      { id_number: d.upgraded.persons[0].idNumber, kind: 'physical', grade: 2, issued_on: '2026-02-01' },
      { id_number: d.renewed.persons[0].idNumber, kind: 'physical', grade: 2, issued_on: '2024-01-01' },
      { id_number: d.renewed.persons[0].idNumber, kind: 'physical', grade: 2, issued_on: '2026-02-01' },
      { id_number: d.registryKnows.persons[0].idNumber, kind: 'physical', grade: 2, issued_on: '2026-02-01' },
    ]);

    // DEATH_OF_LABOURER: aged 18–59 at death, able (or partly able) to work, others remain.
    const withSpouse = (birthDate: string, labourCapacity: 'full' | 'partial' | 'none' = 'full') =>
      w.household([{ birthDate, labourCapacity }, { birthDate: '1986-01-01', relation: 'spouse' }]);
    const dl = { age59: await withSpouse('1966-06-01'), age60: await withSpouse('1966-04-01'), age18: await withSpouse('2007-06-01'), age17: await withSpouse('2008-06-01'), unable: await withSpouse('1980-01-01', 'none') };
    for (const [k, v] of Object.entries(dl)) household(`death:${k}`, v);
    await w.feed('death_registration', Object.values(dl).map((h) => ({ id_number: h.persons[0].idNumber, died_on: '2026-05-01' })));

    // CHILD_LEFT_ALONE / ELDER_LEFT_ALONE
    const child = {
      left: await w.household([{ birthDate: '1986-01-01' }, { birthDate: '2008-07-01' }, { birthDate: '2016-01-01' }]),
      adult: await w.household([{ birthDate: '1986-01-01' }, { birthDate: '2008-01-01' }, { birthDate: '2016-01-01' }]),
    };
    const elder = {
      left60: await w.household([{ birthDate: '1950-01-01', labourCapacity: 'none' }, { birthDate: '1966-06-01', relation: 'spouse' }]),
      left59: await w.household([{ birthDate: '1950-01-01', labourCapacity: 'none' }, { birthDate: '1966-07-01', relation: 'spouse' }]),
      two: await w.household([{ birthDate: '1950-01-01', labourCapacity: 'none' }, { birthDate: '1960-01-01', relation: 'spouse' }, { birthDate: '1964-01-01', relation: 'sibling' }]),
    };
    for (const [k, v] of Object.entries(child)) household(`child:${k}`, v);
    for (const [k, v] of Object.entries(elder)) household(`elder:${k}`, v);
    await w.feed('death_registration', [...Object.values(child), ...Object.values(elder)].map((h) => ({ id_number: h.persons[0].idNumber, died_on: '2026-05-01' })));

    // UNEMPLOYED: aged 16–59 at registration, still registered.
    const u = { age59: await one('1966-06-01'), age60: await one('1966-01-01'), age16: await one('2009-06-01'), age15: await one('2010-06-01'), ended: await one('1980-01-01') };
    for (const [k, v] of Object.entries(u)) person(`unemp:${k}`, v);
    await w.feed('unemployment_registration', [
      ...[u.age59, u.age60, u.age16, u.age15].map((h) => ({ id_number: h.persons[0].idNumber, registered_on: '2026-03-01' })),
      { id_number: u.ended.persons[0].idNumber, registered_on: '2026-03-01', ended_on: '2026-05-01' },
    ]);

    // DISASTER_SEVERE
    const dv = { severe: await one(), ordinaryNoDamage: await one(), ordinaryDamaged: await one(), majorNoDamage: await one() };
    for (const [k, v] of Object.entries(dv)) person(`disaster:${k}`, v);
    await w.feed('disaster_victim', [
      { id_number: dv.severe.persons[0].idNumber, event: '2026年6月洪涝', occurred_on: '2026-06-01', loss_level: 'severe' },
      { id_number: dv.ordinaryNoDamage.persons[0].idNumber, event: '2026年6月洪涝', occurred_on: '2026-06-01', loss_level: 'ordinary', house_damage: '无' },
      { id_number: dv.ordinaryDamaged.persons[0].idNumber, event: '2026年6月洪涝', occurred_on: '2026-06-01', loss_level: 'ordinary', house_damage: '房屋倒塌' },
      { id_number: dv.majorNoDamage.persons[0].idNumber, event: '2026年6月洪涝', occurred_on: '2026-06-01', loss_level: 'major' },
    ]);

    // EDUCATION_BURDEN: senior high and above, or tuition ≥ 5,000 yuan a year.
    const e = { senior: await one('2010-01-01'), juniorUnder: await one('2012-01-01'), juniorAt: await one('2012-01-01'), oldBachelor: await one('2006-01-01') };
    for (const [k, v] of Object.entries(e)) person(`edu:${k}`, v);
    await w.feed('student_enrollment', [
      { id_number: e.senior.persons[0].idNumber, school: '于都中学', stage: 'senior', enrolled_on: '2025-09-01' },
      { id_number: e.juniorUnder.persons[0].idNumber, school: '某私立初中', stage: 'junior', enrolled_on: '2025-09-01', tuition: 499_999 },
      { id_number: e.juniorAt.persons[0].idNumber, school: '某私立初中', stage: 'junior', enrolled_on: '2025-09-01', tuition: 500_000 },
      { id_number: e.oldBachelor.persons[0].idNumber, school: '江西师范大学', stage: 'bachelor', enrolled_on: '2025-06-15' },
    ]);

    // RIGID_OVER_INCOME: medical + tuition ≥ 10,000 yuan and above household income (tax; pension base otherwise).
    const r = { over: await one(), equal: await one(), small: await one(), baseWage: await one() };
    for (const [k, v] of Object.entries(r)) household(`rigid:${k}`, v);
    await w.feed('medical_settlement', [
      med(r.over.persons[0].idNumber, '2026-02-01', 800_000), med(r.equal.persons[0].idNumber, '2026-02-01', 800_000),
      med(r.small.persons[0].idNumber, '2026-02-01', 999_999), med(r.baseWage.persons[0].idNumber, '2026-02-01', 1_200_000),
    ]);
    await w.feed('student_enrollment', [
      { id_number: r.over.persons[1].idNumber, school: '大学', stage: 'bachelor', enrolled_on: '2025-09-01', tuition: 300_000 },
      { id_number: r.equal.persons[1].idNumber, school: '大学', stage: 'bachelor', enrolled_on: '2025-09-01', tuition: 300_000 },
    ]);
    await w.feed('tax_income', [
      { id_number: r.over.persons[1].idNumber, period: '2026-01', income: 1_099_999, income_type: '工资薪金' },
      { id_number: r.equal.persons[1].idNumber, period: '2026-01', income: 1_100_000, income_type: '工资薪金' },
    ]);
    const months12 = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    await w.feed('social_insurance_contribution', months12.map((period) => ({ id_number: r.baseWage.persons[1].idNumber, period, insurance_type: 'employee_pension', base_wage: 100_000 })));

    // RURAL_MONITORING: newly listed, not cleared, not yet a category in the registry (discovery too).
    const strangerId = world.idNumber('1975-05-05');
    p.set('rural:stranger', `p:${strangerId}`);
    const rm = { known: await one('1980-01-01', ['ruralMonitoring']), cleared: await one('1980-01-01', ['nearPoor']) };
    for (const [k, v] of Object.entries(rm)) person(`rural:${k}`, v);
    await w.feed('rural_monitoring_object', [
      { id_number: strangerId, name: '陌生人', monitoring_type: 'sudden_hardship', risk: '因病', since: '2026-03-01' },
      { id_number: rm.known.persons[0].idNumber, monitoring_type: 'marginal_at_risk', since: '2026-03-01' },
      { id_number: rm.cleared.persons[0].idNumber, monitoring_type: 'marginal_at_risk', since: '2026-03-01', cleared_on: '2026-04-01' },
    ]);

    // RECOVERY_EMPLOYMENT: a 低保/特困 member pays employee pension 6 months in a row.
    const rec = { six: await one(), five: await one(), nearPoor: await one('1980-01-01', ['nearPoor']), gap: await one() };
    for (const [k, v] of Object.entries(rec)) person(`recovery:${k}`, v);
    const contrib = (id: string, periods: string[]) => periods.map((period) => ({ id_number: id, period, insurance_type: 'employee_pension', base_wage: 400_000 }));
    await w.feed('social_insurance_contribution', [
      ...contrib(rec.six.persons[0].idNumber, ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']),
      ...contrib(rec.five.persons[0].idNumber, ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']),
      ...contrib(rec.nearPoor.persons[0].idNumber, ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']),
      ...contrib(rec.gap.persons[0].idNumber, ['2025-11', '2025-12', '2026-01', '2026-03', '2026-04', '2026-05']),
    ]);

    // ASSET_*: 低保/特困 households registering a car, a property, a business with capital ≥ 100,000 yuan.
    const a = { car: await one(), motorbike: await one(), nearPoorCar: await one('1980-01-01', ['nearPoor']), property: await one(), bizAt: await one(), bizUnder: await one() };
    for (const [k, v] of Object.entries(a)) person(`asset:${k}`, v);
    await w.feed('vehicle_registration', [
      { id_number: a.car.persons[0].idNumber, plate: '赣B12345', vehicle_type: '小型轿车', registered_on: '2026-01-05' },
      { id_number: a.motorbike.persons[0].idNumber, plate: '赣B2345', vehicle_type: '摩托车', registered_on: '2026-01-05' },
      { id_number: a.nearPoorCar.persons[0].idNumber, plate: '赣B34567', vehicle_type: '小型轿车', registered_on: '2026-01-05' },
    ]);
    await w.feed('property_registration', [{ id_number: a.property.persons[0].idNumber, unit_no: '360731001001GB00001F00010001', area_m2: '89.50', use: '住宅', registered_on: '2026-02-01' }]);
    await w.feed('business_registration', [
      { id_number: a.bizAt.persons[0].idNumber, credit_code: '91360731MA00000001', company: '于都某商贸有限公司', capital: 10_000_000, established_on: '2026-03-01' },
      { id_number: a.bizUnder.persons[0].idNumber, credit_code: '91360731MA00000002', company: '于都某小店', capital: 9_999_999, established_on: '2026-03-01' },
    ]);

    // DECEASED_BENEFICIARY
    const dec = { tekun: await w.household([{ birthDate: '1940-01-01', labourCapacity: 'none' }], { categories: ['tekun'] }), nearPoor: await w.household([{ birthDate: '1940-01-01' }], { categories: ['nearPoor'] }) };
    for (const [k, v] of Object.entries(dec)) person(`deceased:${k}`, v);
    await w.feed('death_registration', Object.values(dec).map((h) => ({ id_number: h.persons[0].idNumber, died_on: '2026-04-01' })));

    run = await runFullComparison(db(), { today: TODAY, countyCode: COUNTY, workers: 1, actor });
  });

  it('completes the county run with counts per rule', () => {
    expect(run.status, run.error ?? '').toBe('completed');
    expect(run.units).toMatchObject({ total: 1, done: 1, failed: 0 });
    expect(run.rules).toHaveLength(17);
    expect(run.totals.raised).toBeGreaterThan(20);
  });

  it('MEDICAL_SELF_PAID_12M: at, under and over 20,000 yuan; a cost 12 months and 1 day ago does not count', async () => {
    expect(await fired('MEDICAL_SELF_PAID_12M', 'med12:at')).toBe(true);
    expect(await fired('MEDICAL_SELF_PAID_12M', 'med12:under')).toBe(false);
    expect(await fired('MEDICAL_SELF_PAID_12M', 'med12:over')).toBe(true);
    expect(await fired('MEDICAL_SELF_PAID_12M', 'med12:outside')).toBe(false);
    expect(await fired('MEDICAL_SELF_PAID_12M', 'med12:edge')).toBe(false);
    expect(await fired('MEDICAL_SELF_PAID_12M', 'med12:inside')).toBe(true);
    const over = await summaryOf('MEDICAL_SELF_PAID_12M', 'med12:over');
    expect(over.summary).toBe('近12个月医疗个人自付 23,410.50 元 ≥ 20,000 元（2 笔结算）');
    expect(over.figures).toMatchObject({ selfPaidFen: 2_341_050, thresholdFen: 2_000_000, windowMonths: 12 });
  });

  it('MEDICAL_SPIKE: at and under the monthly minimum and the multiple of the earlier average', async () => {
    expect(await fired('MEDICAL_SPIKE', 'spike:atMin')).toBe(true);
    expect(await fired('MEDICAL_SPIKE', 'spike:underMin')).toBe(false);
    expect(await fired('MEDICAL_SPIKE', 'spike:atFactor')).toBe(true);
    expect(await fired('MEDICAL_SPIKE', 'spike:underFactor')).toBe(false);
    expect(await fired('MEDICAL_SPIKE', 'spike:noHistory')).toBe(true);
    expect(await fired('MEDICAL_SPIKE', 'spike:beforeBaseline')).toBe(true);
    expect(await fired('MEDICAL_SPIKE', 'spike:baselineStart')).toBe(false);
    const at = await summaryOf('MEDICAL_SPIKE', 'spike:atFactor');
    expect(at.summary).toContain('2026-05 月医疗个人自付 6,000 元');
    expect(at.summary).toContain('3.0 倍');
    expect(at.figures).toMatchObject({ month: '2026-05', selfPaidFen: 600_000, baselineAverageFen: 200_000 });
  });

  it('SERIOUS_ILLNESS: flagged hospitalisations inside the 12 months only', async () => {
    expect(await fired('SERIOUS_ILLNESS', 'serious:flagged')).toBe(true);
    expect(await fired('SERIOUS_ILLNESS', 'serious:notFlagged')).toBe(false);
    expect(await fired('SERIOUS_ILLNESS', 'serious:edge')).toBe(false);
    expect(await fired('SERIOUS_ILLNESS', 'serious:inside')).toBe(true);
  });

  it('DISABILITY_SEVERE: grade 2, grade 3 only for mental, upgrades; not renewals or what the registry knows', async () => {
    expect(await fired('DISABILITY_SEVERE', 'dis:grade2')).toBe(true);
    expect(await fired('DISABILITY_SEVERE', 'dis:grade3physical')).toBe(false);
    expect(await fired('DISABILITY_SEVERE', 'dis:grade3mental')).toBe(true);
    expect(await fired('DISABILITY_SEVERE', 'dis:upgraded')).toBe(true);
    expect(await fired('DISABILITY_SEVERE', 'dis:renewed')).toBe(false);
    expect(await fired('DISABILITY_SEVERE', 'dis:registryKnows')).toBe(false);
    expect((await summaryOf('DISABILITY_SEVERE', 'dis:upgraded')).summary).toContain('由三级升为二级');
  });

  it('DEATH_OF_LABOURER: 18 and 59 fire, 17 and 60 and no labour capacity do not (household-level)', async () => {
    expect(await fired('DEATH_OF_LABOURER', 'death:age59')).toBe(true);
    expect(await fired('DEATH_OF_LABOURER', 'death:age60')).toBe(false);
    expect(await fired('DEATH_OF_LABOURER', 'death:age18')).toBe(true);
    expect(await fired('DEATH_OF_LABOURER', 'death:age17')).toBe(false);
    expect(await fired('DEATH_OF_LABOURER', 'death:unable')).toBe(false);
    const w = (await db().query<Record<string, any>>(`select * from warnings where rule_code = 'DEATH_OF_LABOURER' and subject_key = $1`, [p.get('death:age59')])).rows[0];
    expect(w.subject_kind).toBe('household');
    expect(w.summary).toMatch(/59 岁/);
  });

  it('CHILD_LEFT_ALONE and ELDER_LEFT_ALONE: at and just past the ages', async () => {
    expect(await fired('CHILD_LEFT_ALONE', 'child:left')).toBe(true);
    expect(await fired('CHILD_LEFT_ALONE', 'child:adult')).toBe(false);
    expect(await fired('ELDER_LEFT_ALONE', 'elder:left60')).toBe(true);
    expect(await fired('ELDER_LEFT_ALONE', 'elder:left59')).toBe(false);
    expect(await fired('ELDER_LEFT_ALONE', 'elder:two')).toBe(false);
  });

  it('UNEMPLOYED: working age 16–59 at registration, registration still open', async () => {
    expect(await fired('UNEMPLOYED', 'unemp:age59')).toBe(true);
    expect(await fired('UNEMPLOYED', 'unemp:age60')).toBe(false);
    expect(await fired('UNEMPLOYED', 'unemp:age16')).toBe(true);
    expect(await fired('UNEMPLOYED', 'unemp:age15')).toBe(false);
    expect(await fired('UNEMPLOYED', 'unemp:ended')).toBe(false);
  });

  it('DISASTER_SEVERE: severe loss or house damage', async () => {
    expect(await fired('DISASTER_SEVERE', 'disaster:severe')).toBe(true);
    expect(await fired('DISASTER_SEVERE', 'disaster:ordinaryNoDamage')).toBe(false);
    expect(await fired('DISASTER_SEVERE', 'disaster:ordinaryDamaged')).toBe(true);
    expect(await fired('DISASTER_SEVERE', 'disaster:majorNoDamage')).toBe(false);
  });

  it('EDUCATION_BURDEN: senior high, or tuition at 5,000 yuan; old enrolments do not count', async () => {
    expect(await fired('EDUCATION_BURDEN', 'edu:senior')).toBe(true);
    expect(await fired('EDUCATION_BURDEN', 'edu:juniorUnder')).toBe(false);
    expect(await fired('EDUCATION_BURDEN', 'edu:juniorAt')).toBe(true);
    expect(await fired('EDUCATION_BURDEN', 'edu:oldBachelor')).toBe(false);
  });

  it('RIGID_OVER_INCOME: expenditure above income fires, equal does not, below the minimum does not, pension base counts as income', async () => {
    expect(await fired('RIGID_OVER_INCOME', 'rigid:over')).toBe(true);
    expect(await fired('RIGID_OVER_INCOME', 'rigid:equal')).toBe(false);
    expect(await fired('RIGID_OVER_INCOME', 'rigid:small')).toBe(false);
    expect(await fired('RIGID_OVER_INCOME', 'rigid:baseWage')).toBe(false);
    const over = await summaryOf('RIGID_OVER_INCOME', 'rigid:over');
    expect(over.figures).toMatchObject({ medicalFen: 800_000, tuitionFen: 300_000, incomeFen: 1_099_999 });
  });

  it('RURAL_MONITORING: a stranger newly listed fires (discovery); the registry already knowing, or a cleared risk, does not', async () => {
    expect(await fired('RURAL_MONITORING', 'rural:stranger')).toBe(true);
    expect(await fired('RURAL_MONITORING', 'rural:known')).toBe(false);
    expect(await fired('RURAL_MONITORING', 'rural:cleared')).toBe(false);
    const w = (await db().query<Record<string, any>>(`select * from warnings where rule_code = 'RURAL_MONITORING' and subject_key = $1`, [p.get('rural:stranger')])).rows[0];
    expect(w).toMatchObject({ monitored: false, person_id: null, person_name: '陌生人', region_code: COUNTY, county_code: COUNTY, township_code: null });
  });

  it('RECOVERY_EMPLOYMENT: six months in a row in a 低保 household; five, a gap, or a near-poor household do not', async () => {
    expect(await fired('RECOVERY_EMPLOYMENT', 'recovery:six')).toBe(true);
    expect(await fired('RECOVERY_EMPLOYMENT', 'recovery:five')).toBe(false);
    expect(await fired('RECOVERY_EMPLOYMENT', 'recovery:gap')).toBe(false);
    expect(await fired('RECOVERY_EMPLOYMENT', 'recovery:nearPoor')).toBe(false);
  });

  it('ASSET_VEHICLE, ASSET_PROPERTY, ASSET_BUSINESS: registrations by 低保/特困 members, capital at the threshold', async () => {
    expect(await fired('ASSET_VEHICLE', 'asset:car')).toBe(true);
    expect(await fired('ASSET_VEHICLE', 'asset:motorbike')).toBe(false);
    expect(await fired('ASSET_VEHICLE', 'asset:nearPoorCar')).toBe(false);
    expect(await fired('ASSET_PROPERTY', 'asset:property')).toBe(true);
    expect(await fired('ASSET_BUSINESS', 'asset:bizAt')).toBe(true);
    expect(await fired('ASSET_BUSINESS', 'asset:bizUnder')).toBe(false);
  });

  it('DECEASED_BENEFICIARY: a death in a household still holding 特困, not in a near-poor one', async () => {
    expect(await fired('DECEASED_BENEFICIARY', 'deceased:tekun')).toBe(true);
    expect(await fired('DECEASED_BENEFICIARY', 'deceased:nearPoor')).toBe(false);
  });

  it('routes registry people to their township and names the rule version', async () => {
    const w = (await db().query<Record<string, any>>(`select * from warnings where rule_code = 'MEDICAL_SELF_PAID_12M' and subject_key = $1`, [p.get('med12:at')])).rows[0];
    expect(w.monitored).toBe(true);
    expect(w.region_code).toBe(w.township_code);
    expect(w.county_code).toBe(COUNTY);
    expect(w.rule_version).toBe(1);
    expect(w.level).toBe('yellow');
    expect(w.status).toBe('new');
    expect(w.evidence_count).toBe(2);
  });

  it('small slices (index probes), big ones (joins, or whole scans kept to the slice) and whole-province scans find the same subjects and evidence as the run, for every rule; none uses retired evidence', async () => {
    type Firing = { subject_key: string; monitored: boolean; ev_ids: string[] };
    const slices: Record<string, boolean>[] = [];
    type Form = 'probe' | 'join' | 'scan' | 'open';
    const firings = async (tx: Tx) => {
      const byRule = new Map<string, Record<Form, string[]>>();
      for (const rule of RULES) {
        const forms = { probe: [] as string[], join: [] as string[], scan: [] as string[], open: [] as string[] };
        for (const form of ['probe', 'join', 'scan', 'open'] as const) {
          const b = new Binder();
          const { appliesTo, params } = rule.defaults;
          const mode: SliceMode = form === 'open'
            ? { kind: 'open', region: () => 'true', provinceCode: '360000000000' }
            : { kind: 'slice', where: (a) => appliesToCondition(appliesTo, a), probe: form === 'probe', scanWhole: form === 'scan' };
          const select = firingSelect(rule, params, mode, TODAY, b, appliesTo);
          const rows = (await tx.query<Firing>(`select subject_key, monitored, ev_ids::text[] as ev_ids from (${select}) f`, b.values)).rows;
          forms[form] = rows.map((r) => `${r.subject_key} ${r.monitored} ${[...r.ev_ids].sort().join(',')}`).sort();
        }
        byRule.set(rule.code, forms);
      }
      return byRule;
    };
    let before = new Map<string, Record<Form, string[]>>();
    let retired = new Map<string, Record<Form, string[]>>();
    let emptySlice = new Map<string, Record<Form, string[]>>();
    await db().transaction(async (tx) => {
      await ensureWorkTables(tx);
      // A unit of many counties hashes the categories; one county looks them up: the same flags.
      for (const counties of [[COUNTY], [COUNTY, '360102000000']]) {
        await tx.query('delete from mon_slice');
        await addCountiesToSlice(tx, counties);
        slices.push(Object.fromEntries((await tx.query<{ id_number: string; monitored: boolean }>(
          'select id_number, monitored from mon_slice where county_code = $1', [COUNTY])).rows.map((r) => [r.id_number, r.monitored])));
      }
      const strangers = FEEDS.map((f) => `select id_number from ${feedTable(f)} where person_id is null`).join(' union ');
      await addIdsToSlice(tx, strangers, [], '360000000000');
      await tx.query('analyze mon_slice');
      before = await firings(tx);
      // Closing a warning retires its evidence (rolled back with the rest of this transaction).
      await tx.query(`update warning_evidence set closed = true where rule_code = 'MEDICAL_SELF_PAID_12M' and warning_id = (select id from warnings where rule_code = 'MEDICAL_SELF_PAID_12M' and subject_key = $1)`, [p.get('med12:over')]);
      retired = await firings(tx);
      // Nobody in the slice: the slice's forms find nobody, however much the whole scan sums.
      await tx.query('delete from mon_slice');
      emptySlice = await firings(tx);
    });
    expect(slices[0]).toEqual(slices[1]);
    expect(Object.values(slices[0]).filter(Boolean).length).toBeGreaterThan(0);
    for (const rule of RULES) {
      const { probe, join, scan, open } = before.get(rule.code)!;
      const raised = (await db().query<{ subject_key: string }>('select subject_key from warnings where rule_code = $1 order by subject_key', [rule.code])).rows.map((r) => r.subject_key);
      expect(probe, rule.code).toEqual(join);
      expect(scan, rule.code).toEqual(join);
      expect(open, rule.code).toEqual(join);
      const none = emptySlice.get(rule.code)!;
      expect([none.probe, none.join, none.scan], rule.code).toEqual([[], [], []]);
      expect(probe.map((x) => x.split(' ')[0]).sort(), rule.code).toEqual([...raised].sort());
      expect(probe.length, `${rule.code} fires in this world`).toBeGreaterThan(0);
    }
    const after = retired.get('MEDICAL_SELF_PAID_12M')!;
    expect(after.probe).toEqual(before.get('MEDICAL_SELF_PAID_12M')!.probe.filter((x) => !x.startsWith(`${p.get('med12:over')} `)));
    expect(after.join).toEqual(after.probe);
    expect(after.scan).toEqual(after.probe);
    expect(after.open).toEqual(after.probe);
  });

  it('province previews count the same in one range of ID numbers as in several, and describe their sample as the rule does', async () => {
    const province = { userId: 0, username: 'test', role: 'province' as const, regionCode: '360000000000', regionLevel: 1 };
    type Row = { subject_key: string; id_number: string | null; person_id: number | null; household_id: number | null; summary: string; figures: unknown };
    // A household whose two members both fire, to be split between ranges: counted once.
    const both = await world.household([{ birthDate: '1970-03-03' }, { birthDate: '1972-04-04', relation: 'spouse' }], { categories: ['dibao'] });
    await world.feed('medical_settlement', both.persons.map((m) => ({ id_number: m.idNumber, settlement_no: `BOTH-${m.idNumber}`, settled_on: '2026-02-02', total_cost: 6_000_000, self_paid: 3_000_000 })));
    const key = (personId: unknown, householdId: unknown, summary: string, figures: unknown) =>
      JSON.stringify([personId === null ? null : String(personId), householdId === null ? null : String(householdId), summary, figures]);
    for (const rule of RULES) {
      const { appliesTo, params } = rule.defaults;
      const b = new Binder();
      const select = firingSelect(rule, params, { kind: 'open', region: () => 'true', provinceCode: '360000000000' }, TODAY, b, appliesTo);
      const rows = (await db().query<Row>(`select subject_key, id_number, person_id, household_id, summary, figures from (${select}) f`, b.values)).rows;
      const one = await previewRule(db(), province, rule.code, { params: {} }, TODAY, { sampleSize: 50, idRanges: [{ from: null, to: null }] });
      expect(one.proposed.subjects, rule.code).toBe(rows.length);
      expect(one.proposed.households, rule.code).toBe(new Set(rows.map((r) => r.household_id).filter((h) => h !== null).map(String)).size);
      expect(one.sample.length, rule.code).toBe(Math.min(50, rows.length));
      // The sample's summaries and figures, computed apart, are the rule's own for those subjects.
      const described = new Set(rows.map((r) => key(r.person_id, r.household_id, r.summary, r.figures)));
      for (const s of one.sample) expect(described.has(key(s.personId, s.householdId, s.summary, s.figures)), `${rule.code} ${s.summary}`).toBe(true);
      if (rule.subject !== 'person') continue;
      // Split where subjects are, so that every range counts some, and between two members of one
      // household where there is one: the same figures, county by county.
      const ids = rows.map((r) => r.id_number!).sort();
      const byHousehold = new Map<string, string[]>();
      for (const r of rows) if (r.household_id !== null) byHousehold.set(String(r.household_id), [...byHousehold.get(String(r.household_id)) ?? [], r.id_number!]);
      const members = [...byHousehold.values()].find((g) => g.length > 1);
      const between = members ? [members.sort()[1]] : [];
      const splits = [...new Set([ids[Math.floor(ids.length / 3)], ...between, ids[Math.floor((2 * ids.length) / 3)]])]
        .filter((x): x is string => x !== undefined).sort();
      if (rule.code === 'MEDICAL_SELF_PAID_12M') expect(between).toHaveLength(1);
      const idRanges = [null, ...splits].map((from, i) => ({ from, to: splits[i] ?? null }));
      const split = await previewRule(db(), province, rule.code, { params: {} }, TODAY, { sampleSize: 50, idRanges });
      expect(split.proposed, rule.code).toEqual(one.proposed);
      expect(split.sample, rule.code).toEqual(one.sample);
    }
  });

  it('counts a moved threshold and the version in force from one scan, as it counts them apart', async () => {
    const province = { userId: 0, username: 'test', role: 'province' as const, regionCode: '360000000000', regionLevel: 1 };
    const withThresholds = RULES.filter((r) => r.atLeast?.length);
    expect(withThresholds.map((r) => r.code).sort()).toEqual(['MEDICAL_SELF_PAID_12M', 'RIGID_OVER_INCOME']);
    for (const rule of withThresholds) {
      for (const { param } of rule.atLeast!) {
        const base = Number(rule.defaults.params[param]);
        for (const value of [Math.round(base / 2), base - 1, base + 1, base * 3]) {
          for (const regionCode of [null, COUNTY]) {
            const input = { regionCode, params: { [param]: value } };
            const shared = await previewRule(db(), province, rule.code, input, TODAY, { sampleSize: 20 });
            const apart = await previewRule(db(), province, rule.code, input, TODAY, { sampleSize: 20, separateScans: true });
            const what = `${rule.code} ${param}=${value} ${regionCode ?? 'province'}`;
            expect(shared.proposed, what).toEqual(apart.proposed);
            expect(shared.current, what).toEqual(apart.current);
            expect(shared.sample, what).toEqual(apart.sample);
          }
        }
      }
    }
    // The world has subjects on both sides of the thresholds: the moved ones count differently.
    const lower = await previewRule(db(), province, 'MEDICAL_SELF_PAID_12M', { params: { thresholdFen: 1_999_999 } }, TODAY);
    expect(lower.proposed.subjects).toBeGreaterThan(lower.current.subjects);
    const higher = await previewRule(db(), province, 'RIGID_OVER_INCOME', { params: { minExpenseFen: 3_000_000 } }, TODAY);
    expect(higher.proposed.subjects).toBeLessThan(higher.current.subjects);
  });

  it('splits a person rule\'s ID numbers into contiguous ranges from the feed\'s statistics', async () => {
    const rule = RULES.find((r) => r.code === 'MEDICAL_SELF_PAID_12M')!;
    await db().query('analyze feed_medical_settlement');
    const ranges = await previewIdRanges(db(), rule, 3);
    expect(ranges[0].from).toBeNull();
    expect(ranges[ranges.length - 1].to).toBeNull();
    for (let i = 1; i < ranges.length; i++) expect(ranges[i].from).toBe(ranges[i - 1].to);
    expect(ranges.length).toBeGreaterThan(1);
    // Household rules and rules that scan their whole table are counted in one piece.
    expect(await previewIdRanges(db(), RULES.find((r) => r.code === 'RIGID_OVER_INCOME')!)).toEqual([{ from: null, to: null }]);
    expect(await previewIdRanges(db(), RULES.find((r) => r.code === 'RECOVERY_EMPLOYMENT')!)).toEqual([{ from: null, to: null }]);
  });
});
