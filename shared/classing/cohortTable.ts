/**
 * The cohort as an Excel table a school can fill in (for entry scores and groups the registration
 * does not hold): one row per student. Parsing lists every row's problem with its row number and
 * imports nothing until all are fixed.
 */
import type { ClassingStudent } from './types';

export const cohortTableHeader = [
  '学号',
  '姓名',
  '性别',
  '语文',
  '数学',
  '英语',
  '群体（、分隔）',
  '来源学校',
  '需同班（学号）',
  '需分班（学号）',
] as const;

export const cohortTableExample: readonly (readonly string[])[] = [
  ['2027001', '张小明', '男', '92', '88', '95', '留守', '城关第一小学', '2027002', ''],
  ['2027002', '张小红', '女', '90', '91', '93', '留守', '城关第一小学', '2027001', '2027003'],
];

const subjectColumns = [
  [3, 'chinese'],
  [4, 'math'],
  [5, 'english'],
] as const;

export const allowedGroups = ['留守', '随迁', '随班就读', '住校', '建档立卡'] as const;

export type CohortTableParse =
  | {
      readonly status: 'ok';
      readonly students: ClassingStudent[];
      readonly subjects: string[];
      readonly together: string[][];
      readonly apart: string[][];
    }
  | { readonly status: 'invalid'; readonly problems: string[] };

const split = (s: string) =>
  s
    .split(/[、,，;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** `rows` are the data rows (without the header); row numbers in messages count the header as 1. */
export function cohortTableParse(rows: readonly (readonly string[])[]): CohortTableParse {
  const problems: string[] = [];
  const students: ClassingStudent[] = [];
  const pairs: { row: number; id: string; together: string[]; apart: string[] }[] = [];
  const seen = new Map<string, number>();
  const used = new Set<string>();
  rows.forEach((raw, i) => {
    const row = i + 2;
    const cell = (c: number) => String(raw[c] ?? '').trim();
    if (raw.every((v) => String(v ?? '').trim() === '')) return;
    const id = cell(0);
    const name = cell(1);
    const own: string[] = [];
    if (!/^[0-9A-Za-z-]{1,40}$/.test(id)) own.push('学号应为1至40位数字或字母');
    else if (seen.has(id)) own.push(`学号 ${id} 与第${seen.get(id)}行重复`);
    if (name.length < 1 || name.length > 20) own.push('姓名不能为空（最多20个字）');
    const g = cell(2);
    if (g !== '男' && g !== '女') own.push('性别应填“男”或“女”');
    const scores: Record<string, number> = {};
    for (const [c, subject] of subjectColumns) {
      const v = cell(c);
      if (v === '') continue;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0 || n > 150) own.push(`${cohortTableHeader[c]}成绩应为0至150的数`);
      else {
        scores[subject] = n;
        used.add(subject);
      }
    }
    const groups = split(cell(6));
    const bad = groups.filter((x) => !(allowedGroups as readonly string[]).includes(x));
    if (bad.length > 0) own.push(`群体只能是${allowedGroups.join('、')}（第${row}行有“${bad.join('、')}”）`);
    if (own.length > 0) {
      problems.push(`第${row}行：${own.join('；')}。`);
      return;
    }
    seen.set(id, row);
    const school = cell(7);
    students.push({
      id,
      name,
      gender: g === '男' ? 'M' : 'F',
      scores,
      groups,
      ...(school ? { school } : {}),
    });
    pairs.push({ row, id, together: split(cell(8)), apart: split(cell(9)) });
  });
  const together: string[][] = [];
  const apart: string[][] = [];
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const done = new Set<string>();
  for (const p of pairs) {
    for (const [list, out, what] of [
      [p.together, together, '需同班'],
      [p.apart, apart, '需分班'],
    ] as const) {
      for (const other of list) {
        if (!seen.has(other)) problems.push(`第${p.row}行：${what}的学号 ${other} 不在表中。`);
        else if (other === p.id) problems.push(`第${p.row}行：${what}不能填本人学号。`);
        else if (!done.has(`${what}${key(p.id, other)}`)) {
          done.add(`${what}${key(p.id, other)}`);
          out.push([p.id, other].sort());
        }
      }
    }
  }
  if (students.length === 0 && problems.length === 0) problems.push('表中没有学生。');
  if (problems.length > 0) return { status: 'invalid', problems };
  // A subject only counts when every student has its score (a partial column is a mistake).
  const subjects = subjectColumns.map(([, s]) => s as string).filter((s) => used.has(s));
  for (const s of subjects) {
    const missing = students.filter((st) => st.scores?.[s] === undefined).map((st) => st.id);
    if (missing.length > 0)
      problems.push(
        `${cohortTableHeader[subjectColumns.find(([, x]) => x === s)?.[0] ?? 3]}成绩缺少：学号 ${missing.slice(0, 5).join('、')}${missing.length > 5 ? ` 等${missing.length}人` : ''}（要么都填，要么都不填）。`,
      );
  }
  if (problems.length > 0) return { status: 'invalid', problems };
  return { status: 'ok', students, subjects, together, apart };
}
