/**
 * What every browser suite shares: a local host on a fresh data directory serving the H5 build,
 * Debian Chromium, phone-sized (390×844) and desk-sized (1280×800) pages, demo sign-in, and
 * screenshots once transitions finish. Every page is watched for console errors and for developer
 * text in what it shows (field keys, codes, `§`, record ids — tests/helpers/devText.ts). Every
 * phone screenshot also runs axe-core (WCAG 2.1 A/AA) once per role and page (tests/browser/axe.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { devTextPatternSources, devTextWatcher } from '../helpers/devText';
import { hostStart, type Host } from '../../server/host/app';
import { axeChecker } from './axe';
import { browserLaunch } from './browser';

const root = resolve(__dirname, '..', '..');
const h5Dir = join(root, 'dist-h5');
const shots = join(root, 'tests', 'artifacts', 'screenshots');

export interface BrowserEnv {
  readonly host: Host;
  readonly browser: Browser;
  phone(): Promise<Page>;
  /** A PC browser window (1280×800): the desk layout. */
  desk(): Promise<Page>;
  signInAs(page: Page, key: string): Promise<void>;
  /** Screenshot once transitions finish; on a phone page, also the axe pass for its role and page. */
  shot(page: Page, name: string): Promise<void>;
  /** The axe pass for this page as it is now (once per role and page); fails the test if serious. */
  axe(page: Page): Promise<void>;
}

/**
 * Registers beforeAll/afterAll for a suite; the returned getter is valid inside tests. Every test
 * fails on any console error or uncaught page error of the pages it opened (issue 17, defect 9):
 * a journey that "passes" while the page throws is not passing — and on any developer text a page
 * showed (issue 19, item 9).
 */
export function browserEnvSetup(): () => BrowserEnv {
  let env: BrowserEnv | null = null;
  let dir = '';
  let consoleErrors: string[] = [];
  // Developer text seen on any page of the running test (reported by the page as it appears).
  let devText: string[] = [];
  // Serious or critical axe violations seen by the running test.
  let axeFailures: string[] = [];
  // Which demo account each page signed in as: axe passes are per role and page.
  const roleOf = new WeakMap<Page, string>();
  const axeCheck = axeChecker(shots);
  const axe = async (page: Page) => {
    axeFailures.push(...(await axeCheck(page, roleOf.get(page) ?? 'unsigned')));
  };
  beforeEach(() => {
    consoleErrors = [];
    devText = [];
    axeFailures = [];
  });
  afterEach(async () => {
    // Give the pages' watchers a moment to report what the last step showed.
    await new Promise((r) => setTimeout(r, 400));
    const seen = consoleErrors;
    const shown = [...new Set(devText)];
    const inaccessible = [...new Set(axeFailures)];
    consoleErrors = [];
    devText = [];
    axeFailures = [];
    expect({ consoleErrors: seen, developerTextShown: shown, seriousAxeViolations: inaccessible }).toEqual({
      consoleErrors: [],
      developerTextShown: [],
      seriousAxeViolations: [],
    });
  });
  const watched = async (browser: Browser, width: number, height: number): Promise<Page> => {
    const ctx = await browser.newContext({
      viewport: { width, height },
      deviceScaleFactor: width < 1024 ? 2 : 1,
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    await ctx.exposeFunction('__devTextReport', (s: string) => void devText.push(s));
    await ctx.addInitScript(devTextWatcher, devTextPatternSources);
    const page = await ctx.newPage();
    const where = () => page.url().replace(/^https?:\/\/[^/]+/, '');
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${where()}: console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${where()}: uncaught: ${e.message}`));
    return page;
  };
  beforeAll(async () => {
    if (!existsSync(join(h5Dir, 'index.html')))
      throw new Error('dist-h5 is missing: run `npm run build:h5` first');
    mkdirSync(shots, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'junheng-browser-'));
    const host = await hostStart({ dataDir: dir, h5Dir, port: 0, host: '127.0.0.1' });
    const browser = await browserLaunch();
    env = {
      host,
      browser,
      phone: () => watched(browser, 390, 844),
      desk: () => watched(browser, 1280, 800),
      async signInAs(page, key) {
        await page.goto(`${host.url}/`);
        await page.locator(`#account-${key}`).click();
        roleOf.set(page, key);
      },
      async shot(page, name) {
        await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
        await page.screenshot({ path: join(shots, `${name}.png`) });
        if ((page.viewportSize()?.width ?? 0) < 1024) await axe(page);
      },
      axe,
    };
  });
  afterAll(async () => {
    await env?.browser.close();
    await env?.host.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!env) throw new Error('browser environment not started');
    return env;
  };
}
