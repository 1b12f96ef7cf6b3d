/**
 * Accessibility (issue 22, GB/T 37668-2019 on the basis of WCAG 2.1 AA), phone size (390×844):
 * - every page of every role, once loaded, passes axe-core's WCAG 2.1 A/AA rules with no serious
 *   or critical violation (pages reached only through a record — review, detail, record — are
 *   checked by the journeys that open them: every phone screenshot runs the same pass);
 * - a keyboard-only journey registers a child;
 * - with 大字模式 on (text at 200 %), a family registers without clipped text or sideways scrolling,
 *   and every page of every role shows its content without either;
 * - every control on those pages is at least 44×44 px (fields: 44 px high).
 */
import type { Page } from 'playwright-core';
import { communityOf } from '../helpers/forms';
import { idNumberMake } from '../helpers/ids';
import { fillFamily, upload } from './family';
import { axeBlocking, axeRun } from './axe';
import { browserEnvSetup } from './setup';

const env = browserEnvSetup();

/** Waits until the page has no request in flight for a moment, so what axe sees is loaded. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = performance.getEntriesByType('resource').length;
        let quiet = 0;
        const tick = () => {
          const now = performance.getEntriesByType('resource').length;
          quiet = now === last && !document.querySelector('.progress') ? quiet + 1 : 0;
          last = now;
          if (quiet >= 3) resolve();
          else setTimeout(tick, 150);
        };
        setTimeout(tick, 150);
      }),
  );
}

const rolePages: readonly (readonly [string, readonly string[]])[] = [
  ['parent-wang', ['parent/home', 'parent/register', 'parent/inbox', 'bind']],
  ['teacher-p01', ['teacher/home']],
  [
    'principal-p01',
    [
      'principal/queue',
      'principal/capacity',
      'principal/classes',
      'principal/rotation',
      'principal/oversight',
    ],
  ],
  ['reviewer-p01', ['principal/queue']],
  [
    'bureau-admin',
    [
      'bureau/home',
      'bureau/zones',
      'bureau/placement',
      'bureau/rotation',
      'bureau/dashboard',
      'bureau/census',
    ],
  ],
];

/** Controls smaller than 44×44 CSS px (适老化 tap targets); inputs need the height only. */
const smallTargets = (page: Page) =>
  page.evaluate(() => {
    const sel =
      '[role="button"], [role="radio"], [role="checkbox"], taro-button-core, input, textarea, select';
    return Array.from(document.querySelectorAll<HTMLElement>(sel))
      .filter((el) => el.offsetParent !== null && !el.closest('.taro__modal'))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(
        ({ el, r }) => r.height < 43.5 || (!/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) && r.width < 43.5),
      )
      .map(
        ({ el, r }) =>
          `${el.id || el.className} “${(el.innerText || '').slice(0, 12)}” ${Math.round(r.width)}×${Math.round(r.height)}`,
      );
  });

test('the sign-in page passes the WCAG 2.1 A/AA checks', async () => {
  const page = await env().phone();
  await page.goto(`${env().host.url}/#/pages/login/index`);
  await page.locator('#account-parent-wang').waitFor();
  await settled(page);
  await env().axe(page);
});

test.each(rolePages)('every page of %s passes the WCAG 2.1 A/AA checks', async (role, pages) => {
  const page = await env().phone();
  await env().signInAs(page, role);
  await page.locator('.title:visible, .card-title:visible').first().waitFor();
  const small: string[] = [];
  for (const p of pages) {
    await page.goto(`${env().host.url}/#/pages/${p}/index`);
    await page.locator('.title:visible, .card-title:visible').first().waitFor();
    await settled(page);
    await env().axe(page);
    small.push(...(await smallTargets(page)).map((t) => `${p}: ${t}`));
  }
  expect(small).toEqual([]);
});

/** Presses Tab until focus is on (or inside) `selector`; fails if the keyboard cannot get there. */
async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const there = await page.evaluate((sel) => {
      const a = document.activeElement;
      return !!a && (a.matches(sel) || !!a.closest(sel));
    }, selector);
    if (there) return;
  }
  throw new Error(`the keyboard never reached ${selector}`);
}

async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, `#${id}`);
  await page.keyboard.type(text);
}

/** Where focus is now, and whether it is drawn (an outline that is not `none`). */
const focusShown = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a) return { inside: '', outline: 'none' };
    const s = getComputedStyle(a);
    return { inside: a.closest('.taro__modal') ? 'dialog' : 'page', outline: s.outlineStyle };
  });

/** A confirm box: focus is in it, Tab stays in it, Enter on its confirm control goes on. */
async function dialogConfirmByKeyboard(page: Page, confirm: string): Promise<void> {
  await page.locator('.taro-model__confirm', { hasText: confirm }).waitFor();
  await page.waitForFunction(() => document.activeElement?.classList.contains('taro-model__confirm'));
  // Once its fade-in has ended: mid-fade its words are partly transparent, and axe measured the
  // blended colour (4.21:1) on a loaded machine.
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.taro__modal'))
      .filter((m) => m.style.display !== 'none')
      .every(
        (m) =>
          getComputedStyle(m).opacity === '1' &&
          m.getAnimations({ subtree: true }).every((a) => a.playState !== 'running'),
      ),
  );
  // The open confirm box meets the same WCAG 2.1 A/AA rules as the pages.
  expect((await axeRun(page)).filter(axeBlocking)).toEqual([]);
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    expect((await focusShown(page)).inside).toBe('dialog');
  }
  await tabTo(page, '.taro-model__confirm', 4);
  await page.keyboard.press('Enter');
}

test('a family registers a child with the keyboard alone', async () => {
  const page = await env().phone();
  await page.goto(`${env().host.url}/#/pages/login/index`);
  await page.locator('#account-parent-wang').waitFor();
  await tabTo(page, '#account-parent-wang');
  await page.keyboard.press('Enter');
  await page.locator('#new-registration').waitFor();
  await tabTo(page, '#new-registration');
  expect((await focusShown(page)).outline).not.toBe('none');
  await page.keyboard.press('Enter');

  const f = {
    community: communityOf('p01'),
    idNumber: idNumberMake('2020-08-08', 31),
  };
  await typeInto(page, 'community-search', f.community.slice(-5));
  await tabTo(page, `[id="community-${f.community}"]`);
  await page.keyboard.press('Enter');
  const school = page.locator('#school-p01');
  await school.waitFor();
  if (!(await school.getAttribute('class'))?.includes('chip-on')) {
    await tabTo(page, '#school-p01');
    await page.keyboard.press(' ');
  }
  await typeInto(page, 'child-name', '赵小键');
  await typeInto(page, 'id-number', f.idNumber);
  await typeInto(page, 'birth-cert', 'O110123457');
  await typeInto(page, 'g0-name', '赵丽');
  await typeInto(page, 'g0-id', idNumberMake('1991-04-05', 32));
  await typeInto(page, 'g0-mobile', '13812345679');
  await typeInto(page, 'hukou-address', '城关镇和平路14号');
  await typeInto(page, 'hukou-head', '赵强');
  await tabTo(page, '#has-property-true');
  await page.keyboard.press('Enter');
  await typeInto(page, 'property-no', `青(2024)不动产权第${f.idNumber.slice(-6)}号`);
  await typeInto(page, 'property-address', '城关镇和平路14号1幢101室');
  await typeInto(page, 'property-owners', '赵丽');
  await tabTo(page, 'input#property-date');
  // Chromium's date field takes digits in the order it shows them (mm/dd/yyyy here).
  await page.keyboard.type('06012019');
  expect(await page.locator('input#property-date').inputValue()).toBe('2019-06-01');
  await tabTo(page, '#submit-registration');
  await page.keyboard.press('Enter');
  // No documents: the county allows 缺件先报, and the 公办 choice is confirmed — both by keyboard.
  await dialogConfirmByKeyboard(page, '先提交');
  await dialogConfirmByKeyboard(page, '确定提交');
  await page.locator('.card-title', { hasText: '办理进度' }).waitFor();
  await env().shot(page, 'a11y-keyboard-registered');
  expect(await page.locator('.status:visible').first().innerText()).toBe('待审核');
});

/**
 * Content that does not fit: the page scrolls sideways, or an element cuts off its own text
 * (overflow hidden/clip with more inside than shown). Lists what it finds, in words.
 */
const cutOff = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    const root = document.scrollingElement;
    if (root && root.scrollWidth > root.clientWidth + 1) found.push(`page ${root.scrollWidth}px wide`);
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter(
      (p) => p.offsetParent !== null || getComputedStyle(p).display !== 'none',
    );
    for (const p of shown) {
      if (p.scrollWidth > p.clientWidth + 1) found.push(`page content ${p.scrollWidth}px wide`);
      for (const el of Array.from(p.querySelectorAll<HTMLElement>('*'))) {
        if (!el.offsetParent) continue;
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        if (r.right > window.innerWidth + 1 && s.position !== 'fixed')
          found.push(
            `beyond the screen: ${el.className || el.tagName} “${(el.innerText ?? '').slice(0, 20)}”`,
          );
        if (!el.innerText?.trim()) continue;
        const clips = (v: string) => v === 'hidden' || v === 'clip';
        if (clips(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
          found.push(`cut sideways: ${el.className || el.tagName} “${el.innerText.slice(0, 20)}”`);
        if (clips(s.overflowY) && el.scrollHeight > el.clientHeight + 1)
          found.push(`cut below: ${el.className || el.tagName} “${el.innerText.slice(0, 20)}”`);
      }
    }
    return [...new Set(found)];
  });

test('with text at 200 % (特大字, kept on the phone) a family registers; nothing is cut off', async () => {
  const page = await env().phone();
  await env().signInAs(page, 'parent-li');
  await page.locator('#text-size').scrollIntoViewIfNeeded();
  await page.locator('#text-scale-2').click();
  const root = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  // Taro's root size on a 390 px phone is 40 × 390 / 750 = 20.8 px; 特大字 doubles it.
  expect(await root()).toBeCloseTo(41.6, 1);
  await page.reload();
  await page.locator('#new-registration').waitFor();
  expect(await root()).toBeCloseTo(41.6, 1);
  await env().shot(page, 'a11y-200-home');
  expect(await cutOff(page)).toEqual([]);

  await page.locator('#new-registration').click();
  await fillFamily(page, {
    community: communityOf('p01'),
    schoolId: 'p01',
    childName: '钱小大',
    idNumber: idNumberMake('2020-09-09', 33),
    guardian: { name: '钱丽', idNumber: idNumberMake('1990-01-02', 34), mobile: '13812345670' },
    route: 'migrant',
  });
  await env().shot(page, 'a11y-200-form-top');
  expect(await cutOff(page)).toEqual([]);
  await page.locator('#route-card').scrollIntoViewIfNeeded();
  await env().shot(page, 'a11y-200-form-route');
  await upload(page, 'residence_permit');
  await env().shot(page, 'a11y-200-form-documents');
  expect(await cutOff(page)).toEqual([]);
  await page.locator('#submit-registration').click();
  await page.getByText('先提交', { exact: true }).click();
  await env().shot(page, 'a11y-200-confirm');
  await page.getByText('确定提交', { exact: true }).click();
  await page.locator('.card-title', { hasText: '办理进度' }).waitFor();
  await env().shot(page, 'a11y-200-detail');
  expect(await cutOff(page)).toEqual([]);
});

test.each(rolePages)(
  'at 200 %% text no page of %s scrolls sideways or cuts text off',
  async (role, pages) => {
    const page = await env().phone();
    await env().signInAs(page, role);
    await page.locator('#text-scale-2').click();
    const found: string[] = [];
    for (const p of pages) {
      await page.goto(`${env().host.url}/#/pages/${p}/index`);
      await page.locator('.title:visible, .card-title:visible').first().waitFor();
      await settled(page);
      found.push(...(await cutOff(page)).map((c) => `${p}: ${c}`));
    }
    expect(found).toEqual([]);
  },
);
