// The registry through its HTTP API, on both engines: creating and editing households with field-level
// errors, region scope (404 outside), optimistic concurrency (409), reveal and the audit trail.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeOnEngines } from '../../test/engines';
import { createTestUser, login, testApp, type Session } from '../../test/api-client';
import { buildIdNumber } from './id-number';
import { verifyAuditChain } from '../platform/audit';

describeOnEngines('registry API', ({ db, engine }) => {
  let app: FastifyInstance;
  let townshipA: Session;
  let townshipB: Session;
  let county: Session;
  let village: Session;
  let villageA1: string;
  let villageB1: string;
  let countyCode: string;
  const ids = {
    head: buildIdNumber('360731', '1970-05-06', 131),
    wife: buildIdNumber('360731', '1972-08-09', 242),
    child: buildIdNumber('360731', '2010-01-31', 351),
  };

  const household = (overrides: Record<string, unknown> = {}) => ({
    areaType: 'rural',
    villageCode: villageA1,
    address: '江西省测试村 3 组 12 号',
    members: [
      { idNumber: ids.head, name: '王大明', relation: 'head', labourCapacity: 'partial', disabilityKind: 'physical', disabilityGrade: 2, phone: '13912345678' },
      { idNumber: ids.wife, name: '李秀英', relation: 'spouse' },
      { idNumber: ids.child, name: '王小明', relation: 'child', schoolStage: 'junior' },
    ],
    bank: { bankName: '江西农商银行', accountNo: '6228480012345678', holderMemberIndex: 0 },
    categories: [{ category: 'dibao', fromDate: '2024-03-01', reason: '人均收入低于低保标准' }],
    ...overrides,
  });

  beforeAll(async () => {
    ({ app } = await testApp(db()));
    const r = await db().query<{ county_code: string; township_code: string; code: string }>(
      `select county_code, township_code, min(code) as code from regions where level = 5 and county_code = '360731000000'
       group by county_code, township_code order by township_code limit 2`);
    [villageA1, villageB1] = r.rows.map((x) => x.code);
    countyCode = r.rows[0].county_code;
    await createTestUser(db(), `tA_${engine}`, 'township', r.rows[0].township_code);
    await createTestUser(db(), `tB_${engine}`, 'township', r.rows[1].township_code);
    await createTestUser(db(), `c_${engine}`, 'county', countyCode);
    await createTestUser(db(), `v_${engine}`, 'village', villageA1);
    townshipA = await login(app, `tA_${engine}`);
    townshipB = await login(app, `tB_${engine}`);
    county = await login(app, `c_${engine}`);
    village = await login(app, `v_${engine}`);
  });

  let householdId: number;

  it('creates a household, deriving sex and birth date from ID numbers and masking them', async () => {
    const res = await townshipA.request('POST', '/api/v1/households', household());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    householdId = res.body.id;
    expect(res.body.version).toBe(1);
    expect(res.body.members).toHaveLength(3);
    const head = res.body.members.find((m: any) => m.relation === 'head');
    expect(head.idNumberMasked).toBe(`3607**********${ids.head.slice(14)}`);
    expect(head.sex).toBe('M');
    expect(head.birthDate).toBe('1970-05-06');
    expect(head.phoneMasked).toBe('139****5678');
    expect(res.body.bank.accountNoMasked).not.toContain('12345678');
    expect(res.body.regionPath.map((r: any) => r.level)).toEqual([2, 3, 4, 5]);
    expect(res.body.categories[0]).toMatchObject({ category: 'dibao', current: true });
    expect(JSON.stringify(res.body)).not.toContain(ids.head);
  });

  it.each([
    ['malformed ID number', { members: [{ idNumber: '36073119700506131', name: '甲', relation: 'head' }] }, 'members[0].idNumber'],
    ['wrong check digit', { members: [{ idNumber: ids.head.slice(0, 17) + (ids.head[17] === '1' ? '2' : '1'), name: '甲', relation: 'head' }] }, 'members[0].idNumber'],
    ['impossible birth date', { members: [{ idNumber: '360731' + '19990230' + '1234', name: '甲', relation: 'head' }] }, 'members[0].idNumber'],
    ['birth date not matching', { members: [{ idNumber: buildIdNumber('360731', '1980-01-01', 11), birthDate: '1980-01-02', name: '甲', relation: 'head' }] }, 'members[0].birthDate'],
    ['unknown village', { villageCode: '360731999999' }, 'villageCode'],
    ['unknown category', { categories: [{ category: 'rich', fromDate: '2024-01-01' }] }, 'categories[0].category'],
    ['too-long name', { members: [{ idNumber: buildIdNumber('360731', '1980-01-01', 13), name: '王'.repeat(51), relation: 'head' }] }, 'members[0].name'],
    ['no head', { members: [{ idNumber: buildIdNumber('360731', '1980-01-01', 15), name: '甲', relation: 'spouse' }] }, 'members'],
    ['bank holder not a member', { bank: { bankName: 'x', accountNo: '6228480012345678', holderMemberIndex: 5 } }, 'bank.holderMemberIndex'],
  ])('rejects %s with a 400 naming the field, and writes nothing', async (_label, overrides, field) => {
    const before = await db().query<{ n: number }>('select count(*)::int as n from households');
    const res = await townshipA.request('POST', '/api/v1/households', household(overrides));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.fields.map((f: any) => f.field)).toContain(field);
    expect(res.body.error.fields[0].message).toMatch(/[\u4e00-\u9fff]/);
    const after = await db().query<{ n: number }>('select count(*)::int as n from households');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('refuses a member who already belongs to another household', async () => {
    const res = await townshipA.request('POST', '/api/v1/households', household({
      members: [{ idNumber: ids.child, name: '王小明', relation: 'head' }], bank: null, categories: [],
    }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toMatchObject({ field: 'members[0].idNumber', code: 'IN_OTHER_HOUSEHOLD' });
  });

  it('refuses a village outside the caller\'s township', async () => {
    const res = await townshipA.request('POST', '/api/v1/households', household({ villageCode: villageB1, members: [{ idNumber: buildIdNumber('360731', '1960-01-01', 17), name: '甲', relation: 'head' }], bank: null }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].code).toBe('VILLAGE_OUT_OF_SCOPE');
  });

  it('scopes reads: another township gets 404, the county sees it', async () => {
    expect((await townshipA.request('GET', `/api/v1/households/${householdId}`)).status).toBe(200);
    const other = await townshipB.request('GET', `/api/v1/households/${householdId}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    expect((await county.request('GET', `/api/v1/households/${householdId}`)).status).toBe(200);
    expect((await townshipB.request('POST', '/api/v1/persons/lookup', { idNumber: ids.head })).status).toBe(404);
    expect((await county.request('POST', '/api/v1/persons/lookup', { idNumber: ids.head })).status).toBe(200);
    const search = await townshipB.request('GET', '/api/v1/persons?name=王');
    expect(search.body.items.map((p: any) => p.householdId)).not.toContain(householdId);
    expect((await townshipB.request('PATCH', `/api/v1/households/${householdId}`, { version: 1, address: 'x' })).status).toBe(404);
  });

  it('searches by name prefix, category and region with paging', async () => {
    const res = await county.request('GET', `/api/v1/persons?name=王&category=dibao&regionCode=${countyCode}&pageSize=1&page=2&sort=name`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].categories).toContain('dibao');
    expect(res.body.items[0].idNumberMasked).toMatch(/^3607\*{10}/);
    expect((await county.request('GET', '/api/v1/persons?category=unknown')).status).toBe(400);
  });

  it('accepts a 15-digit number in lookup and finds the same person', async () => {
    const fifteen = buildIdNumber('360731', '1955-03-04', 121);
    const create = await townshipA.request('POST', '/api/v1/households', household({ members: [{ idNumber: fifteen, name: '老张', relation: 'head' }], bank: null, categories: [] }));
    expect(create.status).toBe(201);
    const fifteenForm = fifteen.slice(0, 6) + fifteen.slice(8, 17);
    const res = await townshipA.request('POST', '/api/v1/persons/lookup', { idNumber: fifteenForm });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('老张');
  });

  it('edits with a version check: the second concurrent writer gets 409', async () => {
    const a = townshipA.request('PATCH', `/api/v1/households/${householdId}`, { version: 1, address: '新地址一' });
    const b = county.request('PATCH', `/api/v1/households/${householdId}`, { version: 1, address: '新地址二' });
    const results = await Promise.all([a, b]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const current = await county.request('GET', `/api/v1/households/${householdId}`);
    expect(current.body.version).toBe(2);
  });

  it('edits a member: an invalid ID number is a field error, a valid one is saved and shows in history', async () => {
    const current = (await townshipA.request('GET', `/api/v1/households/${householdId}`)).body;
    const members = current.members.map((m: any) => ({ id: m.id, name: m.name, relation: m.relation }));
    const childIndex = current.members.findIndex((m: any) => m.relation === 'child');
    members[childIndex] = { ...members[childIndex], idNumber: '360731201001311234' };
    const bad = await townshipA.request('PATCH', `/api/v1/households/${householdId}`, { version: current.version, members });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe(`members[${childIndex}].idNumber`);
    const fixed = buildIdNumber('360731', '2010-01-31', 353);
    members[childIndex] = { ...members[childIndex], idNumber: fixed, name: '王晓明' };
    const ok = await townshipA.request('PATCH', `/api/v1/households/${householdId}`, { version: current.version, members });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.members.find((m: any) => m.relation === 'child').name).toBe('王晓明');
    const history = await townshipA.request('GET', `/api/v1/households/${householdId}/history`);
    expect(history.body[0].action).toBe('household.update');
    expect(JSON.stringify(history.body[0].after)).toContain('王晓明');
    expect(JSON.stringify(history.body[0].before)).toContain('王小明');
  });

  it('reveals an ID number only to allowed roles, and audits it', async () => {
    const view = (await townshipA.request('GET', `/api/v1/households/${householdId}`)).body;
    const head = view.members.find((m: any) => m.relation === 'head');
    const res = await townshipA.request('POST', `/api/v1/persons/${head.id}/reveal`, { field: 'idNumber', reason: '入户核实' });
    expect(res.status).toBe(200);
    expect(res.body.value).toBe(ids.head);
    expect((await village.request('POST', `/api/v1/persons/${head.id}/reveal`, { field: 'idNumber', reason: 'x' })).status).toBe(403);
    expect((await townshipB.request('POST', `/api/v1/persons/${head.id}/reveal`, { field: 'idNumber', reason: 'x' })).status).toBe(404);
    const audit = await db().query<{ actor: string; after: any }>(`select actor, after from audit_log where action = 'person.reveal' order by seq desc limit 1`);
    expect(audit.rows[0].actor).toBe(`tA_${engine}`);
    expect(audit.rows[0].after.field).toBe('idNumber');
    expect(JSON.stringify(audit.rows[0].after)).not.toContain(ids.head);
  });

  it('refuses a state change without the CSRF token', async () => {
    const res = await townshipA.request('PATCH', `/api/v1/households/${householdId}`, { version: 9, address: 'x' }, { 'x-csrf-token': 'forged' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF');
  });

  it('answers 401 without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/persons' });
    expect(res.statusCode).toBe(401);
  });

  it('chains the audit trail so that a tampered entry is detected', async () => {
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    await db().query('alter table audit_log disable trigger audit_log_no_update');
    await db().query(`update audit_log set after = jsonb_set(after, '{address}', '"篡改"') where action = 'household.update' and seq = (select max(seq) from audit_log where action = 'household.update')`);
    await db().query('alter table audit_log enable trigger audit_log_no_update');
    const result = await verifyAuditChain(db());
    expect(result.ok).toBe(false);
    expect(result.brokenAt!.reason).toMatch(/edited/);
    await expect(db().query('delete from audit_log where seq = 1')).rejects.toThrow(/append-only/);
  });

  it('throttles logins after repeated failures', async () => {
    await createTestUser(db(), `throttle_${engine}`, 'county', countyCode);
    for (let i = 0; i < 5; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `throttle_${engine}`, password: 'wrong-password' } });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `throttle_${engine}`, password: 'test-password-1' } });
    expect(blocked.statusCode).toBe(429);
  });

  it('serves an OpenAPI document and health', async () => {
    const doc = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(doc.json().openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json().paths)).toContain('/api/v1/households/{id}');
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).json().engine).toBe(engine);
  });
});
