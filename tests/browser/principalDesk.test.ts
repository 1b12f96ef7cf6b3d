/**
 * The principal's pages at a desk (1280×800) and on a phone (390×844), issue 19 item 10: the
 * review queue is a table with column headers and its filters in a bar at a desk (cards and a
 * folded filter on a phone); both say how many registrations the filter matches, and paging
 * reaches exactly that many. The review page puts the facts beside the documents at a desk; the
 * classes page lists every pupil in a table with the count. Screenshots:
 * tests/artifacts/screenshots/{desk,phone}-principal-*.png.
 */
import type { Page } from 'playwright-core';
import { cohortBook, cohortRows } from '../helpers/cohort';
import { formMake } from '../helpers/forms';
import { fn, signIn } from '../helpers/http';
import { idNumberMake } from '../helpers/ids';
import { fill } from './family';
import { browserEnvSetup, type BrowserEnv } from './setup';

const env = browserEnvSetup();
type Size = 'phone' | 'desk';

const SUBMITTED = 27;
const hanzi = '甲乙丙丁戊己庚辛壬癸';
let seeded: Promise<void> | null = null;

/** 27 registrations waiting at 城关第一小学 (two pages of the queue) and a cohort of 45 split in two. */
function seed(url: string): Promise<void> {
  seeded ??= (async () => {
    const parent = await signIn(url, 'parent-wang');
    for (let i = 0; i < SUBMITTED; i++) {
      const r = await fn(url, parent, 'registration', 'submit', {
        draftId: `draft-q${i}`,
        form: formMake({
          childName: `队列${hanzi[i % 10]}${hanzi[Math.floor(i / 10)]}`,
          idNumber: idNumberMake('2020-03-03', 300 + i),
          property: null,
        }),
        schoolTypeConfirmed: true,
      });
      if (!r.body.ok) throw new Error(JSON.stringify(r.body));
    }
    const principal = await signIn(url, 'principal-p01');
    const plan = async () =>
      ((await fn(url, principal, 'classing', 'plan')).body.data as unknown as { version: number }).version;
    const imported = await fn(url, principal, 'reports', 'classingImport', {
      version: await plan(),
      base64: (await cohortBook(cohortRows(45, '分班'))).toString('base64'),
    });
    if (!imported.body.ok) throw new Error(JSON.stringify(imported.body));
    const run = await fn(url, principal, 'classing', 'run', {
      version: await plan(),
      classes: 2,
      cap: 45,
      seed: 'desk1',
    });
    if (!run.body.ok) throw new Error(JSON.stringify(run.body));
  })();
  return seeded;
}

async function principalPage(e: BrowserEnv, size: Size): Promise<Page> {
  await seed(e.host.url);
  const page = await (size === 'desk' ? e.desk() : e.phone());
  await e.signInAs(page, 'principal-p01');
  await page.locator('#queue-count').waitFor();
  return page;
}

/** The count a list says it has (…：共 N 份 / 共 N 名学生). */
async function countSaid(page: Page, id: string): Promise<number> {
  const m = /共 (\d+) (份|名)/.exec(await page.locator(`#${id}`).innerText());
  if (!m) throw new Error(`no count in #${id}`);
  return Number(m[1]);
}

/** Every row id a paged DataTable reaches, pressing 下一页 until it is the last page. */
async function reachable(page: Page, table: string, prefix: string): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let guard = 0; guard < 20; guard++) {
    const rows = page.locator(`#${table} [id^="${prefix}"]`);
    await rows.first().waitFor();
    for (const id of await rows.evaluateAll((els) => els.map((e) => e.id))) seen.add(id);
    const next = page.locator(`#${table}-next`);
    if ((await next.count()) === 0 || (await next.getAttribute('class'))?.includes('pager-off')) break;
    const first = await rows.first().getAttribute('id');
    await next.click();
    await page.waitForFunction(([t, p, f]) => document.querySelector(`#${t} [id^="${p}"]`)?.id !== f, [
      table,
      prefix,
      first,
    ] as const);
  }
  return seen;
}

async function queueJourney(e: BrowserEnv, size: Size): Promise<void> {
  const page = await principalPage(e, size);
  await page.locator('#queue-table [id^="reg-"]').first().waitFor();

  if (size === 'desk') {
    // A table with column headers, the filters in a bar in view (no 筛选 button to find them).
    const heads = await page.locator('#queue-table th').allInnerTexts();
    expect(heads).toEqual([
      '儿童',
      '状态',
      '类别',
      '学段',
      '身份证号',
      '出生日期',
      '性别',
      '提交日期',
      '需留意',
    ]);
    expect(await page.locator('#toggle-filters').count()).toBe(0);
    await page.locator('#filters #filter-status').waitFor();
    expect(await page.locator('.queue-item').count()).toBe(0);
  } else {
    expect(await page.locator('#queue-table table').count()).toBe(0);
    expect(await page.locator('#queue-table .queue-item').count()).toBeGreaterThan(0);
    await page.locator('#toggle-filters').click();
    await page.locator('#filters #filter-status').waitFor();
  }
  await e.shot(page, `${size}-principal-queue`);

  // The count shown equals what the pages reach: 待审核 (more than one page), then 全部.
  const pending = await countSaid(page, 'queue-count');
  expect(pending).toBeGreaterThanOrEqual(SUBMITTED);
  expect(pending).toBeGreaterThan(20);
  expect((await reachable(page, 'queue-table', 'reg-')).size).toBe(pending);
  await page.locator('#filter-status-null').click();
  await page.locator('#queue-count', { hasText: '全部' }).waitFor();
  const all = await countSaid(page, 'queue-count');
  expect(all).toBeGreaterThanOrEqual(pending);
  expect((await reachable(page, 'queue-table', 'reg-')).size).toBe(all);
  // A search narrows it to the one child, and the count says so.
  await fill(page, 'queue-search', '队列丙甲');
  await page.locator('#filters .btn', { hasText: '搜索' }).click();
  await page.locator('#queue-count', { hasText: '共 1 份' }).waitFor();

  // The review: at a desk the facts as a table beside the documents and the decision.
  if (size === 'desk') await page.locator('#queue-table .record-link', { hasText: '队列丙甲' }).click();
  else await page.locator('.queue-item', { hasText: '队列丙甲' }).click();
  await page.locator('#review-facts').waitFor();
  await page.locator('#decide-approve').waitFor();
  await e.shot(page, `${size}-principal-review`);
  if (size === 'desk') {
    expect(await page.locator('#review-facts .kv-table th').first().innerText()).toBe('监护人');
    // Facts and decision side by side: the decision starts beside the facts, not below them.
    // Both boxes in one read, once the page has slid in (no animation running or about to start,
    // the facts inside the window): measured one after the other while Taro's page transition
    // was starting, they moved in between (a fresh-clone run failed that way).
    await page.waitForFunction(() => {
      const f = document.querySelector('#review-facts')!.getBoundingClientRect();
      const still = document.getAnimations().every((a) => !a.pending && a.playState !== 'running');
      return still && f.left >= 0 && f.right <= window.innerWidth;
    });
    const b = await page.evaluate(() => {
      const f = document.querySelector('#review-facts')!.getBoundingClientRect();
      const d = document.querySelector('#decide-approve')!.getBoundingClientRect();
      return { factsRight: f.right, decideX: d.x, decideY: d.y };
    });
    expect(b.decideX).toBeGreaterThan(b.factsRight - 1);
    expect(b.decideY).toBeLessThan(800);
  } else {
    expect(await page.locator('.kv-table').count()).toBe(0);
  }
}

async function classesJourney(e: BrowserEnv, size: Size): Promise<void> {
  const page = await principalPage(e, size);
  await page.locator('#open-classes').click();
  await page.locator('#class-1').waitFor();
  if (size === 'desk') {
    const heads = await page.locator('#pupil-table th').allInnerTexts();
    expect(heads.map((h) => h.replace(/[▲▼↕]/g, '').trim())).toEqual(['姓名', '性别', '班级', '班主任']);
    expect(await countSaid(page, 'pupil-count')).toBe(45);
    await page.locator('#pupil-count', { hasText: '2 个班' }).waitFor();
    expect((await reachable(page, 'pupil-table', 'pupil-row-')).size).toBe(45);
    // The classes side by side, not one under the other.
    const a = await page.locator('#class-0').boundingBox();
    const b = await page.locator('#class-1').boundingBox();
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
  } else {
    expect(await page.locator('#pupil-table').count()).toBe(0);
    expect(await page.locator('.class-card .student-chip').count()).toBe(45);
  }
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const el of Array.from(document.querySelectorAll('*'))) if (el.scrollTop > 0) el.scrollTop = 0;
  });
  await e.shot(page, `${size}-principal-classes`);
}

test('desk: the queue is a table whose count every page reaches; review side by side', () =>
  queueJourney(env(), 'desk'));
test('phone: the queue keeps cards, with the same count reached page by page', () =>
  queueJourney(env(), 'phone'));
test('desk: every pupil of the split in a table with the count; classes side by side', () =>
  classesJourney(env(), 'desk'));
test('phone: the classes keep their cards', () => classesJourney(env(), 'phone'));

test('desk: the audit hash on its own lines; the rotation plan in the first screen with 当前 labelled and a readable disabled button; dashboard bars against capacity', async () => {
  const e = env();
  const page = await e.desk();
  await e.signInAs(page, 'bureau-admin');
  // The hash ends before the next sentence starts (it ran into it).
  const hash = await page.locator('#audit-head-hash').boundingBox();
  const next = await page.locator('#audit-head .muted').last().boundingBox();
  expect(next!.y).toBeGreaterThanOrEqual(hash!.y + hash!.height - 1);
  await e.shot(page, 'desk-bureau-home');

  await page.locator('#open-rotation').click();
  await page.locator('#rotation-summary').waitFor();
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  // The plan is on the first screen, not under the seed, staff and rules forms.
  expect((await page.locator('#rotation-summary').boundingBox())!.y).toBeLessThan(400);
  expect((await page.locator('#rotation-publish').boundingBox())!.y).toBeLessThan(800);
  // Before publication the 七项指标 say which figures they are.
  expect(await page.locator('#indicators-table-primary th').allInnerTexts()).toContain('当前差异系数');
  // A disabled button's words are readable (Taro's default made them 60% white on grey).
  const disabled = await page.evaluate(() => {
    const b = document.createElement('taro-button-core');
    b.className = 'btn';
    b.setAttribute('disabled', '');
    b.textContent = '公示方案';
    document.querySelector('#rotation-publish-card')!.appendChild(b);
    const c = getComputedStyle(b).color;
    b.remove();
    return c;
  });
  expect(disabled).toBe('rgb(77, 92, 86)');
  await e.shot(page, 'desk-bureau-rotation-preview');

  await page.goBack();
  await page.locator('#open-dashboard').click();
  await page.locator('#dashboard-seats-scale', { hasText: '整条为该校学位数' }).waitFor();
  // Each school's bar is its applicants against its own seats.
  const widths = await page
    .locator('#dashboard-seat-table [id^="seats-"]')
    .evaluateAll((rows) =>
      rows.map((r) => [
        (r.querySelector('.bar') as HTMLElement).style.width,
        (r.querySelector('.bar-value') as HTMLElement).innerText,
      ]),
    );
  expect(widths.length).toBeGreaterThan(0);
  for (const [width, value] of widths) {
    const [a, s] = value!.split('/').map(Number) as [number, number];
    const want = s > 0 ? Math.min(100, (a / s) * 100) : a > 0 ? 100 : 0;
    expect(Number.parseFloat(width!)).toBeCloseTo(want, 3);
  }
  await e.shot(page, 'desk-bureau-dashboard-capacity');
});
