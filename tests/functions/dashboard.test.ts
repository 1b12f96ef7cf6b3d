/**
 * The bureau's dashboard, 表表相通: every figure computed two ways — the dashboard counts from the
 * registrations themselves; the school capacity page and the county overview count in the
 * database; the rotation page computes the indicators — and they must agree.
 */
import { formMake, migrantForm } from '../helpers/forms';
import { ADMIN, harnessOpen, OTHER_PARENT, PARENT, PRINCIPAL, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-05-10T02:00:00Z'));
  let k = 0;
  const submit = (who: string, form: ReturnType<typeof formMake>) =>
    h.data<{ id: string; version: number }>(who, 'registration', 'submit', {
      draftId: `draft-dash-${++k}`,
      form,
      schoolTypeConfirmed: true,
    });
  await submit(PARENT, formMake());
  await submit(
    PARENT,
    formMake({
      special: { leftBehind: true, disability: null, hardship: false, policyGroup: null, policyProofNo: '' },
    }),
  );
  await submit(OTHER_PARENT, migrantForm());
  await submit(OTHER_PARENT, formMake({ schoolId: 'p02' }));
  const r = await submit(OTHER_PARENT, formMake());
  await h.data(PRINCIPAL, 'registration', 'review', { id: r.id, version: r.version, decision: 'approve' });
});
afterAll(async () => {
  await h.store.close();
});

type Dashboard = {
  year: number;
  schools: {
    schoolId: string;
    applicants: number;
    seats: number;
    tiers: { tier: number; applicants: number }[];
  }[];
  groups: { key: string; registered: number; admitted: number }[];
  indicators: { before: { stage: string; cv: Record<string, number> }[] };
  findings: { rule: string; records: unknown[] }[];
};

test('applicants and seats per school agree with the school capacity page, tier by tier', async () => {
  const d = await h.data<Dashboard>(ADMIN, 'county', 'dashboard', {});
  expect(d.schools.reduce((a, x) => a + x.applicants, 0)).toBe(5);
  for (const school of d.schools) {
    const cap = await h.data<{
      seats: number;
      applicants: number;
      tiers: { tier: number; underReview: number; approved: number }[];
    }>(ADMIN, 'registration', 'capacity', { schoolId: school.schoolId });
    expect(school.seats).toBe(cap.seats);
    expect(school.applicants).toBe(cap.applicants);
    for (const t of cap.tiers)
      expect(school.tiers.find((x) => x.tier === t.tier)?.applicants).toBe(t.underReview + t.approved);
  }
});

test('group figures agree with the county overview and with the forms submitted', async () => {
  const d = await h.data<Dashboard>(ADMIN, 'county', 'dashboard', {});
  const overview = await h.data<{ snapshot: { registrationsByStatus: Record<string, number> } }>(
    ADMIN,
    'county',
    'overview',
    {},
  );
  const counted = Object.entries(overview.snapshot.registrationsByStatus)
    .filter(([st]) => !['draft', 'rejected', 'withdrawn'].includes(st))
    .reduce((a, [, n]) => a + n, 0);
  const all = d.groups.find((g) => g.key === 'all')!;
  expect(all.registered).toBe(counted);
  expect(d.groups.find((g) => g.key === 'migrant')?.registered).toBe(1);
  expect(d.groups.find((g) => g.key === 'leftBehind')?.registered).toBe(1);
  expect(d.groups.find((g) => g.key === 'disability')?.registered).toBe(0);
});

test('the indicators and their 差异系数 agree with the rotation page', async () => {
  const d = await h.data<Dashboard>(ADMIN, 'county', 'dashboard', {});
  const p = await h.data<{ tables: { stage: string; cv: Record<string, number> }[] }>(
    ADMIN,
    'rotation',
    'preview',
    { seed: '2027' },
  );
  expect(d.indicators.before.map((t) => [t.stage, t.cv])).toEqual(p.tables.map((t) => [t.stage, t.cv]));
  for (const f of d.findings) expect(f.records.length).toBeGreaterThan(0);
});

test('a principal sees their own school’s slice, with the same figures as the bureau’s dashboard', async () => {
  const d = await h.data<Dashboard>(ADMIN, 'county', 'dashboard', {});
  const v = await h.data<{
    school: { schoolId: string; applicants: number; seats: number };
    indicators: { row: { schoolId: string; passes: boolean } | null; standards: Record<string, number> };
    findings: { records: { kind: string; id: string }[] }[];
  }>(PRINCIPAL, 'county', 'schoolView', {});
  expect(v.school).toEqual(d.schools.find((x) => x.schoolId === 'p01'));
  expect(v.indicators.row?.schoolId).toBe('p01');
  expect(Object.keys(v.indicators.standards)).toHaveLength(7);
  for (const f of v.findings) for (const r of f.records) if (r.kind === 'school') expect(r.id).toBe('p01');
  expect(await h.call(ADMIN, 'county', 'schoolView', {})).toMatchObject({ code: 'FORBIDDEN' });
});
