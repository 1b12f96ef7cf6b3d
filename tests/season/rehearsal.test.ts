/**
 * The season rehearsal, smaller (issue 17): two zones of the demo county — a village school and a
 * junior school that draw more families than they have seats — played through the real functions
 * over a fresh local host's HTTP API, with every invariant check after every stage. The whole
 * county runs with `npm run season`.
 */
import { seasonRehearsal } from '../../server/season/rehearsal';

test('a season in two zones: every check after every stage holds', async () => {
  const lines: string[] = [];
  const { plan, report } = await seasonRehearsal({
    seed: 'jest-season',
    zoneIds: ['zp-sq-lx', 'zj-yl'],
    concurrency: 8,
    log: (l) => lines.push(l),
  });
  const failed = report.stages.flatMap((s) =>
    s.checks.filter((c) => !c.ok).map((c) => `${s.name}: ${c.name}：${c.detail}`),
  );
  expect([...failed, ...report.surprises]).toEqual([]);
  expect(report.ok).toBe(true);
  expect(report.stages.map((s) => s.name)).toEqual([
    '准备：各校校长凭邀请码绑定',
    '报名',
    '审核',
    '派位',
    '录取后：确认学位、申请复核、答复',
  ]);
  expect(report.stages.every((s) => s.checks.length === 10)).toBe(true);
  // Both schools are oversubscribed: the draw decided, and some children are placed by 统筹.
  expect(plan.demand['p09']?.applicants).toBeGreaterThan(plan.demand['p09']?.seats ?? 0);
  expect(report.placement.primary?.coordinating).toBeGreaterThan(0);
  expect(report.placement.junior?.coordinating).toBeGreaterThan(0);
  // The stories that break things between journeys are in it.
  for (const story of ['withdrawAgain', 'returned', 'lateDocuments', 'rejected', 'draftOnly'])
    expect(plan.families.some((f) => f.story === story)).toBe(true);
});

test('the plan is deterministic: the same seed gives the same families and stories', async () => {
  const { seasonPlanBuild } = await import('../../shared/season/plan');
  const { demoCounty } = await import('../../server/host/seed');
  const c = demoCounty();
  const seats = Object.fromEntries(
    c.schools.map((s) => [s.id, s.entryClasses * (s.stage === 'primary' ? 45 : 50)]),
  );
  const make = (seed: string) =>
    seasonPlanBuild({ seed, year: 2027, schools: c.schools, zones: c.zones, seats, demoFamilies: true });
  const a = make('same');
  expect(JSON.stringify(make('same'))).toBe(JSON.stringify(a));
  expect(JSON.stringify(make('other'))).not.toBe(JSON.stringify(a));
  expect(a.families.length).toBeGreaterThan(2000);
  expect(new Set(a.families.map((f) => f.form.idNumber)).size).toBe(a.families.length);
});
