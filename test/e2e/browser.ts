// What every browser journey shares: Debian's Chromium driven by playwright-core against the real app on a
// free port. Outside CI a missing browser skips the journeys with a warning; in CI (CI=true) it fails them,
// as does a missing CJK font (Chinese would render as empty boxes in the screenshots).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { TEST_PASSWORD } from '../api-client';
import { buildWebIfStale } from '../build-web';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST_INDEX = path.join(ROOT, 'web', 'dist', 'index.html');
export const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);

// Only the journeys need the built workbench, so a run of other tests never waits for (or fails on) the web
// build. It happens as this module loads, before any journey makes its app: the server serves web/dist only
// if it exists when the app is made. Parallel journey files take turns through the build's lock; the first
// builds, the rest find it fresh.
if (HAVE_CHROMIUM || IN_CI) buildWebIfStale();

/** For describe.skipIf: true when the journeys cannot run here and may be skipped (never in CI). */
export function skipBrowserJourneys(suite: string): boolean {
  const skip = !HAVE_CHROMIUM && !IN_CI;
  if (skip) console.warn(`[e2e] ${suite} SKIPPED: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk). In CI they fail instead.`);
  return skip;
}

function cjkFontInstalled(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

export interface BrowserRig {
  base: string;
  browser: Browser;
  pageErrors: string[];
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  logIn(page: Page, username: string): Promise<void>;
  /** A screenshot to test-output/screenshots/<prefix><name>.png for a person to look at. */
  shot(page: Page, name: string, fullPage?: boolean): Promise<Buffer>;
  close(): Promise<void>;
}

/** Starts the app on a free port and the browser; every page's uncaught errors are collected. */
export async function startBrowserRig(app: FastifyInstance, shotPrefix = ''): Promise<BrowserRig> {
  if (!HAVE_CHROMIUM) throw new Error(`CI=true: the browser journeys need ${CHROMIUM} (apt-get install -y chromium fonts-noto-cjk)`);
  if (!cjkFontInstalled()) {
    const msg = 'no CJK font (fonts-noto-cjk): Chinese would render as empty boxes in the screenshots';
    if (IN_CI) throw new Error(msg);
    console.warn(`[e2e] ${msg}`);
  }
  if (!fs.existsSync(DIST_INDEX)) throw new Error('web/dist is missing after the build (test/build-web.ts)');
  fs.mkdirSync(SHOTS, { recursive: true });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const base = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const pageErrors: string[] = [];

  return {
    base,
    browser,
    pageErrors,
    async newPage(viewport = { width: 1280, height: 860 }) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      return { context, page };
    },
    async logIn(page, username) {
      await page.goto(`${base}/`);
      await page.locator('#username').fill(username);
      await page.locator('#password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByText('您好').waitFor();
    },
    shot: (page, name, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `${shotPrefix}${name}.png`), fullPage }),
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** The open (visible) select dropdowns of the page. */
const openDropdowns = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/**
 * Picks an option of an Ant Design select and waits until its dropdown has closed. Under load a click can
 * land while the list is still sliding in and leave it open over the buttons below, so the choice is
 * checked on the select itself and retried rather than assumed.
 */
export async function chooseOption(page: Page, select: Locator, option: string, search?: string): Promise<void> {
  await expect
    .poll(async () => {
      if (!(await openDropdowns(page).count())) {
        await select.click();
        if (search) await page.keyboard.type(search);
      }
      const item = openDropdowns(page).locator('.ant-select-item-option').filter({ hasText: option }).first();
      await item.click({ timeout: 5_000 }).catch(() => undefined);
      await openDropdowns(page).first().waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
      return (await openDropdowns(page).count()) === 0 && (await select.locator(`xpath=ancestor-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`).innerText()).includes(option);
    }, { timeout: 30_000, message: `choose "${option}"` })
    .toBe(true);
}

/**
 * Waits until an Ant Design modal (its role=dialog element) or drawer (.ant-drawer-content-wrapper) has
 * finished its opening motion. Until then its buttons move: a click can press on a button and release
 * beside it, which clicks nothing (seen with the benefits journeys' fake clock, where the motion's frames
 * run late). Only the element's own motion counts, not a spinner inside it.
 */
export async function dialogOpened(dialog: Locator): Promise<void> {
  await expect
    .poll(() => dialog.evaluate((el) => !/-(appear|enter)(-|\b)/.test(el.className) && el.getAnimations().length === 0), { message: 'the dialog has finished opening' })
    .toBe(true);
}
