/**
 * Journeys between the journeys (issue 17), in Debian Chromium against the H5 build:
 * - 1: a family withdraws, registers the same child again from 我的报名, and keeps both records;
 * - 2: another account registered our child; the refusal says what to do, the principal voids
 *   that registration after checking documents, its account reads why, our family registers; the
 *   bureau finds a child's registrations by ID number and voids one too;
 * - 3 and 4: a submit with problems names them beside the button and jumps to the first; with
 *   缺件先报 off the missing documents are listed; with it on the family uploads them from the
 *   registration's page and the school sees them;
 * - 5: an approved family reads when the draw and the publication are; a refused one its next steps;
 * - 6: the principal's queue shows the list first, confirms 批量通过 with what is left out, the
 *   highlight follows the chosen decision, exports stay on one line;
 * - 7: a reviewer sees only what a reviewer may open; an error page has a way back.
 * Every test also fails on any console error of its pages (setup.ts).
 */
import type { Page } from 'playwright-core';
import type { RegistrationForm } from '../../shared/registration/form';
import { communityOf, formMake } from '../helpers/forms';
import { fn, signIn } from '../helpers/http';
import { idNumberMake } from '../helpers/ids';
import { fill, fillFamily, upload, type Family } from './family';
import { browserEnvSetup } from './setup';

const env = browserEnvSetup();
const url = () => env().host.url;

async function phoneAs(key: string): Promise<Page> {
  const page = await env().phone();
  await env().signInAs(page, key);
  return page;
}

async function switchTo(page: Page, key: string): Promise<void> {
  await page.goto(`${url()}/#/pages/parent/home/index`);
  await page.evaluate(() => localStorage.clear());
  await env().signInAs(page, key);
}

/** Submits a form through the API as a family (setting the scene, not the thing under test). */
async function apiSubmit(key: string, form: RegistrationForm, draft: string) {
  const token = await signIn(url(), key);
  const r = await fn(url(), token, 'registration', 'submit', {
    draftId: draft,
    form,
    schoolTypeConfirmed: true,
  });
  if (!r.body.ok) throw new Error(`submit: ${JSON.stringify(r.body)}`);
  return r.body.data as unknown as { id: string; version: number };
}

async function openCard(page: Page, childName: string, status?: string): Promise<void> {
  await page.locator('.title', { hasText: '我的报名' }).waitFor();
  const card = page.locator('.registration-card', { hasText: childName });
  await (status ? card.filter({ hasText: status }) : card).first().click();
  await page.locator('.card-title', { hasText: '办理进度' }).waitFor();
}

const family = (childName: string, idNumber: string): Family => ({
  community: communityOf('p01'),
  schoolId: 'p01',
  childName,
  idNumber,
  guardian: { name: '李丽', idNumber: idNumberMake('1990-03-04', 2), mobile: '13812345678' },
  route: 'resident',
});

test('1: after 撤回报名 the family registers the same child again; both records stay in 我的报名', async () => {
  await apiSubmit(
    'parent-wang',
    formMake({ childName: '周小安', idNumber: idNumberMake('2020-09-01', 11) }),
    'draft-s17-1',
  );
  const page = await phoneAs('parent-wang');
  await openCard(page, '周小安');
  await page.locator('#withdraw').click();
  await page.getByText('撤回', { exact: true }).click();
  await page.locator('.status', { hasText: '已撤回' }).first().waitFor();
  expect(await page.locator('#next-steps').innerText()).toContain('孩子可以重新报名');
  await env().shot(page, 's1-withdrawn-can-register-again');
  // Meanwhile the family has begun a form for a younger child, not sent yet: 重新报名 must not
  // replace it (the device kept one draft, and 重新报名 overwrote it).
  await page.goto(`${url()}/#/pages/parent/register/index`);
  await fill(page, 'child-name', '周小宁');
  await page.goto(`${url()}/#/pages/parent/home/index`);
  await openCard(page, '周小安', '已撤回');
  await page.locator('#register-again').click();
  // The new form starts from the withdrawn one.
  await page.locator('#child-name input').waitFor();
  expect(await page.locator('#child-name input').inputValue()).toBe('周小安');
  await page.locator('#submit-registration').click();
  await page.getByText('先提交', { exact: true }).click();
  await page.getByText('确定提交', { exact: true }).click();
  // The registration page of the new registration (the withdrawn one's page stays hidden below it).
  await page.locator('.status:visible', { hasText: '待审核' }).first().waitFor();
  expect(await page.locator('#next-steps:visible').innerText()).toContain('正在审核');

  await page.goto(`${url()}/#/pages/parent/home/index`);
  const cards = page.locator('.registration-card:visible', { hasText: '周小安' });
  await cards.nth(1).waitFor();
  expect(
    (await cards.allInnerTexts()).map((t) => (t.includes('已撤回') ? '已撤回' : '待审核')).sort(),
  ).toEqual(['已撤回', '待审核']);
  // Registered again: the withdrawn card no longer offers it.
  expect(await page.locator('[id^="register-again-"]:visible').count()).toBe(0);
  await env().shot(page, 's1-both-records');
  // The younger child's unsent form is still there.
  await page.goto(`${url()}/#/pages/parent/register/index`);
  await page.locator('#child-name input').waitFor();
  expect(await page.locator('#child-name input').inputValue()).toBe('周小宁');
});

test('2: someone else registered our child — the school voids it after checking, and we register', async () => {
  const child = idNumberMake('2020-09-02', 13);
  await apiSubmit('parent-li', formMake({ childName: '吴小北', idNumber: child }), 'draft-s17-2');
  const page = await phoneAs('parent-wang');
  await page.locator('#new-registration').click();
  await fillFamily(page, family('吴小北', child));
  await page.locator('#submit-registration').click();
  await page.getByText('先提交', { exact: true }).click();
  await page.getByText('确定提交', { exact: true }).click();
  // The refusal is beside the button and says what to do.
  const problems = page.locator('#submit-problems');
  await problems.waitFor();
  expect(await problems.innerText()).toMatch(/户口簿.*出生医学证明/);
  const [box, button] = [
    await problems.boundingBox(),
    await page.locator('#submit-registration').boundingBox(),
  ];
  expect(Math.abs((button?.y ?? 0) - (box?.y ?? 0))).toBeLessThan(300);
  await env().shot(page, 's2-duplicate-says-what-to-do');

  await switchTo(page, 'principal-p01');
  await page.locator('.queue-item', { hasText: '吴小北' }).click();
  await page.locator('#void-open').click();
  // Without a reason it says so beside the button, before asking to confirm anything.
  await page.locator('#void-confirm').click();
  await page.locator('#error-banner:visible', { hasText: '请写明作废的理由' }).waitFor();
  expect(await page.getByText('确定作废', { exact: true }).count()).toBe(0);
  await fill(page, 'void-reason', '已查验王女士的户口簿和出生医学证明，儿童为其子');
  await page.locator('#void-confirm').click();
  await page.getByText('确定作废', { exact: true }).click();
  await page.locator('#info-banner', { hasText: '已作废' }).waitFor();

  await switchTo(page, 'parent-li');
  await openCard(page, '吴小北');
  expect(await page.locator('.status').first().innerText()).toBe('已作废');
  expect(await page.locator('#status-reason').innerText()).toContain('儿童为其子');
  await env().shot(page, 's2-voided-account-reads-why');

  // The real family registers the child now.
  const real = await phoneAs('parent-wang');
  await real.locator('#new-registration').click();
  await fillFamily(real, family('吴小北', child));
  await real.locator('#submit-registration').click();
  await real.getByText('先提交', { exact: true }).click();
  await real.getByText('确定提交', { exact: true }).click();
  await real.locator('.card-title', { hasText: '办理进度' }).waitFor();
  expect(await real.locator('.status').first().innerText()).toBe('待审核');
});

test('2b: the bureau finds the child by the ID number on the 户口簿 and voids the wrong registration', async () => {
  const child = idNumberMake('2020-09-02', 25);
  const r = await apiSubmit(
    'parent-li',
    formMake({ childName: '孔小溪', idNumber: child, schoolId: 'p02' }),
    'draft-s17-2b',
  );
  const page = await phoneAs('bureau-admin');
  await fill(page, 'child-lookup-id', child);
  await page.locator('#child-lookup-find').click();
  const item = page.locator(`[id="child-lookup-${r.id}"]`);
  await item.waitFor();
  expect(await item.innerText()).toContain('城关第二小学');
  await fill(page, `child-lookup-reason-${r.id}`, '教育局查验了监护人的户口簿和出生医学证明');
  await item.getByText('作废这份报名').click();
  await page.getByText('确定作废', { exact: true }).click();
  await item.filter({ hasText: '已作废' }).waitFor();
  await env().shot(page, 's2b-bureau-voids');
});

test('3 and 4: problems are named beside the button; missing documents refused, then uploaded later under 缺件先报', async () => {
  const bureau = await phoneAs('bureau-admin');
  await bureau.locator('#missing-documents-off').click();
  await bureau.locator('#missing-documents-state', { hasText: '未开放' }).waitFor();

  const page = await phoneAs('parent-wang');
  await page.locator('#new-registration').click();
  const child = idNumberMake('2020-09-03', 15);
  await fillFamily(page, family('郑小溪', child));
  await fill(page, 'child-name', '');
  await fill(page, 'g0-mobile', '');
  await page.locator('#submit-registration').click();
  const problems = page.locator('#submit-problems');
  await problems.waitFor();
  expect(await problems.innerText()).toContain('儿童姓名');
  expect(await problems.innerText()).toContain('第1位监护人手机号');
  // The page moved to the first field named.
  await page.waitForFunction(() => {
    const r = document.querySelector('#field-child-name')?.getBoundingClientRect();
    return r !== undefined && r.top >= 0 && r.bottom <= window.innerHeight;
  });
  await env().shot(page, 's4-problems-named-and-first-shown');

  await fill(page, 'child-name', '郑小溪');
  await fill(page, 'g0-mobile', '13812345678');
  await upload(page, 'birth_certificate');
  await page.locator('#submit-registration').click();
  await problems.filter({ hasText: '户口簿首页' }).waitFor();
  expect(await problems.innerText()).toContain('还缺少5份必须上传的材料');
  expect(await problems.innerText()).not.toContain('出生医学证明、');
  expect(await page.locator('#submit-registration').count()).toBe(1); // still on the form
  await env().shot(page, 's3-missing-documents-listed');

  await bureau.locator('#missing-documents-on').click();
  await bureau.locator('#missing-documents-state', { hasText: '已开放' }).waitFor();

  await page.locator('#submit-registration').click();
  await page.getByText('先提交', { exact: true }).click();
  await page.getByText('确定提交', { exact: true }).click();
  await page.locator('.card-title', { hasText: '办理进度' }).waitFor();
  await page.locator('#upload-until').waitFor();
  const buffer = await page.screenshot({ type: 'jpeg', quality: 50 });
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#add-hukou_front').click();
  await (await chooser).setFiles({ name: 'hukou.jpg', mimeType: 'image/jpeg', buffer });
  await page.locator('#detail-doc-hukou_front', { hasText: '已上传' }).waitFor();
  expect(await page.locator('#add-hukou_head').count()).toBe(1);
  await env().shot(page, 's3-uploaded-after-submit');

  await switchTo(page, 'principal-p01');
  await page.locator('.queue-item', { hasText: '郑小溪' }).click();
  await page.locator('#view-hukou_front img').waitFor();
  expect(await page.locator('#view-hukou_head').innerText()).toContain('缺少');
  expect(await page.locator('#review-flags').innerText()).toContain('材料缺页');
});

test('5: an approved family reads when the draw and the results are; a refused one its next steps', async () => {
  const principal = await signIn(url(), 'principal-p01');
  const a = await apiSubmit(
    'parent-li',
    formMake({ childName: '冯小禾', idNumber: idNumberMake('2020-09-04', 17) }),
    'draft-s17-5a',
  );
  await fn(url(), principal, 'registration', 'review', { id: a.id, version: a.version, decision: 'approve' });
  const b = await apiSubmit(
    'parent-li',
    formMake({ childName: '陈小麦', idNumber: idNumberMake('2020-09-04', 19) }),
    'draft-s17-5b',
  );
  await fn(url(), principal, 'registration', 'review', {
    id: b.id,
    version: b.version,
    decision: 'reject',
    reasonCode: 'NOT_IN_ZONE',
    reason: '房产不在本学区',
  });
  const page = await phoneAs('parent-li');
  await openCard(page, '冯小禾');
  const next = await page.locator('#next-steps').innerText();
  expect(next).toMatch(/\d{4}年\d{1,2}月\d{1,2}日：教育局进行电脑派位/);
  expect(next).toMatch(/\d{4}年\d{1,2}月\d{1,2}日：公布录取结果/);
  await env().shot(page, 's5-approved-next-steps');
  await page.goto(`${url()}/#/pages/parent/home/index`);
  await openCard(page, '陈小麦');
  expect(await page.locator('#next-steps').innerText()).toMatch(/统筹/);
  expect(await page.locator('#next-steps').innerText()).toMatch(/咨询：.*校长/);
});

test('6: the queue shows its list first; 批量通过 says how many and what is left out; the highlight follows the decision', async () => {
  for (let i = 0; i < 6; i++)
    await apiSubmit(
      'parent-li',
      formMake({ childName: `队列${'一二三四五六'[i]}`, idNumber: idNumberMake('2020-09-05', 31 + 2 * i) }),
      `draft-s17-6-${i}`,
    );
  const page = await phoneAs('principal-p01');
  const first = page.locator('.queue-item').first();
  await first.waitFor();
  // The list starts in the top half of the first screen (it used to start below the fold).
  expect((await first.boundingBox())?.y ?? 9999).toBeLessThan(844 / 2);
  expect(await page.locator('#filters').count()).toBe(0);
  await page.locator('#toggle-filters').click();
  await page.locator('#filter-status').waitFor();
  await page.locator('#toggle-filters').click();
  // Exports keep their words on one line: as tall as a one-line button.
  const one = (await page.locator('#open-capacity').boundingBox())?.height ?? 0;
  for (const id of ['#export-approved', '#export-admitted', '#export-all'])
    expect((await page.locator(id).boundingBox())?.height ?? 999).toBeLessThanOrEqual(one + 1);
  await env().shot(page, 's6-queue-list-first');

  // Every one of these lacks documents (材料缺页): none is approved in bulk, and the page says so.
  const token = await signIn(url(), 'parent-li');
  const form = formMake({ childName: '队列干净', idNumber: idNumberMake('2020-09-05', 51) });
  await fn(url(), token, 'registration', 'saveDraft', { draftId: 'draft-s17-clean', form });
  for (const slot of [
    'hukou_front',
    'hukou_head',
    'hukou_self',
    'property',
    'birth_certificate',
    'vaccination',
  ]) {
    const up = await fetch(`${url()}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]),
    });
    const fileId = ((await up.json()) as { data: { fileId: string } }).data.fileId;
    await fn(url(), token, 'registration', 'attachDocument', { draftId: 'draft-s17-clean', slot, fileId });
  }
  await fn(url(), token, 'registration', 'submit', {
    draftId: 'draft-s17-clean',
    form,
    schoolTypeConfirmed: true,
  });
  await page.reload();
  await page.locator('#bulk-approve', { hasText: '1份' }).click();
  const modal = page.locator('.taro-modal__content').filter({ hasText: '批量通过 1 份报名' });
  await modal.first().waitFor();
  const text = await modal.first().innerText();
  expect(text).toContain('队列干净');
  expect(text).toMatch(/另有 \d+ 份因“材料缺页”不在其中/);
  await env().shot(page, 's6-bulk-confirm');
  await page.getByText('再看看', { exact: true }).click();
  expect(await page.locator('.queue-item', { hasText: '队列干净' }).innerText()).toContain('待审核');

  await page.locator('.queue-item', { hasText: '队列一' }).click();
  const approve = page.locator('#decide-approve');
  await approve.waitFor();
  expect(await approve.getAttribute('class')).toContain('btn-primary');
  await page.locator('#decide-return').click();
  expect(await approve.getAttribute('class')).not.toContain('btn-primary');
  expect(await page.locator('#decide-return').getAttribute('class')).toContain('btn-primary');
  // The deadline is picked from a date picker, within 30 days.
  expect(await page.locator('input#deadline').getAttribute('type')).toBe('date');
  await env().shot(page, 's6-return-highlighted');
});

test('7: a reviewer sees only what a reviewer may open; an error page has a way back', async () => {
  const page = await phoneAs('reviewer-p01');
  await page.locator('#open-capacity').waitFor();
  expect(await page.locator('#open-classes').count()).toBe(0);
  expect(await page.locator('#open-school-rotation').count()).toBe(0);
  expect(await page.locator('#open-school-oversight').count()).toBe(0);
  await env().shot(page, 's7-reviewer-tools');
  await page.goto(`${url()}/#/pages/principal/classes/index`);
  await page.locator('#load-failed', { hasText: '没有权限' }).waitFor();
  await page.locator('#go-back').waitFor();
  await env().shot(page, 's7-error-page-way-back');
  await page.locator('#go-home').click();
  await page.locator('.title', { hasText: '报名审核' }).waitFor();
  // The bureau's pages typed into the address bar: the same refusal with its way back, never the
  // bureau's menu or an empty page.
  for (const p of ['home', 'dashboard', 'census', 'placement', 'rotation', 'zones']) {
    await page.goto(`${url()}/#/pages/bureau/${p}/index`);
    await page.locator('#load-failed', { hasText: '没有权限' }).waitFor();
    expect(await page.locator('#open-zones').count()).toBe(0);
  }
  await env().shot(page, 's7-reviewer-bureau-url');
  await page.locator('#go-home').click();
  await page.locator('.title', { hasText: '报名审核' }).waitFor();
});
