// The monitoring API on both engines: warnings in the caller's scope only (404 outside), with evidence
// and the rule's explanation; rules listed with their specs; a rule edit makes a new version (validated,
// audited, regional) while old warnings keep theirs; previews write nothing; comparison runs show progress.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeOnEngines } from '../../test/engines';
import { createTestUser, login, testApp, type Session } from '../../test/api-client';
import { runFullComparison } from './comparison-runs';
import { COUNTY, NOW, TODAY, World } from './test-support';

const actor = { userId: null, name: 'test' };

describeOnEngines('monitoring API', ({ db, engine }) => {
  let app: FastifyInstance;
  let world: World;
  const s: Record<string, Session> = {};
  let otherCounty: string;
  let townshipA: string;
  let townshipB: string;
  const people: Record<string, { personId: number; idNumber: string }> = {};
  const warningIds: Record<string, number> = {};

  const get = (who: string, url: string) => s[who].request('GET', url);
  const warningOf = async (rule: string, subject: string) =>
    (await db().query<{ id: number }>('select id from warnings where rule_code = $1 and subject_key = $2 order by id desc limit 1', [rule, subject])).rows[0]?.id;

  beforeAll(async () => {
    ({ app } = await testApp(db(), () => NOW));
    world = new World(db());
    const a = await world.household([{ birthDate: '1970-01-01', name: '张甲' }], { township: 0 });
    const a2 = await world.household([{ birthDate: '1971-01-01', name: '张乙' }], { township: 0 });
    const b = await world.household([{ birthDate: '1972-01-01', name: '李丙' }], { township: 1 });
    townshipA = a.townshipCode;
    townshipB = b.townshipCode;
    people.a = { personId: a.persons[0].id, idNumber: a.persons[0].idNumber };
    people.a2 = { personId: a2.persons[0].id, idNumber: a2.persons[0].idNumber };
    people.b = { personId: b.persons[0].id, idNumber: b.persons[0].idNumber };
    people.stranger = { personId: 0, idNumber: world.idNumber('1965-01-01', '360731') };
    people.outsider = { personId: 0, idNumber: world.idNumber('1965-01-01', '110101') };
    const med = (id: string, n: string, fen: number) => ({ id_number: id, settlement_no: `API-${engine}-${n}`, settled_on: '2026-04-01', total_cost: fen * 2, self_paid: fen });
    await world.feed('medical_settlement', [med(people.a.idNumber, 'a', 2_500_000), med(people.a2.idNumber, 'a2', 1_600_000)]);
    await world.feed('hospitalization', [
      { id_number: people.b.idNumber, admitted_on: '2026-05-01', disease: '胃恶性肿瘤', serious: true },
      { id_number: people.stranger.idNumber, name: '外来甲', admitted_on: '2026-05-01', disease: '胃恶性肿瘤', serious: true },
      { id_number: people.outsider.idNumber, name: '外来乙', admitted_on: '2026-05-01', disease: '胃恶性肿瘤', serious: true },
    ], { source: 'api', batchId: `B-${engine}` });
    const run = await runFullComparison(db(), { today: TODAY, actor });
    expect(run.status, run.error ?? '').toBe('completed');
    warningIds.a = await warningOf('MEDICAL_SELF_PAID_12M', `p:${people.a.idNumber}`);
    warningIds.b = await warningOf('SERIOUS_ILLNESS', `p:${people.b.idNumber}`);
    warningIds.stranger = await warningOf('SERIOUS_ILLNESS', `p:${people.stranger.idNumber}`);
    warningIds.outsider = await warningOf('SERIOUS_ILLNESS', `p:${people.outsider.idNumber}`);

    otherCounty = (await db().query<{ code: string }>(`select code from regions where level = 3 and city_code = '360700000000' and code <> $1 order by code limit 1`, [COUNTY])).rows[0].code;
    const village = (await db().query<{ village_code: string }>('select village_code from households where id = $1', [a.householdId])).rows[0].village_code;
    const users: [string, string, string][] = [
      ['tA', 'township', townshipA], ['tB', 'township', townshipB], ['v', 'village', village], ['c', 'county', COUNTY],
      ['c2', 'county', otherCounty], ['city', 'city', '360700000000'], ['p', 'province', '360000000000'],
    ];
    for (const [key, role, region] of users) {
      await createTestUser(db(), `${key}_${engine}`, role, region);
      s[key] = await login(app, `${key}_${engine}`);
    }
  });

  it('lists only the warnings of the caller\'s region, with counts by level and status', async () => {
    const tA = await get('tA', '/api/v1/warnings');
    expect(tA.status).toBe(200);
    const ids = tA.body.items.map((w: any) => w.id);
    expect(ids).toContain(warningIds.a);
    expect(ids).not.toContain(warningIds.b);
    expect(ids).not.toContain(warningIds.stranger);
    expect(tA.body.items.every((w: any) => w.region.code === townshipA)).toBe(true);
    expect(tA.body.countsByLevel.yellow).toBeGreaterThanOrEqual(1);
    expect(tA.body.total).toBe(tA.body.items.length);
    const item = tA.body.items.find((w: any) => w.id === warningIds.a);
    expect(item).toMatchObject({ ruleCode: 'MEDICAL_SELF_PAID_12M', ruleName: '医疗自付费用累计过高', level: 'yellow', scenario: 'illness', scenarioName: '因病', subjectKind: 'person', monitored: true });
    expect(item.person.idNumberMasked).toMatch(/^3607\*{10}/);
    expect(JSON.stringify(tA.body)).not.toContain(people.a.idNumber);

    const county = (await get('c', '/api/v1/warnings?pageSize=100')).body.items.map((w: any) => w.id);
    expect(county).toEqual(expect.arrayContaining([warningIds.a, warningIds.b, warningIds.stranger]));
    expect(county).not.toContain(warningIds.outsider);
    expect((await get('c2', '/api/v1/warnings')).body.items.map((w: any) => w.id)).not.toContain(warningIds.a);
    const province = (await get('p', '/api/v1/warnings?pageSize=100')).body.items.map((w: any) => w.id);
    expect(province).toEqual(expect.arrayContaining([warningIds.a, warningIds.b, warningIds.stranger, warningIds.outsider]));
    expect((await get('v', '/api/v1/warnings')).body.items.map((w: any) => w.id)).toContain(warningIds.a);

    const filtered = await get('c', `/api/v1/warnings?region=${townshipB}&level=red&rule=SERIOUS_ILLNESS&status=open`);
    expect(filtered.body.items.map((w: any) => w.id)).toEqual([warningIds.b]);
    expect(filtered.body.countsByLevel).toMatchObject({ red: 1 });
    // Counts by level honour the chosen statuses, counts by status the chosen levels; each ignores its own.
    const all = (await get('c', '/api/v1/warnings?pageSize=100')).body.items as { level: string; status: string }[];
    const status = all[0].status;
    const chosen = await get('c', `/api/v1/warnings?level=yellow&status=${status}`);
    const tally = (items: typeof all, key: 'level' | 'status') => items.reduce<Record<string, number>>((t, w) => ({ ...t, [w[key]]: (t[w[key]] ?? 0) + 1 }), {});
    expect(chosen.body.countsByLevel).toEqual({ red: 0, yellow: 0, blue: 0, ...tally(all.filter((w) => w.status === status), 'level') });
    expect(chosen.body.countsByStatus).toEqual({ new: 0, dispatched: 0, verifying: 0, closed: 0, escalated: 0, ...tally(all.filter((w) => w.level === 'yellow'), 'status') });
    expect(chosen.body.total).toBe(all.filter((w) => w.level === 'yellow' && w.status === status).length);
    const ofPerson = (await get('c', `/api/v1/warnings?personId=${people.a.personId}`)).body.items.map((w: any) => w.ruleCode).sort();
    expect(ofPerson).toEqual(['MEDICAL_SELF_PAID_12M', 'MEDICAL_SPIKE', 'RIGID_OVER_INCOME']);
    expect((await get('c', '/api/v1/warnings?monitored=false')).body.items.map((w: any) => w.id)).toEqual([warningIds.stranger]);
    expect((await get('c', '/api/v1/warnings?status=nonsense')).status).toBe(400);
  });

  it('reads a warning with its evidence and the rule\'s explanation; outside the scope it does not exist', async () => {
    expect((await get('tA', `/api/v1/warnings/${warningIds.b}`)).status).toBe(404);
    expect((await get('c2', `/api/v1/warnings/${warningIds.a}`)).status).toBe(404);
    expect((await get('c', `/api/v1/warnings/${warningIds.outsider}`)).status).toBe(404);
    const detail = await get('tA', `/api/v1/warnings/${warningIds.a}`);
    expect(detail.status).toBe(200);
    expect(detail.body.figures).toMatchObject({ selfPaidFen: 2_500_000, thresholdFen: 2_000_000 });
    expect(detail.body.rule).toMatchObject({ code: 'MEDICAL_SELF_PAID_12M', version: 1, regionCode: null, params: { thresholdFen: 2_000_000, windowMonths: 12 } });
    expect(detail.body.rule.explanation.zh).toContain('20,000 元');
    expect(detail.body.evidence).toHaveLength(1);
    expect(detail.body.evidence[0]).toMatchObject({ feed: 'medical_settlement', feedName: '医疗费用结算', department: '医保局', missing: false });
    expect(detail.body.evidence[0].source).toMatchObject({ kind: 'file', fileName: 'test-medical_settlement.csv', row: 2 });
    expect(detail.body.evidence[0].fields.find((f: any) => f.key === 'self_paid')).toMatchObject({ label: '个人自付', value: 2_500_000 });
    expect(detail.body.regionPath.map((r: any) => r.level)).toEqual([2, 3, 4, 5]);
    expect(detail.body.events[0]).toMatchObject({ kind: 'raised', to: 'yellow', count: 1 });
    const api = await get('c', `/api/v1/warnings/${warningIds.stranger}`);
    expect(api.body.evidence[0].source).toMatchObject({ kind: 'api', batchId: `B-${engine}`, row: 2 });
    expect(api.body).toMatchObject({ monitored: false, person: { id: null, name: '外来甲' }, region: { code: COUNTY, level: 3 } });
  });

  it('moves a warning through its statuses inside the scope; closing needs a note', async () => {
    expect((await s.tB.request('POST', `/api/v1/warnings/${warningIds.a}/status`, { status: 'verifying' })).status).toBe(404);
    expect((await s.v.request('POST', `/api/v1/warnings/${warningIds.a}/status`, { status: 'verifying' })).status).toBe(403);
    const verifying = await s.tA.request('POST', `/api/v1/warnings/${warningIds.a}/status`, { status: 'verifying' });
    expect(verifying.status, JSON.stringify(verifying.body)).toBe(200);
    expect(verifying.body).toMatchObject({ status: 'verifying' });
    const noNote = await s.tA.request('POST', `/api/v1/warnings/${warningIds.a}/status`, { status: 'closed' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.fields[0]).toMatchObject({ field: 'note' });
    const stale = await s.tA.request('POST', `/api/v1/warnings/${warningIds.a}/status`, { status: 'escalated', version: 1 });
    expect(stale.status).toBe(409);
    const detail = await get('tA', `/api/v1/warnings/${warningIds.a}`);
    expect(detail.body.events.at(-1)).toMatchObject({ kind: 'status', from: 'new', to: 'verifying', actor: `tA_${engine}` });
  });

  it('lists the rules with their parameter specs and the version in force for the caller', async () => {
    const rules = await get('tA', '/api/v1/rules');
    expect(rules.status).toBe(200);
    expect(rules.body).toHaveLength(17);
    const med = rules.body.find((r: any) => r.code === 'MEDICAL_SELF_PAID_12M');
    expect(med).toMatchObject({ name: '医疗自付费用累计过高', scenario: 'illness', subject: 'person', feeds: [{ code: 'medical_settlement', name: '医疗费用结算' }] });
    expect(med.params.find((p: any) => p.key === 'thresholdFen')).toMatchObject({ type: 'money', unit: '分', label: '个人自付累计金额阈值' });
    expect(med.inForce).toMatchObject({ version: 1, regionCode: null, regionName: '全省默认', level: 'yellow', enabled: true, appliesTo: 'both' });
    expect(med.inForce.explanation.zh).toContain('20,000');
    const household = rules.body.find((r: any) => r.code === 'DEATH_OF_LABOURER');
    expect(household.params.find((p: any) => p.key === 'labourCapacities').values.map((v: any) => v.code)).toEqual(['full', 'partial', 'none']);
  });

  it('a rule edit makes a new regional version, validated with Chinese field errors and audited; old warnings keep theirs', async () => {
    const bad = await s.c.request('PUT', '/api/v1/rules/MEDICAL_SELF_PAID_12M', { params: { thresholdFen: -1, windowMonths: 12.5, nonsense: 1 } });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.fields.map((f: any) => f.field).sort();
    expect(fields).toEqual(['params.nonsense', 'params.thresholdFen', 'params.windowMonths']);
    expect(bad.body.error.fields.find((f: any) => f.field === 'params.thresholdFen').message).toMatch(/^「个人自付累计金额阈值」应为/);
    const past = await s.c.request('PUT', '/api/v1/rules/MEDICAL_SELF_PAID_12M', { params: { thresholdFen: 1_500_000 }, effectiveFrom: '2026-01-01' });
    expect(past.status).toBe(400);
    expect(past.body.error.fields[0].field).toBe('effectiveFrom');
    const ages = await s.c.request('PUT', '/api/v1/rules/UNEMPLOYED', { params: { minAge: 60, maxAge: 16 } });
    expect(ages.body.error.fields[0]).toMatchObject({ field: 'params.maxAge', message: '最大年龄不能小于最小年龄' });
    expect((await s.c.request('PUT', '/api/v1/rules/MEDICAL_SELF_PAID_12M', { regionCode: otherCounty, params: { thresholdFen: 1 } })).status).toBe(403);
    expect((await s.c.request('PUT', '/api/v1/rules/MEDICAL_SELF_PAID_12M', { regionCode: null, params: { thresholdFen: 1 } })).status).toBe(403);
    expect((await s.tA.request('PUT', '/api/v1/rules/MEDICAL_SELF_PAID_12M', { params: { thresholdFen: 1 } })).status).toBe(403);
    expect((await s.c.request('PUT', '/api/v1/rules/NO_SUCH_RULE', { params: {} })).status).toBe(404);

    const made = await s.c.request('PUT', '/api/v1/rules/MEDICAL_SELF_PAID_12M', { params: { thresholdFen: 1_500_000 }, note: '本县提高医疗救助覆盖', baseVersion: 1 });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ version: 2, regionCode: COUNTY, params: { thresholdFen: 1_500_000, windowMonths: 12 }, level: 'yellow', effectiveFrom: TODAY, createdBy: `c_${engine}` });
    const conflict = await s.c.request('PUT', '/api/v1/rules/MEDICAL_SELF_PAID_12M', { params: { thresholdFen: 1_400_000 }, baseVersion: 1 });
    expect(conflict.status).toBe(409);
    const audit = await db().query<Record<string, any>>(`select * from audit_log where action = 'rule.version.create' and entity_id = 'MEDICAL_SELF_PAID_12M' order by seq desc limit 1`);
    expect(audit.rows[0]).toMatchObject({ actor: `c_${engine}`, region_code: COUNTY });
    expect(audit.rows[0].before.params.thresholdFen).toBe(2_000_000);
    expect(audit.rows[0].after.params.thresholdFen).toBe(1_500_000);

    // In force for this county only.
    expect((await get('c', '/api/v1/rules/MEDICAL_SELF_PAID_12M')).body.inForce).toMatchObject({ version: 2, regionCode: COUNTY });
    expect((await get('c2', '/api/v1/rules/MEDICAL_SELF_PAID_12M')).body.inForce).toMatchObject({ version: 1, regionCode: null });
    const detail = await get('p', '/api/v1/rules/MEDICAL_SELF_PAID_12M');
    expect(detail.body.versions.map((v: any) => v.version)).toEqual([2, 1]);
    expect(detail.body.overridesInForce).toBe(1);

    // The county's next comparison uses version 2; the earlier warning keeps version 1.
    const run = await runFullComparison(db(), { today: TODAY, countyCode: COUNTY, actor });
    expect(run.status).toBe('completed');
    const rows = (await db().query<{ subject_key: string; rule_version: number }>(`select subject_key, rule_version from warnings where rule_code = 'MEDICAL_SELF_PAID_12M' order by id`)).rows;
    expect(rows).toEqual([{ subject_key: `p:${people.a.idNumber}`, rule_version: 1 }, { subject_key: `p:${people.a2.idNumber}`, rule_version: 2 }]);
  });

  it('previews a proposed version without writing anything', async () => {
    const count = async () => (await db().query<{ n: number }>('select (select count(*) from warnings) + (select count(*) from monitoring_rule_versions) as n')).rows[0].n;
    const before = await count();
    const preview = await s.c.request('POST', '/api/v1/rules/SERIOUS_ILLNESS/preview', { params: { lookbackMonths: 1 } });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ ruleCode: 'SERIOUS_ILLNESS', regionCode: COUNTY, today: TODAY });
    expect(preview.body.current).toMatchObject({ subjects: 2, monitored: 1, discovery: 1, alreadyOpen: 2, version: 1 });
    expect(preview.body.proposed.subjects).toBe(0);
    const wider = await s.c.request('POST', '/api/v1/rules/MEDICAL_SELF_PAID_12M/preview', { params: { thresholdFen: 1_000_000 }, sampleSize: 5 });
    expect(wider.body.proposed).toMatchObject({ subjects: 2, monitored: 2 });
    expect(wider.body.sample[0].idNumberMasked).toMatch(/^3607\*+/);
    expect(JSON.stringify(wider.body)).not.toContain(people.a.idNumber);
    const province = await s.p.request('POST', '/api/v1/rules/SERIOUS_ILLNESS/preview', { params: {} });
    expect(province.body).toMatchObject({ regionCode: null, regionName: '全省' });
    expect(province.body.proposed).toMatchObject({ subjects: 3, discovery: 2 });
    expect(province.body.proposed.byCounty.map((c: any) => c.countyCode).sort()).toEqual([COUNTY, 'province']);
    // A rule that sums every person's rows in ID order for the province: the same people as in the county.
    const provinceWider = await s.p.request('POST', '/api/v1/rules/MEDICAL_SELF_PAID_12M/preview', { params: { thresholdFen: 1_000_000 } });
    expect(provinceWider.status, JSON.stringify(provinceWider.body)).toBe(200);
    expect(provinceWider.body.proposed).toMatchObject({ subjects: 2, monitored: 2 });
    const city = await s.city.request('POST', '/api/v1/rules/SERIOUS_ILLNESS/preview', { params: {} });
    expect(city.body.proposed.subjects).toBe(2);
    const invalid = await s.c.request('POST', '/api/v1/rules/SERIOUS_ILLNESS/preview', { params: { lookbackMonths: 0 } });
    expect(invalid.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('starts a full comparison for a county and shows its progress', async () => {
    expect((await s.tA.request('POST', '/api/v1/comparison-runs', {})).status).toBe(403);
    expect((await s.c.request('POST', '/api/v1/comparison-runs', { countyCode: otherCounty })).status).toBe(403);
    const started = await s.c.request('POST', '/api/v1/comparison-runs', { workers: 2 });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ kind: 'full', countyCode: COUNTY, units: { total: 1 } });
    let progress: any;
    for (let i = 0; i < 100; i++) {
      progress = (await get('c', `/api/v1/comparison-runs/${started.body.id}`)).body;
      if (progress.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(progress).toMatchObject({ status: 'completed', percent: 100, units: { done: 1 } });
    expect(progress.rules).toHaveLength(17);
    expect(progress.unitList[0]).toMatchObject({ unit: COUNTY, name: '于都县', status: 'done' });
    const list = await get('tA', '/api/v1/comparison-runs?kind=full');
    expect(list.body.items[0].id).toBe(started.body.id);
    expect(list.body.total).toBeGreaterThanOrEqual(3);
  });
});
