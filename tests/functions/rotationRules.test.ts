/**
 * The bureau's rotation rules: stored with the county's policy settings, edited by the bureau
 * (refused with a Chinese message when out of range, locked once the year's plan is published),
 * and applied everywhere — the plan, a teacher's standing, a principal's list, the dashboard.
 * Settings stored before the rules existed keep working with the policy defaults.
 */
import { defaultRotationSettings } from '../../shared/rotation/eligibility';
import { ADMIN, harnessOpen, PRINCIPAL, TEACHER, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-05-10T02:00:00Z'));
});
afterAll(async () => {
  await h.store.close();
});

const shown = (r: typeof defaultRotationSettings) => ({
  ...r,
  quota: Math.round(r.quota * 100),
  backboneShare: Math.round(r.backboneShare * 100),
});

test('settings stored before the rotation rules existed read as the policy defaults', async () => {
  const stored = (await h.store.getSettings())!;
  const { rotation: _r, ...old } = stored as typeof stored & { rotation?: unknown };
  await h.store.putSettings(old as typeof stored);
  const r = await h.data(ADMIN, 'rotation', 'rules', {});
  expect(r.rules).toEqual(defaultRotationSettings);
  expect(r.defaults).toEqual(defaultRotationSettings);
  expect(r.locked).toBe(false);
  const p = await h.data(ADMIN, 'rotation', 'preview', { seed: '2027' });
  expect(p.rules).toEqual(defaultRotationSettings);
});

test('only the bureau sets the rules; values out of range are refused in Chinese and change nothing', async () => {
  const good = shown(defaultRotationSettings);
  for (const who of [PRINCIPAL, TEACHER])
    expect(await h.call(who, 'rotation', 'setRules', good)).toMatchObject({ code: 'FORBIDDEN' });
  const bad = await h.call(ADMIN, 'rotation', 'setRules', { ...good, tenureYears: 40, quota: 0 });
  expect(bad).toMatchObject({ code: 'INVALID_INPUT' });
  expect((bad as { message: string }).message).toContain('教师在同一学校任教满应为3～15年之间的整数');
  expect((bad as { message: string }).message).toContain('每年交流比例');
  expect(await h.call(ADMIN, 'rotation', 'setRules', { ...good, quota: 'ten' })).toMatchObject({
    code: 'INVALID_INPUT',
  });
  expect((await h.data(ADMIN, 'rotation', 'rules', {})).rules).toEqual(defaultRotationSettings);
});

test('a county that sets 10 years and 15 % gets them: fewer teachers due, the plan and the teacher’s page follow', async () => {
  const before = await h.data(ADMIN, 'rotation', 'preview', { seed: '2027' });
  // The demo teacher has taught 8 years at 城关第一小学: due under the default 6 years.
  const mineBefore = await h.data(TEACHER, 'rotation', 'mine', {});
  expect(mineBefore.eligible).toBe(true);
  const set = await h.data(ADMIN, 'rotation', 'setRules', {
    ...shown(defaultRotationSettings),
    tenureYears: 10,
    quota: 15,
  });
  expect(set.rules).toMatchObject({ tenureYears: 10, quota: 0.15 });
  const after = await h.data(ADMIN, 'rotation', 'preview', { seed: '2027' });
  expect(after.rules).toMatchObject({ tenureYears: 10, quota: 0.15 });
  expect(after.counts.eligible).toBeLessThan(before.counts.eligible);
  const mine = await h.data(TEACHER, 'rotation', 'mine', {});
  expect(mine.eligible).toBe(false);
  expect(mine.reasons[0]).toContain('未满10年');
  const school = await h.data(PRINCIPAL, 'rotation', 'school', {});
  expect(school.teachers.find((t) => t.teacherId === 'p01-t004')?.eligible).toBe(false);
  const audit = await h.store.listAudit('settings:policy');
  expect(audit.map((a) => a.action)).toContain('settings.rotation');
});

test('published under the rules, the record keeps them and the rules are locked for the year', async () => {
  const rec = await h.data(ADMIN, 'rotation', 'publish', {
    seed: '2027',
  });
  expect(rec.settings).toMatchObject({ tenureYears: 10, quota: 0.15 });
  expect(await h.call(ADMIN, 'rotation', 'setRules', shown(defaultRotationSettings))).toMatchObject({
    code: 'INVALID_TRANSITION',
  });
  expect((await h.data(ADMIN, 'rotation', 'rules', {})).locked).toBe(true);
  // The dashboard checks the published plan under the rules it was made under (no quota finding).
  const d = await h.data(ADMIN, 'county', 'dashboard', {});
  expect(JSON.stringify(d.findings)).not.toMatch(/少于15%|少于10%/);
});
