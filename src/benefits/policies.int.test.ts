// Policy versions as data, on both engines: the seed is stored, a decision uses the version in force on its
// date (December the old standard, January the new), an administrator's edit becomes a new audited version
// without touching history, with Chinese field errors, scope and 409 on a stale base.
import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/engines';
import { makeWorld, type World } from './test-world';
import { SEED_POLICY_VERSIONS, SHANGYOU_COUNTY } from './policy/seed';
import { yuan } from './money';

describeOnEngines('benefits: policy versions', ({ db, engine }) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(db(), engine);
  });

  const newVersion = (over: Record<string, unknown> = {}, params: Record<string, unknown> = {}) => ({
    regionCode: SHANGYOU_COUNTY,
    areaType: 'rural',
    effectiveFrom: '2026-07-01',
    source: { documents: ['测试：上犹县2026年农村低保提标通知（假设）'], assumed: ['全部（测试）'] },
    params: {
      ...SEED_POLICY_VERSIONS[1].params,
      dibaoStandard: { urban: yuan(935), rural: yuan(760) },
      // 特困 must stay at least 1.3 × the new standard (988 yuan), or the version is refused.
      tekunBasic: { ...SEED_POLICY_VERSIONS[1].params.tekunBasic, rural: { ...SEED_POLICY_VERSIONS[1].params.tekunBasic.rural, default: { mode: 'amount', amountFen: yuan(990) } } },
      ...params,
    },
    ...over,
  });

  it('stores the seed versions with their sources, newest first per region', async () => {
    const res = await w.county.request('GET', `/api/v1/policies?regionCode=${SHANGYOU_COUNTY}`);
    expect(res.status).toBe(200);
    expect(res.body.map((v: any) => [v.version, v.effectiveFrom, v.params.dibaoStandard.rural, v.origin])).toEqual([
      [2, '2024-01-01', 71500, 'seed'], [1, '2022-01-01', 60000, 'seed'],
    ]);
    expect(res.body[1].source.documents[0]).toContain('shangyou.gov.cn');
    expect(res.body[0].source.assumed.length).toBeGreaterThan(0);
  });

  // One household per case, so that each decision is the household's first.
  it.each([
    ['2023-12-31', 60000, 1, '2024-01', 30000],
    ['2024-01-01', 71500, 2, '2024-02', 41500],
  ])('a decision on %s uses the standard in force (%i fen, version %i): paid from %s', async (date, standard, version, startMonth, amount) => {
    const hh = await w.household({ members: [{ name: `单身汉${date}`, relation: 'head', birthDate: '1980-03-04', employment: 'employed' }] });
    const assess = await w.county.request('POST', `/api/v1/households/${hh.id}/assessment`, {
      date, incomes: [{ personId: hh.members[0], kind: 'wages', monthlyFen: 30000 }], save: true,
    });
    expect(assess.status, JSON.stringify(assess.body)).toBe(200);
    expect(assess.body.policyVersion).toMatchObject({ regionCode: SHANGYOU_COUNTY, version });
    expect(assess.body.dibao).toMatchObject({ eligible: true, standardFen: standard, amountFen: amount, paymentFromMonth: startMonth });
    expect(assess.body.dibao.steps.map((s: any) => s.label.zh)).toContain('低保标准');
    const award = await w.county.request('POST', `/api/v1/households/${hh.id}/benefit-awards`, { programme: 'dibao', decidedOn: date });
    expect(award.status, JSON.stringify(award.body)).toBe(201);
    expect(award.body).toMatchObject({ amountFen: amount, startMonth, decidedOn: date, policyVersion: { version, regionCode: SHANGYOU_COUNTY } });
    expect(award.body.explanation.steps.some((s: any) => s.detail.includes(`${standard / 100}.00元`))).toBe(true);
  });

  let v3: number;

  it('an edit creates a new version, audited, and leaves history untouched', async () => {
    const before = await w.county.request('GET', `/api/v1/policies?regionCode=${SHANGYOU_COUNTY}`);
    const res = await w.county.request('POST', '/api/v1/policies', newVersion({ basedOnVersion: 2 }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ version: 3, areaType: 'rural', effectiveFrom: '2026-07-01', origin: 'api', createdBy: `bc_${engine}` });
    v3 = res.body.id;
    const audit = await db().query<{ action: string; after: any }>(`select action, after from audit_log where entity = 'policy_version' and entity_id = $1`, [String(v3)]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].action).toBe('policy.create');
    expect(audit.rows[0].after.params.dibaoStandard.rural).toBe(76000);
    const after = await w.county.request('GET', `/api/v1/policies?regionCode=${SHANGYOU_COUNTY}`);
    for (const old of before.body) expect(after.body.find((v: any) => v.id === old.id)).toEqual({ ...old });
    await expect(db().query(`update policy_versions set params = '{}' where id = $1`, [v3])).rejects.toThrow(/append-only/);
    await expect(db().query(`delete from policy_versions where id = $1`, [v3])).rejects.toThrow(/append-only/);
  });

  it('a rural-only version changes rural households from its date and leaves urban ones on the old version', async () => {
    const at = async (area: string, date: string) =>
      (await w.county.request('GET', `/api/v1/policies/in-force?countyCode=${SHANGYOU_COUNTY}&areaType=${area}&date=${date}`)).body.policy;
    expect((await at('rural', '2026-06-30')).version).toBe(2);
    expect((await at('rural', '2026-07-01')).version).toBe(3);
    expect((await at('urban', '2026-07-01')).version).toBe(2);
    // Another Ganzhou county has no version of its own and none of its city or province: nothing in force.
    expect((await w.county.request('GET', `/api/v1/policies/in-force?countyCode=360731000000&areaType=rural&date=2026-07-01`)).status).toBe(404);
  });

  it.each([
    ['特困 below 1.3 × the standard', { tekunBasic: { ...SEED_POLICY_VERSIONS[1].params.tekunBasic, rural: { default: { mode: 'amount', amountFen: yuan(900) } } } }, 'params.tekunBasic.rural.default.amountFen'],
    ['grace period over 6 months', { gracePeriodMaxMonths: 7 }, 'params.gracePeriodMaxMonths'],
    ['a zero standard', { dibaoStandard: { urban: yuan(935), rural: 0 } }, 'params.dibaoStandard.rural'],
  ])('refuses %s with a Chinese field error and stores nothing', async (_label, params, field) => {
    const count = await db().query<{ n: number }>('select count(*)::int as n from policy_versions');
    const res = await w.county.request('POST', '/api/v1/policies', newVersion({ effectiveFrom: '2026-09-01' }, params));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    const f = res.body.error.fields.find((x: any) => x.field === field);
    expect(f, JSON.stringify(res.body.error.fields)).toBeDefined();
    expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await db().query<{ n: number }>('select count(*)::int as n from policy_versions')).rows[0].n).toBe(count.rows[0].n);
  });

  it('refuses a version based on a stale latest version (409)', async () => {
    const res = await w.county.request('POST', '/api/v1/policies', newVersion({ basedOnVersion: 2, effectiveFrom: '2026-10-01' }));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('VERSION_CONFLICT');
  });

  it('lets only policy editors of the region enter versions', async () => {
    expect((await w.otherCounty.request('POST', '/api/v1/policies', newVersion())).status).toBe(403);
    expect((await w.townshipA.request('POST', '/api/v1/policies', newVersion())).status).toBe(403);
    // The city may enter a version for a county of the city.
    const byCity = await w.city.request('POST', '/api/v1/policies', newVersion({ effectiveFrom: '2027-01-01', source: { documents: ['市级代录'], assumed: [] } }));
    expect(byCity.status, JSON.stringify(byCity.body)).toBe(201);
    expect(byCity.body.version).toBe(4);
  });
});
