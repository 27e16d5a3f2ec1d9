// The working-day calendar and time limits through the database, on both engines: due dates across the 2025 and
// 2026 Spring Festival and National Day computed by SQL (materialised calendar) and by the JS calendar built from
// the database; a province administrator enters 2027 (audited, other roles 403) and a waiting due day is filled
// in; time-limit versions are stored, never retroactive.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeOnEngines } from '../../test/engines';
import { testApp, type Session } from '../../test/api-client';
import { loadWorkCalendar } from './calendar-store';
import { loadDeadlineContext, computeDeadline } from './deadline-store';
import { CalendarYearNotCoveredError } from '../platform/calendar';
import { insertWarning, pickRegions, registerHousehold, users, type Region } from './test-support';

describeOnEngines('casework calendar and time limits', ({ db, engine }) => {
  let app: FastifyInstance;
  let s: Record<string, Session>;
  let region: Region;
  let now = new Date('2026-06-15T02:00:00Z');

  beforeAll(async () => {
    ({ app } = await testApp(db(), () => now));
    region = await pickRegions(db());
    s = await users(db(), app, region, `cal_${engine}`, [['admin', 'admin', '360000000000']]);
  });

  const sqlDue = async (start: string, amount: number, unit = 'workingDays') =>
    (await db().query<{ d: string | null }>('select casework_due_date($1::date, $2, $3) as d', [start, amount, unit])).rows[0].d;

  it.each([
    // 2025 Spring Festival: 01-26 (Sun) is a make-up working day, 01-28…02-04 off.
    ['2025-01-24', 3, '2025-02-05'],
    ['2025-01-27', 1, '2025-02-05'],
    // 2025 National Day and Mid-autumn: 10-01…10-08 off, 10-11 (Sat) working.
    ['2025-09-30', 3, '2025-10-11'],
    ['2025-09-26', 1, '2025-09-28'],
    // 2026 Spring Festival: 02-14 (Sat) working, 02-15…02-23 off, 02-28 (Sat) working.
    ['2026-02-13', 5, '2026-02-27'],
    ['2026-02-13', 6, '2026-02-28'],
    // 2026 National Day: 10-01…10-07 off, 10-10 (Sat) working.
    ['2026-09-30', 10, '2026-10-20'],
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-18', 2, '2026-09-21'],
  ])('from %s, %i working days end on %s (SQL and the JS calendar agree)', async (start, n, due) => {
    expect(await sqlDue(start, n)).toBe(due);
    const cal = await loadWorkCalendar(db());
    expect(cal.addWorkingDays(start, n)).toBe(due);
  });

  it('deadlines of task kinds come from the stored parameters (red 3, yellow 5, blue 10 working days)', async () => {
    const dctx = await loadDeadlineContext(db());
    expect(computeDeadline(dctx, 'warningVerifyRed', '2025-01-24').due).toBe('2025-02-05');
    expect(computeDeadline(dctx, 'warningVerifyYellow', '2026-02-13').due).toBe('2026-02-27');
    expect(computeDeadline(dctx, 'warningVerifyBlue', '2026-09-30').due).toBe('2026-10-20');
    expect(computeDeadline(dctx, 'dibaoPublicity', '2026-02-13')).toMatchObject({ due: '2026-02-20', unit: 'calendarDays' });
    expect(await sqlDue('2026-02-13', 7, 'calendarDays')).toBe('2026-02-20');
  });

  it('a year nobody entered fails loudly in JS and gives no due day in SQL', async () => {
    const cal = await loadWorkCalendar(db());
    expect(() => cal.addWorkingDays('2026-12-28', 5)).toThrow(CalendarYearNotCoveredError);
    expect(await sqlDue('2026-12-28', 5)).toBeNull();
  });

  let waitingTask: number;

  it('a warning raised at the end of 2026 gets a task whose due day waits for 2027', async () => {
    const h = await registerHousehold(s.tA, region.villageA);
    await insertWarning(db(), {
      level: 'yellow', personId: h.headPersonId, householdId: h.householdId, idNumber: h.headIdNumber, raisedOn: '2026-12-28',
      region: { village: region.villageA, township: region.townshipA, county: region.countyCode, city: region.cityCode },
    });
    const list = await s.tA.request('GET', '/api/v1/tasks');
    expect(list.status).toBe(200);
    const t = list.body.items.find((x: any) => x.startOn === '2026-12-28');
    expect(t).toMatchObject({ dueOn: null, deadline: { kind: 'warningVerifyYellow', amount: 5 } });
    waitingTask = t.id;
  });

  const year2027 = {
    year: 2027, complete: true, notice: '测试：2027年节假日安排（测试数据）',
    entries: [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      { date: '2027-02-07', kind: 'holiday', name: '春节' },
      { date: '2027-02-08', kind: 'holiday', name: '春节' },
      { date: '2027-02-09', kind: 'holiday', name: '春节' },
      { date: '2027-02-10', kind: 'holiday', name: '春节' },
      { date: '2027-02-11', kind: 'holiday', name: '春节' },
      { date: '2027-02-12', kind: 'holiday', name: '春节' },
      { date: '2027-02-20', kind: 'workday', name: '春节' },
    ],
  };

  it('only a province administrator may enter a year', async () => {
    expect((await s.county.request('PUT', '/api/v1/calendar/overrides', year2027)).status).toBe(403);
    expect((await s.tA.request('PUT', '/api/v1/calendar/overrides', year2027)).status).toBe(403);
    const bad = await s.province.request('PUT', '/api/v1/calendar/overrides', { ...year2027, entries: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('entries[0].date');
  });

  it('entering 2027 extends the calendar, fills the waiting due day and is audited', async () => {
    const res = await s.province.request('PUT', '/api/v1/calendar/overrides', year2027);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.coveredYears).toEqual([2024, 2025, 2026, 2027]);
    expect(res.body.overrides).toHaveLength(9);
    // 12-29, 12-30, 12-31, (01-01 off), 01-04, 01-05
    expect(await sqlDue('2026-12-28', 5)).toBe('2027-01-05');
    expect(await sqlDue('2027-02-05', 1)).toBe('2027-02-15');
    expect(await sqlDue('2027-02-19', 1)).toBe('2027-02-20');
    const cal = await loadWorkCalendar(db());
    expect(cal.addWorkingDays('2027-02-05', 1)).toBe('2027-02-15');
    const task = await s.tA.request('GET', `/api/v1/tasks/${waitingTask}`);
    expect(task.body.dueOn).toBe('2027-01-05');
    const audit = await db().query<{ actor: string; after: any }>(`select actor, after from audit_log where action = 'calendar.year.put' order by seq desc limit 1`);
    expect(audit.rows[0].actor).toBe(`cal_${engine}_province`);
    expect(audit.rows[0].after.dueDatesFilled).toBeGreaterThanOrEqual(1);
    // The admin role may enter years too; the overview is readable by any staff.
    const again = await s.admin.request('PUT', '/api/v1/calendar/overrides', year2027);
    expect(again.status).toBe(200);
    const view = await s.tA.request('GET', '/api/v1/calendar/overrides');
    expect(view.body.declaredYears).toMatchObject([{ year: 2027, notice: year2027.notice, declaredBy: expect.any(String) }]);
    const days = await s.tA.request('GET', '/api/v1/calendar/days?from=2027-02-05&to=2027-02-08');
    expect(days.body.map((d: any) => d.working)).toEqual([true, false, false, false]);
  });

  it('a single early override answers for its own day but does not make a year known', async () => {
    const res = await s.province.request('PUT', '/api/v1/calendar/overrides', { year: 2028, complete: false, entries: [{ date: '2028-01-03', kind: 'holiday', name: '地方假日' }] });
    expect(res.status).toBe(200);
    expect(res.body.coveredYears).not.toContain(2028);
    const cal = await loadWorkCalendar(db());
    expect(cal.isWorkingDay('2028-01-03')).toBe(false);
    expect(() => cal.isWorkingDay('2028-01-04')).toThrow(CalendarYearNotCoveredError);
  });

  it('time limits are stored versions: a new version from a future day, never retroactive, audited', async () => {
    const list = await s.county.request('GET', '/api/v1/deadline-parameters');
    expect(list.status).toBe(200);
    expect(list.body.find((p: any) => p.kind === 'warningVerifyRed' && p.inForce)).toMatchObject({ amount: 3, unit: 'workingDays', effectiveFrom: '2021-07-01' });
    const body = { kind: 'warningVerifyRed', effectiveFrom: '2026-07-01', amount: 2, unit: 'workingDays', source: '县政府通知：红色预警2个工作日内核实' };
    expect((await s.county.request('PUT', '/api/v1/deadline-parameters', body)).status).toBe(403);
    const past = await s.province.request('PUT', '/api/v1/deadline-parameters', { ...body, effectiveFrom: '2026-06-01' });
    expect(past.status).toBe(400);
    expect(past.body.error.fields[0].code).toBe('RETROACTIVE');
    const ok = await s.province.request('PUT', '/api/v1/deadline-parameters', body);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const dctx = await loadDeadlineContext(db());
    expect(computeDeadline(dctx, 'warningVerifyRed', '2026-06-30').amount).toBe(3);
    expect(computeDeadline(dctx, 'warningVerifyRed', '2026-07-01')).toMatchObject({ amount: 2, effectiveFrom: '2026-07-01' });
    // Once in force it is history: change it by adding a version.
    now = new Date('2026-07-02T02:00:00Z');
    const inForce = await s.province.request('PUT', '/api/v1/deadline-parameters', { ...body, amount: 1, effectiveFrom: '2026-07-01' });
    expect(inForce.status).toBe(400);
    now = new Date('2026-06-15T02:00:00Z');
    const audit = await db().query(`select 1 from audit_log where action = 'deadline_parameter.create' and entity_id = 'warningVerifyRed@2026-07-01'`);
    expect(audit.rows).toHaveLength(1);
  });
});
