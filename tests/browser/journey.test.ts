/**
 * The first journey in a real browser against the H5 build served by the local host:
 * a parent registers a child (an invalid ID number first, keeping what was typed), sees 待审核;
 * a second registration of the same child is refused; the principal approves; the parent sees
 * 审核通过. Also: every demo role can sign in. Screenshots go to tests/artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hostStart, type Host } from '../../server/host/app';
import { idNumberMake } from '../helpers/ids';
import { browserLaunch } from './browser';

const root = resolve(__dirname, '..', '..');
const h5Dir = join(root, 'dist-h5');
const shots = join(root, 'tests', 'artifacts', 'screenshots');
let host: Host;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!existsSync(join(h5Dir, 'index.html')))
    throw new Error('dist-h5 is missing: run `npm run build:h5` first');
  mkdirSync(shots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'junheng-browser-'));
  host = await hostStart({ dataDir: dir, h5Dir, port: 0, host: '127.0.0.1' });
  browser = await browserLaunch();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function newPhone(): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  });
  return ctx.newPage();
}

async function signInAs(page: Page, key: string): Promise<void> {
  await page.goto(`${host.url}/`);
  await page.locator(`#account-${key}`).click();
}

async function signOut(page: Page): Promise<void> {
  await page.locator('#sign-out').click();
  await page.locator('#account-parent-wang').waitFor();
}

/** Screenshot once Taro's page transition has finished (what a person sees on the phone). */
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

test('parent registers, principal approves, parent sees 审核通过', async () => {
  const page = await newPhone();
  const idNumber = idNumberMake('2020-05-10', 21);

  await signInAs(page, 'parent-wang');
  await page.locator('.title', { hasText: '我的报名' }).waitFor();
  await page.locator('#new-registration').click();
  await page.locator('#school-p01').click();
  await page.locator('#child-name input').fill('王小明');

  // A wrong check digit: clear Chinese error, and nothing typed is lost.
  const wrong = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
  await page.locator('#id-number input').fill(wrong);
  await page.locator('#submit-registration').click();
  await page.locator('#id-number-error').waitFor();
  expect(await page.locator('#id-number-error').innerText()).toContain('校验位不正确');
  expect(await page.locator('#child-name input').inputValue()).toBe('王小明');
  expect(await page.locator('#id-number input').inputValue()).toBe(wrong);
  await shot(page, '01-invalid-id-keeps-form');

  await page.locator('#id-number input').fill(idNumber);
  expect(await page.locator('#id-number-ok').innerText()).toContain('出生日期 2020-05-10');
  await page.locator('#submit-registration').click();
  await page.locator('.card-title', { hasText: '办理进度' }).waitFor();
  expect(await page.locator('.status').first().innerText()).toBe('待审核');
  await shot(page, '02-submitted-pending-review');

  // The same child again: refused by the server, form intact.
  await page.goto(`${host.url}/#/pages/parent/register/index`);
  await page.locator('#school-p01').click();
  await page.locator('#child-name input').fill('王小明');
  await page.locator('#id-number input').fill(idNumber);
  await page.locator('#submit-registration').click();
  await page.locator('#id-number-error').waitFor();
  expect(await page.locator('#id-number-error').innerText()).toContain('不能重复报名');
  expect(await page.locator('#id-number input').inputValue()).toBe(idNumber);
  await shot(page, '03-duplicate-refused');

  await page.goto(`${host.url}/#/pages/parent/home/index`);
  await signOut(page);
  await signInAs(page, 'principal-p01');
  const card = page.locator('.queue-item', { hasText: '王小明' });
  await card.waitFor();
  expect(await card.innerText()).toContain('3301**********');
  await card.locator('.approve').click();
  await page.locator('#info-banner').waitFor();
  expect(await page.locator('#info-banner').innerText()).toContain('审核通过');
  await shot(page, '04-principal-approved');

  await signOut(page);
  await signInAs(page, 'parent-wang');
  const mine = page.locator('.registration-card', { hasText: '王小明' });
  await mine.waitFor();
  expect(await mine.locator('.status').innerText()).toBe('审核通过');
  await shot(page, '05-parent-sees-approved');
});

test.each([
  ['parent-li', '我的报名'],
  ['teacher-p01', '交流轮岗通知'],
  ['principal-p01', '报名审核'],
  ['bureau-admin', '全县概况'],
])('demo account %s signs in to its home (%s)', async (key, heading) => {
  const page = await newPhone();
  await signInAs(page, key);
  await page.locator('.title, .card-title', { hasText: heading }).first().waitFor();
  await shot(page, `home-${key}`);
});

test('without a session the app opens the demo sign-in page', async () => {
  const page = await newPhone();
  await page.goto(`${host.url}/#/pages/parent/home/index`);
  await page.locator('#account-parent-wang').waitFor();
});
