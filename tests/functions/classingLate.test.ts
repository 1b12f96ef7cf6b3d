/**
 * A late pupil after publishing (issue 19, item 8): when every class of a published split is at
 * the cap, the principal is not at a dead end — they may add a class for the pupil, or place the
 * pupil in the smallest class over the cap; the over-cap placement is recorded (plan, audit log)
 * and shows on the bureau's dashboard as 大班额; a 超大班额 is never made.
 */
import { cohortBook, cohortRows } from '../helpers/cohort';
import { ADMIN, harnessOpen, PRINCIPAL, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-08-20T02:00:00Z'));
});
afterAll(async () => {
  await h.store.close();
});

const pupil = (n: number) => ({
  id: `late-${n}`,
  name: `插班${'一二三四五六七八九十'[n]}`,
  gender: 'F' as const,
  groups: [],
});

test('every class full after publishing: add a class, or place over the cap with the 大班额 recorded', async () => {
  const version = async () => (await h.data(PRINCIPAL, 'classing', 'plan', {})).version;
  await h.data(PRINCIPAL, 'reports', 'classingImport', {
    version: await version(),
    base64: (await cohortBook(cohortRows(90, '学生'))).toString('base64'),
  });
  const ran = await h.data(PRINCIPAL, 'classing', 'run', {
    version: await version(),
    classes: 2,
    cap: 45,
    seed: 's1',
  });
  expect(ran.classes!.map((c) => c.students.length)).toEqual([45, 45]);
  // Before publishing the principal re-runs with more classes: the two exceptions are refused.
  expect(
    await h.call(PRINCIPAL, 'classing', 'late', {
      version: ran.version,
      student: pupil(0),
      placement: 'newClass',
    }),
  ).toMatchObject({ code: 'INVALID_TRANSITION' });
  const pub = await h.data(PRINCIPAL, 'classing', 'publish', { version: ran.version });

  // Full: the refusal offers the two ways on.
  const full = await h.call(PRINCIPAL, 'classing', 'late', { version: pub.plan.version, student: pupil(1) });
  expect(full).toMatchObject({ ok: false, code: 'CLASS_FULL' });
  if (!full.ok) expect(full.message).toMatch(/增加一个班.*超出班额，记为大班额/);

  // Over the cap: the smallest class, 46 children, recorded.
  const over = await h.data(PRINCIPAL, 'classing', 'late', {
    version: pub.plan.version,
    student: pupil(1),
    placement: 'overCap',
  });
  expect(over.warning).toBe(`${over.label}现有46人，超过班额45人，已记为大班额，教育局督导看板可见。`);
  expect(over.plan.lateExceptions).toEqual([
    expect.objectContaining({ kind: 'overCap', label: over.label, size: 46, cap: 45, name: '插班二' }),
  ]);
  expect(over.plan.report!.problems).toEqual([]); // the knowingly broken size rule is shown as the exception
  const audit = await h.store.listAudit('classing:2027-p01');
  expect(audit.at(-1)).toMatchObject({
    action: 'classing.lateOverCap',
    detail: expect.objectContaining({ studentId: 'late-1', size: 46, large: true }),
  });
  const d = await h.data(ADMIN, 'county', 'dashboard', {});
  expect(d.classes.find((c) => c.size === 46)).toMatchObject({ large: true });
  expect(d.findings.find((f) => f.rule === 'CLASS_LARGE')?.text).toContain('46人');

  // A class added for the next one.
  const added = await h.data(PRINCIPAL, 'classing', 'late', {
    version: over.plan.version,
    student: pupil(2),
    placement: 'newClass',
  });
  expect(added.label).toBe('一年级3班');
  expect(added.plan.classCount).toBe(3);
  expect(added.plan.classes!.map((c) => c.students.length)).toEqual(
    over.plan.classes!.map((c) => c.students.length).concat([1]),
  );
  // Then the next late pupil goes by balance again: into the new class, below the cap.
  const next = await h.data(PRINCIPAL, 'classing', 'late', {
    version: added.plan.version,
    student: pupil(3),
  });
  expect(next.label).toBe('一年级3班');
});

test('over the cap never makes a 超大班额', async () => {
  let plan = await h.data(PRINCIPAL, 'classing', 'plan', {});
  // Fill the two big classes to 55 (the bureau's 超大班额 line is 56) through over-cap placements.
  for (let n = 0; n < 40; n++) {
    const r = await h.call(PRINCIPAL, 'classing', 'late', {
      version: plan.version,
      student: { id: `fill-${n}`, name: `补${n}`, gender: 'M', groups: [] },
      placement: 'overCap',
    });
    if (!r.ok) {
      expect(r.message).toContain('超大班额');
      break;
    }
    plan = r.data.plan;
  }
  expect(Math.max(...plan.classes!.map((c) => c.students.length))).toBeLessThanOrEqual(55);
});
