/**
 * 均衡编班 in the browser on the demo county: 12 children are admitted to 城关第一小学 by the draw
 * (set up through the functions) → the principal downloads the list, fills in scores, imports it
 * (a first file with a mistake is refused row by row) → runs the split → swaps two students after
 * the preview → publishes → a parent sees the class.
 */
import { join, resolve } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { formMake } from '../helpers/forms';
import { fn, signIn } from '../helpers/http';
import { idNumberMake } from '../helpers/ids';
import { fill } from './family';
import { browserEnvSetup } from './setup';

const env = browserEnvSetup();
const root = resolve(__dirname, '..', '..');
const names = [
  '赵一',
  '钱二',
  '孙三',
  '李四',
  '周五',
  '吴六',
  '郑七',
  '王八',
  '冯九',
  '陈十',
  '褚十一',
  '卫十二',
];

async function admitTwelve(url: string): Promise<void> {
  const parent = await signIn(url, 'parent-wang');
  const principal = await signIn(url, 'principal-p01');
  const bureau = await signIn(url, 'bureau-admin');
  for (let i = 0; i < names.length; i++) {
    const r = await fn(url, parent, 'registration', 'submit', {
      draftId: `draft-k${i}`,
      form: formMake({ childName: `编班${names[i]}`, idNumber: idNumberMake('2020-07-07', 60 + i) }),
      schoolTypeConfirmed: true,
    });
    const { id, version } = r.body.data as unknown as { id: string; version: number };
    await fn(url, principal, 'registration', 'review', { id, version, decision: 'approve' });
  }
  for (const [action, payload] of [
    ['freeze', { stage: 'primary' }],
    ['run', { stage: 'primary', seed: '20270601112233', dryRun: false }],
    ['publish', { stage: 'primary' }],
  ] as const) {
    const res = await fn(url, bureau, 'placement', action, payload);
    if (!res.body.ok) throw new Error(`${action}: ${JSON.stringify(res.body)}`);
  }
}

/** Fills the downloaded list with scores (as a school would in Excel) and saves it. */
async function withScores(path: string, out: string, mistake: boolean): Promise<void> {
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.worksheets[0]!;
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    row.getCell(4).value = 60 + ((n * 7) % 40);
    row.getCell(5).value = 55 + ((n * 11) % 45);
    row.getCell(6).value = mistake && n === 3 ? 'ninety' : 50 + ((n * 13) % 50);
  });
  await book.xlsx.writeFile(out);
}

async function upload(page: Page, button: string, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.locator(button).click();
  await (await chooser).setFiles(file);
}

test('the principal imports scores, runs, swaps and publishes; a parent sees the class', async () => {
  const url = env().host.url;
  await admitTwelve(url);

  const page = await env().phone();
  await env().signInAs(page, 'principal-p01');
  await page.locator('#open-classes').click();
  await page.locator('#cohort', { hasText: '本校录取名单：12 人' }).waitFor();

  const download = page.waitForEvent('download');
  await page.locator('#cohort-template').click();
  const listPath = join(root, 'tests', 'artifacts', 'cohort-list.xlsx');
  await (await download).saveAs(listPath);
  const bad = join(root, 'tests', 'artifacts', 'cohort-bad.xlsx');
  const good = join(root, 'tests', 'artifacts', 'cohort-scores.xlsx');
  await withScores(listPath, bad, true);
  await withScores(listPath, good, false);

  await upload(page, '#cohort-import', bad);
  await page.locator('#import-problems', { hasText: '第3行：英语成绩应为0至150的数。' }).waitFor();
  await page.locator('#error-banner', { hasText: '本次没有导入任何内容' }).waitFor();
  await upload(page, '#cohort-import', good);
  await page.locator('#cohort', { hasText: '导入的名单：12 人，含成绩（3 科）' }).waitFor();

  await fill(page, 'run-classes', '2');
  await fill(page, 'run-seed', '20270901');
  await page.locator('#run').click();
  await page.locator('#info-banner', { hasText: '编班完成：12 名学生分为 2 个班' }).waitFor();
  await page.locator('#mean-total').waitFor();
  expect(await page.locator('#balance-report').innerText()).toContain(
    '各班人数、同班/分班、固定班级要求全部满足',
  );
  await env().shot(page, '18-principal-classes-report');

  // 调班: one student from each class; the preview shows the figures before anything is saved.
  const first = page.locator('#class-0 .student-chip').first();
  const second = page.locator('#class-1 .student-chip').first();
  const moved = (await first.innerText()).replace(/[♂♀]/, '');
  await first.click();
  await second.click();
  await page.locator('#swap-preview', { hasText: '调班预览' }).waitFor();
  await env().shot(page, '19-principal-swap-preview');
  await page.locator('#swap-confirm').click();
  await page.locator('#info-banner', { hasText: '已调班' }).waitFor();
  expect(await page.locator('#class-1').innerText()).toContain(moved);

  await page.locator('#publish').click();
  await page.getByText('确定', { exact: true }).click();
  await page.locator('#info-banner', { hasText: '已公布，已通知 12 位家长' }).waitFor();
  const exported = page.waitForEvent('download');
  await page.locator('#export-classes').click();
  expect((await exported).suggestedFilename()).toBe('城关第一小学2027级分班名单（公示）.xlsx');

  const family = await env().phone();
  await env().signInAs(family, 'parent-wang');
  await family.locator('.registration-card', { hasText: moved }).click();
  await family.locator('#class-info', { hasText: '分班结果：一年级2班' }).waitFor();
  await env().shot(family, '20-parent-class');
  writeFileSync(join(root, 'tests', 'artifacts', 'classing-done.txt'), readFileSync(good).length.toString());
});
