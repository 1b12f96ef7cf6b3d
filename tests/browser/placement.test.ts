/**
 * The draw in the browser: approved registrations on the demo county → the bureau freezes the
 * list (downloads it), enters the public seed, runs the formal draw once, publishes → a parent
 * sees the result with its explanation → `npx junheng verify-draw` on the downloaded run and
 * list reproduces it.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { formMake } from '../helpers/forms';
import { fn, signIn } from '../helpers/http';
import { idNumberMake } from '../helpers/ids';
import { fill, photo } from './family';
import { browserEnvSetup } from './setup';

const env = browserEnvSetup();
const root = resolve(__dirname, '..', '..');

async function saved(download: Promise<Download>, name: string): Promise<string> {
  const d = await download;
  const path = join(root, 'tests', 'artifacts', name);
  await d.saveAs(path);
  return path;
}

test('the bureau runs the draw; a parent sees the result; verify-draw reproduces it', async () => {
  const url = env().host.url;
  const parent = await signIn(url, 'parent-wang');
  const principal = await signIn(url, 'principal-p01');
  for (let i = 0; i < 4; i++) {
    const r = await fn(url, parent, 'registration', 'submit', {
      draftId: `draft-p${i}`,
      form: formMake({ childName: `派位测试${'一二三四'[i]}`, idNumber: idNumberMake('2020-08-08', 40 + i) }),
      schoolTypeConfirmed: true,
    });
    const { id, version } = r.body.data as unknown as { id: string; version: number };
    expect(
      (await fn(url, principal, 'registration', 'review', { id, version, decision: 'approve' })).body.ok,
    ).toBe(true);
  }

  const page: Page = await env().phone();
  await env().signInAs(page, 'bureau-admin');
  await page.locator('#open-placement').click();
  await page.locator('#placement-status', { hasText: '审核通过 4 人' }).waitFor();
  const frozenDownload = page.waitForEvent('download');
  await page.locator('#placement-freeze').click();
  await page.getByText('确定', { exact: true }).click();
  const inputPath = await saved(frozenDownload, 'frozen-primary.json');
  await page.locator('#placement-status', { hasText: '名单已冻结（4人）' }).waitFor();

  await fill(page, 'placement-seed', '20270601883712');
  await page.locator('#placement-run').click();
  // The formal run is confirmed first (once only; seed, hash and count are shown).
  await page.locator('.taro-model__confirm:visible', { hasText: '正式派位' }).click();
  await page.locator('#info-banner', { hasText: '正式派位完成：录取 4 人' }).waitFor();
  await env().shot(page, '13-placement-run');
  const runDownload = page.waitForEvent('download');
  await page.locator('#placement-download').click();
  const runPath = await saved(runDownload, 'run-primary.json');
  await page.locator('#placement-publish').click();
  await page.getByText('确定', { exact: true }).click();
  await page.locator('#info-banner', { hasText: '已公布：录取 4 人' }).waitFor();

  const family = await env().phone();
  await env().signInAs(family, 'parent-wang');
  await family.locator('.registration-card', { hasText: '派位测试一' }).click();
  await family.locator('#placement-result', { hasText: '录取结果' }).waitFor();
  expect(await family.locator('#placement-result').innerText()).toMatch(/摇号号码 \d+。城关第一小学/);
  await env().shot(family, '14-parent-placement-result');

  const verify = spawnSync(
    process.execPath,
    [join(root, 'bin', 'junheng.js'), 'verify-draw', '--run', runPath, '--input', inputPath],
    {
      encoding: 'utf8',
    },
  );
  expect(verify.stdout + verify.stderr).toContain('draw verified: 4 children');
  expect(verify.status).toBe(0);
  writeFileSync(join(root, 'tests', 'artifacts', 'verify-draw.txt'), verify.stdout);
});

test('after the results: the parent reads when to report, asks for a review with a photo; the bureau answers; the parent accepts', async () => {
  const family = await env().phone();
  await env().signInAs(family, 'parent-wang');
  await family.locator('.registration-card', { hasText: '派位测试二' }).click();
  await family.locator('#report-info', { hasText: '报到日期' }).waitFor();
  expect(await family.locator('#report-info').innerText()).toContain('儿童预防接种证');

  await family.locator('#appeal-open').click();
  // Too short: refused with the reason, and the text stays in the box.
  await family.locator('#appeal-text textarea').fill('有误');
  await family.locator('#appeal-send').click();
  await family.locator('#error-banner', { hasText: '至少写10个字' }).waitFor();
  expect(await family.locator('#appeal-text textarea').inputValue()).toBe('有误');
  await family
    .locator('#appeal-text textarea')
    .fill('孩子的哥哥在城关第一小学读三年级，应按兄弟姐妹同校优先，请复核类别。');
  const chooser = family.waitForEvent('filechooser');
  await family.locator('#appeal-attach').click();
  await (
    await chooser
  ).setFiles({
    name: 'sibling.jpg',
    mimeType: 'image/jpeg',
    buffer: await photo(family),
  });
  await family.locator('#appeal-attach', { hasText: '已添加附件' }).waitFor();
  await family.locator('#appeal-send').click();
  await family.locator('#appeal-status', { hasText: '复核申请处理中' }).waitFor();
  expect(await family.locator('#accept').count()).toBe(0); // not while the review is open
  await env().shot(family, '15-parent-appeal-sent');

  const bureau = await env().phone();
  await env().signInAs(bureau, 'bureau-admin');
  await bureau.locator('#open-placement').click();
  const item = bureau.locator('.appeal-item', { hasText: '派位测试二' });
  await item.waitFor();
  expect(await item.innerText()).toContain('兄弟姐妹同校优先');
  await item
    .locator('.appeal-reply input')
    .fill('经核实，哥哥已于去年转学，不符合同校优先条件，维持原结果。');
  await item.locator('.appeal-dismiss').click();
  await item.waitFor({ state: 'detached' });
  await env().shot(bureau, '16-bureau-appeal-answered');

  await family.reload();
  await family.locator('#appeal-answer', { hasText: '维持原结果' }).waitFor();
  await family.locator('#accept').click();
  await family.getByText('确认接受', { exact: true }).click();
  await family.locator('#accepted').waitFor();
  expect(await family.locator('#appeal-open').count()).toBe(0);
  await env().shot(family, '17-parent-accepted');
});

test('统筹安排: a child approved after the results is listed for the bureau (desk), placed at a school with seats left, and the family is told', async () => {
  const url = env().host.url;
  const parent = await signIn(url, 'parent-wang');
  const principal = await signIn(url, 'principal-p01');
  const r = await fn(url, parent, 'registration', 'submit', {
    draftId: 'draft-late',
    form: formMake({ childName: '派位测试五', idNumber: idNumberMake('2020-08-08', 45) }),
    schoolTypeConfirmed: true,
  });
  const { id, version } = r.body.data as unknown as { id: string; version: number };
  expect(
    (await fn(url, principal, 'registration', 'review', { id, version, decision: 'approve' })).body.ok,
  ).toBe(true);

  const bureau = await env().desk();
  await env().signInAs(bureau, 'bureau-admin');
  await bureau.locator('#open-placement').click();
  const row = bureau.locator(`#arrange-${id}`);
  await row.waitFor();
  expect(await bureau.locator('#arrange').innerText()).toMatch(/共 1 人待安排/);
  expect(await row.innerText()).toContain('审核通过');
  await row.locator('.arrange-open').click();
  // Refused without a school, with the reason beside the form; nothing typed is lost.
  await bureau.locator('.arrange-reason input').fill('派位后审核通过，就近安排到有空余学位的学校。');
  await bureau.locator('.arrange-save').click();
  await bureau.locator('.arrange-form #error-banner', { hasText: '请选择一所有空余学位的学校' }).waitFor();
  await bureau.locator(`#arrange-school-${id}-p01`).click();
  await env().shot(bureau, '18-bureau-arrange-desk');
  await bureau.locator('.arrange-save').click();
  await bureau
    .locator('#info-banner', { hasText: '已将派位测试五统筹安排到城关第一小学，已通知家长。' })
    .waitFor();
  await bureau.locator('#arrange', { hasText: '没有待统筹安排的儿童' }).waitFor();

  const family = await env().phone();
  await env().signInAs(family, 'parent-wang');
  await family.locator('.registration-card', { hasText: '派位测试五' }).click();
  await family.locator('#placement-result', { hasText: '由教育局统筹安排到城关第一小学' }).waitFor();
  await env().shot(family, '19-parent-arranged');
});
