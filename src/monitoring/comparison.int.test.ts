// Comparison runs on both engines: evidence that points to its import, file and row (or API batch);
// no warning twice for the same evidence across reruns and re-imports; new evidence joins the open warning
// (and may raise its level) while the warning keeps its rule version; closed warnings retire their
// evidence; discovery routing; real-time pushes listed at once; two workers give what one gives.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeOnEngines } from '../../test/engines';
import { createTestUser, login, testApp, type Session } from '../../test/api-client';
import { SYSTEM_ACTOR } from '../platform/audit';
import { importFile } from '../feeds/import/import-file';
import { addFeedToken } from '../feeds/import/tokens';
import { runFullComparison } from './comparison-runs';
import { mergeTuning } from './evaluate';
import { createRuleVersion } from './rule-store';
import { subscribeComparisons } from './realtime';
import { changeWarningStatus } from './warning-queries';
import { COUNTY, NOW, TODAY, World, warningsFor } from './test-support';

const actor = { userId: null, name: 'test' };
const provinceScope = { userId: 0, username: 'p', role: 'province' as const, regionCode: '360000000000', regionLevel: 1 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-monitoring-'));
const HEADER = '身份证号,姓名,结算单号,结算日期,就诊类型,医疗机构,总费用,统筹支付,个人自付';

describeOnEngines('comparison runs and warnings', ({ db, engine }) => {
  let world: World;
  let unsubscribe: () => void;
  let storeDir: string;
  beforeAll(async () => {
    world = new World(db());
    storeDir = fs.mkdtempSync(path.join(tmp, `store-${engine}-`));
    unsubscribe = subscribeComparisons(db(), () => NOW);
  });
  afterAll(() => unsubscribe());

  const csv = (name: string, lines: string[]) => {
    const file = path.join(tmp, `${engine}-${name}.csv`);
    fs.writeFileSync(file, [HEADER, ...lines].join('\n') + '\n');
    return file;
  };

  it('raises after a file import with evidence pointing to the import, the file and the row; a re-import and a rerun raise nothing new', async () => {
    const h = await world.household([{ birthDate: '1970-03-03', name: '王富贵' }]);
    const id = h.persons[0].idNumber;
    const file = csv('first', [
      `${id},王富贵,F-${engine}-1,2026-01-05,住院,于都县人民医院,30000,15000,15000`,
      `${id},王富贵,F-${engine}-2,2026-02-05,门诊,于都县人民医院,12000,6000,6000`,
    ]);
    const report = await importFile(db(), storeDir, { feed: 'medical_settlement', path: file, actor });
    expect(report.status).toBe('completed');
    const [w] = await warningsFor(db(), 'MEDICAL_SELF_PAID_12M', `p:${id}`);
    expect(w).toMatchObject({ status: 'new', evidence_count: 2, person_id: h.persons[0].id, household_id: h.householdId, region_code: h.townshipCode });
    const evidence = (await db().query<Record<string, any>>(
      `select e.*, f.import_id, f.source_row, i.file_name, i.source from warning_evidence e
       join feed_medical_settlement f on f.id = e.record_id join feed_imports i on i.id = f.import_id
       where e.warning_id = $1 order by f.source_row`, [w.id])).rows;
    expect(evidence.map((e) => [e.import_id, e.source_row, e.source, e.file_name])).toEqual([
      [report.importId, 2, 'file', `${engine}-first.csv`], [report.importId, 3, 'file', `${engine}-first.csv`],
    ]);
    const run = (await db().query<Record<string, any>>('select * from comparison_runs where import_id = $1', [report.importId])).rows[0];
    expect(run).toMatchObject({ kind: 'import', status: 'completed', feed: 'medical_settlement', today: TODAY });

    // The same file again: duplicates only, nothing new.
    const again = await importFile(db(), storeDir, { feed: 'medical_settlement', path: file, actor });
    expect(again).toMatchObject({ status: 'completed', accepted: 0, duplicates: 2 });
    // Full comparisons, twice: the evidence is used already.
    const first = await runFullComparison(db(), { today: TODAY, countyCode: COUNTY, actor });
    const second = await runFullComparison(db(), { today: TODAY, countyCode: COUNTY, actor });
    expect(first.status).toBe('completed');
    expect(second.totals.raised).toBe(0);
    expect(second.totals.updated).toBe(0);
    expect(await warningsFor(db(), 'MEDICAL_SELF_PAID_12M', `p:${id}`)).toHaveLength(1);
    expect((await db().query<{ n: number }>('select count(*)::int as n from warning_evidence where warning_id = $1', [w.id])).rows[0].n).toBe(2);
  });

  it('adds new evidence to the open warning, raises its level after a rule edit, and keeps the version that raised it', async () => {
    const h = await world.household([{ birthDate: '1971-04-04' }]);
    const id = h.persons[0].idNumber;
    await importFile(db(), storeDir, { feed: 'medical_settlement', path: csv('open1', [`${id},甲,O-${engine}-1,2026-03-01,住院,医院,50000,25000,25000`]), actor });
    const [before] = await warningsFor(db(), 'MEDICAL_SELF_PAID_12M', `p:${id}`);
    expect(before).toMatchObject({ level: 'yellow', rule_version: 1, evidence_count: 1 });

    const v2 = await createRuleVersion(db(), { userId: null, name: 'prov' }, provinceScope, 'MEDICAL_SELF_PAID_12M', { level: 'red', note: '提高等级' }, TODAY);
    expect(v2.version).toBeGreaterThan(1);
    await importFile(db(), storeDir, { feed: 'medical_settlement', path: csv('open2', [`${id},甲,O-${engine}-2,2026-04-01,门诊,医院,2000,1000,1000`]), actor });
    const after = await warningsFor(db(), 'MEDICAL_SELF_PAID_12M', `p:${id}`);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before.id, level: 'red', rule_version: 1, evidence_count: 2 });
    expect(after[0].figures.selfPaidFen).toBe(2_600_000);
    const ev = (await db().query<{ version: number }>(
      `select v.version from warning_evidence e join monitoring_rule_versions v on v.id = e.rule_version_id where e.warning_id = $1 order by e.record_id`, [before.id])).rows;
    expect(ev.map((e) => e.version)).toEqual([1, v2.version]);
    const events = (await db().query<{ kind: string; from_value: string | null; to_value: string | null }>('select kind, from_value, to_value from warning_events where warning_id = $1 order by id', [before.id])).rows;
    expect(events.map((e) => e.kind)).toEqual(['raised', 'evidence', 'level']);
    expect(events[2]).toMatchObject({ from_value: 'yellow', to_value: 'red' });
    // Back to the default level for the other tests.
    await createRuleVersion(db(), { userId: null, name: 'prov' }, provinceScope, 'MEDICAL_SELF_PAID_12M', { level: 'yellow' }, TODAY);
  });

  it('a closed warning retires its evidence: reruns raise nothing, new evidence opens a new warning with only the new records', async () => {
    const h = await world.household([{ birthDate: '1972-05-05' }]);
    const id = h.persons[0].idNumber;
    await importFile(db(), storeDir, { feed: 'medical_settlement', path: csv('close1', [`${id},乙,C-${engine}-1,2026-03-01,住院,医院,50000,25000,25000`]), actor });
    const [w] = await warningsFor(db(), 'MEDICAL_SELF_PAID_12M', `p:${id}`);
    await changeWarningStatus(db(), actor, provinceScope, w.id, { status: 'closed', note: '已入户核实，已纳入医疗救助' }, NOW);
    const rerun = await runFullComparison(db(), { today: TODAY, countyCode: COUNTY, actor });
    expect(rerun.rules.find((r) => r.ruleCode === 'MEDICAL_SELF_PAID_12M')!.raised).toBe(0);
    expect(await warningsFor(db(), 'MEDICAL_SELF_PAID_12M', `p:${id}`)).toHaveLength(1);
    // A small new cost is not enough on its own…
    await importFile(db(), storeDir, { feed: 'medical_settlement', path: csv('close2', [`${id},乙,C-${engine}-2,2026-04-01,门诊,医院,200,100,100`]), actor });
    expect(await warningsFor(db(), 'MEDICAL_SELF_PAID_12M', `p:${id}`)).toHaveLength(1);
    // …new costs reaching the threshold by themselves are.
    await importFile(db(), storeDir, { feed: 'medical_settlement', path: csv('close3', [`${id},乙,C-${engine}-3,2026-05-01,住院,医院,40000,20000,19900`]), actor });
    const list = await warningsFor(db(), 'MEDICAL_SELF_PAID_12M', `p:${id}`);
    expect(list).toHaveLength(2);
    expect(list[1]).toMatchObject({ status: 'new', evidence_count: 2 });
    expect(list[1].figures.selfPaidFen).toBe(2_000_000);
  });

  it('routes people not in the registry to the county of their ID address code, else to the province queue', async () => {
    const inCounty = world.idNumber('1960-01-01', '360731');
    const cityCode = world.idNumber('1960-01-01', '360700'); // a city's own code, never a county
    const beijing = world.idNumber('1960-01-01', '110101');
    await world.feed('hospitalization', [inCounty, cityCode, beijing].map((id_number) => ({ id_number, name: '外来人员', admitted_on: '2026-05-01', disease: '急性白血病', serious: true })));
    const run = await runFullComparison(db(), { today: TODAY, actor, workers: 2 });
    expect(run.status, run.error ?? '').toBe('completed');
    expect(run.units.total).toBe(2);
    const region = async (id: string) => (await warningsFor(db(), 'SERIOUS_ILLNESS', `p:${id}`))[0];
    expect(await region(inCounty)).toMatchObject({ monitored: false, region_code: COUNTY, county_code: COUNTY, city_code: '360700000000', township_code: null });
    expect(await region(cityCode)).toMatchObject({ monitored: false, region_code: '360000000000', county_code: null, city_code: null });
    expect(await region(beijing)).toMatchObject({ monitored: false, region_code: '360000000000', county_code: null });
  });

});

// With the whole app (its own subscription, and casework turning new warnings into township tasks at once).
describeOnEngines('real-time push', ({ db, engine }) => {
  let app: FastifyInstance;
  let token: string;
  let world: World;
  beforeAll(async () => {
    world = new World(db());
    ({ app } = await testApp(db(), () => NOW));
    ({ token } = await addFeedToken(db(), SYSTEM_ACTOR, '医保局', ['medical_settlement']));
  });
  afterAll(async () => {
    await app.close();
  });

  it('a record pushed through the API is evaluated at once: the warning is listed when the push is acknowledged', async () => {
    const h = await world.household([{ birthDate: '1973-06-06' }], { township: 1 });
    await createTestUser(db(), `push_t_${engine}`, 'township', h.townshipCode);
    const township: Session = await login(app, `push_t_${engine}`);
    const id = h.persons[0].idNumber;
    const res = await app.inject({
      method: 'POST', url: '/api/v1/feeds/medical_settlement/records', headers: { authorization: `Bearer ${token}` },
      payload: { batchId: `RT-${engine}`, records: [{ id_number: id, settlement_no: `RT-${engine}-1`, settled_on: '2026-06-10', total_cost: '50000', self_paid: '21000.5' }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const list = await township.request('GET', `/api/v1/warnings?personId=${h.persons[0].id}`);
    expect(list.status).toBe(200);
    const warning = list.body.items.find((x: any) => x.ruleCode === 'MEDICAL_SELF_PAID_12M');
    expect(warning).toMatchObject({ summary: '近12个月医疗个人自付 21,000.50 元 ≥ 20,000 元（1 笔结算）', monitored: true });
    expect(['new', 'dispatched']).toContain(warning.status);
    const detail = await township.request('GET', `/api/v1/warnings/${warning.id}`);
    expect(detail.body.evidence[0].source).toMatchObject({ kind: 'api', batchId: `RT-${engine}`, row: 1, department: '医保局' });
    expect(detail.body.evidence[0].fields.find((f: any) => f.key === 'id_number').value).toMatch(/^3607\*+/);
    const runs = await township.request('GET', '/api/v1/comparison-runs?kind=push');
    expect(runs.body.items[0]).toMatchObject({ kind: 'push', status: 'completed' });
    expect(runs.body.items.some((r: any) => r.totals.raised > 0)).toBe(true);
  });
});

describeOnEngines('full comparison with two workers', ({ db }) => {
  it('gives the same warnings as with one', async () => {
    const world = new World(db());
    const counties = ['360731000000', '360102000000', '361102000000'];
    for (const [i, county] of counties.entries()) {
      for (let k = 0; k < 4; k++) {
        const h = await world.household([{ birthDate: `19${60 + k}-0${i + 1}-0${k + 1}` }, { birthDate: '2009-01-01' }], { county, township: k % 2, categories: [k % 2 ? 'dibao' : 'tekun'] });
        await world.feed('medical_settlement', [{ id_number: h.persons[0].idNumber, settlement_no: `W-${county}-${k}`, settled_on: '2026-02-01', total_cost: 5_000_000, self_paid: 2_000_000 + k }]);
        await world.feed('student_enrollment', [{ id_number: h.persons[1].idNumber, school: '高中', stage: 'senior', enrolled_on: '2025-09-01', tuition: 200_000 }]);
        if (k === 3) await world.feed('death_registration', [{ id_number: h.persons[0].idNumber, died_on: '2026-03-01' }]);
      }
      await world.feed('hospitalization', [{ id_number: world.idNumber('1990-01-01', county.slice(0, 6)), admitted_on: '2026-04-01', disease: '尿毒症', serious: true }]);
    }
    await world.feed('disaster_victim', [{ id_number: world.idNumber('1990-01-01', '430102'), event: '洪灾', occurred_on: '2026-06-01', loss_level: 'severe' }]);

    const snapshot = async () => (await db().query<{ k: string }>(
      `select w.rule_code || '|' || w.subject_key || '|' || w.region_code || '|' || w.level || '|' || w.summary || '|' ||
         (select string_agg(e.feed || ':' || e.record_id, ',' order by e.feed, e.record_id) from warning_evidence e where e.warning_id = w.id) as k
       from warnings w order by 1`)).rows.map((r) => r.k);
    const clearWarnings = async () => {
      for (const table of ['warning_events', 'warning_evidence', 'warnings']) await db().query(`delete from ${table}`);
    };
    const one = await runFullComparison(db(), { today: TODAY, actor, workers: 1 });
    expect(one.status, one.error ?? '').toBe('completed');
    const withOne = await snapshot();
    expect(withOne.length).toBeGreaterThan(20);
    await clearWarnings();
    const two = await runFullComparison(db(), { today: TODAY, actor, workers: 2 });
    expect(two.status, two.error ?? '').toBe('completed');
    expect(await snapshot()).toEqual(withOne);
    expect(two.totals.raised).toBe(one.totals.raised);
    const workers = (await db().query<{ worker: string }>('select distinct worker from comparison_run_units where run_id = $1', [two.id])).rows;
    expect(workers.length).toBe(2);

    // Merged by hash joins (as a big unit's firings are) instead of by key: the same warnings; a rerun adds none.
    const byKey = mergeTuning.byKeyFirings;
    mergeTuning.byKeyFirings = 0;
    try {
      await clearWarnings();
      const hashed = await runFullComparison(db(), { today: TODAY, actor, workers: 1 });
      expect(hashed.status, hashed.error ?? '').toBe('completed');
      expect(await snapshot()).toEqual(withOne);
      const again = await runFullComparison(db(), { today: TODAY, actor, workers: 1 });
      expect(again.totals.raised).toBe(0);
      expect(await snapshot()).toEqual(withOne);
    } finally {
      mergeTuning.byKeyFirings = byKey;
    }
  });
});
