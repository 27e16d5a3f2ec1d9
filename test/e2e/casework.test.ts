// The casework pages in a real browser (Debian's Chromium driven by playwright-core) against the real app and an
// embedded database: a township lead gives tasks to a caseworker in bulk; the county sees every township's
// overdue count; the caseworker opens the red warning's task, records a home visit with emergency assistance of
// 1,500.00 yuan, and the person's file shows the warning, the visit and the payment decision in that order;
// on a phone the visit form fits, and a resubmission after a lost connection records one visit; a citizen with
// a wrong ID number gets a neutral "not found"; a department officer who acts on a stale item is told that
// someone else acted first. Screenshots: test-output/screenshots/casework-*.png. Launch rules: browser.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { openTestDatabase } from '../engines';
import { chooseOption, dialogOpened, skipBrowserJourneys, startBrowserRig, type BrowserRig } from './browser';
import { createTestUser, login, testApp, type Session } from '../api-client';
import type { Database } from '../../src/platform/db';
import { buildIdNumber } from '../../src/registry/id-number';
import { addCalendarDays } from '../../src/platform/calendar';
import { applicationForm, FORM_IDS, insertWarning, PNG_BYTES, pickRegions, type Region } from '../../src/casework/test-support';

const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe.skipIf(skipBrowserJourneys('casework journeys'))('casework in a browser', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let base: string;
  let rig: BrowserRig;
  let region: Region;
  let lead: Session;
  let fileDir: string;
  const today = todayInChina();
  // Raised yesterday, so the warning is older than anything recorded in the test whatever the hour.
  const yesterday = addCalendarDays(today, -1);

  const people: Record<'red' | 'yellow' | 'late', { name: string; idNumber: string; personId: number; householdId: number; warningId: number; taskId: number }> = {} as never;

  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase('pglite'));
    let ctx;
    // The real clock: visit dates and deadlines count from today.
    ({ app, ctx } = await testApp(db, () => new Date()));
    fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-casework-e2e-'));
    ctx.config.fileStoreDir = fileDir;
    rig = await startBrowserRig(app, 'casework-');
    base = rig.base;

    region = await pickRegions(db);
    const accounts: [string, string, string, string, string?][] = [
      ['cw_lead', 'township', region.townshipA, '乡镇民政办 王强'],
      ['cw_li', 'township', region.townshipA, '民政助理员 李芳'],
      ['cw_county', 'county', region.countyCode, '县民政局 陈军'],
      ['cw_med', 'department', region.countyCode, '县医保局 周敏', 'medicalSecurity'],
    ];
    for (const [username, role, code, name, department] of accounts) {
      await createTestUser(db, username, role, code, department);
      await db.query('update users set display_name = $2 where username = $1', [username, name]);
    }
    lead = await login(app, 'cw_lead');

    const where = { village: region.villageA, township: region.townshipA, county: region.countyCode, city: region.cityCode };
    const plan = [
      { key: 'red' as const, name: '刘大伟', level: 'red' as const, raisedOn: yesterday, birth: '1975-03-04', seq: 311 },
      { key: 'yellow' as const, name: '张秀兰', level: 'yellow' as const, raisedOn: yesterday, birth: '1962-08-19', seq: 422 },
      // three weeks ago: its five working days are long past, whatever holidays fell in between
      { key: 'late' as const, name: '赵得胜', level: 'yellow' as const, raisedOn: addCalendarDays(today, -21), birth: '1958-01-30', seq: 533 },
    ];
    for (const p of plan) {
      const idNumber = buildIdNumber('360731', p.birth, p.seq);
      const res = await lead.request('POST', '/api/v1/households', {
        areaType: 'rural', villageCode: region.villageA, address: `测试村 ${p.seq % 10} 组`,
        members: [
          { idNumber, name: p.name, relation: 'head', seriousIllness: p.key === 'red' ? '尿毒症' : undefined },
          ...(p.key === 'red' ? [{ idNumber: buildIdNumber('360731', '1977-05-06', 612), name: '陈小芳', relation: 'spouse' }] : []),
        ],
        bank: { bankName: '江西农商银行', accountNo: '6228480012345678', holderMemberIndex: 0 },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const personId = res.body.members.find((m: { relation: string }) => m.relation === 'head').id;
      const warningId = await insertWarning(db, { level: p.level, personId, householdId: res.body.id, idNumber, raisedOn: p.raisedOn, region: where });
      people[p.key] = { name: p.name, idNumber, personId, householdId: res.body.id, warningId, taskId: 0 };
    }
    // Listing a queue turns the new warnings into tasks.
    const tasks = await lead.request('GET', '/api/v1/tasks');
    for (const p of Object.values(people)) p.taskId = tasks.body.items.find((t: { warning: { id: number } }) => t.warning.id === p.warningId).id;
  }, 300_000);

  afterAll(async () => {
    await (rig ? rig.close() : app?.close());
    await dispose?.();
    if (fileDir) fs.rmSync(fileDir, { recursive: true, force: true });
  });

  const newPage = (viewport?: { width: number; height: number }) => rig.newPage(viewport);
  const shot = (page: Page, name: string, fullPage = false) => rig.shot(page, name, fullPage);
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const row = (page: Page, text: string) => page.locator('.ant-table-row').filter({ hasText: text });
  /** expect.poll waits 1 s by default: too little for a lazy page chunk and its request on a busy machine. */
  const poll = <T,>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

  it('a township lead gives two tasks to a caseworker at once, on a tablet', async () => {
    const { context, page } = await newPage({ width: 1024, height: 768 });
    await rig.logIn(page, 'cw_lead');
    await page.goto(`${base}/casework/tasks`);
    await poll(() => page.getByTestId('tasks-total').innerText()).toBe('共 3 项');
    // the overdue task first, in red, with how late it is
    await poll(() => row(page, '赵得胜').getByTestId('deadline').getAttribute('data-tone')).toBe('overdue');
    await poll(() => row(page, '赵得胜').innerText()).toMatch(/已逾期 \d+ 个工作日/);
    await poll(() => row(page, '刘大伟').locator('[data-level=red]').innerText()).toContain('红色');
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    await row(page, '刘大伟').locator('input[type=checkbox]').check();
    await row(page, '张秀兰').locator('input[type=checkbox]').check();
    await poll(() => page.getByTestId('bulk-assign').innerText()).toContain('已选 2 项');
    await chooseOption(page, page.getByTestId('assignee-select'), '李芳');
    await shot(page, '01-queue-tablet-assign');
    await page.getByRole('button', { name: /^分\s*派$/ }).click();
    await page.getByText('已将 2 项任务分派给 民政助理员 李芳').waitFor();
    await poll(() => row(page, '刘大伟').innerText()).toContain('民政助理员 李芳');
    await poll(() => row(page, '张秀兰').innerText()).toContain('已分派');
    await poll(() => row(page, '赵得胜').innerText()).toContain('待分派');
    await context.close();
  }, 120_000);

  it('the county sees every township\'s queue with its overdue count', async () => {
    const { context, page } = await newPage();
    await rig.logIn(page, 'cw_county');
    await page.goto(`${base}/casework/tasks`);
    const summary = page.getByTestId('summary-table');
    const township = summary.locator('.ant-table-row').first();
    await poll(() => township.getByTestId('summary-overdue').innerText()).toBe('1');
    await poll(() => township.getByTestId('summary-overdue').getAttribute('class')).toContain('sn-cw-summary-overdue');
    // its row opens that township's queue
    await township.locator('a').first().click();
    await poll(() => page.url()).toContain(`township=${region.townshipA}`);
    await page.getByTestId('township-filter').waitFor();
    await poll(() => page.getByTestId('tasks-total').innerText()).toBe('共 3 项');
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await shot(page, '02-county-summary');
    await context.close();
  }, 120_000);

  it('a caseworker verifies the red warning at home with emergency assistance, and the file shows warning, visit and payment in order', async () => {
    const { context, page } = await newPage({ width: 1024, height: 768 });
    await rig.logIn(page, 'cw_li');
    await page.goto(`${base}/casework/tasks?assignee=me`);
    await row(page, '刘大伟').getByTestId('task-link').click();
    await page.getByTestId('task-title').filter({ hasText: '预警核实 · 刘大伟' }).waitFor();
    await poll(() => page.getByTestId('warning-link').getAttribute('href')).toBe(`/monitoring/warnings/${people.red.warningId}`);
    await poll(() => page.getByRole('link', { name: '家庭档案' }).getAttribute('href')).toBe(`/registry/households/${people.red.householdId}`);
    await poll(() => page.locator('body').innerText()).toContain('近12个月自付医疗费用超过2万元');
    await shot(page, '03-task');

    await page.getByTestId('start-visit').click();
    await page.getByTestId('visit-title').waitFor();
    await page.getByRole('button', { name: '添加同行人员' }).click();
    await page.getByRole('textbox', { name: '走访人员 2' }).fill('王强');
    await page.getByRole('combobox', { name: '在场人员 1 身份' }).fill('户主');
    await page.getByRole('textbox', { name: '健康状况' }).fill('户主患尿毒症，每周透析三次');
    await page.getByRole('textbox', { name: '收入情况' }).fill('无固定收入，配偶务农');
    await page.getByRole('textbox', { name: '刚性支出情况' }).fill('透析自付约每月2000元');
    await page.getByTestId('attachment-input').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG_BYTES });
    await poll(() => page.getByTestId('attachment-list').innerText()).toContain('现场照片.png');
    await page.getByRole('radio', { name: '急难型临时救助（先行救助）' }).check();
    await page.getByRole('spinbutton', { name: '救助金额' }).fill('1500');
    await poll(() => page.getByTestId('amount-preview').innerText()).toBe('将发放 ¥1,500.00');
    await page.getByRole('textbox', { name: '急难情形' }).fill('透析费用无力支付，生活无着');
    await shot(page, '04-visit-form-tablet', true);
    await page.getByTestId('visit-submit').click();

    await page.getByTestId('visit-done').waitFor();
    await poll(() => page.getByTestId('done-decision').innerText()).toMatch(/^¥1,500\.00，应于 \d{4}年\d{1,2}月\d{1,2}日 前发放$/);
    await poll(() => page.getByTestId('visit-done').innerText()).toContain('1 个附件已保存');
    await shot(page, '05-visit-done');

    await page.getByTestId('open-file').click();
    await page.getByTestId('file-title').filter({ hasText: '刘大伟 的一人一档' }).waitFor();
    const entries = page.getByTestId('file-entry');
    await poll(() => entries.count()).toBeGreaterThanOrEqual(5);
    const seen = await entries.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-action')}`));
    const at = (key: string) => seen.indexOf(key);
    // newest first: the payment decision, then the visit, and the warning that started it all further down
    expect(at('decision:emergencyPayment')).toBeGreaterThanOrEqual(0);
    expect(at('decision:emergencyPayment')).toBeLessThan(at('visit:warningVerification'));
    expect(at('visit:warningVerification')).toBeLessThan(at('warning:raised'));
    const timeline = page.getByTestId('file-timeline');
    await poll(() => timeline.innerText()).toContain('临时救助（急难型）决定：¥1,500.00');
    await poll(() => timeline.innerText()).toContain('处置：急难型临时救助（先行救助） ¥1,500.00');
    await poll(() => timeline.innerText()).toMatch(/产生预警（红色（高））：近12个月自付医疗费用超过2万元/);
    await shot(page, '06-person-file', true);

    // printed, the workbench around the file goes away
    await page.emulateMedia({ media: 'print' });
    await poll(() => page.locator('.sn-sider').isVisible()).toBe(false);
    await poll(() => page.getByTestId('print-file').isVisible()).toBe(false);
    await shot(page, '07-person-file-print', true);
    await page.emulateMedia({ media: 'screen' });

    // filtered to visits only (in the URL, so it survives a reload)
    // (a click, not uncheck(): the box follows the URL, which the router updates in a transition)
    await page.getByTestId('file-filter').getByRole('checkbox', { name: '预警', exact: true }).click();
    await poll(() => page.url()).toContain('kinds=');
    await poll(() => entries.evaluateAll((els) => els.filter((e) => e.getAttribute('data-kind') === 'warning').length)).toBe(0);

    // the task is done and out of the queue of things to do
    await page.goto(`${base}/casework/tasks`);
    await poll(() => page.getByTestId('tasks-total').innerText()).toBe('共 2 项');
    await context.close();
  }, 180_000);

  it('on a phone the visit form fits the screen, and a resubmission after a lost connection records one visit', async () => {
    const { context, page } = await newPage({ width: 390, height: 844 });
    await rig.logIn(page, 'cw_lead');
    // the queue as cards, the overdue one marked
    await page.goto(`${base}/casework/tasks`);
    await poll(() => page.getByTestId('task-card').count()).toBe(2);
    await poll(() => page.getByTestId('task-card').filter({ hasText: '赵得胜' }).getByTestId('deadline').getAttribute('data-tone')).toBe('overdue');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '08-queue-phone');
    await page.goto(`${base}/casework/tasks/${people.yellow.taskId}/visit`);
    await page.getByTestId('visit-title').filter({ hasText: '张秀兰' }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('combobox', { name: '在场人员 1 身份' }).fill('本人');
    await page.getByRole('textbox', { name: '家庭成员情况' }).fill('独居，子女在外务工');
    await page.getByRole('textbox', { name: '住房情况' }).fill('砖混结构，无安全隐患');
    await page.getByRole('radio', { name: '未发现困难' }).check();
    await shot(page, '09-visit-form-phone', true);

    // The first submission reaches the server, but its answer is lost on the way back.
    const sent: string[] = [];
    let cut = true;
    await page.route('**/api/v1/visits', async (route) => {
      sent.push(route.request().postDataJSON().clientId);
      const response = await route.fetch();
      if (cut) {
        cut = false;
        await route.abort('connectionreset');
      } else await route.fulfill({ response });
    });
    await page.getByTestId('visit-submit').click();
    await poll(() => page.getByTestId('visit-offline').innerText()).toContain('记录尚未确认保存');
    await page.getByTestId('visit-offline').scrollIntoViewIfNeeded();
    await shot(page, '10-visit-offline-phone');
    await page.getByRole('button', { name: '重新提交' }).click();
    await page.getByTestId('visit-done').waitFor();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    const visits = await db.query<{ n: number }>('select count(*)::int as n from visits where task_id = $1', [people.yellow.taskId]);
    expect(visits.rows[0].n).toBe(1);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await context.close();
  }, 120_000);

  let itemId = 0;

  it('a citizen with a wrong ID number gets a neutral "not found"; with the right one, each item\'s status and deadline', async () => {
    const submitted = await lead.request('POST', '/api/v1/applications', {
      form: applicationForm(region.villageA, [{ kind: 'dibao' }, { kind: 'medicalAssistance', memberIdNumber: FORM_IDS.head }, { kind: 'electricityWaiver' }]),
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    itemId = submitted.body.items.find((i: { kind: string }) => i.kind === 'medicalAssistance').id;

    const { context, page } = await newPage({ width: 390, height: 844 });
    await page.goto(`${base}/public/status`);
    await page.getByRole('textbox', { name: '申请编号' }).fill(submitted.body.number);
    await page.getByRole('textbox', { name: '身份证号码' }).fill(buildIdNumber('360731', '1990-01-01', 777));
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await poll(() => page.getByTestId('public-status-problem').innerText()).toBe('未找到该申请，请核对申请编号和身份证号码');
    await expect(page.getByTestId('public-status-items').count()).resolves.toBe(0);
    expect(page.url()).toBe(`${base}/public/status`); // no login asked, nothing in the URL
    await shot(page, '11-public-status-not-found');

    await page.getByRole('textbox', { name: '身份证号码' }).fill(FORM_IDS.spouse);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const items = page.getByTestId('public-status-items');
    await poll(() => items.locator('.ant-table-row').count()).toBe(3);
    await poll(() => items.innerText()).toMatch(/医疗救助[\s\S]*已提交[\s\S]*\d{4}年\d{1,2}月\d{1,2}日/);
    await expect(page.locator('body').innerText()).resolves.not.toContain('张建国'); // status and deadline only
    await shot(page, '12-public-status');
    // and in English, for whoever needs it
    await page.getByText('English', { exact: true }).click();
    await poll(() => items.innerText()).toMatch(/Medical assistance[\s\S]*Submitted/);
    await poll(() => page.getByText('Application status', { exact: true }).count()).toBe(1);
    await context.close();
  }, 120_000);

  it('a department officer sees its own item only, and is told when someone else acted first', async () => {
    const { context, page } = await newPage({ width: 1024, height: 768 });
    await rig.logIn(page, 'cw_med');
    await page.goto(`${base}/casework/items`);
    await poll(() => page.getByTestId('items-total').innerText()).toBe('共 1 项');
    await poll(() => page.getByTestId('item-queue').innerText()).toContain('医疗救助');
    await page.getByTestId('item-link').click();
    await page.getByTestId('item-title').filter({ hasText: '医疗救助' }).waitFor();

    // a colleague accepts it first
    const colleague = await login(app, 'cw_med');
    const current = await colleague.request('GET', `/api/v1/items/${itemId}`);
    expect((await colleague.request('POST', `/api/v1/items/${itemId}/actions`, { version: current.body.version, action: { type: 'accept' } })).status).toBe(200);

    await page.getByTestId('action-accept').click();
    await dialogOpened(page.getByRole('dialog'));
    await page.getByTestId('action-confirm').click();
    await poll(() => page.getByTestId('conflict-alert').innerText()).toContain('他人已先行办理');
    await shot(page, '13-item-conflict');
    await page.getByTestId('conflict-alert').getByRole('button', { name: /重新加载/ }).click();
    await poll(() => page.getByTestId('item-status').first().innerText()).toBe('已受理');
    await page.getByTestId('action-startReview').waitFor();
    await poll(() => page.getByTestId('conflict-alert').count()).toBe(0);
    await context.close();
  }, 120_000);

  it('a draft the visit started is completed with the family on the one form and split into items for their departments', async () => {
    // The visit to the overdue household decided to apply on the family's behalf.
    const visit = await lead.request('POST', '/api/v1/visits', {
      clientId: randomUUID(), purpose: 'warningVerification', taskId: people.late.taskId, visitedOn: today,
      visitors: [{ userId: 'cw_lead', name: '王强' }], present: [{ name: '赵得胜', role: '户主' }],
      findings: { health: '腿部骨折，半年内无法务工' }, disposition: { kind: 'startApplication', items: ['dibao', 'medicalAssistance'] },
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);
    const draftId = visit.body.application.id;

    const { context, page } = await newPage({ width: 1024, height: 768 });
    await rig.logIn(page, 'cw_lead');
    await page.goto(`${base}/casework/applications/${draftId}`);
    await page.getByTestId('application-title').waitFor();
    await page.getByRole('button', { name: '完善并提交' }).click();
    await page.locator('#members_0_idNumber').waitFor();
    // the registry's members and the visit's items are already there
    await poll(() => page.locator('#members_0_name').inputValue()).toBe('赵得胜');
    await poll(() => page.getByRole('checkbox', { name: /最低生活保障（低保）/ }).isChecked()).toBe(true);
    await poll(() => page.getByRole('checkbox', { name: /医疗救助/ }).isChecked()).toBe(true);
    await poll(() => page.getByRole('checkbox', { name: /慈善救助/ }).isChecked()).toBe(false);
    // every field that names a member shows the member by name: applicant, account holder, signer, the item's member
    await poll(() => page.locator('.ant-form-item').filter({ has: page.locator('#applicantUid') }).innerText()).toContain('赵得胜');
    await poll(() => page.locator('.ant-form-item').filter({ has: page.locator('#bank_holderUid') }).innerText()).toContain('赵得胜');
    await poll(() => page.getByRole('checkbox', { name: '赵得胜', exact: true }).isChecked()).toBe(true);
    await poll(() => page.getByTestId('application-items').innerText()).toMatch(/医疗救助[\s\S]*申请成员[\s\S]*赵得胜/);

    // the shared rules, in the browser, on the field: the ID number must be typed in full
    await page.getByTestId('application-submit').click();
    const idError = page.locator('.ant-form-item').filter({ has: page.locator('#members_0_idNumber') }).locator('.ant-form-item-explain-error');
    await poll(() => idError.innerText()).toContain('公民身份号码无效');

    await page.locator('#members_0_idNumber').fill(people.late.idNumber);
    await page.locator('#applicantPhone').fill('13907970000');
    await page.locator('#bank_bankName').fill('江西农商银行');
    await page.locator('#bank_accountNumber').fill('6228480012345678');
    await shot(page, '14-application-form', true);
    await page.getByTestId('application-submit').click();

    await poll(() => page.url()).toBe(`${base}/casework/applications/${draftId}`);
    const items = page.getByTestId('items-table');
    await poll(() => items.locator('.ant-table-row').count()).toBe(2);
    await poll(() => items.innerText()).toMatch(/最低生活保障（低保）[\s\S]*民政局[\s\S]*已提交/);
    await poll(() => items.innerText()).toMatch(/医疗救助[\s\S]*医保局/);
    await shot(page, '15-application');
    expect(rig.pageErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
