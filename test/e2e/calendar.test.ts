// The working-day calendar page in a real browser against the real app and an embedded database: a province
// administrator declares 2027 from the State Council's notice (Spring Festival as one span, New Year's Day, a
// make-up Saturday); a date outside the year gets the server's error under that row's date; once saved the year
// view shows the days off and the make-up day, and due days across them (SQL, and a task that waited for 2027)
// count them. A township account has no 工作日历 entry. Screenshots: test-output/screenshots/calendar-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { openTestDatabase } from '../engines';
import { skipBrowserJourneys, startBrowserRig, type BrowserRig } from './browser';
import { createTestUser, login, testApp, type Session } from '../api-client';
import type { Database } from '../../src/platform/db';
import { insertWarning, pickRegions, registerHousehold } from '../../src/casework/test-support';

describe.skipIf(skipBrowserJourneys('calendar journeys'))('the working-day calendar in a browser', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let rig: BrowserRig;
  let township: Session;
  let waitingTaskId: number;

  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase('pglite'));
    ({ app } = await testApp(db));
    rig = await startBrowserRig(app, 'calendar-');
    const region = await pickRegions(db);
    await createTestUser(db, 'cal_admin', 'province', '360000000000');
    await createTestUser(db, 'cal_town', 'township', region.townshipA);
    await db.query(`update users set display_name = '省民政厅 周红' where username = 'cal_admin'`);
    township = await login(app, 'cal_town');
    // A warning raised just before the new year: its five working days run into 2027, which nobody has entered.
    const h = await registerHousehold(township, region.villageA);
    await insertWarning(db, {
      level: 'yellow', personId: h.headPersonId, householdId: h.householdId, idNumber: h.headIdNumber, raisedOn: '2026-12-28',
      region: { village: region.villageA, township: region.townshipA, county: region.countyCode, city: region.cityCode },
    });
    const tasks = await township.request('GET', '/api/v1/tasks');
    const waiting = tasks.body.items.find((x: { startOn: string }) => x.startOn === '2026-12-28');
    expect(waiting).toMatchObject({ dueOn: null });
    waitingTaskId = waiting.id;
  }, 300_000);

  afterAll(async () => {
    await (rig ? rig.close() : app?.close());
    await dispose?.();
  });

  /** expect.poll waits 1 s by default: too little for a lazy page chunk and its request on a busy machine. */
  const poll = <T,>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });
  const shot = (page: Page, name: string, fullPage = false) => rig.shot(page, name, fullPage);
  const sqlDue = async (start: string, n: number) =>
    (await db.query<{ d: string | null }>(`select casework_due_date($1::date, $2, 'workingDays') as d`, [start, n])).rows[0].d;

  it('a province administrator declares 2027; a date outside the year is refused on its field; the days then count', async () => {
    const { context, page } = await rig.newPage();
    await rig.logIn(page, 'cal_admin');
    await page.getByRole('menuitem', { name: /工作日历/ }).click();
    await page.getByRole('heading', { name: '工作日历' }).waitFor();
    const years = page.getByTestId('calendar-years');
    await poll(() => years.locator('tr[data-row-key="2026"]').innerText()).toMatch(/官方数据[\s\S]*国办发明电〔2025〕7号/);
    await expect(years.locator('tr[data-row-key="2027"]').count()).resolves.toBe(0);
    await shot(page, '01-years');

    await page.getByLabel('新增年份').fill('2027');
    await page.getByTestId('open-year').click();
    const editor = page.getByTestId('calendar-editor');
    await editor.getByText('录入 2027 年工作日历').waitFor();
    await editor.locator('#notice').fill('测试：国务院办公厅关于2027年部分节假日安排的通知（测试数据）');

    // The notice gives Spring Festival as a span, "2月6日至12日放假调休，共7天"; New Year's Day is one day.
    const span = page.getByTestId('span-adder');
    const addSpan = async (from: string, days: string, name: string) => {
      await span.getByPlaceholder('起始日期').fill(from);
      await span.getByPlaceholder('起始日期').press('Tab');
      await span.getByPlaceholder('天数').fill(days);
      await span.getByPlaceholder('节日或原因').fill(name);
      await span.getByTestId('span-add').click();
    };
    await addSpan('2027-02-06', '7', '春节');
    await poll(() => editor.getByTestId('entry-summary').innerText()).toBe('放假 7 天 · 调休上班 0 天');
    await addSpan('2027-01-01', '1', '元旦');
    await poll(() => editor.getByTestId('entry-summary').innerText()).toBe('放假 8 天 · 调休上班 0 天');
    await poll(() => editor.getByTestId('entry-0').locator('input').first().inputValue()).toBe('2027年1月1日');

    // The make-up Saturday, typed with the wrong year.
    await editor.getByTestId('add-row').click();
    const makeUp = editor.getByTestId('entry-8');
    await makeUp.locator('.ant-picker input').fill('2028-02-20');
    await makeUp.locator('.ant-picker input').press('Tab');
    await makeUp.getByText('调休上班').click();
    await makeUp.getByPlaceholder('节日或原因').fill('春节');
    await poll(() => editor.getByTestId('entry-summary').innerText()).toBe('放假 8 天 · 调休上班 1 天');
    await editor.getByTestId('save-year').click();
    await poll(() => makeUp.locator('.ant-form-item-explain-error').innerText()).toBe('日期须为 2027 年的有效日期');
    await expect(editor.getByTestId('entry-7').locator('.ant-form-item-explain-error').count()).resolves.toBe(0);
    await makeUp.scrollIntoViewIfNeeded();
    await shot(page, '02-field-error');

    // Corrected, the stale error goes and the row says which weekday it is.
    await makeUp.locator('.ant-picker input').fill('2027-02-20');
    await makeUp.locator('.ant-picker input').press('Tab');
    await poll(() => makeUp.locator('.ant-form-item-explain-error').count()).toBe(0);
    await poll(() => makeUp.innerText()).toContain('周六');
    await editor.getByTestId('save-year').click();
    await page.getByText('已保存 2027 年工作日历').waitFor();
    await editor.waitFor({ state: 'detached' });

    // The year's row: declared, with its notice and who declared it; the view shows the year at once.
    const row2027 = years.locator('tr[data-row-key="2027"]');
    await poll(() => row2027.innerText()).toMatch(/管理员整年录入[\s\S]*测试：国务院办公厅关于2027年部分节假日安排的通知[\s\S]*省民政厅 周红[\s\S]*9 天/);
    const view = page.getByTestId('year-view');
    await poll(() => view.innerText()).toContain('2027 年日历');
    const day = (date: string) => view.locator(`[data-date="${date}"]`);
    await poll(() => day('2027-02-08').getAttribute('data-tone')).toBe('holiday');
    await poll(() => day('2027-02-20').getAttribute('data-tone')).toBe('workday');
    await poll(() => day('2027-02-20').innerText()).toContain('班');
    await poll(() => day('2027-02-15').getAttribute('data-tone')).toBe('work');
    await poll(() => day('2027-01-01').getAttribute('data-tone')).toBe('holiday');
    await view.locator('[data-month="2"]').scrollIntoViewIfNeeded();
    await shot(page, '03-year-grid');

    await view.getByText('列表', { exact: true }).click();
    const list = view.getByTestId('special-days');
    await poll(() => list.locator('.ant-table-row').count()).toBe(9);
    await poll(() => list.locator('.ant-table-row').last().innerText()).toMatch(/2027年2月20日\s+周六\s+调休上班\s+春节\s+管理员录入/);
    await shot(page, '04-year-list');

    // Due days across the new days: the task that waited for 2027 has one (12-29, 12-30, 12-31, 01-04, 01-05),
    // the festival week is skipped, and the make-up Saturday counts.
    const task = await township.request('GET', `/api/v1/tasks/${waitingTaskId}`);
    expect(task.body.dueOn).toBe('2027-01-05');
    expect(await sqlDue('2027-02-05', 1)).toBe('2027-02-15');
    expect(await sqlDue('2027-02-19', 1)).toBe('2027-02-20');
    const days = await township.request('GET', '/api/v1/calendar/days?from=2027-02-05&to=2027-02-08');
    expect(days.body.map((d: { working: boolean }) => d.working)).toEqual([true, false, false, false]);
    await context.close();
  }, 120_000);

  it('a township account has no 工作日历 entry, and a typed path is refused', async () => {
    const { context, page } = await rig.newPage();
    await rig.logIn(page, 'cal_town');
    await page.getByRole('menuitem', { name: /任务队列/ }).waitFor();
    await expect(page.getByRole('menuitem', { name: /工作日历/ }).count()).resolves.toBe(0);
    await page.goto(`${rig.base}/casework/calendar`);
    await page.getByText('无权访问').waitFor();
    await shot(page, '05-township-refused');
    await context.close();
    expect(rig.pageErrors).toEqual([]);
  }, 60_000);
});
