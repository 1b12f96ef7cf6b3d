/**
 * The bureau at a desk (issue 19), as journeys run at two sizes — a phone (390×844) and a PC
 * window (1280×800) — each on its own host:
 * - census: the template's columns, a 120-child roster imported from it and every child reached
 *   page by page, the township filter and its way back, a follow-up that survives a partial
 *   import (a merge), the export imported back unchanged, replacing the roster only after the
 *   children to be removed are shown and confirmed; import progress shown;
 * - placement: results by school name; the formal run confirmed with the seed, the list's hash
 *   and the number of children; the frozen list and the run record downloaded after publishing;
 *   `npx junheng verify-draw` passes on them and fails on a run file with an edited schools list,
 *   cut-off or lottery number;
 * - rotation: a plan with a broken rule cannot be published (the button says why and opens
 *   nothing) until the rule is acknowledged with a reason; during the 公示 the page shows the
 *   published plan, and an upheld objection still names the teacher;
 * - one figure: the principal's 本校督导 and the bureau's school record show the same 当前 and
 *   轮岗后 numbers.
 * Every page they visit is scanned for developer text (setup.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Locator, Page } from 'playwright-core';
import { censusTableHeader } from '../../shared/oversight/census';
import { formMake } from '../helpers/forms';
import { fn, signIn } from '../helpers/http';
import { idNumberMake } from '../helpers/ids';
import { fill } from './family';
import type { BrowserEnv } from './setup';

const root = resolve(__dirname, '..', '..');
const artifacts = join(root, 'tests', 'artifacts');

export type Size = 'phone' | 'desk';

async function saved(download: Promise<Download>, name: string): Promise<string> {
  const path = join(artifacts, name);
  await (await download).saveAs(path);
  return path;
}

async function upload(page: Page, button: string, buffer: Buffer, progress?: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.locator(button).click();
  const c = await chooser;
  // The page says it is working while the file is read and checked.
  if (progress) await page.locator(progress).waitFor();
  await c.setFiles({ name: '名册.xlsx', mimeType: 'application/octet-stream', buffer });
}

/** The page's first screen, as an officer opening it sees it (scrolled to the top). */
async function firstScreen(env: BrowserEnv, page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const el of Array.from(document.querySelectorAll('*'))) if (el.scrollTop > 0) el.scrollTop = 0;
  });
  await env.shot(page, name);
}

/** Confirms (or cancels) the page's confirmation dialog, returning what it said. */
async function dialog(page: Page, answer: 'confirm' | 'cancel'): Promise<string> {
  const text = page.locator('.taro-modal__text:visible');
  await text.waitFor();
  const said = await text.innerText();
  await page.locator(`.taro-model__${answer}:visible`).click();
  await text.waitFor({ state: 'hidden' });
  return said;
}

/** The rows a DataTable shows (table rows at a desk, cards on a phone), by their ids. */
const rowsOf = (page: Page, table: string, idPrefix: string): Locator =>
  page.locator(`#${table} [id^="${idPrefix}"]`);

/** The values of a DataTable's rows, cell by cell, in either layout. */
async function tableCells(page: Page, table: string, size: Size): Promise<string[][]> {
  if (size === 'desk')
    return page
      .locator(`#${table} tbody tr`)
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.innerText.trim())),
      );
  return page
    .locator(`#${table} .dt-row`)
    .evaluateAll((cards) =>
      cards.map((c) =>
        Array.from(c.querySelectorAll('.dt-card-value')).map((v) => (v as HTMLElement).innerText.trim()),
      ),
    );
}

const towns = ['城关镇', '石桥乡', '云岭乡', '柳河乡'];
const hanzi = '甲乙丙丁戊己庚辛壬癸';
const rosterChild = (i: number, guardian = '赵强'): string[] => [
  idNumberMake('2020-07-01', 100 + i),
  `名册${hanzi[i % 10]}${hanzi[Math.floor(i / 10) % 10]}${'一二'[Math.floor(i / 100)] ?? ''}`,
  towns[i % 4] as string,
  '岭下村',
  guardian,
  '13900001111',
  i % 7 === 0 ? '留守儿童' : '',
];

async function workbook(header: readonly string[], rows: string[][]): Promise<Buffer> {
  const b = new ExcelJS.Workbook();
  const s = b.addWorksheet('适龄儿童名册');
  s.addRow([...header]);
  rows.forEach((r) => s.addRow(r));
  return Buffer.from(await b.xlsx.writeBuffer());
}

async function bureauPage(env: BrowserEnv, size: Size): Promise<Page> {
  const page = await (size === 'desk' ? env.desk() : env.phone());
  await env.signInAs(page, 'bureau-admin');
  await page.locator('#open-census').waitFor();
  return page;
}

export async function censusJourney(env: BrowserEnv, size: Size): Promise<void> {
  const page = await bureauPage(env, size);
  await page.locator('#open-census').click();
  await page.locator('#census-townships').waitFor();

  // The template: exactly the import's columns.
  const tplDownload = page.waitForEvent('download');
  await page.locator('#census-template').click();
  const tplPath = await saved(tplDownload, `census-template-${size}.xlsx`);
  const tpl = new ExcelJS.Workbook();
  await tpl.xlsx.readFile(tplPath);
  expect((tpl.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual([...censusTableHeader]);

  // 120 children filled into the template, imported (progress shown), every one reachable.
  const sheet = tpl.worksheets[0]!;
  for (let i = 0; i < 120; i++) sheet.addRow(rosterChild(i));
  await upload(page, '#census-upload', Buffer.from(await tpl.xlsx.writeBuffer()), '#census-progress');
  await page.locator('#info-banner', { hasText: '已按身份证号合并 120 名儿童：新增 120 人' }).waitFor();
  await page.locator('#census-list-title', { hasText: '全部乡镇 · 未报名：共 120 人' }).waitFor();
  const seen = new Set<string>();
  for (let guard = 0; guard < 10; guard++) {
    const ids = await rowsOf(page, 'census-children', 'child-').evaluateAll((els) => els.map((e) => e.id));
    ids.forEach((id) => seen.add(id));
    const next = page.locator('#census-children-next');
    if ((await next.count()) === 0 || (await next.getAttribute('class'))?.includes('pager-off')) break;
    const first = ids[0];
    await next.click();
    await page.waitForFunction(
      (f) => document.querySelector('#census-children [id^="child-"]')?.id !== f,
      first,
    );
  }
  expect(seen.size).toBe(120);

  // The township filter, and the way back to all townships; the old banner is gone.
  await page.locator('[id="township-石桥乡"]').first().click();
  await page.locator('#census-list-title', { hasText: '石桥乡 · 未报名：共 30 人' }).waitFor();
  expect(await page.locator('#info-banner').count()).toBe(0);
  await page.locator('#township-clear').click();
  await page.locator('#census-list-title', { hasText: '全部乡镇 · 未报名：共 120 人' }).waitFor();
  await firstScreen(env, page, `${size}-census`);

  // A follow-up: 已劝返入学 for the first child listed.
  const first = rowsOf(page, 'census-children', 'child-').first();
  const rowId = (await first.getAttribute('id')) as string;
  const censusId = rowId.slice('child-'.length);
  const name = (await first.innerText()).match(/名册[\u4e00-\u9fff]+/)?.[0] as string;
  await first.locator('.follow-open').click();
  const form = page.locator(`[id="follow-${censusId}"]`);
  await form.locator('.follow-text input').fill('入户走访，孩子已回校上课');
  await page.locator(`[id="outcome-${censusId}-已劝返入学"]`).click();
  await form.locator('.follow-save').click();
  await page.locator('#info-banner', { hasText: `已记录${name}的跟踪情况` }).waitFor();

  // Closing the file dialog without a file: the page stops waiting and the buttons work again
  // (it stayed on 正在读取文件… for ever). Playwright holds the dialog, so the browser's cancel is
  // sent to the picker as the browser would.
  const cancelled = page.waitForEvent('filechooser');
  await page.locator('#census-upload').click();
  await cancelled;
  await page.locator('#census-progress', { hasText: '正在读取文件' }).waitFor();
  await page.evaluate(() => document.getElementById('xlsx-picker')?.dispatchEvent(new Event('cancel')));
  await page.locator('#census-progress', { hasText: '正在读取文件' }).waitFor({ state: 'detached' });

  // A partial list merges: the 10 listed are updated, the other 110 and the follow-up stay.
  const index = Number(censusId.slice(-4, -1)) - 100; // the sequence in the ID number
  const partial = await workbook(
    censusTableHeader,
    Array.from({ length: 10 }, (_, k) => rosterChild((index + k) % 120, '赵刚')),
  );
  await upload(page, '#census-upload', partial);
  await page
    .locator('#info-banner', { hasText: '名册中另有 110 名儿童不在本次表格中，已全部保留' })
    .waitFor();
  await page.locator('#census-list-title', { hasText: '共 120 人' }).waitFor();
  await page.locator('#census-bucket-null').click();
  await page.locator('#census-list-title', { hasText: '全部状态：共 120 人' }).waitFor();
  await page.locator(`#census-children [id="${rowId}"]`, { hasText: '已劝返入学' }).waitFor();

  // The export imports back unchanged.
  const exported = page.waitForEvent('download');
  await page.locator('#census-download').click();
  const exportPath = await saved(exported, `census-export-${size}.xlsx`);
  await upload(page, '#census-upload', readFileSync(exportPath));
  await page.locator('#info-banner', { hasText: '新增 0 人，更新 0 人，无变化 120 人' }).waitFor();

  // A sheet in another layout (no 乡镇 column, which the 入学率 needs) is refused with the
  // expected headers named.
  await upload(
    page,
    '#census-upload',
    await workbook(['身份证号', '姓名', '所在学校', '状态'], [rosterChild(1).slice(0, 4)]),
  );
  await page
    .locator('#error-banner', { hasText: `名册第一行应为：${censusTableHeader.join('、')}` })
    .waitFor();

  // Replacing: first shown who would be removed; cancel changes nothing; confirm removes them.
  const keep = Array.from({ length: 118 }, (_, i) => rosterChild(i + 2));
  await upload(page, '#census-replace', await workbook(censusTableHeader, keep));
  const preview = page.locator('#census-replace-preview');
  await preview.locator('#census-removed-count', { hasText: '以下 2 名儿童不在新名册中' }).waitFor();
  expect(await preview.innerText()).toContain(rosterChild(0)[1] as string);
  await page.locator('#census-replace-cancel').click();
  await page.locator('#census-list-title', { hasText: '共 120 人' }).waitFor();
  await upload(page, '#census-replace', await workbook(censusTableHeader, keep));
  await page.locator('#census-replace-confirm').click();
  expect(await dialog(page, 'confirm')).toContain('将移出 2 名儿童');
  await page.locator('#info-banner', { hasText: '移出 2 人（已记入审计日志）' }).waitFor();
  await page.locator('#census-list-title', { hasText: '全部状态：共 118 人' }).waitFor();
}

/** Approved registrations at 城关第一小学, through the functions. */
async function approved(url: string, n: number, seq: number): Promise<void> {
  const parent = await signIn(url, 'parent-wang');
  const principal = await signIn(url, 'principal-p01');
  for (let i = 0; i < n; i++) {
    const r = await fn(url, parent, 'registration', 'submit', {
      draftId: `draft-desk${seq + i}`,
      form: formMake({
        childName: `派位${hanzi[i % 10]}${hanzi[Math.floor(i / 10)]}`,
        idNumber: idNumberMake('2020-08-08', seq + i),
      }),
      schoolTypeConfirmed: true,
    });
    if (!r.body.ok) throw new Error(JSON.stringify(r.body));
    const { id, version } = r.body.data as unknown as { id: string; version: number };
    await fn(url, principal, 'registration', 'review', { id, version, decision: 'approve' });
  }
}

const junheng = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin', 'junheng.js'), 'verify-draw', ...args], {
    encoding: 'utf8',
  });

export async function placementJourney(env: BrowserEnv, size: Size): Promise<void> {
  await approved(env.host.url, 6, 700);
  const page = await bureauPage(env, size);
  await page.locator('#open-placement').click();
  await page.locator('#placement-status', { hasText: '审核通过 6 人' }).waitFor();
  await page.locator('#placement-freeze').click();
  const frozenDownload = page.waitForEvent('download');
  await dialog(page, 'confirm');
  await frozenDownload;
  await page.locator('#placement-status', { hasText: '名单已冻结（6人）' }).waitFor();
  const hash = /哈希 ([0-9a-f]{64})/.exec(await page.locator('#placement-status').innerText())?.[1] as string;
  expect(await page.locator('#placement-modes').innerText()).toMatch(
    /试运行.*不保存.*正式派位.*只能运行一次/s,
  );

  // A rehearsal shows the schools by name.
  await fill(page, 'placement-seed', 'rehearsal');
  await page.locator('#placement-dry').click();
  await page.locator('#info-banner', { hasText: '试运行完成' }).waitFor();
  await page.locator('#placement-results', { hasText: '城关第一小学' }).waitFor();

  // The formal run asks first, with the seed, the list's hash and the number of children.
  const seed = '20270601883712';
  await fill(page, 'placement-seed', seed);
  await page.locator('#placement-run').click();
  const asked = await dialog(page, 'cancel');
  expect(asked).toContain(`种子：${seed}`);
  expect(asked).toContain(`名单哈希：${hash}`);
  expect(asked).toContain('参加派位的儿童：6 人');
  expect(asked).toContain('不能重新运行');
  expect(await page.locator('#placement-publish').count()).toBe(0); // cancelled: nothing ran
  await page.locator('#placement-run').click();
  await dialog(page, 'confirm');
  await page.locator('#info-banner', { hasText: '正式派位完成：录取 6 人' }).waitFor();
  await page.locator('#result-p01', { hasText: '城关第一小学' }).waitFor();
  await page.locator('#placement-publish').click();
  await dialog(page, 'confirm');
  await page.locator('#info-banner', { hasText: '已公布：录取 6 人' }).waitFor();
  await page
    .locator('#placement-verify-command', {
      hasText: `npx junheng verify-draw --run run-primary.json --input frozen-primary.json --seed ${seed}`,
    })
    .waitFor();
  await firstScreen(env, page, `${size}-placement`);

  // After publishing, both files still download, and anyone can re-run the draw on them.
  const listDownload = page.waitForEvent('download');
  await page.locator('#placement-download-list').click();
  const listPath = await saved(listDownload, `frozen-primary-${size}.json`);
  const runDownload = page.waitForEvent('download');
  await page.locator('#placement-download').click();
  const runPath = await saved(runDownload, `run-primary-${size}.json`);
  const ok = junheng('--run', runPath, '--input', listPath, '--seed', seed);
  expect(ok.stdout).toContain('复核一致：6 名儿童');
  expect(ok.status).toBe(0);
  writeFileSync(join(artifacts, `verify-draw-${size}.txt`), ok.stdout);

  const run = JSON.parse(readFileSync(runPath, 'utf8')) as {
    schools: Record<string, string[]>;
    cutoffs: Record<string, { admitted: number }>;
    lottery: Record<string, number>;
  };
  const child = Object.keys(run.lottery)[0] as string;
  for (const [what, edit] of [
    ['schools list', (r: typeof run) => (r.schools['p02'] = [child])],
    ['cut-off', (r: typeof run) => ((r.cutoffs['p01'] as { admitted: number }).admitted += 1)],
    ['lottery number', (r: typeof run) => (r.lottery[child] = (r.lottery[child] as number) + 1)],
  ] as const) {
    const copy = JSON.parse(JSON.stringify(run)) as typeof run;
    edit(copy);
    const path = join(artifacts, `run-edited-${size}.json`);
    writeFileSync(path, JSON.stringify(copy));
    const bad = junheng('--run', path, '--input', listPath);
    expect({ what, status: bad.status, verified: bad.stdout.includes('复核一致') }).toEqual({
      what,
      status: 1,
      verified: false,
    });
  }
}

export async function rotationJourney(env: BrowserEnv, size: Size): Promise<void> {
  const url = env.host.url;
  // The principal's nominee (the demo teacher 邓红) is on the plan.
  const principal = await signIn(url, 'principal-p01');
  await fn(url, principal, 'rotation', 'nominate', {
    teacherId: 'p01-t004',
    kind: 'self',
    note: '本人申请到乡村学校任教三年',
  });
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  await fn(url, principal, 'rotation', 'schoolPublicity', { note: '校务公开栏', from: today, to: today });

  const page = await bureauPage(env, size);
  await page.locator('#open-rotation').click();
  // The page opens on a preview; the demo plan breaks a rule (too few receiving places).
  await page.locator('#rotation-summary .rotation-problem', { hasText: '接收学校名额不足' }).waitFor();
  const publish = page.locator('#rotation-publish');
  await page.locator('#publish-blocked', { hasText: '不能公示' }).waitFor();
  expect(await publish.getAttribute('aria-disabled')).toBe('true');
  // A disabled publish button does nothing but say why: no confirmation opens, nothing is published.
  await publish.click({ force: true });
  await page.locator('#rotation-publish-card #error-banner', { hasText: '不能公示' }).waitFor();
  expect(await page.locator('.taro-modal__text:visible').count()).toBe(0);

  // Acknowledge the broken rule by name, say why; the confirmation repeats the rule.
  await page.locator('.publish-issue', { hasText: '接收学校名额不足' }).click();
  await page.locator('#publish-blocked', { hasText: '请写明带问题公示的理由' }).waitFor();
  await fill(page, 'publish-reason', '乡村初中接收名额今年无法增加，先按现有名额公示，缺口明年补足。');
  await page.locator('#publish-blocked').waitFor({ state: 'detached' });
  await publish.click();
  expect(await dialog(page, 'confirm')).toContain('接收学校名额不足');

  // During the 公示: the published plan, the override, and no new preview.
  await page.locator('#rotation-status', { hasText: '公示中：公示期' }).waitFor();
  await page.locator('#rotation-override', { hasText: '乡村初中接收名额今年无法增加' }).waitFor();
  await page.locator('#rotation-published-moves', { hasText: '邓红' }).waitFor();
  expect(await page.locator('#rotation-preview').count()).toBe(0);
  await firstScreen(env, page, `${size}-rotation`);

  // The teacher objects; the bureau upholds it; the objection still names her.
  const teacher = await (size === 'desk' ? env.desk() : env.phone());
  await env.signInAs(teacher, 'teacher-p01');
  await teacher.locator('#objection-text textarea').fill('孩子明年中考，申请推迟一年交流，请予考虑。');
  await teacher.locator('#objection-send').click();
  await teacher.locator('#objection-status', { hasText: '等待教育局答复' }).waitFor();
  await page.reload();
  const objection = page.locator('.objection', { hasText: '孩子明年中考' });
  await objection.locator('.label', { hasText: '异议：邓红' }).waitFor();
  await objection.locator('.objection-reply input').fill('情况属实，暂缓一年。');
  await objection.locator('.objection-uphold').click();
  // If taking her off makes the plan break a rule (a quota), the page names it under the buttons
  // and the answer waits for the officer to acknowledge it.
  const ack = objection.locator('.objection-acknowledge');
  const answered = page.locator('.objection', { hasText: '异议成立，已调出方案' });
  await Promise.race([ack.waitFor(), answered.waitFor()]);
  if ((await ack.count()) > 0) {
    expect(await objection.locator('.objection-breaks').innerText()).toContain('异议成立后，方案将新增');
    await ack.click();
    await page.locator('.objection', { hasText: '调出后新增的问题（已确认）' }).waitFor();
  }
  await page
    .locator('.objection', { hasText: '异议成立，已调出方案' })
    .locator('.label', { hasText: '异议：邓红' })
    .waitFor();
}

/** The principal's 本校督导 and the bureau's record of the school show the same 当前 / 轮岗后 numbers. */
export async function oneFigureJourney(env: BrowserEnv, size: Size): Promise<void> {
  const principal = await (size === 'desk' ? env.desk() : env.phone());
  await env.signInAs(principal, 'principal-p01');
  await principal.locator('#open-school-oversight').click();
  await principal.locator('#school-indicators', { hasText: '轮岗后' }).waitFor();
  const mine = await tableCells(principal, 'school-indicator-table', size);

  const bureau = await bureauPage(env, size);
  await bureau.goto(`${env.host.url}/#/pages/bureau/record/index?kind=school&id=p01`);
  await bureau.locator('#record-school-indicators', { hasText: '轮岗后' }).waitFor();
  const theirs = await tableCells(bureau, 'record-school-indicator-table', size);
  expect(mine).toHaveLength(7);
  expect(mine).toEqual(theirs);
  // With a published plan, 轮岗后 is a number, and the same as on the bureau's page.
  expect(mine.every((r) => /^\d/.test(r[2] ?? ''))).toBe(true);

  await bureau.goto(`${env.host.url}/#/pages/bureau/dashboard/index`);
  await bureau.locator('#dashboard-cv', { hasText: '当前 → 轮岗后' }).waitFor();
  await bureau.locator('#dashboard-kpis').waitFor();
  await firstScreen(env, bureau, `${size}-dashboard`);
}
