/** Fills the registration form through the UI, as a parent would, uploading real images. */
import type { Page } from 'playwright-core';

export interface Family {
  readonly community: string;
  readonly schoolId: string;
  readonly childName: string;
  readonly idNumber: string;
  readonly guardian: { readonly name: string; readonly idNumber: string; readonly mobile: string };
  readonly route: 'resident' | 'migrant';
  readonly disability?: string;
}

export async function fill(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id} input`).fill(value);
}

/** Picks a date in a date field (the browser's date picker in H5). */
export async function pickDate(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`input#${id}`).fill(value);
}

/** A JPEG the browser can decode: a screenshot of the current page. */
export const photo = (page: Page) => page.screenshot({ type: 'jpeg', quality: 60 });

export async function upload(page: Page, slot: string): Promise<void> {
  const buffer = await photo(page);
  const chooser = page.waitForEvent('filechooser');
  await page.locator(`#upload-${slot}`).click();
  await (await chooser).setFiles({ name: `${slot}.jpg`, mimeType: 'image/jpeg', buffer });
  await page.locator(`#doc-${slot}`, { hasText: '已上传' }).waitFor();
}

export async function fillFamily(page: Page, f: Family): Promise<void> {
  await fill(page, 'community-search', f.community.slice(-5));
  await page.locator(`[id="community-${f.community}"]`).click();
  const school = page.locator(`#school-${f.schoolId}`);
  if (!(await school.getAttribute('class'))?.includes('chip-on')) await school.click();
  await fill(page, 'child-name', f.childName);
  await fill(page, 'id-number', f.idNumber);
  await fill(page, 'birth-cert', 'O110123456');
  await fill(page, 'g0-name', f.guardian.name);
  await fill(page, 'g0-id', f.guardian.idNumber);
  await fill(page, 'g0-mobile', f.guardian.mobile);
  if (f.route === 'resident') {
    await fill(page, 'hukou-address', '城关镇和平路12号');
    await fill(page, 'hukou-head', '王强');
    await page.locator('#has-property-true').click();
    await fill(page, 'property-no', `青(2024)不动产权第${f.idNumber.slice(-6)}号`);
    await fill(page, 'property-address', '城关镇和平路12号3幢201室');
    await fill(page, 'property-owners', f.guardian.name);
    await pickDate(page, 'property-date', '2019-06-01');
  } else {
    await page.locator('#route-migrant').click();
    await fill(page, 'permit-no', '330122201900123');
    await pickDate(page, 'permit-since', '2024-01-01');
    await fill(page, 'insurance', '30');
    await fill(page, 'rental-address', '城关镇人民路5号');
  }
  if (f.disability) await page.locator(`[id="disability-${f.disability}"]`).click();
}

/** Submits and confirms the irreversible 公办 choice; waits for the detail page. */
export async function submitAndConfirm(page: Page): Promise<void> {
  await page.locator('#submit-registration').click();
  await page.getByText('确定提交', { exact: true }).click();
  await page.locator('.card-title', { hasText: '办理进度' }).waitFor();
}
