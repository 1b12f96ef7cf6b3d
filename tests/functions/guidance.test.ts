/**
 * Next steps for every status, issue 17 defect 5: an approved family learns when the bureau draws
 * and publishes (its dates); a refused, 统筹 or withdrawn family learns what it can do and whom to
 * ask. The dates and the telephone come from the bureau's settings.
 */
import type { RegistrationView } from '../../shared/api';
import { formMake } from '../helpers/forms';
import { ADMIN, harnessOpen, OTHER_PARENT, PARENT, PRINCIPAL, type Harness } from '../helpers/harness';
import { idNumberMake } from '../helpers/ids';

const NOW = new Date('2027-05-10T02:00:00Z');
let h: Harness;
let seq = 0;
const submit = (over: Record<string, unknown> = {}) =>
  h.data(PARENT, 'registration', 'submit', {
    draftId: `draft-g-${++seq}`,
    form: formMake({ idNumber: idNumberMake('2020-01-15', 950 + 2 * seq), ...over }),
    schoolTypeConfirmed: true,
  });
const guidance = (id: string, who = PARENT) => h.data(who, 'registration', 'guidance', { id });

beforeAll(async () => {
  h = await harnessOpen(NOW);
  const n = await h.data(ADMIN, 'placement', 'noticeSettings', {});
  await h.data(ADMIN, 'placement', 'setNotice', {
    ...n,
    appealDays: 5,
    placementDates: {
      primary: { draw: '2027-07-20', publish: '2027-07-25' },
      junior: { draw: '2027-07-18', publish: '2027-07-22' },
    },
    hotline: '0571-1234 5678',
  });
});
afterAll(async () => {
  await h.store.close();
});

test('an approved family is told when the draw is and when the results come out', async () => {
  const r = await submit();
  await h.data(PRINCIPAL, 'registration', 'review', { id: r.id, version: r.version, decision: 'approve' });
  const g = await guidance(r.id);
  expect(g.title).toContain('审核通过');
  expect(g.steps.join('\n')).toContain('2027年7月20日：教育局进行电脑派位');
  expect(g.steps.join('\n')).toContain('2027年7月25日：公布录取结果');
  expect(g.contact).toContain('0571-1234 5678');
  // Only the family's own.
  expect(await h.call(OTHER_PARENT, 'registration', 'guidance', { id: r.id })).toMatchObject({
    code: 'NOT_FOUND',
  });
});

test('a refused family is told what it can do and whom to ask', async () => {
  const r = await submit();
  await h.data(PRINCIPAL, 'registration', 'review', {
    id: r.id,
    version: r.version,
    decision: 'reject',
    reasonCode: 'NOT_IN_ZONE',
    reason: '房产不在本学区',
  });
  const g = await guidance(r.id);
  expect(g.title).toBe('报名未通过审核。');
  expect(g.steps.join('')).toMatch(/统筹/);
  expect(g.contact).toMatch(/城关第一小学.*校长/);
  expect(g.contact).toContain('0571-1234 5678');
});

test('a family under review and one that withdrew are told their next step', async () => {
  const r = await submit();
  expect((await guidance(r.id)).steps.join('')).toContain('2027年7月20日电脑派位');
  await h.data(PARENT, 'registration', 'withdraw', { id: r.id, version: r.version });
  const g = await guidance(r.id);
  expect(g).toMatchObject({ canRegisterAgain: true, title: '报名已撤回，孩子可以重新报名。' });
  // Once registered again, the withdrawn one no longer offers it.
  const again: RegistrationView = await h.data(PARENT, 'registration', 'submit', {
    draftId: 'draft-g-again',
    form: r.form,
    schoolTypeConfirmed: true,
  });
  // …and says so, linking the new one (walk leftover: it said 孩子可以重新报名; failed before).
  expect(await guidance(r.id)).toMatchObject({
    canRegisterAgain: false,
    title: '报名已撤回，孩子已经重新报名。',
    againId: again.id,
  });
});

test('placement dates are checked: publication after the draw and before reporting', async () => {
  const n = await h.data(ADMIN, 'placement', 'noticeSettings', {});
  const bad = await h.call(ADMIN, 'placement', 'setNotice', {
    reportDate: n.reportDate,
    bring: n.bring,
    appealDays: 5,
    placementDates: {
      primary: { draw: '2027-07-20', publish: '2027-07-19' },
      junior: { draw: '2027-07-18', publish: '2027-07-22' },
    },
  });
  expect(bad).toMatchObject({ code: 'INVALID_INPUT', message: '公布录取结果的日期不能早于派位日期。' });
});

test('approved after the stage’s draw was published: told about 统筹, not sent to wait for a draw that is over', async () => {
  const early = await submit();
  await h.data(PRINCIPAL, 'registration', 'review', {
    id: early.id,
    version: early.version,
    decision: 'approve',
  });
  const late = await submit();
  // The school's view says whether the draw is published, so its approval can warn (walk leftover).
  const get = (id: string) => h.data(PRINCIPAL, 'registration', 'get', { id });
  expect((await get(late.id)).drawPublishedOn).toBeNull();
  await h.data(ADMIN, 'placement', 'freeze', { stage: 'primary' });
  await h.data(ADMIN, 'placement', 'run', { stage: 'primary', seed: '20270720', dryRun: false });
  await h.data(ADMIN, 'placement', 'publish', { stage: 'primary' });
  expect((await get(late.id)).drawPublishedOn).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  expect((await get(early.id)).drawPublishedOn).toBeNull();
  // Still under review after the publication: the step after approval is 统筹, not the draw.
  const pending = (await guidance(late.id)).steps.join('\n');
  expect(pending).toContain('电脑派位已于');
  expect(pending).not.toContain('2027年7月20日电脑派位');
  await h.data(PRINCIPAL, 'registration', 'review', {
    id: late.id,
    version: late.version,
    decision: 'approve',
  });
  const g = await guidance(late.id);
  expect(g.title).toBe('报名已审核通过，由教育局统筹安排学位。');
  expect(g.steps.join('\n')).toContain('没有参加派位');
  expect(g.steps.join('\n')).not.toContain('教育局进行电脑派位');
});

test('an approval given while documents are missing does not say 材料齐全 (缺件先报)', async () => {
  const r = await submit();
  const missing = (await guidance(r.id)).missing.length;
  expect(missing).toBeGreaterThan(0);
  const approved = await h.data<RegistrationView>(PRINCIPAL, 'registration', 'review', {
    id: r.id,
    version: r.version,
    decision: 'approve',
  });
  expect(approved.history[approved.history.length - 1]?.reason).toMatch(
    /^审核通过，还缺少\d+份材料，请按时补交$/,
  );
});
