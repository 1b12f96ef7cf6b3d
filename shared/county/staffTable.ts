/**
 * The county's schools and teachers as two spreadsheet tables (the bureau's staff and facility
 * records for 交流轮岗 and the 优质均衡 indicators), parsed with a row-level report: every problem
 * names its sheet and row and says what to fix. Nothing is imported unless every row is right.
 * Schools are updated or added, never removed by an import (registrations and zones point at
 * them); the teacher table is the whole roster.
 */
import { asSchoolId, asTeacherId } from '../brand';
import type { SheetRowProblem } from '../importProblems';
import type { TeacherStatus } from '../rotation/eligibility';
import {
  backboneLevels,
  educationLevels,
  teacherTitles,
  type BackboneLevel,
  type EducationLevel,
  type School,
  type Teacher,
  type TeacherTitle,
} from './types';

export const schoolTableHeader = [
  '学校代码',
  '学校名称',
  '学段',
  '城乡',
  '乡镇',
  '在校生数',
  '起始年级班数',
  '教学及辅助用房面积',
  '体育运动场馆面积',
  '教学仪器设备值（元）',
  '网络多媒体教室数',
  '交流接收名额',
  '紧缺学科',
] as const;

export const teacherTableHeader = [
  '教师编号',
  '姓名',
  '性别',
  '出生年份',
  '编制学校代码',
  '任教学科',
  '职称',
  '骨干级别',
  '学历',
  '本校任教年数',
  '是否校长',
  '暂缓情形',
  '乡村或薄弱学校任教月数',
  '实际任教学校代码',
] as const;

/** A row's problem on one of the workbook's two sheets. */
export interface StaffRowProblem extends SheetRowProblem {
  readonly sheet: '学校' | '教师';
}

export type StaffTableParse =
  | { readonly status: 'valid'; readonly schools: readonly School[]; readonly teachers: readonly Teacher[] }
  | { readonly status: 'invalid'; readonly problems: readonly StaffRowProblem[] };

const stageText = { primary: '小学', junior: '初中' } as const;
const localityText = { town: '城镇', village: '乡村' } as const;
const backboneText: Record<BackboneLevel, string> = {
  none: '无',
  county: '县级',
  city: '市级',
  province: '省级',
};

const list = (s: string): string[] =>
  s
    .split(/[、,，;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

const keyOf = <K extends string>(m: Readonly<Record<K, string>>, v: string): K | undefined =>
  (Object.keys(m) as K[]).find((k) => m[k] === v);

/** 暂缓情形 as one cell: 孕期 / 哺乳期 / 病休 / 暂缓至YYYY, several separated by 、. */
function statusText(st: TeacherStatus | undefined): string {
  if (!st) return '';
  const out: string[] = [];
  if (st.pregnant) out.push('孕期');
  if (st.breastfeeding) out.push('哺乳期');
  if (st.illness) out.push('病休');
  if (st.deferredUntil !== undefined) out.push(`暂缓至${st.deferredUntil}`);
  return out.join('、');
}

function statusParse(s: string): TeacherStatus | string | undefined {
  let st: { -readonly [K in keyof TeacherStatus]: TeacherStatus[K] } = {};
  for (const part of list(s)) {
    const until = /^暂缓至(\d{4})年?$/.exec(part);
    if (part === '孕期') st = { ...st, pregnant: true };
    else if (part === '哺乳期') st = { ...st, breastfeeding: true };
    else if (part === '病休') st = { ...st, illness: true };
    else if (until) st = { ...st, deferredUntil: Number(until[1]) };
    else return `暂缓情形“${part}”无法识别，可填：孕期、哺乳期、病休、暂缓至2028。`;
  }
  return Object.keys(st).length > 0 ? st : undefined;
}

export function schoolRow(s: School): (string | number)[] {
  return [
    s.id,
    s.name,
    stageText[s.stage],
    localityText[s.locality],
    s.township,
    s.enrolment,
    s.entryClasses,
    s.facilities.teachingAreaM2,
    s.facilities.sportsAreaM2,
    s.facilities.equipmentValueYuan,
    s.facilities.multimediaRooms,
    s.rotationPlaces ?? '',
    (s.shortages ?? []).join('、'),
  ];
}

export function teacherRow(t: Teacher): (string | number)[] {
  return [
    t.id,
    t.name,
    t.gender === 'F' ? '女' : '男',
    t.birthYear,
    t.schoolId,
    t.subject,
    t.title,
    backboneText[t.backbone],
    t.education,
    t.yearsAtSchool,
    t.isPrincipal ? '是' : '否',
    statusText(t.status),
    t.ruralMonths ?? 0,
    t.teachingAt ?? '',
  ];
}

/** A whole number in [min, max] from a cell, or null. */
function int(s: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

/**
 * Parses both tables (data rows without the header). `existing` are the county's schools now:
 * each must still be in the school table (an import does not delete a school); `year` bounds
 * birth years.
 */
export function staffTableParse(
  schoolRows: readonly (readonly string[])[],
  teacherRows: readonly (readonly string[])[],
  existing: readonly School[],
  year: number,
): StaffTableParse {
  const problems: StaffRowProblem[] = [];
  const schools: School[] = [];
  const before = new Map(existing.map((s) => [s.id as string, s]));
  schoolRows.forEach((raw, i) => {
    const row = i + 2;
    const c = raw.map((x) => x.trim());
    if (c.every((x) => !x)) return;
    const bad = (message: string) => problems.push({ sheet: '学校', row, message });
    const [id = '', name = '', st = '', loc = '', township = ''] = c;
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) bad('学校代码应为1至40位字母、数字、下划线或短横线。');
    else if (schools.some((s) => s.id === id)) bad(`学校代码“${id}”重复。`);
    if (!name) bad('请填写学校名称。');
    const stage = keyOf(stageText, st);
    if (!stage) bad('学段应填“小学”或“初中”。');
    const locality = keyOf(localityText, loc);
    if (!locality) bad('城乡应填“城镇”或“乡村”。');
    if (!township) bad('请填写乡镇。');
    const nums = [5, 6, 7, 8, 9, 10].map((k) => int(c[k] ?? '', 0, k === 9 ? 1e10 : 1e7));
    const names = [
      '在校生数',
      '起始年级班数',
      '教学及辅助用房面积',
      '体育运动场馆面积',
      '教学仪器设备值',
      '网络多媒体教室数',
    ];
    nums.forEach((n, k) => n === null && bad(`${names[k]}应为不小于0的整数。`));
    const placesText = c[11] ?? '';
    const places = placesText ? int(placesText, 0, 1000) : null;
    if (placesText && places === null) bad('交流接收名额应为0至1000的整数，留空按教职工数的五分之一。');
    const prior = before.get(id);
    if (prior && stage && prior.stage !== stage) bad(`学校“${prior.name}”的学段不能通过导入更改。`);
    if (!stage || !locality || nums.some((n) => n === null)) return;
    const [enrolment, entryClasses, teachingAreaM2, sportsAreaM2, equipmentValueYuan, multimediaRooms] =
      nums as number[];
    const shortages = list(c[12] ?? '');
    schools.push({
      id: asSchoolId(id),
      name,
      stage,
      locality,
      township,
      ...(prior?.location ? { location: prior.location } : {}),
      entryClasses: entryClasses as number,
      enrolment: enrolment as number,
      facilities: {
        teachingAreaM2: teachingAreaM2 as number,
        sportsAreaM2: sportsAreaM2 as number,
        equipmentValueYuan: equipmentValueYuan as number,
        multimediaRooms: multimediaRooms as number,
      },
      ...(places !== null ? { rotationPlaces: places } : {}),
      ...(shortages.length > 0 ? { shortages } : {}),
    });
  });
  for (const s of existing)
    if (!schoolRows.some((r) => (r[0] ?? '').trim() === s.id))
      problems.push({
        sheet: '学校',
        row: schoolRows.length + 2,
        message: `学校“${s.name}”（${s.id}）不在表中：导入不能删除学校，请保留该行。`,
      });
  const schoolIds = new Set([...schools.map((s) => s.id as string), ...before.keys()]);

  const teachers: Teacher[] = [];
  const seen = new Set<string>();
  teacherRows.forEach((raw, i) => {
    const row = i + 2;
    const c = raw.map((x) => x.trim());
    if (c.every((x) => !x)) return;
    const bad = (message: string) => problems.push({ sheet: '教师', row, message });
    const [
      id = '',
      name = '',
      g = '',
      birth = '',
      schoolId = '',
      subject = '',
      title = '',
      bb = '',
      edu = '',
    ] = c;
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) bad('教师编号应为1至40位字母、数字、下划线或短横线。');
    else if (seen.has(id)) bad(`教师编号“${id}”重复。`);
    seen.add(id);
    if (!name) bad('请填写姓名。');
    const gender = g === '男' ? 'M' : g === '女' ? 'F' : null;
    if (!gender) bad('性别应填“男”或“女”。');
    const birthYear = int(birth, year - 70, year - 17);
    if (birthYear === null) bad(`出生年份应为${year - 70}至${year - 17}之间的年份。`);
    if (!schoolIds.has(schoolId)) bad(`编制学校代码“${schoolId}”不存在。`);
    if (!subject) bad('请填写任教学科。');
    if (!(teacherTitles as readonly string[]).includes(title)) bad(`职称应为：${teacherTitles.join('、')}。`);
    const backbone = keyOf(backboneText, bb);
    if (!backbone) bad(`骨干级别应为：${backboneLevels.map((b) => backboneText[b]).join('、')}。`);
    if (!(educationLevels as readonly string[]).includes(edu))
      bad(`学历应为：${educationLevels.join('、')}。`);
    const years = int(c[9] ?? '', 0, 50);
    if (years === null) bad('本校任教年数应为0至50的整数。');
    const principal = c[10] === '是' ? true : c[10] === '否' || !c[10] ? false : null;
    if (principal === null) bad('是否校长应填“是”或“否”。');
    const status = statusParse(c[11] ?? '');
    if (typeof status === 'string') bad(status);
    const months = c[12] ? int(c[12], 0, 600) : 0;
    if (months === null) bad('乡村或薄弱学校任教月数应为0至600的整数。');
    const teachingAt = c[13] ?? '';
    if (teachingAt && !schoolIds.has(teachingAt)) bad(`实际任教学校代码“${teachingAt}”不存在。`);
    if (
      !gender ||
      birthYear === null ||
      !backbone ||
      years === null ||
      principal === null ||
      typeof status === 'string' ||
      months === null
    )
      return;
    teachers.push({
      id: asTeacherId(id),
      name,
      gender,
      birthYear,
      schoolId: asSchoolId(schoolId),
      subject,
      title: title as TeacherTitle,
      backbone,
      education: edu as EducationLevel,
      yearsAtSchool: years,
      isPrincipal: principal,
      ...(status ? { status } : {}),
      ...(months > 0 ? { ruralMonths: months } : {}),
      ...(teachingAt && teachingAt !== schoolId ? { teachingAt: asSchoolId(teachingAt) } : {}),
    });
  });
  if (teachers.length === 0 && problems.length === 0)
    problems.push({ sheet: '教师', row: 2, message: '教师表中没有数据。' });
  return problems.length > 0 ? { status: 'invalid', problems } : { status: 'valid', schools, teachers };
}
