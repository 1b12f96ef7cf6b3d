/**
 * Browser journeys against the H5 build served by the local host (Debian Chromium):
 * - a local-hukou family registers with documents (after an invalid ID keeps the form), a second
 *   registration of the same child is refused, the principal approves, the parent sees it;
 * - a migrant family registers, the principal returns it for more material, the parent fixes it,
 *   the principal approves;
 * - a family with a disabled child registers; the principal refuses with a reason the parent reads;
 * - every demo role signs in to its home.
 * Screenshots go to tests/artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { communityOf } from '../helpers/forms';
import { idNumberMake } from '../helpers/ids';
import { fill, fillFamily, submitAndConfirm, upload, type Family } from './family';
import { browserEnvSetup } from './setup';

const env = browserEnvSetup();
const newPhone = () => env().phone();
const signInAs = (page: Page, key: string) => env().signInAs(page, key);
const shot = (page: Page, name: string) => env().shot(page, name);

async function switchTo(page: Page, key: string): Promise<void> {
  await page.goto(`${env().host.url}/#/pages/parent/home/index`);
  await page.evaluate(() => localStorage.clear());
  await signInAs(page, key);
}

const guardian = (n: number) => ({
  name: '李丽',
  idNumber: idNumberMake('1990-03-04', 2 * n),
  mobile: '13812345678',
});

async function openRegistration(page: Page, childName: string): Promise<void> {
  await page.locator('.title', { hasText: '我的报名' }).waitFor();
  await page.locator('.registration-card', { hasText: childName }).click();
  await page.locator('.card-title', { hasText: '办理进度' }).waitFor();
}

async function principalOpens(page: Page, childName: string): Promise<void> {
  await switchTo(page, 'principal-p01');
  await page.locator('.queue-item', { hasText: childName }).click();
  await page.locator('.card-title', { hasText: '审核意见' }).waitFor();
}

test('a local family registers with documents, the principal approves, the parent sees 审核通过', async () => {
  const page = await newPhone();
  const family: Family = {
    community: communityOf('p01'),
    schoolId: 'p01',
    childName: '王小明',
    idNumber: idNumberMake('2020-05-10', 21),
    guardian: guardian(1),
    route: 'resident',
  };
  await signInAs(page, 'parent-wang');
  await page.locator('#new-registration').click();
  await fillFamily(page, {
    ...family,
    idNumber: family.idNumber.slice(0, 17) + (family.idNumber[17] === '0' ? '1' : '0'),
  });

  // A wrong check digit: a clear Chinese error at the field, and nothing typed is lost.
  await page.locator('#submit-registration').click();
  const idError = page.locator('#field-id-number .field-error');
  await idError.waitFor();
  expect(await idError.innerText()).toContain('校验位不正确');
  expect(await page.locator('#child-name input').inputValue()).toBe('王小明');
  expect(await page.locator('#g0-mobile input').inputValue()).toBe('13812345678');
  await shot(page, '01-invalid-id-keeps-form');

  await fill(page, 'id-number', family.idNumber);
  expect(await page.locator('#id-number-ok').innerText()).toContain('出生日期 2020年5月10日');
  for (const slot of [
    'hukou_front',
    'hukou_head',
    'hukou_self',
    'property',
    'birth_certificate',
    'vaccination',
  ]) {
    await upload(page, slot);
  }
  expect(await page.locator('#tier-preview').innerText()).toContain('一类');
  await shot(page, '02-form-complete-tier-preview');
  await submitAndConfirm(page);
  expect(await page.locator('.status').first().innerText()).toBe('待审核');
  await shot(page, '03-submitted-pending-review');

  // The same child again: refused by the server, the form intact.
  await page.goto(`${env().host.url}/#/pages/parent/register/index`);
  await fillFamily(page, family);
  await page.locator('#submit-registration').click();
  // No documents this time: the demo county allows 缺件先报, so the page asks first.
  await page.getByText('先提交', { exact: true }).click();
  await page.getByText('确定提交', { exact: true }).click();
  await idError.waitFor();
  expect(await idError.innerText()).toContain('不能重复报名');
  expect(await page.locator('#id-number input').inputValue()).toBe(family.idNumber);
  await shot(page, '04-duplicate-refused');

  await principalOpens(page, '王小明');
  expect(await page.locator('.card').first().innerText()).toContain('一类');
  // Documents are shown beside the facts: the uploaded photo itself, loaded through its signed link.
  const thumb = page.locator('#view-hukou_front img');
  await thumb.waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('#view-hukou_front img');
    return img !== null && img.complete && img.naturalWidth > 0;
  });
  await shot(page, '05-principal-review-documents');
  await page.locator('#decide-approve').click();
  await page.getByText('确定通过', { exact: true }).click();
  await page.locator('#info-banner', { hasText: '审核通过' }).waitFor();

  await switchTo(page, 'parent-wang');
  const mine = page.locator('.registration-card', { hasText: '王小明' });
  await mine.waitFor();
  expect(await mine.locator('.status').innerText()).toBe('审核通过');
  await shot(page, '06-parent-sees-approved');
});

test('a migrant family is returned for more material, fixes it, and is approved', async () => {
  const page = await newPhone();
  await signInAs(page, 'parent-li');
  await page.locator('#new-registration').click();
  await fillFamily(page, {
    community: communityOf('p01'),
    schoolId: 'p01',
    childName: '张小雨',
    idNumber: idNumberMake('2020-07-01', 22),
    guardian: guardian(2),
    route: 'migrant',
  });
  for (const slot of ['residence_permit', 'social_insurance', 'rental', 'birth_certificate', 'vaccination'])
    await upload(page, slot);
  expect(await page.locator('#tier-preview').innerText()).toContain('四类');
  await submitAndConfirm(page);

  await principalOpens(page, '张小雨');
  await page.locator('#decide-return').click();
  await page.locator('#reason-code-DOCS_ILLEGIBLE').click();
  await fill(page, 'reason-text', '社保证明看不清，请重新拍摄');
  await page.locator('#confirm-decision').click();
  await page.locator('#info-banner', { hasText: '需补充材料' }).waitFor();

  await switchTo(page, 'parent-li');
  await openRegistration(page, '张小雨');
  expect(await page.locator('#status-reason').innerText()).toContain('社保证明看不清');
  await shot(page, '07-migrant-needs-more');
  await page.locator('#edit-registration').click();
  await upload(page, 'social_insurance');
  await page.locator('#submit-registration').click();
  await page.locator('.status:visible', { hasText: '待审核' }).first().waitFor();
  await shot(page, '08-migrant-resubmitted');

  await principalOpens(page, '张小雨');
  await page.locator('#decide-approve').click();
  await page.getByText('确定通过', { exact: true }).click();
  await page.locator('#info-banner', { hasText: '审核通过' }).waitFor();
});

test('a family with a disabled child is refused with a reason the parent reads', async () => {
  const page = await newPhone();
  await signInAs(page, 'parent-wang');
  await page.locator('#new-registration').click();
  await fillFamily(page, {
    community: communityOf('p01'),
    schoolId: 'p01',
    childName: '王小华',
    idNumber: idNumberMake('2020-02-02', 23),
    guardian: guardian(1),
    route: 'resident',
    disability: '肢体',
  });
  for (const slot of [
    'hukou_front',
    'hukou_head',
    'hukou_self',
    'property',
    'birth_certificate',
    'vaccination',
    'disability',
  ]) {
    await upload(page, slot);
  }
  await submitAndConfirm(page);

  await principalOpens(page, '王小华');
  expect(await page.locator('#review-flags').innerText()).toContain('需随班就读支持');
  await page.locator('#decide-reject').click();
  await page.locator('#reason-code-NOT_IN_ZONE').click();
  await fill(page, 'reason-text', '房产地址经核实不在本校学区，请联系教育局统筹');
  await page.locator('#confirm-decision').click();
  await page.locator('#info-banner', { hasText: '未通过' }).waitFor();

  await switchTo(page, 'parent-wang');
  await openRegistration(page, '王小华');
  expect(await page.locator('#status-reason').innerText()).toContain(
    '不在本学区：房产地址经核实不在本校学区',
  );
  await shot(page, '09-rejected-with-reason');
  await page.goto(`${env().host.url}/#/pages/parent/inbox/index`);
  await page.locator('.notice', { hasText: '报名未通过' }).waitFor();
  await shot(page, '10-inbox');
});

test.each([
  ['parent-li', '我的报名'],
  ['teacher-p01', '交流轮岗通知'],
  ['principal-p01', '报名审核'],
  ['reviewer-p01', '报名审核'],
  ['bureau-admin', '全县概况'],
])('demo account %s signs in to its home (%s)', async (key, heading) => {
  const page = await newPhone();
  await signInAs(page, key);
  await page.locator('.title, .card-title', { hasText: heading }).first().waitFor();
  await shot(page, `home-${key}`);
});

test('without a session the app opens the demo sign-in page', async () => {
  const page = await newPhone();
  await page.goto(`${env().host.url}/#/pages/parent/home/index`);
  await page.locator('#account-parent-wang').waitFor();
});

test('the bureau’s home shows today’s audit head, to be kept outside the system', async () => {
  const page = await newPhone();
  await signInAs(page, 'bureau-admin');
  const hash = page.locator('#audit-head-hash');
  await hash.waitFor();
  const { head, count } = await env().host.store.auditHead();
  expect((await hash.innerText()).trim()).toBe(head);
  await page.locator('#audit-head', { hasText: `共 ${count} 条记录` }).waitFor();
  await page.locator('#audit-head').scrollIntoViewIfNeeded();
  await shot(page, 'bureau-audit-head');
});
