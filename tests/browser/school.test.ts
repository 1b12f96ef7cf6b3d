/**
 * School and bureau pages in the browser: the capacity chart and the entry-class setting, the
 * Excel export download, the zone table import that reports the row to fix, and the bureau's
 * 督导 journey: a 大班额 warning followed to the class (the census journeys: bureauJourneys.ts).
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { zoneRow, zoneTableHeader } from '../../shared/county/zoneTable';
import { demoCounty } from '../../server/host/seed';
import { formMake, migrantForm } from '../helpers/forms';
import { cohortBook, cohortRows } from '../helpers/cohort';
import { fn, signIn } from '../helpers/http';
import { idNumberMake } from '../helpers/ids';
import { fill } from './family';
import { browserEnvSetup } from './setup';

const env = browserEnvSetup();

async function phoneAs(key: string): Promise<Page> {
  const page = await env().phone();
  await env().signInAs(page, key);
  return page;
}

test('the principal sees seats against applicants, changes the classes, and exports the list', async () => {
  const parent = await signIn(env().host.url, 'parent-wang');
  const forms = [
    ...Array.from({ length: 5 }, (_, i) => formMake({ idNumber: idNumberMake('2020-04-04', 500 + i) })),
    ...Array.from({ length: 3 }, (_, i) => migrantForm({ idNumber: idNumberMake('2020-04-04', 600 + i) })),
    formMake({ idNumber: idNumberMake('2020-04-04', 700), property: null }),
  ];
  for (const [i, form] of forms.entries()) {
    const r = await fn(env().host.url, parent, 'registration', 'submit', {
      draftId: `draft-s${i}`,
      form,
      schoolTypeConfirmed: true,
    });
    expect(r.body.ok).toBe(true);
  }
  const page = await phoneAs('principal-p01');
  await page.locator('#open-capacity').click();
  await page.locator('#capacity-chart').waitFor();
  await fill(page, 'entry-classes', '6');
  await page.locator('#save-classes').click();
  await page.locator('.subtitle', { hasText: '6个班 × 每班45人 = 270个学位；报名 9 人' }).waitFor();
  expect(await page.locator('#tier-bar-1 .bar-value').innerText()).toBe('5');
  expect(await page.locator('#tier-bar-4 .bar-value').innerText()).toBe('3');
  await env().shot(page, '11-capacity');

  await page.goBack();
  const download = page.waitForEvent('download');
  await page.locator('#export-all').click();
  expect((await download).suggestedFilename()).toMatch(/^城关第一小学\d{4}年报名名单\.xlsx$/);
});

test('the bureau imports a zone table with a mistake and is told which row to fix', async () => {
  const page = await phoneAs('bureau-admin');
  await page.locator('#open-zones').click();
  await page.locator('.zone').first().waitFor();
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('学区表');
  sheet.addRow([...zoneTableHeader]);
  const zones = demoCounty().zones;
  zones.forEach((z, i) =>
    sheet.addRow(i === 1 ? [...zoneRow(z).slice(0, 4), 'p99', zoneRow(z)[5]] : zoneRow(z)),
  );
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#zones-upload').click();
  await (await chooser).setFiles({ name: '学区表.xlsx', mimeType: 'application/octet-stream', buffer });
  await page.locator('#zone-problems', { hasText: '第3行：学校代码“p99”不存在。' }).waitFor();
  expect(await page.locator('#error-banner').innerText()).toContain('本次没有导入任何内容');
  await env().shot(page, '12-zone-import-problems');

  // Edit one zone in the page: add a new community.
  const first = zones[0]!;
  await page.locator(`#zone-edit-open-${first.id}`).click();
  await fill(page, 'zone-communities', [...first.communities, '城关镇新建小区'].join('、'));
  await page.locator('#zone-save').click();
  await page.locator(`#zone-${first.id}`, { hasText: '城关镇新建小区' }).waitFor();
});

test('督导: the bureau follows a 大班额 warning to the class and downloads the inspection workbook (the census: bureauJourneys.ts)', async () => {
  // 城关第一小学 puts an imported cohort of 48 into one class (cap set to 50): above the 45 limit.
  const url = env().host.url;
  const principal = await signIn(url, 'principal-p01');
  const plan = async () =>
    ((await fn(url, principal, 'classing', 'plan')).body.data as unknown as { version: number }).version;
  const imported = await fn(url, principal, 'reports', 'classingImport', {
    version: await plan(),
    base64: (await cohortBook(cohortRows(48, '大班'))).toString('base64'),
  });
  expect(imported.body.ok).toBe(true);
  const run = await fn(url, principal, 'classing', 'run', {
    version: await plan(),
    classes: 1,
    cap: 50,
    seed: 'big1',
  });
  expect(run.body.ok).toBe(true);

  const page = await phoneAs('bureau-admin');
  await page.locator('#open-dashboard').click();
  const warning = page.locator('#dashboard-findings .finding', {
    hasText: '城关第一小学一年级1班：48人（上限45）',
  });
  await warning.locator('.record-link', { hasText: '城关第一小学一年级1班' }).click();
  await page.locator('#record-class-size', { hasText: '48人（班额上限45人，大班额）' }).waitFor();
  expect(await page.locator('#record-class-members .student-chip').count()).toBe(48);
  await page.locator('#record-findings', { hasText: '大班额：班级人数超过班额上限' }).waitFor();
  await env().shot(page, '28-bureau-record-class');
  await page.goBack();
  // Back on the dashboard: the county's applicants per tier, and the inspection workbook.
  expect(await page.locator('#dashboard-tiers .bar-row').count()).toBeGreaterThan(3);
  await page.locator('#dashboard-large', { hasText: '城关第一小学一年级1班' }).waitFor();
  expect(await page.locator('#dashboard-cv .bar-row').count()).toBe(14); // 7 indicators × 2 stages
  await page.locator('#dashboard-cv').scrollIntoViewIfNeeded();
  await env().shot(page, '29-bureau-dashboard-cv');
  const download = page.waitForEvent('download');
  await page.locator('#dashboard-export').click();
  expect((await download).suggestedFilename()).toBe('督导报表-2027.xlsx');
});
