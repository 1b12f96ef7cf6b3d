/**
 * The schools-and-teachers tables: the demo county survives a round trip through its rows, and
 * each kind of bad row is reported with its sheet, row and a Chinese message (named cases).
 */
import { schoolRow, staffTableParse, teacherRow } from '../../shared/county/staffTable';
import { demoCounty } from '../../server/host/seed';

const c = demoCounty();
const text = (rows: (string | number)[][]) => rows.map((r) => r.map(String));
const schoolRows = text(c.schools.map(schoolRow));
const teacherRows = text(c.teachers.map(teacherRow));

test('the demo county round-trips through its rows (exemptions, rural months, 借调 and places too)', () => {
  const teachers = c.teachers.map((t, i) =>
    i === 0
      ? { ...t, status: { breastfeeding: true, deferredUntil: 2028 }, teachingAt: c.schools[1]!.id }
      : t,
  );
  const schools = c.schools.map((s, i) =>
    i === 0 ? { ...s, rotationPlaces: 3, shortages: ['体育', '音乐'] } : s,
  );
  const r = staffTableParse(text(schools.map(schoolRow)), text(teachers.map(teacherRow)), c.schools, 2027);
  if (r.status !== 'valid') throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  expect(r.schools).toEqual(schools);
  expect(r.teachers).toEqual(teachers);
});

const withTeacher = (i: number, col: number, value: string) =>
  teacherRows.map((r, k) => (k === i ? r.map((x, j) => (j === col ? value : x)) : r));
const cases: [string, string[][], string[][], RegExp][] = [
  ['unknown gender', schoolRows, withTeacher(3, 2, '未知'), /第5行.*性别应填/],
  ['birth year out of range', schoolRows, withTeacher(0, 3, '1900'), /第2行.*出生年份/],
  ['unknown school', schoolRows, withTeacher(1, 4, 'nowhere'), /第3行.*编制学校代码“nowhere”不存在/],
  ['bad title', schoolRows, withTeacher(2, 6, '教授'), /第4行.*职称应为/],
  ['bad deferral', schoolRows, withTeacher(2, 11, '出差'), /暂缓情形“出差”无法识别/],
  ['duplicate id', schoolRows, withTeacher(1, 0, teacherRows[0]![0]!), /第3行.*教师编号.*重复/],
  [
    'a school left out',
    schoolRows.slice(1),
    teacherRows.filter((r) => r[4] !== c.schools[0]!.id),
    /不在表中：导入不能删除学校/,
  ],
  [
    'stage changed',
    schoolRows.map((r, k) =>
      k === 0 ? r.map((x, j) => (j === 2 ? (x === '小学' ? '初中' : '小学') : x)) : r,
    ),
    teacherRows,
    /学段不能通过导入更改/,
  ],
  [
    'places not a number',
    schoolRows.map((r, k) => (k === 0 ? r.map((x, j) => (j === 11 ? '很多' : x)) : r)),
    teacherRows,
    /交流接收名额应为/,
  ],
];
test.each(cases)('%s is reported with its row', (_name, schools, teachers, pattern) => {
  const r = staffTableParse(schools, teachers, c.schools, 2027);
  expect(r.status).toBe('invalid');
  if (r.status !== 'invalid') return;
  const lines = r.problems.map((p) => `${p.sheet}表第${p.row}行：${p.message}`);
  expect(lines.join('\n')).toMatch(pattern);
});

test('an empty teacher table is refused', () => {
  const r = staffTableParse(schoolRows, [], c.schools, 2027);
  expect(r).toMatchObject({
    status: 'invalid',
    problems: [{ sheet: '教师', message: '教师表中没有数据。' }],
  });
});
