/**
 * The bureau's dashboard, 表表相通: every figure computed two ways — the dashboard counts from the
 * registrations themselves; the school capacity page and the county overview count in the
 * database; the rotation page computes the indicators — and they must agree.
 */
import type { FileDownload } from '../../shared/download';
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
  indicators: {
    current: { stage: string; cv: Record<string, number> }[];
    afterRotation: { stage: string; cv: Record<string, number> }[] | null;
  };
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
  expect(d.indicators.current.map((t) => [t.stage, t.cv])).toEqual(p.tables.map((t) => [t.stage, t.cv]));
  for (const f of d.findings) expect(f.records.length).toBeGreaterThan(0);
});

test('a principal sees their own school’s slice, with the same figures as the bureau’s dashboard', async () => {
  const d = await h.data<Dashboard>(ADMIN, 'county', 'dashboard', {});
  const v = await h.data<{
    school: { schoolId: string; applicants: number; seats: number };
    indicators: {
      current: { schoolId: string; passes: boolean } | null;
      afterRotation: unknown;
      standards: Record<string, number>;
    };
    findings: { records: { kind: string; id: string }[] }[];
  }>(PRINCIPAL, 'county', 'schoolView', {});
  expect(v.school).toEqual(d.schools.find((x) => x.schoolId === 'p01'));
  expect(v.indicators.current?.schoolId).toBe('p01');
  expect(v.indicators.afterRotation).toBeNull(); // no rotation plan published yet
  expect(Object.keys(v.indicators.standards)).toHaveLength(7);
  for (const f of v.findings) for (const r of f.records) if (r.kind === 'school') expect(r.id).toBe('p01');
  expect(await h.call(ADMIN, 'county', 'schoolView', {})).toMatchObject({ code: 'FORBIDDEN' });
});

/**
 * 表表相通 for the seven indicators (#19 item 7): the principal's 本校督导 page, the bureau's school
 * record, the bureau's indicator record, the dashboard and the inspection workbook are built by
 * different calls; every value shown under 当前 and under 轮岗后 must be the same number, before
 * and after a rotation plan is published.
 */
describe('one figure for each indicator label (当前 / 轮岗后) on every page and export', () => {
  type Row = {
    schoolId: string;
    values: Record<string, number>;
    met: Record<string, boolean>;
    passes: boolean;
  };
  type Tables = { stage: string; schools: Row[]; cv: Record<string, number> }[];
  type Figure = { value: number; met: boolean };
  const school = 'p01';

  async function everyPage() {
    const d = await h.data<{ indicators: { current: Tables; afterRotation: Tables | null } }>(
      ADMIN,
      'county',
      'dashboard',
      {},
    );
    const principal = await h.data<{
      indicators: { current: Row | null; afterRotation: Row | null };
    }>(PRINCIPAL, 'county', 'schoolView', {});
    const record = await h.data<{
      indicators: { key: string; current: Figure; afterRotation: Figure | null }[];
      indicatorsPass: { current: boolean | null; afterRotation: boolean | null };
    }>(ADMIN, 'county', 'record', { kind: 'school', id: school });
    const indicator = await h.data<{
      cvCurrent: number;
      cvAfterRotation: number | null;
      schools: { schoolId: string; current: Figure; afterRotation: Figure | null }[];
    }>(ADMIN, 'county', 'record', { kind: 'indicator', id: 'primary:backboneTeachers' });
    const file = await h.data<FileDownload>(ADMIN, 'reports', 'oversightExport', {});
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(h.download(file) as unknown as ArrayBuffer);
    const sheet: unknown[][] = [];
    book.getWorksheet('七项指标')!.eachRow((r) => void sheet.push((r.values as unknown[]).slice(1)));
    return { d, principal, record, indicator, sheet };
  }

  const check = async (published: boolean) => {
    const { d, principal, record, indicator, sheet } = await everyPage();
    const { indicatorKeys, indicatorLabels } = await import('../../shared/rotation/indicators');
    const dashRow = (tables: Tables | null) =>
      tables?.find((t) => t.stage === 'primary')?.schools.find((x) => x.schoolId === school) ?? null;
    const now = dashRow(d.indicators.current)!;
    const later = dashRow(d.indicators.afterRotation);
    expect(later !== null).toBe(published);
    expect(principal.indicators.current).toEqual(now);
    expect(principal.indicators.afterRotation).toEqual(later);
    expect(record.indicatorsPass).toEqual({ current: now.passes, afterRotation: later?.passes ?? null });
    // The workbook's header names the two columns with the same labels as the pages.
    expect(sheet[0]!.slice(3, 5)).toEqual(['当前', '轮岗后']);
    const name = (
      await h.data<{ schools: { schoolId: string; name: string }[] }>(ADMIN, 'county', 'dashboard', {})
    ).schools.find((x) => x.schoolId === school)!.name;
    for (const k of indicatorKeys) {
      const r = record.indicators.find((x) => x.key === k)!;
      expect(r.current).toEqual({ value: now.values[k], met: now.met[k] });
      expect(r.afterRotation).toEqual(later ? { value: later.values[k], met: later.met[k] } : null);
      const cells = sheet.find((c) => c[0] === name && c[2] === indicatorLabels[k])!;
      expect(cells[3]).toBe(Number(now.values[k]!.toFixed(2)));
      expect(cells[4]).toBe(later ? Number(later.values[k]!.toFixed(2)) : '—');
    }
    const mine = indicator.schools.find((x) => x.schoolId === school)!;
    expect(mine.current).toEqual({ value: now.values['backboneTeachers'], met: now.met['backboneTeachers'] });
    expect(mine.afterRotation).toEqual(
      later ? { value: later.values['backboneTeachers'], met: later.met['backboneTeachers'] } : null,
    );
    expect(indicator.cvCurrent).toBe(
      d.indicators.current.find((t) => t.stage === 'primary')!.cv['backboneTeachers'],
    );
    expect(indicator.cvAfterRotation).toBe(
      d.indicators.afterRotation?.find((t) => t.stage === 'primary')!.cv['backboneTeachers'] ?? null,
    );
    return { now, later };
  };

  test('before any plan: only 当前, the same everywhere; after publishing: 轮岗后 too, the same everywhere, and it moved', async () => {
    await check(false);
    const p = await h.data<{ issues: { code: string; subject: string }[] }>(ADMIN, 'rotation', 'preview', {
      seed: '2027',
    });
    await h.data(ADMIN, 'rotation', 'publish', {
      seed: '2027',
      override: {
        acknowledged: p.issues.map((x) => `${x.code}|${x.subject}`),
        reason: '乡村初中接收名额今年无法增加，先按现有名额公示。',
      },
    });
    const { now, later } = await check(true);
    // The plan moves teachers out of 城关第一小学: 轮岗后 differs from 当前 there.
    expect(later!.values).not.toEqual(now.values);
  });
});
