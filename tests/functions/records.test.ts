/**
 * 督导 click-through (county.record): each finding on the dashboard leads to the record behind it,
 * and that record's page shows the same numbers and the same findings. Also the two checks that
 * need a whole county in motion: children left over after a published draw (PLACEMENT_LEFTOVER)
 * and the published rotation plan's quota and 骨干 share (ROTATION_*).
 */
import type { FileDownload } from '../../shared/download';
import ExcelJS from 'exceljs';
import { rules, type RuleCode } from '../../shared/oversight/rules';
import { formMake } from '../helpers/forms';
import { ADMIN, harnessOpen, PARENT, PRINCIPAL, type Harness } from '../helpers/harness';
import { idNumberMake } from '../helpers/ids';
import { cohortBook, cohortRows } from '../helpers/cohort';
import type { Finding } from '../../shared/oversight/rules';
import type {
  ClassRecordView,
  IndicatorRecordView,
  RegistrationRecordView,
  SchoolRecordView,
} from '../../shared/oversight/recordView';

type Dashboard = {
  findings: Finding[];
  schools: { schoolId: string; seats: number; applicants: number; admitted: number }[];
  indicators: {
    current: { stage: string; cv: Record<string, number> }[];
    afterRotation: { stage: string; cv: Record<string, number> }[] | null;
  };
};

let h: Harness;
let pendingId = '';
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-05-10T02:00:00Z'));
  const submit = (i: number) =>
    h.data<{ id: string; version: number }>(PARENT, 'registration', 'submit', {
      draftId: `draft-rec-${i}`,
      form: formMake({ childName: `督导${'甲乙丙'[i - 1]}`, idNumber: idNumberMake('2020-03-03', 800 + i) }),
      schoolTypeConfirmed: true,
    });
  for (const i of [1, 2]) {
    const r = await submit(i);
    await h.data(PRINCIPAL, 'registration', 'review', { id: r.id, version: r.version, decision: 'approve' });
  }
  pendingId = (await submit(3)).id; // never reviewed: left over once the draw is published

  // 城关第一小学 imports a cohort of 48 and puts it in one class of at most 50: a 大班额 (> 45).
  const v0 = (await h.data<{ version: number }>(PRINCIPAL, 'classing', 'plan', {})).version;
  await h.data(PRINCIPAL, 'reports', 'classingImport', {
    version: v0,
    base64: (await cohortBook(cohortRows(48))).toString('base64'),
  });
  const v1 = (await h.data<{ version: number }>(PRINCIPAL, 'classing', 'plan', {})).version;
  await h.data(PRINCIPAL, 'classing', 'run', { version: v1, classes: 1, cap: 50, seed: 'rec1' });
});
afterAll(async () => {
  await h.store.close();
});

const dashboard = () => h.data<Dashboard>(ADMIN, 'county', 'dashboard', {});
const record = <T>(kind: string, id: string) => h.data<T>(ADMIN, 'county', 'record', { kind, id });

test('CLASS_LARGE leads to the class: its size, the cap, the children in it, the same finding', async () => {
  const d = await dashboard();
  const large = d.findings.filter((f) => f.rule === 'CLASS_LARGE');
  expect(large).toHaveLength(1);
  const ref = large[0]!.records[0]!;
  expect(ref).toMatchObject({ kind: 'class', label: '城关第一小学一年级1班' });
  const c = await record<ClassRecordView>('class', ref.id);
  expect(c).toMatchObject({ kind: 'class', schoolId: 'p01', size: 48, cap: 45, planStatus: 'draft' });
  expect(c.members).toHaveLength(48);
  expect(c.boys + c.girls).toBe(48);
  expect(c.members.map((m) => m.name)).toContain('学生47');
  expect(c.findings).toEqual(large);
});

test('PLACEMENT_LEFTOVER appears only once the draw is published, and leads to the registration', async () => {
  expect((await dashboard()).findings.some((f) => f.rule === 'PLACEMENT_LEFTOVER')).toBe(false);
  await h.data(ADMIN, 'placement', 'freeze', { stage: 'primary' });
  await h.data(ADMIN, 'placement', 'run', { stage: 'primary', seed: '20270601', dryRun: false });
  expect((await dashboard()).findings.some((f) => f.rule === 'PLACEMENT_LEFTOVER')).toBe(false);
  await h.data(ADMIN, 'placement', 'publish', { stage: 'primary' });
  const left = (await dashboard()).findings.filter((f) => f.rule === 'PLACEMENT_LEFTOVER');
  expect(left).toHaveLength(1);
  expect(left[0]!.records.map((r) => r.id)).toEqual([pendingId]);
  const r = await record<RegistrationRecordView>('registration', pendingId);
  expect(r).toMatchObject({ childName: '督导丙', schoolName: '城关第一小学' });
  expect(r.idNumberMasked).not.toContain(idNumberMake('2020-03-03', 803).slice(6, 14));
  expect(r.findings.map((f) => f.rule)).toContain('PLACEMENT_LEFTOVER');
});

test('a school and an indicator open with the dashboard’s own figures', async () => {
  const d = await dashboard();
  const row = d.schools.find((x) => x.schoolId === 'p01')!;
  const s = await record<SchoolRecordView>('school', 'p01');
  expect(s.school).toMatchObject(row);
  expect(s.classes.map((c) => c.size)).toEqual([48]);
  expect(s.indicators).toHaveLength(7);
  const ind = await record<IndicatorRecordView>('indicator', 'primary:qualifiedTeachers');
  expect(ind.cvCurrent).toBe(
    d.indicators.current.find((t) => t.stage === 'primary')!.cv['qualifiedTeachers'],
  );
  expect(ind.cvAfterRotation).toBeNull(); // no plan published yet
  expect(ind.schools.length).toBeGreaterThan(1);
});

test('the published rotation plan is checked on the dashboard with the planner’s own rules', async () => {
  const before = await dashboard();
  expect(before.findings.some((f) => f.rule.startsWith('ROTATION_'))).toBe(false);
  const preview = await h.data<{ issues: { code: string; subject: string }[] }>(
    ADMIN,
    'rotation',
    'preview',
    {
      seed: '2027',
    },
  );
  const pub = await h.data<{ problems: string[] }>(ADMIN, 'rotation', 'publish', {
    seed: '2027',
    override: {
      acknowledged: preview.issues.map((x) => `${x.code}|${x.subject}`),
      reason: '乡村初中接收名额今年无法增加，先按现有名额公示。',
    },
  });
  const rotation = (await dashboard()).findings.filter((f) => f.rule.startsWith('ROTATION_'));
  // Every rotation finding is one of the plan's own problems; quota and 骨干 problems all show.
  for (const f of rotation) expect(pub.problems).toContain(f.text);
  expect(rotation.length).toBe(pub.problems.filter((p) => /少于|名额/.test(p)).length);
});

test('the inspection workbook holds the dashboard’s figures, sheet by sheet (表表相通)', async () => {
  const d = await h.data<
    Dashboard & {
      groups: { label: string; registered: number; admitted: number }[];
      classes: { label: string; size: number; large: boolean }[];
      indicators: { afterRotation: { stage: string; cv: Record<string, number> }[] };
    }
  >(ADMIN, 'county', 'dashboard', {});
  const file = await h.data<FileDownload>(ADMIN, 'reports', 'oversightExport', {});
  expect(file.fileName).toBe('督导报表-2027.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(h.download(file) as unknown as ArrayBuffer);
  const rows = (name: string) => {
    const out: unknown[][] = [];
    book.getWorksheet(name)!.eachRow((r, n) => void (n > 1 && out.push((r.values as unknown[]).slice(1))));
    return out;
  };
  const seats = rows('各校学位');
  expect(seats).toHaveLength(d.schools.length);
  for (const x of d.schools) {
    const row = seats.find((r) => r[0] === (x as unknown as { name: string }).name)!;
    expect([row[4], row[5], row.at(-1)]).toEqual([x.seats, x.applicants, x.admitted]);
  }
  expect(rows('大班额')).toEqual(
    d.classes.filter((c) => c.large).map((c) => [c.label, '小学', c.size, 45, '大班额']),
  );
  expect(rows('特殊群体').map((r) => r.slice(0, 3))).toEqual(
    d.groups.map((g) => [g.label, g.registered, g.admitted]),
  );
  const cv = rows('差异系数');
  const primaryAfter = d.indicators.afterRotation.find((t) => t.stage === 'primary')!.cv;
  expect(cv.filter((r) => r[0] === '小学').map((r) => r[3])).toEqual(
    Object.values(primaryAfter).map((v) => Number(v.toFixed(3))),
  );
  // Findings in words: the rule's text, never its code.
  expect(rows('规则检查').map((r) => [r[0], r[2], r[3]])).toEqual(
    d.findings.map((f) => [rules[f.rule as RuleCode].text, f.text, f.records.length]),
  );
  const words: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => void words.push(String(c.value)))));
  expect(words.filter((w) => /\b[A-Z]+(_[A-Z]+)+\b|§/.test(w))).toEqual([]);
  // No identity number in any cell (the file goes into inspection folders).
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => void cells.push(String(c.value)))));
  expect(cells.length).toBeGreaterThan(50);
  expect(cells.filter((c) => /\d{17}[\dX]/.test(c))).toEqual([]);
});

test('records that do not exist, malformed ids and other roles are refused', async () => {
  expect(await h.call(ADMIN, 'county', 'record', { kind: 'class', id: '2027-p01:9' })).toMatchObject({
    code: 'NOT_FOUND',
  });
  expect(await h.call(ADMIN, 'county', 'record', { kind: 'indicator', id: 'primary:nothing' })).toMatchObject(
    { code: 'NOT_FOUND' },
  );
  expect(await h.call(ADMIN, 'county', 'record', { kind: 'registration', id: 'r-none' })).toMatchObject({
    code: 'NOT_FOUND',
  });
  expect(await h.call(ADMIN, 'county', 'record', { kind: 'class', id: "p01' OR '1'='1" })).toMatchObject({
    code: 'INVALID_INPUT',
  });
  expect(await h.call(ADMIN, 'county', 'record', { kind: 'child', id: 'x' })).toMatchObject({
    code: 'INVALID_INPUT',
  });
  expect(await h.call(PRINCIPAL, 'county', 'record', { kind: 'school', id: 'p01' })).toMatchObject({
    code: 'FORBIDDEN',
  });
});
