/**
 * Rotation during 公示 (issue 19, item 6): a plan with broken rules is not published unless each
 * broken rule is acknowledged by name with a reason (kept with the plan and in the audit log); the
 * 公示 may start on a later day and a teacher cannot object before it starts nor after it ends; the
 * bureau's view names the objecting teacher even once an upheld objection takes them off the plan;
 * and no new plan is previewed once one is published.
 */
import { ADMIN, harnessOpen, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-06-04T02:00:00Z')); // Friday
});
afterAll(async () => {
  await h.store.close();
});

type Issue = { code: string; subject: string; text: string };
type Preview = { issues: Issue[]; problems: string[]; moves: { teacherId: string; name: string }[] };
type RecordView = {
  override?: { reason: string; issues: Issue[] };
  publicity: { from: string; to: string };
  objections: {
    teacherId: string;
    name: string;
    text: string;
    answer: { upheld: boolean; addedIssues?: Issue[] } | null;
  }[];
  moves: { teacherId: string }[];
  problems: string[];
};
const key = (x: Issue) => `${x.code}|${x.subject}`;
const reason = '乡村初中接收名额今年无法增加，先按现有名额公示，缺口明年补足。';

test('a plan with a broken rule is refused, names the rule; an override must acknowledge each one and say why', async () => {
  const p = await h.data<Preview>(ADMIN, 'rotation', 'preview', { seed: '2027' });
  expect(p.issues.map((x) => x.text)).toEqual([
    '初中：接收学校名额不足，达不到全县应交流人数的比例；请增加乡村或薄弱学校的接收名额。',
  ]);
  const refused = await h.call(ADMIN, 'rotation', 'publish', { seed: '2027' });
  expect(refused).toMatchObject({ ok: false, code: 'RULE_BROKEN' });
  if (!refused.ok) expect(refused.message).toContain('接收学校名额不足');
  expect(
    await h.call(ADMIN, 'rotation', 'publish', { seed: '2027', override: { acknowledged: [], reason } }),
  ).toMatchObject({ ok: false, code: 'RULE_BROKEN' });
  expect(
    await h.call(ADMIN, 'rotation', 'publish', {
      seed: '2027',
      override: { acknowledged: p.issues.map(key), reason: '理由太短' },
    }),
  ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(
    await h.call(ADMIN, 'rotation', 'publish', {
      seed: '2027',
      publicityFrom: '2027-06-01',
      override: { acknowledged: p.issues.map(key), reason },
    }),
  ).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '公示开始日期不能早于今天。' });
  expect(await h.data(ADMIN, 'rotation', 'record', {})).toBeNull();

  await h.data(ADMIN, 'rotation', 'publish', {
    seed: '2027',
    publicityFrom: '2027-06-07',
    override: { acknowledged: p.issues.map(key), reason },
  });
  const rec = await h.data<RecordView>(ADMIN, 'rotation', 'record', {});
  expect(rec.publicity).toEqual({ from: '2027-06-07', to: '2027-06-11' });
  expect(rec.override).toMatchObject({ reason, issues: [expect.objectContaining({ code: 'NO_ROOM' })] });
  const audit = await h.store.listAudit('rotation:2027');
  expect(audit[0]).toMatchObject({
    action: 'rotation.publish',
    detail: expect.objectContaining({
      override: { reason, rules: [expect.stringContaining('接收学校名额不足')] },
    }),
  });
  expect(await h.call(ADMIN, 'rotation', 'preview', { seed: '2027' })).toMatchObject({
    ok: false,
    code: 'INVALID_TRANSITION',
  });
});

test('objections only inside the 公示 window; the bureau sees the teacher’s name, also once the objection is upheld', async () => {
  const rec = await h.data<RecordView>(ADMIN, 'rotation', 'record', {});
  const moved = rec.moves[0]!.teacherId;
  await h.store.createBinding({
    openid: 't-moved' as never,
    role: 'teacher',
    schoolId: 'x' as never,
    teacherId: moved as never,
    displayName: 't',
    createdAt: h.now.toISOString(),
    via: 'invite',
  });
  const text = '家中老人需要照顾，申请暂缓一年，附社区证明。';
  // Friday before the 公示 (it starts on Monday): not yet.
  expect((await h.data<{ canObject: boolean }>('t-moved', 'rotation', 'mine', {})).canObject).toBe(false);
  expect(await h.call('t-moved', 'rotation', 'object', { text })).toMatchObject({ code: 'OUT_OF_WINDOW' });
  h.now = new Date('2027-06-07T02:00:00Z');
  expect((await h.data<{ canObject: boolean }>('t-moved', 'rotation', 'mine', {})).canObject).toBe(true);
  await h.data('t-moved', 'rotation', 'object', { text });
  // Taking the teacher off breaks the quota the plan kept: the officer is told which rules and
  // nothing changes until they are acknowledged (it happened silently).
  const answer = { teacherId: moved, upheld: true, text: '情况属实，暂缓一年。' };
  const refused = await h.call(ADMIN, 'rotation', 'answer', answer);
  expect(refused).toMatchObject({ ok: false, code: 'RULE_BROKEN' });
  expect(!refused.ok && refused.message).toMatch(/^异议成立后，方案将新增\d+项不符合规定的问题：.*少于10%/);
  expect(
    (await h.data<RecordView>(ADMIN, 'rotation', 'record', {})).moves.some((m) => m.teacherId === moved),
  ).toBe(true);
  await h.data(ADMIN, 'rotation', 'answer', { ...answer, acknowledged: true });
  const after = await h.data<RecordView>(ADMIN, 'rotation', 'record', {});
  const added = after.objections.find((x) => x.teacherId === moved)?.answer?.addedIssues ?? [];
  expect(added.length).toBeGreaterThan(0);
  // The plan's list of problems (the 公示 page's count) now carries them, and so does the audit log.
  for (const x of added) expect(after.problems).toContain(x.text);
  const audit = await h.store.listAudit('rotation:2027');
  expect(audit.find((a) => a.action === 'rotation.answer')?.detail).toMatchObject({
    upheld: true,
    acknowledgedRules: added.map((x) => x.text),
  });
  expect(after.moves.some((m) => m.teacherId === moved)).toBe(false);
  const o = after.objections.find((x) => x.teacherId === moved)!;
  expect(o.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
  expect(o.name).not.toBe(moved);
});
