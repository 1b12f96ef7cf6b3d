/**
 * 交流轮岗 in the browser on the demo county: the bureau previews a plan and reads the teacher
 * indicators' 差异系数 before and after; a teacher reads whether they are due and why.
 */
import { browserEnvSetup } from './setup';

const env = browserEnvSetup();

test('the bureau previews and publishes the rotation plan with 差异系数; a teacher reads their standing', async () => {
  const page = await env().phone();
  await env().signInAs(page, 'bureau-admin');
  await page.locator('#open-rotation').click();
  await page.locator('#rotation-preview').click();
  await page.locator('#rotation-summary', { hasText: '拟交流' }).waitFor();
  expect(await page.locator('#rotation-cv').innerText()).toContain('小学·骨干教师');
  expect(await page.locator('#rotation-moves .sub-card').count()).toBeGreaterThan(0);
  expect(await page.locator('#rotation-moves').innerText()).toMatch(/由(城镇|优质)学校/);
  await env().shot(page, '21-bureau-rotation-preview');
  await page.locator('#rotation-publish').click();
  await page.getByText('确定', { exact: true }).click();
  await page.locator('#rotation-status', { hasText: '公示中：公示期' }).waitFor();

  const teacher = await env().phone();
  await env().signInAs(teacher, 'teacher-p01');
  await teacher.locator('#rotation-standing', { hasText: '不参加' }).waitFor();
  expect(await teacher.locator('#rotation-standing').innerText()).toContain('年满45周岁免于交流');
  await teacher.locator('#rotation-notice', { hasText: '本年度方案中没有您的交流安排' }).waitFor();
  await env().shot(teacher, '22-teacher-rotation-standing');
});
