// The 待遇保障 pages in a real browser (Debian's Chromium driven by playwright-core) against the real app on a
// free port with an embedded database. The seed policy of 上犹县 and a few households with saved facts and
// awards are made through the API (as src/benefits/*.int.test.ts do); then a county officer reads a
// household's decision explanation (every step with its figures, who is not counted and why, the policy
// version, who decided) and runs an assessment; simulates a rural standard of 800 yuan; recalculates June
// and confirms the proposed changes in bulk; makes the July payment roll, finds the held-back line with its
// reason, cancels it on review and downloads the GB18030 bank file; and enters a new policy version through
// the field errors, and reads a household in English; then records re-checks (from 复核提醒 and from the
// household), confirms a recovery (渐退) and ends awards by hand, one of them after a colleague did (409).
// The browser's clock is set to the server's test day (2026-06-15), so the pages' default months are the
// ones the data is about. Screenshots: test-output/screenshots/benefits-*.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import iconv from 'iconv-lite';
import { openTestDatabase } from '../engines';
import { chooseOption, dialogOpened, skipBrowserJourneys, startBrowserRig, type BrowserRig } from './browser';
import type { Database } from '../../src/platform/db';
import { makeWorld, type World } from '../../src/benefits/test-world';
import { SHANGYOU_COUNTY } from '../../src/benefits/policy/seed';
import { formatFen } from '../../web/src/format/money';

const TODAY = new Date('2026-06-15T10:00:00+08:00'); // testApp's clock: 2026-06-15 02:00 UTC
const COUNTY_USER = 'bc_e2e';

describe.skipIf(skipBrowserJourneys('benefits journeys'))('benefits pages in a browser', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let w: World;
  let rig: BrowserRig;
  let tmp: string;
  const hh: Record<string, { id: number; members: number[] }> = {};

  const assessAndAward = async (h: { id: number; members: number[] }, date: string, facts: Record<string, unknown>, programme: 'dibao' | 'tekun' = 'dibao') => {
    const a = await w.county.request('POST', `/api/v1/households/${h.id}/assessment`, { date, ...facts, save: true });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const r = await w.county.request('POST', `/api/v1/households/${h.id}/benefit-awards`, { programme, decidedOn: date, ...(programme === 'tekun' ? { personId: h.members[0] } : {}) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const couple = (name: string, labourCapacity = 'full') => [
    { name: `${name}甲`, relation: 'head', birthDate: '1975-02-03', employment: 'employed', labourCapacity },
    { name: `${name}乙`, relation: 'spouse', birthDate: '1977-04-05', employment: 'employed', labourCapacity },
  ];

  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase('pglite'));
    w = await makeWorld(db, 'e2e');
    await db.query(`update users set display_name = '上犹县民政局 审核员 周敏' where username = $1`, [COUNTY_USER]);
    rig = await startBrowserRig(w.app, 'benefits-');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-benefits-e2e-'));

    // A family of four: the eldest son is in prison (not counted); the daughter's scholarship is exempt.
    hh.liu = await w.household({
      members: [
        { name: '刘建国', relation: 'head', birthDate: '1981-05-06', employment: 'employed' },
        { name: '陈桂兰', relation: 'spouse', birthDate: '1983-07-08', employment: 'farming' },
        { name: '刘小芳', relation: 'child', birthDate: '2016-09-01', schoolStage: 'primary', labourCapacity: 'none' },
        { name: '刘大军', relation: 'child', birthDate: '2000-03-02' },
      ],
    });
    await assessAndAward(hh.liu, '2026-06-10', {
      incomes: [
        { personId: hh.liu.members[0], kind: 'wages', monthlyFen: 60000 },
        { personId: hh.liu.members[1], kind: 'businessNet', annualFen: 240000 },
        { personId: hh.liu.members[2], kind: 'scholarship', annualFen: 100000 },
      ],
      members: [{ personId: hh.liu.members[3], exclusion: 'imprisoned' }],
    });
    // A 特困 elder who cannot bathe or dress alone (partly lost self-care).
    hh.elder = await w.household({ members: [{ name: '张孤老', relation: 'head', birthDate: '1950-01-02', labourCapacity: 'none', employment: 'none' }] });
    await assessAndAward(hh.elder, '2026-06-10', { members: [{ personId: hh.elder.members[0], supporters: [], unmetSelfCareActivities: ['bathing', 'dressing'] }] }, 'tekun');
    // Paid to someone of another household (a village accountant, say): held back in the roll.
    hh.proxy = await w.household({ members: couple('代领') });
    await assessAndAward(hh.proxy, '2026-06-10', { incomes: [{ personId: hh.proxy.members[0], kind: 'wages', monthlyFen: 50000 }] });
    await db.query('update households set bank_holder_person_id = $2 where id = $1', [hh.proxy.id, hh.liu.members[1]]);
    // Decided in December; since then the spouse died, and the tax office reports the other head's wages.
    hh.bereaved = await w.household({ members: couple('丧偶', 'partial') });
    await assessAndAward(hh.bereaved, '2025-12-20', { incomes: [{ personId: hh.bereaved.members[0], kind: 'wages', monthlyFen: 30000 }] });
    await db.query(`update persons set died_on = '2026-05-20' where id = $1`, [hh.bereaved.members[1]]);
    hh.working = await w.household({ members: couple('就业') });
    await assessAndAward(hh.working, '2025-12-20', { incomes: [{ personId: hh.working.members[0], kind: 'wages', monthlyFen: 50000 }] });
    const idNumber = (await db.query<{ id_number: string }>('select id_number from persons where id = $1', [hh.working.members[0]])).rows[0].id_number;
    for (let m = 0; m < 12; m++) {
      const period = m < 7 ? `2025-${String(m + 6).padStart(2, '0')}` : `2026-0${m - 6}`;
      await db.query(`insert into feed_tax_income (id_number, period, income, income_type, person_id) values ($1, $2, 160000, '工资薪金', $3)`, [idNumber, period, hh.working.members[0]]);
    }
    // Just above today's rural standard (715): eligible at 800. Facts saved, no award.
    hh.edge = await w.household({ members: [{ name: '边缘户主', relation: 'head', birthDate: '1970-08-08', employment: 'employed' }] });
    const edge = await w.county.request('POST', `/api/v1/households/${hh.edge.id}/assessment`, {
      date: '2026-06-10', incomes: [{ personId: hh.edge.members[0], kind: 'wages', monthlyFen: 75000 }], save: true,
    });
    expect(edge.body.dibao.eligible).toBe(false);
  }, 300_000);

  afterAll(async () => {
    await (rig ? rig.close() : w?.app.close());
    await dispose?.();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** A county officer's page with the browser's clock on the server's test day. */
  async function countyPage(viewport?: { width: number; height: number }) {
    const opened = await rig.newPage(viewport);
    await opened.page.clock.setFixedTime(TODAY);
    await rig.logIn(opened.page, COUNTY_USER);
    return opened;
  }
  const shot = (page: Page, name: string, fullPage = false) => rig.shot(page, name, fullPage);
  const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();
  /** expect.poll with room for a loaded machine (its default is one second). */
  const poll = <T,>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });
  /** Wait until a dialog or drawer has finished sliding in (for the screenshot). */
  const settled = (page: Page, selector: string) =>
    poll(() => page.locator(selector).first().evaluate((el) => el.getAnimations({ subtree: true }).filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).length)).toBe(0);

  it('a household\'s decision explains every step with its figures, who is not counted, the policy version and who decided', async () => {
    const { context, page } = await countyPage();
    // From the registry's household page to its benefits.
    await page.goto(`${rig.base}/registry/households/${hh.liu.id}`);
    await page.getByTestId('household-benefits-link').click();
    await poll(() => text(page, 'benefits-title')).toBe('刘建国家 · 待遇保障');
    await poll(() => text(page, 'monthly-total')).toBe('¥0.00'); // decided in June, paid from July
    const awards = page.getByTestId('awards-table');
    await poll(() => awards.innerText()).toMatch(/低保[\s\S]*全户[\s\S]*¥1,345\.00[\s\S]*2026年7月[\s\S]*待发放/);

    // The current award's explanation is open: the policy version, who decided, and the steps with figures.
    const explanation = page.locator('[data-testid^="award-explanation-"]').first();
    await poll(() => explanation.getByTestId('policy-version').innerText()).toMatch(/上犹县 · 城乡通用 · 2024年1月1日起执行 · 第2版/);
    await poll(() => explanation.getByTestId('decided-by').innerText()).toBe(COUNTY_USER);
    const steps = explanation.getByTestId('explanation-step');
    await poll(() => steps.count()).toBeGreaterThan(6);
    const all = await explanation.getByTestId('explanation-steps').innerText();
    expect(all).toContain('不计入家庭成员');
    expect(all).toMatch(/刘大军[\s\S]*监狱/); // excluded, and why
    expect(all).toMatch(/奖学金[\s\S]*不计入家庭收入/); // the exemption listed
    expect(all).toContain('¥715.00'); // the standard
    expect(all).toMatch(/¥1,345\.00/); // 715 × 3 − 800
    await shot(page, '01-household-explanation', true);

    // An assessment of today's facts, explained: who counts, who does not, the 特困 and other tabs.
    await page.getByTestId('run-assessment').click();
    const result = page.getByTestId('assessment-result');
    await result.waitFor();
    await poll(() => text(page, 'dibao-amount')).toBe('¥1,345.00');
    await poll(() => page.getByTestId('counted-members').innerText()).toMatch(/刘建国[\s\S]*陈桂兰[\s\S]*刘小芳/);
    await poll(() => page.getByTestId('excluded-members').innerText()).toMatch(/刘大军[\s\S]*监狱/);
    await poll(() => page.getByTestId('dibao-steps').innerText()).toMatch(/低保标准[\s\S]*¥715\.00/);
    await poll(() => result.getByTestId('policy-version').first().innerText()).toContain('第2版');
    await result.scrollIntoViewIfNeeded();
    await shot(page, '02-assessment-result');

    // The 特困 elder: basic support + care subsidy by self-care level.
    await page.goto(`${rig.base}/benefits/households/${hh.elder.id}`);
    const elder = page.locator('[data-testid^="award-explanation-"]').first();
    await poll(() => elder.getByTestId('explanation-steps').innerText()).toMatch(/部分丧失生活自理能力[\s\S]*照料护理补贴[\s\S]*¥375\.00[\s\S]*¥1,595\.00/);
    await context.close();
  }, 120_000);

  it('simulates a rural standard of 800 yuan: the newly eligible household and the change in monthly cost', async () => {
    const expected = await w.county.request('POST', '/api/v1/policies/simulate', { regionCode: SHANGYOU_COUNTY, areaType: 'rural', standardFen: 80000, effectiveFrom: '2026-07-01' });
    expect(expected.body.newlyEligible.households).toBe(1);
    const { context, page } = await countyPage();
    await page.getByRole('menuitem', { name: /政策测算/ }).click();
    await page.getByRole('heading', { name: '政策测算' }).waitFor();
    // The county is preselected; the standard in force is shown next to the new one.
    await poll(() => page.getByTestId('simulation-form').innerText()).toContain('现行标准715.00元（第2版）');
    await page.getByTestId('sim-standard').fill('800');
    await page.getByTestId('run-simulation').click();
    await page.getByTestId('simulation-result').waitFor();
    await poll(() => text(page, 'sim-newly')).toMatch(/^新增符合\s*1\s*¥50\.00/); // 800 − 750 wages
    await poll(() => text(page, 'sim-no-longer')).toMatch(/不再符合\s*0/);
    const cost = expected.body.monthlyCostChangeFen as number;
    expect(cost).toBeGreaterThan(0);
    await poll(() => text(page, 'sim-cost-change')).toBe(`+${formatFen(cost)}`);
    await poll(() => text(page, 'sim-seconds')).toMatch(/用时\d+\.\d\d秒/);
    await poll(() => page.getByTestId('sim-newly-samples').innerText()).toContain('边缘户主');
    await shot(page, '03-simulation', true);
    await context.close();
  }, 120_000);

  it('a county reviewer recalculates June and confirms the proposed changes in bulk', async () => {
    const { context, page } = await countyPage();
    await page.getByRole('menuitem', { name: /待遇调整/ }).click();
    await page.getByRole('heading', { name: '待遇调整（月度重新核算）' }).waitFor();
    await page.getByTestId('run-recalc').click();
    await poll(() => text(page, 'recalc-summary')).toMatch(/2026年6月重新核算完成[\s\S]*减发1、停发1[\s\S]*税务收入数据1人/);
    const table = page.getByTestId('changes-table');
    await poll(() => table.innerText()).toMatch(/丧偶甲[\s\S]*¥1,130\.00[\s\S]*¥415\.00[\s\S]*减发/);
    await poll(() => table.innerText()).toMatch(/就业甲[\s\S]*停发/);
    await poll(() => text(page, 'changes-totals')).toMatch(/共2项/);
    // Select all proposals at once and confirm.
    await table.locator('thead input[type=checkbox]').check();
    await poll(() => text(page, 'selection-summary')).toMatch(/已选2项/);
    await shot(page, '04-changes-selected');
    await page.getByTestId('confirm-selected').click();
    const dialog = page.getByRole('dialog');
    await dialogOpened(dialog);
    await dialog.getByTestId('decide-note').fill('6月动态复核，经核实');
    await dialog.getByRole('button', { name: /确认调整/ }).click();
    await poll(() => text(page, 'changes-outcome')).toContain('已确认2项调整');
    await poll(() => table.innerText()).toMatch(/没有符合条件的调整建议/);
    // The household now shows the adjusted award continuing the old one.
    await page.goto(`${rig.base}/benefits/households/${hh.bereaved.id}`);
    await poll(() => page.getByTestId('awards-table').innerText()).toMatch(/¥415\.00[\s\S]*2026年7月[\s\S]*¥1,130\.00[\s\S]*2026年6月[\s\S]*金额调整/);
    await shot(page, '05-adjusted-household', true);

    // The spouse's death brought the re-check forward to within 3 months (20 Aug instead of December).
    await page.goto(`${rig.base}/benefits/rechecks?due=2026-08-31`);
    await poll(() => page.getByTestId('rechecks-table').innerText()).toMatch(/丧偶甲[\s\S]*2026年8月20日[\s\S]*成员死亡/);
    // Statistics of the half year: January's two inclusions, July's three, the adjustment and the exit.
    await page.goto(`${rig.base}/benefits/stats?from=2026-01&to=2026-07`);
    await poll(() => text(page, 'stats-new')).toMatch(/新纳入\s*5/);
    await poll(() => text(page, 'stats-adjusted')).toMatch(/金额调整\s*1/);
    await poll(() => text(page, 'stats-exits')).toMatch(/退出\s*1[\s\S]*不再符合条件 1/);
    await page.getByTestId('stats-chart').locator('canvas').waitFor();
    await shot(page, '06-stats', true);
    await context.close();
  }, 120_000);

  it('a county officer makes the July roll, sees the held-back line with its reason, reviews it and downloads the bank file', async () => {
    const { context, page } = await countyPage();
    await page.getByRole('menuitem', { name: /发放名册/ }).click();
    await page.getByRole('heading', { name: '发放名册' }).waitFor();
    await page.getByTestId('make-roll').click(); // the month defaults to July
    await poll(() => text(page, 'roll-title')).toBe('上犹县 2026年7月发放名册');
    await poll(() => text(page, 'total-all')).toMatch(/全部明细\s*4/);
    await poll(() => text(page, 'total-held')).toMatch(/暂缓\s*1/);
    await poll(() => text(page, 'reconciliation-status')).toContain('名册与待遇决定一致');
    const heldLines = page.getByTestId('held-lines');
    await poll(() => heldLines.innerText()).toMatch(/代领甲[\s\S]*收款账户户名不是本户家庭成员/);
    await expect(heldLines.innerText()).resolves.not.toMatch(/\d{16}/); // accounts masked
    await shot(page, '07-roll', true);

    // The reviewer cancels the held line, with a note.
    await heldLines.getByRole('button', { name: /审\s*核/ }).click();
    const dialog = page.getByRole('dialog');
    await dialogOpened(dialog);
    await poll(() => dialog.innerText()).toContain('收款账户户名不是本户家庭成员');
    await dialog.getByTestId('review-note').fill('收款人为村会计，非本户成员，本月暂停发放');
    await settled(page, '.ant-modal');
    await shot(page, '08-review');
    await dialog.getByRole('button', { name: /提交审核/ }).click();
    await poll(() => text(page, 'total-held')).toMatch(/暂缓\s*0/);
    await poll(() => page.getByTestId('roll-lines').innerText()).toMatch(/已撤销[\s\S]*村会计/);

    // The bank file in GB18030, as Chinese Windows Excel reads it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bank-csv-gb').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const saved = path.join(tmp, 'bank.csv');
    await download.saveAs(saved);
    const csv = iconv.decode(fs.readFileSync(saved), 'gb18030');
    expect(csv).toContain('户名');
    expect(csv).toContain('刘建国');
    expect(csv).not.toContain('代领甲');
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 3);
    await context.close();
  }, 120_000);

  it('an administrator enters a new policy version: the server\'s field error lands on its field', async () => {
    const { context, page } = await countyPage();
    await page.getByRole('menuitem', { name: /政策参数/ }).click();
    await page.getByRole('heading', { name: '政策参数' }).waitFor();
    const table = page.getByTestId('policies-table');
    await poll(() => table.innerText()).toMatch(/上犹县[\s\S]*2024年1月1日[\s\S]*现行[\s\S]*第2版[\s\S]*¥715\.00/);
    const v2 = (await w.county.request('GET', `/api/v1/policies?regionCode=${SHANGYOU_COUNTY}`)).body.find((v: { version: number }) => v.version === 2);
    await page.getByTestId(`new-from-${v2.id}`).click();
    const editor = page.getByTestId('policy-editor');
    await editor.waitFor();
    await dialogOpened(page.locator('.ant-drawer-content-wrapper').filter({ has: editor }));
    // (Enter in a field would submit the form: Tab leaves the date picker with the typed date.)
    await editor.locator('#effectiveFrom').fill('2027-01-01');
    await editor.locator('#effectiveFrom').press('Tab');
    await editor.locator('#dibaoStandard_rural').fill('800');
    await editor.locator('#documents').fill('测试：上犹县2027年提标通知（演示）');
    await editor.getByTestId('save-policy').click();
    // 特困 rural 930 is below 1.3 × 800: the server says so on that field.
    const tekun = editor.getByTestId('tekun-item-rural-default');
    await poll(() => tekun.innerText()).toMatch(/不得低于当地低保标准的1\.3倍（至少1040\.00元）/);
    await tekun.scrollIntoViewIfNeeded();
    await shot(page, '09-policy-field-error');
    await editor.locator('#tekun_rural_default_amount').fill('1040');
    await editor.getByTestId('save-policy').click();
    await poll(() => page.getByTestId('policy-detail').innerText()).toMatch(/第3版[\s\S]*农村：¥800\.00/);
    await poll(() => page.getByTestId('policy-history').innerText()).toMatch(/第3版 · 2027年1月1日起[\s\S]*第2版[\s\S]*第1版/);
    await shot(page, '10-policy-saved');

    // The same pages in English (the decision's steps stay in Chinese: they are the record read to the family).
    await page.goto(`${rig.base}/benefits/households/${hh.liu.id}`);
    await poll(() => text(page, 'benefits-title')).toBe('刘建国家 · 待遇保障');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('menuitem', { name: /Payment rolls/ }).waitFor();
    await poll(() => text(page, 'benefits-title')).toBe('Benefits of the 刘建国 household');
    await poll(() => page.getByTestId('awards-table').innerText()).toMatch(/Minimum living allowance[\s\S]*Whole household[\s\S]*¥1,345\.00[\s\S]*Jul 2026/);
    await shot(page, '11-household-english');
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('menuitem', { name: /发放名册/ }).waitFor();
    expect(rig.pageErrors).toEqual([]);
    await context.close();
  }, 120_000);

  it('records re-checks, confirms a recovery (渐退) and ends awards by hand; a township sees only what it may do; a 409 reloads', async () => {
    const awardOf = async (householdId: number) => (await w.county.request('GET', `/api/v1/benefit-awards?householdId=${householdId}&status=open`)).body.items[0];
    // (The inner locator of `has` is relative to the form item, so it starts from the page.)
    const fieldError = (page: Page, scope: Locator, inputId: string) =>
      scope.locator('.ant-form-item').filter({ has: page.locator(`#${inputId}`) }).locator('.ant-form-item-explain-error');

    // A township worker may record a re-check, but neither confirm a recovery nor end an award.
    const township = await rig.newPage();
    await township.page.clock.setFixedTime(TODAY);
    await rig.logIn(township.page, 'bta_e2e');
    await township.page.goto(`${rig.base}/benefits/households/${hh.proxy.id}`);
    await poll(() => text(township.page, 'benefits-title')).toBe('代领甲家 · 待遇保障');
    await township.page.getByTestId('record-recheck').waitFor();
    await expect(township.page.getByTestId('confirm-recovery').count()).resolves.toBe(0);
    await expect(township.page.locator('[data-testid^="end-award-"]').count()).resolves.toBe(0);
    await township.context.close();

    const { context, page } = await countyPage();
    // 复核提醒: the bereaved household's re-check, brought forward by the death, recorded from its row.
    await page.goto(`${rig.base}/benefits/rechecks?due=2026-08-31`);
    const rechecks = page.getByTestId('rechecks-table');
    await poll(() => rechecks.innerText()).toMatch(/丧偶甲[\s\S]*2026年8月20日[\s\S]*成员死亡/);
    await page.getByTestId(`record-recheck-${hh.bereaved.id}`).click();
    let dialog = page.getByRole('dialog');
    await dialogOpened(dialog);
    await poll(() => text(page, 'recheck-current')).toBe('上次核查2025年12月20日，应于2026年8月20日前复核');
    await dialog.getByTestId('recheck-note').fill('入户复核：配偶已故，户主务工收入无变化');
    await settled(page, '.ant-modal');
    await shot(page, 'actions-01-recheck-dialog');
    await dialog.getByTestId('recheck-submit').click();
    // Checked today: the next re-check is a year on (partial labour capacity, stable income), off this list.
    await poll(() => text(page, 'recheck-recorded')).toBe('已记录丧偶甲家的复核，下次复核日期：2027年6月15日');
    await poll(() => rechecks.innerText()).not.toContain('丧偶甲');
    await shot(page, 'actions-02-recheck-recorded');

    // The household page's re-check schedule: 刘建国 can work, so half-yearly; the income now varies as well.
    await page.goto(`${rig.base}/benefits/households/${hh.liu.id}`);
    const recheckCard = page.getByTestId('recheck-card');
    await poll(() => recheckCard.innerText()).toMatch(/应复核日期[\s:：]*2026年12月10日/);
    await page.getByTestId('record-recheck').click();
    dialog = page.getByRole('dialog');
    await dialogOpened(dialog);
    await dialog.getByRole('radio', { name: '收入不固定' }).check();
    await dialog.getByTestId('recheck-submit').click();
    await poll(() => recheckCard.innerText()).toMatch(/应复核日期[\s:：]*2026年12月15日[\s\S]*上次核查[\s:：]*2026年6月15日/);
    await poll(() => page.locator('.sn-figure').filter({ hasText: '下次复核' }).innerText()).toContain('2026年12月15日');

    // A recovery for the household paid through someone else: more grace months than the policy allows is
    // refused on the field; left empty, the policy's six months apply.
    await page.goto(`${rig.base}/benefits/households/${hh.proxy.id}`);
    await page.getByTestId('confirm-recovery').click();
    dialog = page.getByRole('dialog');
    await dialogOpened(dialog);
    await poll(() => dialog.getByTestId('recovery-awards').innerText()).toMatch(/低保 · 全户 · 每月¥\d/);
    await dialog.locator('#graceMonths').fill('8');
    await dialog.locator('#note').fill('户主在县工业园区稳定就业');
    await dialog.getByTestId('recovery-submit').click();
    await poll(() => fieldError(page, dialog, 'graceMonths').innerText()).toBe('渐退期必须是0至6个月之间的整数（收到8）');
    await settled(page, '.ant-modal');
    await shot(page, 'actions-03-recovery-field-error');
    await dialog.locator('#graceMonths').fill('');
    await poll(() => fieldError(page, dialog, 'graceMonths').count()).toBe(0); // typing clears the stale error
    await dialog.getByTestId('recovery-submit').click();
    const plan = page.getByTestId('recovery-plan');
    await poll(() => plan.innerText()).toMatch(/渐退期[\s:：]*6个月[\s\S]*继续发放[\s:：]*2026年7月至2026年12月[\s\S]*末次发放月份[\s:：]*2026年12月[\s\S]*停发[\s:：]*2027年1月起/);
    await poll(() => page.getByTestId('recovery-steps').innerText()).toMatch(/渐退期[\s\S]*2026-07、2026-08[\s\S]*自2027-01起停发/);
    const proxyAwards = page.getByTestId('awards-table');
    await poll(() => proxyAwards.innerText()).toMatch(/2026年12月[\s\S]*2027年1月起停发[\s\S]*渐退[\s\S]*收入超过标准，渐退期满退出/);
    await poll(() => page.getByTestId('confirm-recovery').count()).toBe(0); // nothing open is left to exit
    await shot(page, 'actions-04-recovery-plan', true);

    // The 特困 elder's award ended by hand before its first month: the reason is required.
    const elderAward = await awardOf(hh.elder.id);
    await page.goto(`${rig.base}/benefits/households/${hh.elder.id}`);
    await page.getByTestId(`end-award-${elderAward.id}`).click();
    dialog = page.getByRole('dialog');
    await dialogOpened(dialog);
    await poll(() => text(page, 'end-award-current')).toBe('特困供养 · 张孤老 · 每月¥1,595.00 · 2026年7月起发放');
    await poll(() => dialog.innerText()).toContain('早于起始月份2026年7月：该待遇将不发放任何月份');
    await dialog.getByTestId('end-award-submit').click();
    await poll(() => dialog.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual(['请选择终止原因', '请填写终止理由']);
    await chooseOption(page, dialog.getByTestId('end-award-reason'), '其他原因');
    await dialog.getByTestId('end-award-note').fill('张孤老已由外地侄子接回共同生活，本人申请终止供养');
    await settled(page, '.ant-modal');
    await shot(page, 'actions-05-end-dialog');
    await dialog.getByTestId('end-award-submit').click();
    const elderAwards = page.getByTestId('awards-table');
    await poll(() => elderAwards.innerText()).toMatch(/2026年6月[\s\S]*2026年7月起停发[\s\S]*已停发[\s\S]*其他原因[\s\S]*侄子接回共同生活/);
    await poll(() => page.getByTestId(`end-award-${elderAward.id}`).count()).toBe(0);
    await shot(page, 'actions-06-award-ended', true);

    // Someone ends 刘建国's award while the dialog is open: the answer is 409, the page says so and reloads.
    const liuAward = await awardOf(hh.liu.id);
    await page.goto(`${rig.base}/benefits/households/${hh.liu.id}`);
    await page.getByTestId(`end-award-${liuAward.id}`).click();
    dialog = page.getByRole('dialog');
    await dialogOpened(dialog);
    await chooseOption(page, dialog.getByTestId('end-award-reason'), '不再符合条件');
    await dialog.getByTestId('end-award-note').fill('复核发现家庭收入超过标准');
    // (July: the award is paid once, then stops.)
    const first = await w.county.request('POST', `/api/v1/benefit-awards/${liuAward.id}/end`, { endMonth: '2026-07', reason: 'ineligible', note: '同事已先行终止', version: liuAward.version });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    await dialog.getByTestId('end-award-submit').click();
    await poll(() => text(page, 'award-conflict')).toMatch(/他人已先行处理，页面已重新载入[\s\S]*已被他人停发或调整/);
    await poll(() => page.getByRole('dialog').count()).toBe(0);
    // The notice is brought into view (the act began lower down, in the table).
    await poll(() => page.getByTestId('award-conflict').evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    await poll(() => page.getByTestId('awards-table').innerText()).toMatch(/2026年7月[\s\S]*2026年8月起停发[\s\S]*待发放[\s\S]*不再符合条件[\s\S]*同事已先行终止/);
    await shot(page, 'actions-07-conflict');
    expect(rig.pageErrors).toEqual([]);
    await context.close();
  }, 240_000);
});
