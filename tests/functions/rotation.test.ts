/**
 * Rotation on the demo county's staff records: the bureau previews a plan that keeps every hard
 * rule and lowers the teacher indicators' 差异系数; a teacher reads their own standing with reasons.
 */
import { ADMIN, harnessOpen, PARENT, PRINCIPAL, TEACHER, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-05-10T02:00:00Z'));
});
afterAll(async () => {
  await h.store.close();
});

type Preview = {
  counts: { eligible: number; rotated: number; backbone: number };
  problems: string[];
  moves: { teacherId: string; fromName: string; toName: string; reasons: string[]; startMonth: string }[];
  cv: { stage: string; indicator: string; before: number; after: number }[];
  tables: { stage: string; schools: { passes: boolean }[]; cv: Record<string, number> }[];
};

test('only the bureau previews; the plan keeps the rules and narrows the gaps; the same seed gives the same plan', async () => {
  for (const who of [PARENT, PRINCIPAL, TEACHER])
    expect(await h.call(who, 'rotation', 'preview', {})).toMatchObject({ code: 'FORBIDDEN' });
  const p = await h.data<Preview>(ADMIN, 'rotation', 'preview', { seed: '2027' });
  // The demo county has one village junior-middle school: its places cannot take the county-wide
  // 10 % of junior teachers, and the preview says so (in Chinese) instead of breaking a rule.
  expect(p.problems).toEqual([
    '初中：接收学校名额不足，达不到全县应交流人数的比例；请增加乡村或薄弱学校的接收名额。',
  ]);
  expect(p.counts.rotated).toBeGreaterThan(0);
  expect(p.counts.backbone).toBeGreaterThanOrEqual(Math.ceil(p.counts.rotated * 0.2));
  expect(p.moves[0]).toMatchObject({ startMonth: '2027-09' });
  expect(p.moves[0]!.reasons.join('')).toMatch(/由(城镇|优质)学校/);
  const before = p.cv.reduce((a, r) => a + r.before, 0);
  const after = p.cv.reduce((a, r) => a + r.after, 0);
  expect(after).toBeLessThan(before);
  expect(p.tables.map((t) => t.stage)).toEqual(['primary', 'junior']);
  expect(Object.keys(p.tables[0]!.cv)).toHaveLength(7);
  const again = await h.data<Preview>(ADMIN, 'rotation', 'preview', { seed: '2027' });
  expect(again.moves).toEqual(p.moves);
});

test('a teacher reads whether they are due this year and why', async () => {
  const mine = await h.data<{ eligible: boolean; reasons: string[] }>(TEACHER, 'rotation', 'mine', {});
  // The demo teacher has taught 20 years at 城关第一小学 and is 46: due by tenure, exempt by age.
  expect(mine.eligible).toBe(false);
  expect(mine.reasons).toEqual(['在本校任教已满20年（满6年应交流）', '女教师46岁，年满45周岁免于交流']);
  expect(await h.call(PARENT, 'rotation', 'mine', {})).toMatchObject({ code: 'FORBIDDEN' });
});

describe('公示 → objections → final → 报到', () => {
  const bind = async (openid: string, teacherId: string, schoolId: string) =>
    h.store.createBinding({
      openid: openid as never,
      role: 'teacher',
      schoolId: schoolId as never,
      teacherId: teacherId as never,
      displayName: 't',
      createdAt: h.now.toISOString(),
      via: 'invite',
    });
  const at = (iso: string) => (h.now = new Date(iso));
  type Mine = {
    move: { to: string; toName: string; startMonth: string } | null;
    publicity: { from: string; to: string } | null;
    canObject: boolean;
    acknowledgedAt: string | null;
    reportedAt: string | null;
    objection: { text: string; answer: { upheld: boolean } | null } | null;
  };

  test('the bureau publishes; moved teachers read, acknowledge and object within the 公示; answers, final, 报到', async () => {
    at('2027-06-07T02:00:00Z'); // Monday
    const rec = await h.data<{
      moves: { teacherId: string; from: string }[];
      publicity: { from: string; to: string };
    }>(ADMIN, 'rotation', 'publish', { seed: '2027' });
    expect(rec.publicity).toEqual({ from: '2027-06-07', to: '2027-06-11' });
    expect(await h.call(ADMIN, 'rotation', 'publish', { seed: '2027' })).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    const [m1, m2] = rec.moves;
    await bind('t-one', m1!.teacherId, m1!.from);
    await bind('t-two', m2!.teacherId, m2!.from);

    const mine = await h.data<Mine>('t-one', 'rotation', 'mine', {});
    expect(mine).toMatchObject({ canObject: true, acknowledgedAt: null, move: { startMonth: '2027-09' } });
    await h.data('t-one', 'rotation', 'acknowledge', {});
    expect(await h.call('t-one', 'rotation', 'acknowledge', {})).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    expect(await h.call('t-two', 'rotation', 'object', { text: '太短' })).toMatchObject({
      code: 'INVALID_INPUT',
    });
    await h.data('t-two', 'rotation', 'object', { text: '家中老人需要照顾，申请暂缓一年，附社区证明。' });
    expect(
      await h.call('t-two', 'rotation', 'object', { text: '再次提出异议，理由同上，请复核。' }),
    ).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    // A teacher who is not on the plan cannot object; the demo teacher is exempt by age.
    expect(
      await h.call(TEACHER, 'rotation', 'object', { text: '我也想参加交流，请安排我去乡村学校。' }),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });

    at('2027-06-11T15:59:00Z'); // Friday 23:59 CST: still in the 公示
    expect(await h.call(ADMIN, 'rotation', 'finalise', {})).toMatchObject({ code: 'INVALID_TRANSITION' });
    at('2027-06-12T02:00:00Z');
    expect(
      await h.call('t-one', 'rotation', 'object', { text: '公示结束后才提出的异议，应当被拒绝。' }),
    ).toMatchObject({
      code: 'OUT_OF_WINDOW',
    });
    expect(await h.call(ADMIN, 'rotation', 'finalise', {})).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: '还有未答复的异议，请先答复。',
    });
    expect(await h.call('t-one', 'rotation', 'report', {})).toMatchObject({ code: 'INVALID_TRANSITION' });
    await h.data(ADMIN, 'rotation', 'answer', {
      teacherId: m2!.teacherId,
      upheld: true,
      text: '情况属实，暂缓一年。',
    });
    const withdrawn = await h.data<Mine>('t-two', 'rotation', 'mine', {});
    expect(withdrawn.move).toBeNull();
    expect(withdrawn.objection).toMatchObject({ answer: { upheld: true } });

    const final = await h.data<{ status: string; moves: unknown[] }>(ADMIN, 'rotation', 'finalise', {});
    expect(final.status).toBe('final');
    expect(final.moves).toHaveLength(rec.moves.length - 1);
    await h.data('t-one', 'rotation', 'report', {});
    expect((await h.data<Mine>('t-one', 'rotation', 'mine', {})).reportedAt).toBe('2027-06-12T02:00:00.000Z');
    expect((await h.store.listAudit('rotation:2027')).map((e) => e.action)).toEqual([
      'rotation.publish',
      'rotation.acknowledge',
      'rotation.object',
      'rotation.answer',
      'rotation.finalise',
      'rotation.report',
    ]);
  });
});
