// The 预警监测 pages in a real browser (Debian's Chromium driven by playwright-core) against the real app on a
// free port with an embedded database. A household is registered through the API; the health commission
// pushes a serious-illness hospitalisation (API batch) and the county uploads a medical-settlement file, which
// raise a red and yellow warnings at once. A township worker sees the red warning with the right counts,
// filters by level, opens it (figures, evidence with its batch, the rule's explanation, the household link,
// the verification task) and starts verifying it; another township sees nothing and gets 404. A county
// officer mistypes a rule parameter (the server's field error on the field), previews (count and time) and
// saves version 2; a city officer's preview is counted from the personal medical ledger; then starts a full
// comparison and watches it finish. Screenshots: monitoring-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { openTestDatabase } from '../engines';
import { chooseOption, dialogOpened, skipBrowserJourneys, startBrowserRig, type BrowserRig } from './browser';
import { createTestUser, login, testApp, type Session } from '../api-client';
import type { Database } from '../../src/platform/db';
import { SYSTEM_ACTOR } from '../../src/platform/audit';
import { buildIdNumber } from '../../src/registry/id-number';
import { addFeedToken } from '../../src/feeds/import/tokens';
import { medicalSelfPaidLedger } from '../../src/monitoring/medical-ledger';

const NOW = new Date('2026-06-15T02:00:00Z'); // 2026-06-15 10:00 in China: the rules' "today"
const COUNTY = '360731000000'; // 于都县
const BATCH = 'WJW-2026-0520';
const FILE = '医保结算-2026年5月.csv';

describe.skipIf(skipBrowserJourneys('monitoring journeys'))('monitoring pages in a browser', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let base: string;
  let rig: BrowserRig;
  let county: Session;
  let householdId: number;
  let redId: number;
  let medicalId: number;
  let taskId: number;
  let townshipName: string;
  const head = buildIdNumber('360731', '1968-04-12', 135);

  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase('pglite'));
    ({ app } = await testApp(db, () => NOW));
    rig = await startBrowserRig(app, 'monitoring-');
    base = rig.base;

    const r = await db.query<{ township_code: string; code: string; name: string }>(
      `select v.township_code, min(v.code) as code, t.name from regions v join regions t on t.code = v.township_code
       where v.level = 5 and v.county_code = $1 group by v.township_code, t.name order by v.township_code limit 2`, [COUNTY]);
    const [a, b] = r.rows;
    townshipName = a.name;
    await createTestUser(db, 'mon_township_a', 'township', a.township_code);
    await createTestUser(db, 'mon_township_b', 'township', b.township_code);
    await createTestUser(db, 'mon_county', 'county', COUNTY);
    await db.query(`update users set display_name = '县民政局 救助股 陈静' where username = 'mon_county'`);

    const ta = await login(app, 'mon_township_a');
    const created = await ta.request('POST', '/api/v1/households', {
      areaType: 'rural', villageCode: a.code, address: '于都县测试村 2 组 8 号',
      members: [
        { idNumber: head, name: '王大明', relation: 'head', labourCapacity: 'partial' },
        { idNumber: buildIdNumber('360731', '1970-09-03', 246), name: '李秀英', relation: 'spouse', labourCapacity: 'none' },
      ],
      categories: [{ category: 'dibao', fromDate: '2024-03-01', reason: '人均收入低于低保标准' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    householdId = created.body.id;

    // The health commission's system pushes a serious-illness hospitalisation (real time: evaluated before the answer).
    const { token } = await addFeedToken(db, SYSTEM_ACTOR, '卫健委', ['hospitalization'], 'e2e');
    const pushed = await fetch(`${base}/api/v1/feeds/hospitalization/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ batchId: BATCH, records: [{ id_number: head, name: '王大明', admitted_on: '2026-05-20', discharged_on: '2026-06-02', disease: '胃恶性肿瘤', serious: '是' }] }),
    });
    expect(pushed.status, await pushed.clone().text()).toBe(201);

    // The county uploads the medical insurance bureau's file: 23,410.50 yuan self-paid in the window.
    county = await login(app, 'mon_county');
    const csv = '身份证号,姓名,结算单号,结算日期,就诊类型,医疗机构,总费用,统筹支付,个人自付\r\n'
      + `${head},王大明,YB-2026-0520,2026-06-02,住院,于都县人民医院,"58,526.25","35,115.75","23,410.50"\r\n`;
    const form = new FormData();
    form.append('feed', 'medical_settlement');
    form.append('file', new Blob([csv], { type: 'text/csv' }), FILE);
    const uploaded = await fetch(`${base}/api/v1/imports`, { method: 'POST', headers: { cookie: county.cookie, 'x-csrf-token': county.csrf }, body: form });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);

    const warnings = (await county.request('GET', '/api/v1/warnings?pageSize=100')).body;
    redId = warnings.items.find((w: any) => w.ruleCode === 'SERIOUS_ILLNESS').id;
    medicalId = warnings.items.find((w: any) => w.ruleCode === 'MEDICAL_SELF_PAID_12M').id;
    expect(warnings.countsByLevel.red).toBe(1);
    // Casework turned the new warning into the township's verification task (GET /tasks?warningId=).
    const tasks = await county.request('GET', `/api/v1/tasks?warningId=${redId}`);
    expect(tasks.status, JSON.stringify(tasks.body)).toBe(200);
    expect(tasks.body.items.map((x: any) => x.warning?.id)).toEqual([redId]);
    taskId = tasks.body.items[0].id;
  }, 300_000);

  afterAll(async () => {
    await (rig ? rig.close() : app?.close());
    await dispose?.();
  });

  /** A screenshot once transitions (error messages sliding in, dropdowns closing) have finished. */
  const shot = async (page: Page, name: string, fullPage = false) => {
    await expect.poll(() => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length), { timeout: 5_000 }).toBe(0).catch(() => undefined);
    return rig.shot(page, name, fullPage);
  };
  const noHorizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  /** The error shown under a form field. */
  const fieldError = (page: Page, inputId: string) =>
    page.locator('.ant-form-item').filter({ has: page.locator(`#${inputId}`) }).locator('.ant-form-item-explain-error');

  it('a township worker on a tablet sees the red warning, filters by level and reads its evidence', async () => {
    const { context, page } = await rig.newPage({ width: 1024, height: 768 });
    await rig.logIn(page, 'mon_township_a');
    const menu = page.getByRole('menu', { name: '主菜单' });
    await expect.poll(() => menu.innerText()).toMatch(/预警监测[\s\S]*预警列表[\s\S]*预警规则[\s\S]*比对任务/);
    await menu.getByRole('menuitem', { name: /预警列表/ }).click();
    await page.getByRole('heading', { name: '预警列表' }).waitFor();

    const expected = (await county.request('GET', '/api/v1/warnings')).body;
    await expect.poll(() => page.getByTestId('level-count-red').innerText()).toMatch(/红色（高）\s*1$/);
    await expect.poll(() => page.getByTestId('level-count-yellow').innerText()).toContain(String(expected.countsByLevel.yellow));
    await expect.poll(() => page.getByTestId('warnings-total').innerText()).toBe(`共 ${expected.total} 条预警`);
    await expect.poll(() => page.getByTestId('warnings-table').innerText()).toMatch(/红色[\s\S]*重特大疾病住院[\s\S]*胃恶性肿瘤[\s\S]*王大明/);
    await expect.poll(() => page.getByTestId('warnings-table').innerText()).toMatch(/3607\*{10}/);
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '01-list-tablet');

    // filter by level: one red row; the choice goes into the URL
    await chooseOption(page, page.getByTestId('filter-level'), '红色（高）');
    await expect.poll(() => page.getByTestId('warnings-total').innerText()).toBe('共 1 条预警');
    await expect.poll(() => page.url()).toContain('level=red');
    const rows = page.locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().getByTestId('level-tag').innerText()).toBe('红色');
    await shot(page, '02-list-red');

    // the warning: figures, subject, rule, evidence with its API batch
    await rows.first().getByTestId('warning-link').click();
    await page.getByTestId('warning-title').filter({ hasText: '重特大疾病住院' }).waitFor();
    await expect.poll(() => page.url()).toContain(`/warnings/${redId}`);
    await expect.poll(() => page.getByTestId('warning-summary').innerText()).toBe('重特大疾病住院：胃恶性肿瘤（2026-05-20 入院）');
    // parameter figures are labelled once the rule's specs have arrived
    await expect.poll(() => page.getByTestId('figures-card').innerText()).toContain('追溯月数');
    const figures = await page.getByTestId('figures-card').innerText();
    for (const pair of [/疾病名称\s+胃恶性肿瘤/, /入院日期\s+2026年5月20日/, /住院次数\s+1/, /追溯月数（记录日期在近 N 个月内）\s+12$/]) expect(figures).toMatch(pair);
    await expect.poll(() => page.getByTestId('person-name').innerText()).toBe('王大明');
    await expect.poll(() => page.getByTestId('household-link').getAttribute('href')).toBe(`/registry/households/${householdId}`);
    await expect.poll(() => page.getByTestId('must-act').innerText()).toContain(townshipName);
    await expect.poll(() => page.getByTestId('rule-code').innerText()).toBe('SERIOUS_ILLNESS');
    // (the version's region name comes with the rule, a second request)
    await expect.poll(() => page.getByTestId('rule-version').innerText()).toBe('第 1 版 · 全省默认');
    await expect.poll(() => page.getByTestId('rule-explanation').innerText()).toContain('近 12 个月内有住院记录被卫健部门标记为重特大疾病时预警');
    const evidence = page.getByTestId('evidence-table');
    await expect.poll(() => evidence.getByTestId('evidence-feed').innerText()).toBe('住院及重大疾病');
    await expect.poll(() => evidence.getByTestId('evidence-source').innerText()).toMatch(new RegExp(`接口推送[\\s\\S]*批次 ${BATCH} 第 1 条`));
    await expect.poll(() => evidence.innerText()).toMatch(/入院日期[\s\S]*2026年5月20日[\s\S]*出院日期[\s\S]*2026年6月2日/);
    // (the tasks are a third request)
    await expect.poll(() => page.getByTestId('task-link').getAttribute('href')).toBe(`/casework/tasks/${taskId}`);
    expect(await page.locator('body').innerText()).not.toContain(head);
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '03-warning-red', true);

    // the township starts verifying it: the status moves and the history shows who did it
    await page.getByTestId('move-verifying').click();
    await dialogOpened(page.getByRole('dialog'));
    await page.getByRole('dialog').getByRole('textbox').fill('已电话联系户主，明日入户核实');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*认/ }).click();
    await expect.poll(() => page.getByTestId('status-tag').first().innerText()).toBe('核实中');
    await expect.poll(() => page.getByTestId('events').innerText()).toMatch(/状态由「[^」]+」改为「核实中」[\s\S]*mon_township_a[\s\S]*已电话联系户主/);

    // the yellow medical warning names the figures that made it fire, and its file and row
    await page.goto(`${base}/warnings?rule=MEDICAL_SELF_PAID_12M`);
    await expect.poll(() => page.getByTestId('warnings-total').innerText()).toBe('共 1 条预警');
    await page.getByTestId('warning-link').first().click();
    // (the list shows the same summary: wait for the warning's own page before reading it)
    await expect.poll(() => page.url()).toContain(`/warnings/${medicalId}`);
    await page.getByTestId('warning-title').waitFor();
    await expect.poll(() => page.getByTestId('warning-summary').innerText()).toBe('近12个月医疗个人自付 23,410.50 元 ≥ 20,000 元（1 笔结算）');
    await expect.poll(() => page.getByTestId('figures-card').innerText()).toContain('个人自付累计金额阈值');
    const medical = await page.getByTestId('figures-card').innerText();
    for (const pair of [/个人自付合计\s+¥23,410\.50/, /结算笔数\s+1/, /个人自付累计金额阈值\s+¥20,000\.00/, /统计月数\s+12/]) expect(medical).toMatch(pair);
    await expect.poll(() => page.getByTestId('evidence-source').innerText()).toMatch(new RegExp(`文件导入[\\s\\S]*${FILE} 第 2 行`));
    await expect.poll(() => page.getByTestId('evidence-table').innerText()).toMatch(/结算日期[\s\S]*2026年6月2日[\s\S]*个人自付[\s\S]*¥23,410\.50/);
    await shot(page, '04-warning-medical', true);

    // the person filter: a name search in the registry, the person's id in the URL
    const personId = (await county.request('GET', `/api/v1/warnings/${redId}`)).body.person.id as number;
    const ofPerson = (await county.request('GET', `/api/v1/warnings?personId=${personId}`)).body.total as number;
    await page.goto(`${base}/warnings?level=blue`);
    await page.getByText('没有符合条件的预警').waitFor();
    await page.getByRole('button', { name: /重\s*置/ }).click();
    await chooseOption(page, page.getByTestId('filter-person'), '王大明', '王大明');
    await expect.poll(() => page.getByTestId('warnings-total').innerText()).toBe(`共 ${ofPerson} 条预警`);
    await expect.poll(() => page.url()).toContain(`person=${personId}`);
    expect(page.url()).not.toContain('level=');
    await context.close();
  }, 120_000);

  it('another township sees none of it: an empty list and 该预警不存在', async () => {
    const { context, page } = await rig.newPage();
    await rig.logIn(page, 'mon_township_b');
    await page.goto(`${base}/warnings`);
    await page.getByText('没有符合条件的预警').waitFor();
    for (const level of ['red', 'yellow', 'blue']) await expect.poll(() => page.getByTestId(`level-count-${level}`).innerText()).toMatch(/\s0$/);
    await expect.poll(() => page.getByTestId('status-counts').innerText()).toContain('全部 0');
    await page.goto(`${base}/warnings/${redId}`);
    await page.getByText('该预警不存在').waitFor();
    await shot(page, '05-other-township');
    // no rules.edit: the rule is shown, not editable
    await page.goto(`${base}/rules/MEDICAL_SELF_PAID_12M`);
    await page.getByTestId('rule-title').waitFor();
    await expect(page.getByTestId('rule-editor').count()).resolves.toBe(0);
    await context.close();
  }, 60_000);

  it('a county officer edits a rule: a wrong value gets the server\'s field error, preview counts, save makes version 2', async () => {
    const { context, page } = await rig.newPage();
    await rig.logIn(page, 'mon_county');
    await page.getByRole('menuitem', { name: /预警规则/ }).click();
    await page.getByRole('heading', { name: '预警规则' }).waitFor();
    const ruleCount = (await county.request('GET', '/api/v1/rules')).body.length;
    await expect.poll(() => page.getByTestId('rules-table').locator('.ant-table-row').count()).toBe(ruleCount);
    await shot(page, '06-rules');
    await page.getByTestId('rule-link-MEDICAL_SELF_PAID_12M').click();
    await page.getByTestId('rule-title').filter({ hasText: '医疗自付费用累计过高' }).waitFor();
    await page.getByTestId('rule-editor').waitFor();
    await expect.poll(() => page.getByTestId('edit-region').innerText()).toContain('于都县');
    await expect.poll(() => page.locator('#params_thresholdFen').inputValue()).toBe('20000.00');

    // 99 months: the server refuses it, on the field, in Chinese
    await page.locator('#params_windowMonths').fill('99');
    await page.getByTestId('preview-button').click();
    await expect.poll(() => fieldError(page, 'params_windowMonths').innerText()).toBe('「统计月数」应为1 到 36 个月之间的整数');
    await shot(page, '07-rule-field-error');

    // the right value, a lower threshold: the preview counts the one person and says how long it took
    await page.locator('#params_windowMonths').fill('12');
    await expect.poll(() => fieldError(page, 'params_windowMonths').count()).toBe(0);
    await page.locator('#params_thresholdFen').fill('15000');
    await chooseOption(page, page.getByTestId('edit-level'), '红色（高）');
    await page.getByTestId('preview-button').click();
    const preview = page.getByTestId('preview-result');
    await preview.waitFor();
    await expect.poll(() => preview.getByTestId('preview-count').innerText()).toBe('1');
    await expect.poll(() => preview.getByTestId('preview-current').innerText()).toBe('1');
    await expect.poll(() => preview.getByTestId('preview-duration').innerText()).toMatch(/^\d+(\.\d)? (毫秒|秒)$/);
    await expect.poll(() => preview.innerText()).toContain('王大明');
    await shot(page, '08-rule-preview', true);

    // save: version 2 for 于都县, in force here, in the history
    await page.getByLabel('修改说明').fill('依据本县医疗救助政策调整');
    await page.getByTestId('save-button').click();
    await page.getByText('已保存为第 2 版（于都县）').waitFor();
    await expect.poll(() => page.getByTestId('in-force-version').innerText()).toBe('第 2 版 · 于都县');
    await expect.poll(() => page.getByTestId('param-value-thresholdFen').first().innerText()).toBe('¥15,000.00');
    const versions = page.getByTestId('versions-table');
    await expect.poll(() => versions.innerText()).toMatch(/第 2 版[\s\S]*本区域现行[\s\S]*于都县[\s\S]*红色[\s\S]*¥15,000\.00[\s\S]*mon_county[\s\S]*依据本县医疗救助政策调整[\s\S]*第 1 版[\s\S]*全省默认/);
    const stored = (await county.request('GET', '/api/v1/rules/MEDICAL_SELF_PAID_12M')).body;
    expect(stored.inForce).toMatchObject({ version: 2, regionCode: COUNTY, level: 'red', params: { thresholdFen: 1_500_000, windowMonths: 12 } });
    await shot(page, '09-rule-saved', true);
    await context.close();
  }, 120_000);

  it('a city officer\'s preview is counted from the personal medical ledger, and the page says so', async () => {
    await medicalSelfPaidLedger.build(db, '2026-06-15');
    await createTestUser(db, 'mon_city', 'city', '360700000000');
    const { context, page } = await rig.newPage();
    await rig.logIn(page, 'mon_city');
    await page.goto(`${base}/rules/MEDICAL_SELF_PAID_12M`);
    await page.getByTestId('rule-editor').waitFor();
    await page.locator('#params_thresholdFen').fill('15000');
    await page.getByTestId('preview-button').click();
    const preview = page.getByTestId('preview-result');
    await preview.waitFor();
    await expect.poll(() => preview.innerText()).toContain('赣州市');
    await expect.poll(() => preview.getByTestId('preview-count').innerText()).toBe('1');
    await expect.poll(() => preview.innerText()).toContain('王大明');
    // When it was built (the server's clock) and that nobody changed since was computed live.
    await expect.poll(() => page.getByTestId('preview-ledger').innerText()).toMatch(/^取自个人医疗自付台账（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 生成），其后有变动的 0 人实时计算$/);
    await shot(page, '10-rule-preview-ledger', true);
    await context.close();
  }, 60_000);

  it('the comparison runs page lists the real-time runs, starts a full comparison and follows it to the end', async () => {
    const { context, page } = await rig.newPage();
    await rig.logIn(page, 'mon_county');
    await page.getByRole('menuitem', { name: /比对任务/ }).click();
    await page.getByRole('heading', { name: '比对任务' }).waitFor();
    const table = page.getByTestId('runs-table');
    await expect.poll(() => table.innerText()).toMatch(/实时比对[\s\S]*已完成/);
    await expect.poll(() => table.innerText()).toMatch(/导入后比对/);

    const started = page.waitForResponse((r) => r.url().endsWith('/api/v1/comparison-runs') && r.request().method() === 'POST');
    await page.getByTestId('start-run-button').click();
    const response = await started;
    expect(response.status()).toBe(202);
    const runId = (await response.json()).id as number;
    const progress = page.getByTestId(`run-progress-${runId}`);
    await progress.waitFor();
    // followed by polling (no click): completed, 100 %, with its duration
    await expect.poll(() => progress.getByRole('progressbar').getAttribute('aria-valuenow'), { timeout: 60_000 }).toBe('100');
    const row = page.locator('.ant-table-row', { has: progress });
    await expect.poll(() => row.getByTestId('run-status').innerText()).toBe('已完成');
    await expect.poll(() => row.innerText()).toMatch(/全面比对[\s\S]*1\/1 个单元[\s\S]*新增预警 0[\s\S]*重特大疾病住院：触发 1，新增 0[\s\S]*于都县[\s\S]*比对日 2026-06-15/);
    await expect.poll(() => page.getByTestId(`run-duration-${runId}`).innerText()).toMatch(/用时 \d/);
    await expect.poll(() => page.getByTestId('polling').count()).toBe(0);
    // the per-rule counts and units open under the row
    await row.locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => page.locator('.ant-table-expanded-row').innerText()).toMatch(/各规则比对结果[\s\S]*医疗自付费用累计过高[\s\S]*比对单元[\s\S]*于都县[\s\S]*已完成/);
    await shot(page, '10-runs', true);
    expect(rig.pageErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
