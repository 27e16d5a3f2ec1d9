// The department-feeds pages in a real browser (Debian's Chromium driven by playwright-core) against the real
// app on a free port with an embedded database: a county officer uploads a GB18030 CSV of medical
// settlements with one bad row, watches the upload progress, reads the report (counts, the bad row's number
// and Chinese reason), downloads the XLSX error report, finds the run in the import history and the rows in
// the data-quality view; the catalogue publishes the 13 feeds; a township account sees no 数据接入 menu.
// Screenshots go to test-output/screenshots/feeds-*.png. Launch and skip/fail rules: test/e2e/browser.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { openTestDatabase } from '../engines';
import { chooseOption, skipBrowserJourneys, startBrowserRig, type BrowserRig } from './browser';
import { createTestUser, testApp } from '../api-client';
import type { Database } from '../../src/platform/db';
import { buildIdNumber } from '../../src/registry/id-number';

const HEADER = '身份证号,姓名,结算单号,结算日期,就诊类型,医疗机构,总费用,统筹支付,个人自付';
const BAD_ROW = 7; // as Excel numbers it: header = row 1
const GOOD_ROWS = 10;

describe.skipIf(skipBrowserJourneys('feeds journeys'))('department feeds in a browser', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let base: string;
  let rig: BrowserRig;
  let tmp: string;
  let csvPath: string;
  let importId: number;
  const known = buildIdNumber('360731', '1966-06-06', 111); // registered: matched
  const stranger = buildIdNumber('360731', '1977-07-07', 222); // not registered

  beforeAll(async () => {

    ({ db, dispose } = await openTestDatabase('pglite'));
    // The real clock: imports are stamped by the database's now(), and the quality view counts back from now.
    ({ app } = await testApp(db, () => new Date()));
    rig = await startBrowserRig(app, 'feeds-');
    base = rig.base;

    const v = await db.query<{ code: string; township_code: string; county_code: string; city_code: string }>(
      `select code, township_code, county_code, city_code from regions where level = 5 and county_code = '360731000000' order by code limit 1`);
    const village = v.rows[0];
    await createTestUser(db, 'county_feeds', 'county', '360731000000');
    await createTestUser(db, 'township_feeds', 'township', village.township_code);
    await db.query(`update users set display_name = '县民政局 数据专员 刘洋' where username = 'county_feeds'`);
    const h = await db.query<{ id: number }>(
      `insert into households (area_type, village_code, township_code, county_code, city_code, address) values ('rural', $1, $2, $3, $4, '测试村') returning id`,
      [village.code, village.township_code, village.county_code, village.city_code]);
    await db.query(`insert into persons (id_number, name, sex, birth_date, household_id, relation) values ($1, '张三', 'M', '1966-06-06', $2, 'head')`, [known, h.rows[0].id]);

    // A GB18030 CSV as Excel on Chinese Windows writes it: 10 good settlements and, at row 7, one whose
    // self-paid amount has three decimals.
    const lines = [HEADER];
    for (let i = 1; i <= GOOD_ROWS + 1; i++) {
      const row = i + 1;
      const id = i % 3 === 0 ? known : stranger;
      const selfPaid = row === BAD_ROW ? '50.123' : '50.5';
      lines.push(`${id},${id === known ? '张三' : '李四'},YB-2026-${String(i).padStart(4, '0')},2026年3月${i}日,门诊,于都县人民医院,"1,200.00",800,${selfPaid}`);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-feeds-e2e-'));
    csvPath = path.join(tmp, '医保结算-2026年3月.csv');
    fs.writeFileSync(csvPath, iconv.encode(lines.join('\r\n') + '\r\n', 'gb18030'));

  }, 300_000);

  afterAll(async () => {
    await (rig ? rig.close() : app?.close());
    await dispose?.();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const newPage = (viewport?: { width: number; height: number }) => rig.newPage(viewport);
  const logIn = (page: Page, username: string) => rig.logIn(page, username);
  const shot = (page: Page, name: string, fullPage = false) => rig.shot(page, name, fullPage);
  /** Wait until the drawer has finished sliding in (for the screenshot). */
  const drawerOpened = (page: Page) =>
    expect.poll(() => page.locator('.ant-drawer-content-wrapper').evaluate((el) => el.getAnimations({ subtree: true }).length)).toBe(0);
  const noHorizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it('a county officer uploads a GB18030 CSV with a bad row, reads the report and downloads the error report', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'county_feeds');
    const menu = page.getByRole('menu', { name: '主菜单' });
    await expect.poll(() => menu.innerText()).toMatch(/数据接入[\s\S]*数据接口目录[\s\S]*数据导入[\s\S]*导入记录[\s\S]*数据质量/);
    await menu.getByRole('menuitem', { name: /数据导入/ }).click();
    await page.getByRole('heading', { name: '数据导入' }).waitFor();
    await shot(page, '01-import-empty');

    // the feed, the file; the rest left to the defaults (encoding detected)
    await chooseOption(page, page.locator('#feed'), '医疗费用结算', '医疗');
    await page.locator('input[type=file]').setInputFiles(csvPath);
    await page.getByText('医保结算-2026年3月.csv').waitFor();

    // count the browser's upload progress events while the file goes up
    await page.evaluate(() => {
      const w = window as unknown as { __progressEvents: number };
      w.__progressEvents = 0;
      const send = XMLHttpRequest.prototype.send;
      XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body) {
        this.upload.addEventListener('progress', () => w.__progressEvents++);
        return send.call(this, body);
      };
    });
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/imports') && r.request().method() === 'POST');
    await page.getByTestId('start-import').click();
    const response = await answer;
    expect(response.status()).toBe(201);
    expect(response.request().headers()['x-csrf-token']).toBeTruthy();
    importId = (await response.json()).importId;

    const report = page.getByTestId('import-report');
    await report.waitFor();
    const progress = page.getByTestId('upload-progress').getByRole('progressbar');
    await expect.poll(() => progress.getAttribute('aria-valuenow')).toBe('100');
    expect(await page.evaluate(() => (window as unknown as { __progressEvents: number }).__progressEvents)).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('upload-phase').innerText()).toMatch(/已上传 \d/);

    await expect.poll(() => report.innerText()).toContain('导入完成，1 行有错误未导入');
    await expect.poll(() => page.getByTestId('count-read').innerText()).toContain(String(GOOD_ROWS + 1));
    await expect.poll(() => page.getByTestId('count-accepted').innerText()).toContain(String(GOOD_ROWS));
    await expect.poll(() => page.getByTestId('count-rejected').innerText()).toContain('1');
    await expect.poll(() => page.getByTestId('count-matched').innerText()).toContain('2'); // rows 4, 7 (the bad one) and 10 are 张三's
    await expect.poll(() => page.getByTestId('error-row').first().innerText()).toBe(String(BAD_ROW));
    await expect.poll(() => page.getByTestId('error-reason').first().innerText()).toContain('金额最多两位小数');
    await expect.poll(() => page.getByTestId('error-table').innerText()).toContain('个人自付');
    await shot(page, '02-import-report');

    // the XLSX error report: the button downloads it, and the server says what it is
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-errors').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const saved = path.join(tmp, 'errors.xlsx');
    await download.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK'); // a zip container, as XLSX is
    const xlsx = await page.request.get(`${base}/api/v1/imports/${importId}/errors.xlsx`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers()['content-disposition']).toMatch(/attachment/);
    await context.close();
  }, 180_000);

  it('finds the run in the import history, with its errors and the error report', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'county_feeds');
    await page.getByRole('menuitem', { name: /导入记录/ }).click();
    await page.getByRole('heading', { name: '导入记录' }).waitFor();
    await expect.poll(() => page.getByTestId('imports-total').innerText()).toBe('共 1 次导入');
    const row = page.locator('.ant-table-row').first();
    // (the feed's name comes from the catalogue, a second request)
    await expect.poll(() => row.innerText()).toMatch(/医疗费用结算[\s\S]*医保结算-2026年3月\.csv[\s\S]*county_feeds[\s\S]*已导入[\s\S]*导入 10 \/ 读取 11/);
    await shot(page, '03-history');

    await page.getByTestId(`open-run-${importId}`).click();
    const detail = page.getByTestId('run-detail');
    await detail.waitFor();
    await expect.poll(() => detail.getByTestId('error-row').first().innerText()).toBe(String(BAD_ROW));
    await expect.poll(() => detail.innerText()).toContain('GB18030');
    await expect.poll(() => page.url()).toContain(`run=${importId}`);
    await expect.poll(() => detail.getByTestId('download-errors').getAttribute('href')).toBe(`/api/v1/imports/${importId}/errors.xlsx`);
    await drawerOpened(page);
    await shot(page, '04-history-detail');

    // filtered to another feed (the filter lives in the URL): an explicit empty state
    await page.keyboard.press('Escape');
    await expect.poll(() => page.url()).not.toContain('run=');
    await page.goto(`${base}/feeds/imports?feed=disability_certificate`);
    await expect.poll(() => page.locator('.sn-filter-select').innerText()).toContain('残疾人证');
    await page.getByText('该数据接口暂无导入记录').waitFor();
    await context.close();
  }, 120_000);

  it('shows the rows in the data-quality view and the 13 feeds in the catalogue', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'county_feeds');
    await page.getByRole('menuitem', { name: /数据质量/ }).click();
    await page.getByRole('heading', { name: '数据质量' }).waitFor();
    const medical = page.getByTestId('quality-medical_settlement');
    await expect.poll(() => medical.getByTestId('rows12m').innerText()).toBe(String(GOOD_ROWS));
    await expect.poll(() => medical.getByTestId('arrival').innerText()).toContain('今天');
    await expect.poll(() => page.getByTestId('quality-disability_certificate').getByTestId('arrival').innerText()).toContain('从未收到');
    await expect.poll(() => page.getByTestId('late-summary').innerText()).toContain('12 个数据接口');
    await page.getByTestId('rows-chart').locator('canvas').waitFor();
    await shot(page, '05-quality', true);

    await page.getByRole('menuitem', { name: /数据接口目录/ }).click();
    await expect.poll(() => page.getByTestId('catalogue-count').innerText()).toBe('共 13 个数据接口');
    await page.getByTestId('feed-medical_settlement').click();
    const contract = page.locator('.ant-collapse-item-active');
    await expect.poll(() => contract.innerText()).toMatch(/结算单号[\s\S]*结算编号[\s\S]*settlement_no[\s\S]*文本/);
    await expect.poll(() => contract.innerText()).toContain('唯一标识');
    await shot(page, '06-catalogue');
    await context.close();
  }, 120_000);

  it('works on a 1024×768 tablet: side menu, no horizontal overflow', async () => {
    const { context, page } = await newPage({ width: 1024, height: 768 });
    await logIn(page, 'county_feeds');
    await expect.poll(() => page.locator('.sn-sider').isVisible()).toBe(true);
    await page.goto(`${base}/feeds/import`);
    await page.getByRole('heading', { name: '数据导入' }).waitFor();
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '07-tablet-import');
    await page.goto(`${base}/feeds/imports?run=${importId}`);
    await page.getByTestId('run-detail').getByTestId('error-row').first().waitFor();
    await drawerOpened(page);
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '08-tablet-history-detail');
    await page.goto(`${base}/feeds/quality`);
    await page.getByTestId('rows-chart').locator('canvas').waitFor();
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '09-tablet-quality');
    await context.close();
  }, 120_000);

  it('a township account sees no 数据接入 menu and may not open the pages', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'township_feeds');
    const menu = page.getByRole('menu', { name: '主菜单' });
    await expect.poll(() => menu.innerText()).toContain('人员查询');
    await expect(menu.innerText()).resolves.not.toContain('数据接入');
    await expect(page.locator('body').innerText()).resolves.not.toContain('数据导入');
    await page.goto(`${base}/feeds/import`);
    await page.getByText('无权访问').waitFor();
    await context.close();
  }, 120_000);

  it('raised no uncaught error in any page', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
