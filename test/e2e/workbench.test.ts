// The web workbench in a real browser (Debian's Chromium driven by playwright-core) against the real app on
// a free port with an embedded database: a township worker finds a family, corrects a member's ID number
// through the field errors and sees the change in the history; another township cannot open that household;
// the elderly-friendly mode enlarges the text and is remembered. Screenshots of the main pages go to
// test-output/screenshots/ for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { openTestDatabase } from '../engines';
import { chooseOption, dialogOpened, skipBrowserJourneys, startBrowserRig, type BrowserRig } from './browser';
import { createTestUser, login, testApp, TEST_PASSWORD } from '../api-client';
import type { Database } from '../../src/platform/db';
import { buildIdNumber } from '../../src/registry/id-number';

describe.skipIf(skipBrowserJourneys('browser journeys'))('web workbench in a browser', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let base: string;
  let rig: BrowserRig;

  let householdA: number; // in township A
  let householdB: number; // in township B
  const ids = {
    head: buildIdNumber('360731', '1968-04-12', 135),
    wife: buildIdNumber('360731', '1970-09-03', 246),
    child: buildIdNumber('360731', '2010-01-31', 351),
    otherHead: buildIdNumber('360731', '1958-11-20', 173),
    fixedChild: buildIdNumber('360731', '2010-01-31', 353),
  };

  beforeAll(async () => {

    ({ db, dispose } = await openTestDatabase('pglite'));
    ({ app } = await testApp(db));
    rig = await startBrowserRig(app, '');
    base = rig.base;

    const r = await db.query<{ township_code: string; code: string }>(
      `select township_code, min(code) as code from regions where level = 5 and county_code = '360731000000'
       group by township_code order by township_code limit 2`);
    const [a, b] = r.rows;
    await createTestUser(db, 'township_a', 'township', a.township_code);
    await createTestUser(db, 'township_b', 'township', b.township_code);
    await db.query(`update users set display_name = '乡镇民政助理员 王强' where username = 'township_a'`);
    await db.query(`update users set display_name = '乡镇民政助理员 赵敏' where username = 'township_b'`);

    const sa = await login(app, 'township_a');
    const created = await sa.request('POST', '/api/v1/households', {
      areaType: 'rural', villageCode: a.code, address: '于都县测试村 3 组 12 号',
      members: [
        { idNumber: ids.head, name: '王大明', relation: 'head', labourCapacity: 'partial', disabilityKind: 'physical', disabilityGrade: 2, employment: 'farming', phone: '13912345678' },
        { idNumber: ids.wife, name: '李秀英', relation: 'spouse', seriousIllness: '尿毒症', labourCapacity: 'none' },
        { idNumber: ids.child, name: '王小明', relation: 'child', schoolStage: 'junior', labourCapacity: 'none', employment: 'student' },
      ],
      bank: { bankName: '江西农商银行', accountNo: '6228480012345678', holderMemberIndex: 0 },
      categories: [
        { category: 'nearPoor', fromDate: '2022-01-01', toDate: '2024-02-29', reason: '人均收入低于低保标准 1.5 倍' },
        { category: 'dibao', fromDate: '2024-03-01', reason: '人均收入低于低保标准' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    householdA = created.body.id;
    for (const [i, name] of ['王建国', '王丽华', '王志强'].entries()) {
      const res = await sa.request('POST', '/api/v1/households', {
        areaType: 'rural', villageCode: a.code, address: `于都县测试村 ${i + 4} 组`,
        members: [{ idNumber: buildIdNumber('360731', `19${50 + i * 7}-0${i + 2}-1${i}`, 111 + i * 2), name, relation: 'head' }],
        categories: [{ category: i === 1 ? 'tekun' : 'ruralMonitoring', fromDate: '2025-01-01' }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const sb = await login(app, 'township_b');
    const other = await sb.request('POST', '/api/v1/households', {
      areaType: 'rural', villageCode: b.code, address: '另一个乡镇 1 组',
      members: [{ idNumber: ids.otherHead, name: '赵老汉', relation: 'head' }],
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    householdB = other.body.id;

  }, 300_000);

  afterAll(async () => {
    await (rig ? rig.close() : app?.close());
    await dispose?.();
  });

  const newPage = (viewport?: { width: number; height: number }) => rig.newPage(viewport);
  const logIn = (page: Page, username: string) => rig.logIn(page, username);
  const shot = (page: Page, name: string, fullPage = false) => rig.shot(page, name, fullPage);

  /** The error shown under a form field. */
  const fieldError = (page: Page, inputId: string) =>
    page.locator('.ant-form-item').filter({ has: page.locator(`#${inputId}`) }).locator('.ant-form-item-explain-error');

  it('a township worker finds a family, corrects an ID number through the field errors, and sees the change in the history', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/registry/persons`);
    await page.locator('#username').waitFor();
    await shot(page, '01-login');
    await page.locator('#username').fill('township_a');
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();

    // back where the login interrupted: the search, with the menu, name, role and region
    await page.getByRole('heading', { name: '人员查询' }).waitFor();
    await expect.poll(() => page.getByRole('menuitem', { name: /人员查询/ }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('account-button').innerText()).toContain('王强');

    await page.getByRole('textbox', { name: '姓名' }).fill('王');
    await page.getByRole('button', { name: /查\s*询/ }).first().click();
    await expect.poll(() => page.getByTestId('search-total').innerText()).toBe('共 5 人'); // 王大明, 王小明 and the three other households
    await page.getByRole('link', { name: '王小明' }).waitFor();
    expect(page.url()).not.toMatch(/\d{17}[\dX]/);
    await expect.poll(() => page.locator('.ant-table-row').first().innerText()).toMatch(/3607\*{10}/);
    await shot(page, '02-search');

    await page.getByRole('link', { name: '王小明' }).click();
    await page.getByTestId('household-title').filter({ hasText: '王大明 家庭' }).waitFor();
    const members = page.getByTestId('members-table');
    await expect.poll(() => members.innerText()).toContain('尿毒症');
    await expect.poll(() => page.getByTestId('categories-table').innerText()).toMatch(/低保[\s\S]*当前[\s\S]*低保边缘[\s\S]*已结束/);
    await expect.poll(() => page.locator('body').innerText()).toContain('*'.repeat(12) + '5678'); // bank account masked
    await page.getByText('新建家庭').last().waitFor(); // the history shows the creation
    await shot(page, '03-household', true);

    // reveal the head's ID number: asks a reason, shows it in place
    await page.getByRole('button', { name: '查看王大明的完整身份证号码' }).click();
    await dialogOpened(page.getByRole('dialog'));
    await chooseOption(page, page.getByRole('dialog').getByRole('combobox'), '入户核实');
    await page.getByRole('button', { name: '确认查看' }).click();
    await expect.poll(() => page.locator('[data-testid^=revealed-idNumber-]').first().innerText()).toContain(ids.head);

    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.getByRole('heading', { name: `编辑家庭 ${householdA}` }).waitFor();
    const memberIndex = () => page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('input[id^="members_"][id$="_name"]')].findIndex((i) => i.value === '王小明'));
    await expect.poll(memberIndex).toBeGreaterThanOrEqual(0);
    const index = await memberIndex();
    const idInput = `members_${index}_idNumber`;

    // 1. a mistyped check digit: the shared rules catch it in the browser, in Chinese, on the field
    const wrongCheck = ids.child.slice(0, 17) + (ids.child[17] === '1' ? '2' : '1');
    await page.locator(`#${idInput}`).fill(wrongCheck);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => fieldError(page, idInput).innerText()).toContain('校验位不正确');
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('有 1 处填写有误');
    await fieldError(page, idInput).scrollIntoViewIfNeeded();
    await shot(page, '04-edit-field-error');

    // 2. a valid number that belongs to someone else: only the server knows; its error lands on the field
    await page.locator(`#${idInput}`).fill(ids.otherHead);
    await expect.poll(() => fieldError(page, idInput).count()).toBe(0); // typing clears the old error
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => fieldError(page, idInput).innerText()).toContain('该身份证号码已登记为另一人');

    // 3. the right number (and the name spelt as on the card): saved
    await page.locator(`#${idInput}`).fill(ids.fixedChild);
    await page.locator(`#members_${index}_name`).fill('王晓明');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('household-title').waitFor();
    await expect.poll(() => page.url()).toBe(`${base}/registry/households/${householdA}`);
    await expect.poll(() => members.innerText()).toContain('王晓明');

    // the history is a second request: poll until the new entry is there
    const latest = page.getByTestId('history-entry').first();
    await expect.poll(() => latest.innerText()).toContain('修改家庭信息');
    await expect.poll(() => latest.innerText()).toContain('township_a');
    await expect.poll(() => latest.innerText()).toMatch(/姓名：王小明\s*→\s*王晓明/);
    await expect.poll(() => latest.innerText()).toContain(`${ids.child.slice(14)}`);
    await expect.poll(() => latest.innerText()).toContain(`${ids.fixedChild.slice(14)}`);
    await latest.scrollIntoViewIfNeeded();
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' }); // the "saved" toast
    await shot(page, '05-household-history');
    await context.close();
  }, 180_000);

  it('another township typing the household\'s address sees that it does not exist', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'township_b');
    await page.goto(`${base}/registry/households/${householdA}`);
    await expect(page.getByText('该家庭不存在', { exact: true }).innerText()).resolves.toContain('不存在');
    await expect(page.locator('body').innerText()).resolves.not.toContain('王大明');
    // its own household opens
    await page.goto(`${base}/registry/households/${householdB}`);
    await page.getByTestId('household-title').filter({ hasText: '赵老汉' }).waitFor();
    await context.close();
  }, 120_000);

  it('says clearly when someone else saved first, and reloads on request', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'township_a');
    await page.goto(`${base}/registry/households/${householdA}/edit`);
    await page.locator('#address').waitFor();
    // meanwhile, a colleague saves the same household
    const colleague = await login(app, 'township_a');
    const current = await colleague.request('GET', `/api/v1/households/${householdA}`);
    const saved = await colleague.request('PATCH', `/api/v1/households/${householdA}`, { version: current.body.version, address: '于都县测试村 3 组 14 号' });
    expect(saved.status).toBe(200);

    await page.locator('#address').fill('于都县测试村 3 组 13 号');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const conflict = page.getByTestId('conflict-alert');
    await expect.poll(() => conflict.innerText()).toContain('该家庭已被他人修改');
    await expect.poll(() => conflict.innerText()).toContain('请刷新后重试');
    await shot(page, '10-edit-conflict');
    await conflict.getByRole('button', { name: /重新加载/ }).click();
    await expect.poll(() => page.locator('#address').inputValue()).toBe('于都县测试村 3 组 14 号');
    await expect.poll(() => conflict.count()).toBe(0);
    await context.close();
  }, 120_000);

  it('the elderly-friendly switch enlarges the text and is remembered for the account', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'township_a');
    await page.goto(`${base}/registry/households/${householdA}`);
    await page.getByTestId('household-title').waitFor();
    const sizes = () =>
      page.evaluate(() => ({
        cell: parseFloat(getComputedStyle(document.querySelector('[data-testid=members-table] td')!).fontSize),
        text: parseFloat(getComputedStyle(document.querySelector('.ant-descriptions-item-content')!).fontSize),
      }));
    const before = await sizes();
    const toggle = page.getByRole('switch', { name: '适老模式' });
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await expect.poll(async () => (await sizes()).cell).toBeGreaterThanOrEqual(before.cell * 1.3);
    await expect.poll(async () => (await sizes()).text).toBeGreaterThanOrEqual(before.text * 1.3);
    const after = await sizes();
    expect(after.text).toBeGreaterThanOrEqual(before.text * 1.3);
    expect(after.cell).toBeGreaterThanOrEqual(18);
    await expect.poll(async () => (await db.query<{ p: any }>(`select preferences as p from users where username = 'township_a'`)).rows[0].p.elderlyMode).toBe(true);
    await shot(page, '06-elderly-mode');

    await page.reload();
    await page.getByTestId('household-title').waitFor();
    await expect.poll(() => page.getByRole('switch', { name: '适老模式' }).getAttribute('aria-checked')).toBe('true');
    await expect.poll(async () => (await sizes()).cell).toBe(after.cell);

    // a new browser (another device) gets the account's choice too
    const other = await newPage();
    await logIn(other.page, 'township_a');
    await expect.poll(() => other.page.getByRole('switch', { name: '适老模式' }).getAttribute('aria-checked')).toBe('true');
    await other.context.close();

    await page.getByRole('switch', { name: '适老模式' }).click();
    await expect.poll(async () => (await sizes()).cell).toBe(before.cell);
    await context.close();
  }, 120_000);

  it('switches to English and back, remembered for the account', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'township_a');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('menuitem', { name: /Find people/ }).waitFor();
    await page.reload();
    await page.getByRole('menuitem', { name: /Find people/ }).waitFor();
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('menuitem', { name: /人员查询/ }).waitFor();
    await context.close();
  }, 120_000);

  it('works on a tablet and on a phone: side menu on the tablet, drawer and cards on the phone', async () => {
    const tablet = await newPage({ width: 1024, height: 768 });
    await logIn(tablet.page, 'township_a');
    await tablet.page.goto(`${base}/registry/persons`);
    await tablet.page.getByTestId('search-total').waitFor();
    await expect.poll(() => tablet.page.locator('.sn-sider').isVisible()).toBe(true);
    await shot(tablet.page, '07-tablet-search');
    await tablet.context.close();

    const phone = await newPage({ width: 390, height: 844 });
    await logIn(phone.page, 'township_a');
    await phone.page.goto(`${base}/registry/households/${householdA}`);
    await phone.page.getByTestId('household-title').waitFor();
    await expect.poll(() => phone.page.getByTestId('member-card').count()).toBe(3);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone.page, '08-phone-household', true);
    await phone.page.getByRole('button', { name: '打开菜单' }).click();
    await phone.page.getByRole('menuitem', { name: /人员查询/ }).click();
    await expect.poll(() => phone.page.getByTestId('search-total').innerText()).toBe('共 6 人'); // everyone in township A
    await shot(phone.page, '09-phone-search');
    await phone.context.close();
  }, 120_000);

  it('raised no uncaught error in any page', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
