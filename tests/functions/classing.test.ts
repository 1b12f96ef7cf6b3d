/**
 * The principal's 均衡编班 on the demo county: the admitted children of 城关第一小学 as the cohort →
 * run (recorded seed) → swap by hand with live figures and rule checks → homeroom draw → a late
 * student → publish → the family sees the class. Other schools and roles cannot touch it.
 */
import type { FileDownload } from '../../shared/download';
import type { PageOf, RegistrationView } from '../../shared/api';
import type { Notice } from '../../shared/registration/types';
import { formMake } from '../helpers/forms';
import {
  ADMIN,
  harnessOpen,
  OTHER_PARENT,
  PARENT,
  PRINCIPAL,
  TEACHER,
  type Harness,
} from '../helpers/harness';
import { idNumberMake } from '../helpers/ids';

const NOW = new Date('2027-05-10T02:00:00Z');
let h: Harness;
const ids: string[] = [];

type Plan = {
  version: number;
  status: string;
  cohortSize: number;
  classes: { label: string; homeroom: string | null; students: { id: string; name: string }[] }[] | null;
  report: { problems: string[]; countRange: Record<string, { value: number }> } | null;
  teachers: { id: string; name: string }[];
};

beforeAll(async () => {
  h = await harnessOpen(NOW);
  // 24 children admitted to p01 (as the draw would leave them), including one pair of twins.
  for (let i = 0; i < 24; i++) {
    const birth = '2020-06-06';
    const twin = i === 1 ? [idNumberMake(birth, 500)] : i === 0 ? [idNumberMake(birth, 501)] : [];
    const r = await h.data<RegistrationView>(PARENT, 'registration', 'submit', {
      draftId: `draft-c${i}`,
      form: formMake({
        childName: `编班${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'一二三'[Math.floor(i / 10)]}`,
        idNumber: idNumberMake(birth, 500 + i),
        twinIdNumbers: twin,
        special: { ...formMake().special, leftBehind: i % 5 === 0 },
      }),
      schoolTypeConfirmed: true,
    });
    let v = r.version;
    const step = async (from: string, to: string, patch = {}) => {
      const res = await h.store.transitionRegistration(
        r.id as never,
        v,
        {
          from: from as never,
          to: to as never,
          at: NOW.toISOString(),
          by: { kind: 'system' },
          reason: 'test',
        },
        patch,
      );
      if (res.status !== 'ok') throw new Error(res.status);
      v = res.registration.version;
    };
    await step('pending_review', 'approved');
    await step('approved', 'awaiting_placement');
    await step('awaiting_placement', 'admitted', {
      placement: {
        runId: 'r',
        schoolId: 'p01',
        lottery: i + 1,
        tierLabel: '一类',
        cutoff: null,
        explanation: 'x',
      },
    });
    ids.push(r.id);
  }
});
afterAll(async () => {
  await h.store.close();
});

test('only the school (or the bureau, to look) reaches its plan', async () => {
  expect(await h.call(PARENT, 'classing', 'plan', {})).toMatchObject({ code: 'FORBIDDEN' });
  expect(await h.call(TEACHER, 'classing', 'plan', {})).toMatchObject({ code: 'FORBIDDEN' });
  expect(await h.call(PRINCIPAL, 'classing', 'plan', { schoolId: 'p02' })).toMatchObject({
    code: 'FORBIDDEN',
  });
  expect(
    await h.call(ADMIN, 'classing', 'run', { version: 0, classes: 2, cap: 45, seed: '1' }),
  ).toMatchObject({
    code: 'FORBIDDEN',
  });
  const looked = await h.data<Plan>(ADMIN, 'classing', 'plan', { schoolId: 'p01' });
  expect(looked.cohortSize).toBe(24);
});

test('an Excel cohort with mistakes is refused row by row; a good one is imported, run and exported; the admitted cohort comes back', async () => {
  const ExcelJS = (await import('exceljs')).default;
  const book = async (rows: (string | number)[][]) => {
    const b = new ExcelJS.Workbook();
    const sh = b.addWorksheet('学生名单');
    sh.addRow(['学号', '姓名', '性别', '语文', '数学', '英语', '群体', '来源学校', '需同班', '需分班']);
    rows.forEach((r) => sh.addRow(r));
    return Buffer.from(await b.xlsx.writeBuffer()).toString('base64');
  };
  const template = await h.data<FileDownload>(PRINCIPAL, 'reports', 'classingTemplate', {});
  expect(template.fileName).toBe('编班学生名单模板.xlsx');
  const v0 = (await h.data<Plan>(PRINCIPAL, 'classing', 'plan', {})).version;
  const bad = await h.data<{ imported: number; problems: string[] }>(PRINCIPAL, 'reports', 'classingImport', {
    version: v0,
    base64: await book([
      ['1', '甲', '男', 90, 80, 70, '', '', '', ''],
      ['1', '乙', '女', 90, 80, 70, '', '', '', ''],
      ['3', '丙', '未知', 200, 80, 70, '外星', '', '', '9'],
    ]),
  });
  expect(bad).toEqual({
    imported: 0,
    problems: [
      '第3行：学号 1 与第2行重复。',
      '第4行：性别应填“男”或“女”；语文成绩应为0至150的数；群体只能是留守、随迁、随班就读、住校、建档立卡（第4行有“外星”）。',
    ],
  });
  expect((await h.data<Plan>(PRINCIPAL, 'classing', 'plan', {})).cohortSize).toBe(24); // nothing saved
  const rows = Array.from({ length: 30 }, (_, i) => [
    String(100 + i),
    `学生${i}`,
    i % 2 ? '女' : '男',
    60 + ((i * 7) % 40),
    55 + ((i * 11) % 45),
    50 + ((i * 13) % 50),
    i % 6 === 0 ? '留守' : '',
    i % 3 ? '城关第一小学' : '城关第二小学',
    i === 0 ? '101' : '',
    i === 2 ? '103' : '',
  ]);
  const good = await h.data<{ imported: number }>(PRINCIPAL, 'reports', 'classingImport', {
    version: v0,
    base64: await book(rows),
  });
  expect(good.imported).toBe(30);
  const imported = await h.data<Plan>(PRINCIPAL, 'classing', 'plan', {});
  expect(imported).toMatchObject({ cohortSize: 30, classes: null });
  const ran = await h.data<Plan & { report: { meanSpread: Record<string, { value: number }> } }>(
    PRINCIPAL,
    'classing',
    'run',
    { version: imported.version, classes: 2, cap: 45, seed: 'x1' },
  );
  expect(Object.keys(ran.report.meanSpread).sort()).toEqual(['chinese', 'english', 'math', 'total']);
  const exported = await h.data<FileDownload & { classes: number }>(
    PRINCIPAL,
    'reports',
    'classingExport',
    {},
  );
  expect(exported.fileName).toBe('城关第一小学2027级分班名单（草稿）.xlsx');
  const out = new ExcelJS.Workbook();
  await out.xlsx.load(h.download(exported) as unknown as ArrayBuffer);
  expect(out.worksheets.map((w) => w.name)).toEqual(['一年级1班', '一年级2班']);
  expect(out.worksheets[0]!.rowCount).toBe(2 + 15);
  expect(JSON.stringify(out.worksheets[0]!.getSheetValues())).not.toMatch(/\d{17}[\dX]/);
  const back = await h.data<Plan>(PRINCIPAL, 'classing', 'useAdmitted', { version: ran.version });
  expect(back).toMatchObject({ cohortSize: 24, classes: null });
});

test('run → swap (preview, then apply) → homeroom draw → late student → publish → the family sees the class', async () => {
  const plan = await h.data<Plan>(PRINCIPAL, 'classing', 'plan', {});
  expect(plan).toMatchObject({ status: 'draft', cohortSize: 24, classes: null });
  const v = plan.version;
  expect(
    await h.call(PRINCIPAL, 'classing', 'run', { version: v, classes: 2, cap: 56, seed: '20270901' }),
  ).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('超大班额') });
  expect(
    await h.call(PRINCIPAL, 'classing', 'run', { version: v, classes: 1, cap: 20, seed: '20270901' }),
  ).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('至少需要2个班') });

  const ran = await h.data<Plan>(PRINCIPAL, 'classing', 'run', {
    version: v,
    classes: 3,
    cap: 45,
    seed: '20270901',
  });
  expect(ran.classes!.map((c) => c.students.length)).toEqual([8, 8, 8]);
  expect(ran.report!.problems).toEqual([]);
  expect(ran.report!.countRange['M']!.value).toBeLessThanOrEqual(1);
  // The twins registered together are in one class.
  const classOf = (p: Plan, id: string) => p.classes!.findIndex((c) => c.students.some((s) => s.id === id));
  expect(classOf(ran, ids[0]!)).toBe(classOf(ran, ids[1]!));

  // Swapping a twin away from the other is refused with the rule named; nothing changes.
  const other = ran.classes!.find((_, k) => k !== classOf(ran, ids[0]!))!.students[0]!.id;
  const preview = await h.data<{ preview: { problems: string[] }; saved: null }>(
    PRINCIPAL,
    'classing',
    'swap',
    {
      version: ran.version,
      a: ids[0],
      b: other,
      apply: false,
    },
  );
  expect(preview.saved).toBeNull();
  expect(preview.preview.problems[0]).toBe('要求同班的学生被分开');
  expect(
    await h.call(PRINCIPAL, 'classing', 'swap', { version: ran.version, a: ids[0], b: other, apply: true }),
  ).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('要求同班的学生被分开') });

  // A legal swap is saved; the old version is then stale.
  const a = ran.classes![classOf(ran, ids[0]!) === 0 ? 1 : 0]!.students[0]!.id;
  const b = ran.classes![2]!.students.find((s) => s.id !== ids[0] && s.id !== ids[1])!.id;
  const swapped = await h.data<{ saved: Plan }>(PRINCIPAL, 'classing', 'swap', {
    version: ran.version,
    a,
    b,
    apply: true,
  });
  expect(classOf(swapped.saved, a)).toBe(2);
  expect(
    await h.call(PRINCIPAL, 'classing', 'swap', { version: ran.version, a, b, apply: true }),
  ).toMatchObject({ code: 'STALE_VERSION' });

  const teachers = swapped.saved.teachers.slice(0, 3).map((t) => t.id);
  expect(
    await h.call(PRINCIPAL, 'classing', 'homeroom', {
      version: swapped.saved.version,
      teacherIds: teachers.slice(0, 2),
      seed: '7',
    }),
  ).toMatchObject({ code: 'INVALID_INPUT', message: '请选择正好 3 位班主任（每班一位）。' });
  const drawn = await h.data<Plan>(PRINCIPAL, 'classing', 'homeroom', {
    version: swapped.saved.version,
    teacherIds: teachers,
    seed: '7',
  });
  expect(new Set(drawn.classes!.map((c) => c.homeroom)).size).toBe(3);

  const late = await h.data<{ label: string; plan: Plan }>(PRINCIPAL, 'classing', 'late', {
    version: drawn.version,
    student: { id: 'late-1', name: '插班生', gender: 'F', groups: ['随迁'] },
  });
  expect(late.label).toMatch(/^一年级[123]班$/);
  expect(late.plan.cohortSize).toBe(25);

  const published = await h.data<{ told: number; plan: Plan }>(PRINCIPAL, 'classing', 'publish', {
    version: late.plan.version,
  });
  expect(published.told).toBe(24);
  expect(await h.call(PRINCIPAL, 'classing', 'publish', { version: published.plan.version })).toMatchObject({
    code: 'INVALID_TRANSITION',
  });

  const child = ids[5]!;
  const admission = await h.data<{ className: string; homeroomTeacher: string }>(
    PARENT,
    'registration',
    'admission',
    {
      id: child,
    },
  );
  expect(admission.className).toBe(published.plan.classes![classOf(published.plan, child)]!.label);
  expect(admission.homeroomTeacher).toBe(published.plan.classes![classOf(published.plan, child)]!.homeroom);
  const inbox = await h.data<PageOf<Notice>>(PARENT, 'registration', 'notices', {});
  expect(inbox.items[0]).toMatchObject({
    title: '分班结果',
    body: expect.stringMatching(/分在一年级[123]班/),
  });
  expect(await h.call(OTHER_PARENT, 'registration', 'admission', { id: child })).toMatchObject({
    code: 'NOT_FOUND',
  });
  expect((await h.store.listAudit('classing:2027-p01')).map((e) => e.action)).toEqual([
    'classing.import',
    'classing.run',
    'classing.run',
    'classing.publish',
  ]);
});
