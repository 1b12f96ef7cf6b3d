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
