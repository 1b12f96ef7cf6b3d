/**
 * The rotation model shared by the planner, the hand adjustments and the validators: each stage's
 * schools with their teacher-indicator resources, receiving places and strong/weak standing, the
 * allowed directions, and how one move is written up (the reason trail a teacher reads).
 */
import type { Stage } from '../settings';
import { aboveRequired, isBackbone, isPeArts, teacherIndicators, type IndicatorKey } from './indicators';
import type { RotationMove, RotationSchool, RotationTeacher } from './types';
import type { RotationSettings } from './eligibility';

export const ceilShare = (share: number, n: number) => (n === 0 ? 0 : Math.ceil(share * n - 1e-9));

export interface StageModel {
  readonly stage: Stage;
  readonly schools: RotationSchool[];
  readonly index: Map<string, number>;
  /** resources[k][school] for the three teacher indicators */
  readonly resources: number[][];
  readonly pupils: number[];
  readonly capacity: number[];
  readonly strong: boolean[];
}

export function stageModel(
  stage: Stage,
  schools: readonly RotationSchool[],
  teachers: readonly RotationTeacher[],
): StageModel {
  const list = schools.filter((s) => s.stage === stage).sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new Map(list.map((s, i) => [s.id, i]));
  const resources = teacherIndicators.map(() => list.map(() => 0));
  const staff = list.map(() => 0);
  for (const t of teachers) {
    const i = index.get(t.schoolId);
    if (i === undefined) continue;
    staff[i] = (staff[i] as number) + 1;
    teacherIndicators.forEach((k, j) => {
      if (qualifies(k, t, stage))
        (resources[j] as number[])[i] = ((resources[j] as number[])[i] as number) + 1;
    });
  }
  const pupils = list.map((s) => s.enrolment);
  // Strong: above the stage's (enrolment-weighted) mean on at least two of the three indicators.
  const strong = list.map((_, i) => {
    let above = 0;
    resources.forEach((r) => {
      const mean =
        r.reduce((a, b) => a + b, 0) /
        Math.max(
          1,
          pupils.reduce((a, b) => a + b, 0),
        );
      if ((r[i] as number) / Math.max(1, pupils[i] as number) > mean) above++;
    });
    return above >= 2;
  });
  const capacity = list.map((s, i) => s.vacancies ?? Math.max(1, Math.ceil((staff[i] as number) / 5)));
  return { stage, schools: list, index, resources, pupils, capacity, strong };
}

export const qualifies = (k: IndicatorKey, t: RotationTeacher, stage: Stage): boolean =>
  k === 'qualifiedTeachers'
    ? aboveRequired(t, stage)
    : k === 'backboneTeachers'
      ? isBackbone(t)
      : isPeArts(t);

/** Allowed direction: 城镇→乡村, or 优质→薄弱. */
export function allowed(m: StageModel, from: number, to: number): boolean {
  if (from === to) return false;
  const a = m.schools[from] as RotationSchool;
  const b = m.schools[to] as RotationSchool;
  return (
    (a.locality === 'town' && b.locality === 'village') || (m.strong[from] === true && m.strong[to] === false)
  );
}

export const distance = (a: RotationSchool, b: RotationSchool) =>
  a.location && b.location ? Math.hypot(a.location.x - b.location.x, a.location.y - b.location.y) : 0;

/** First and last month of a rotation starting in `year` (YYYY-MM), for the national record. */
export function rotationMonths(year: number, s: RotationSettings): { start: string; end: string } {
  const start = `${year}-${String(s.startMonth).padStart(2, '0')}`;
  const endYear = year + s.durationYears;
  const end = `${s.startMonth === 1 ? endYear - 1 : endYear}-${String(s.startMonth === 1 ? 12 : s.startMonth - 1).padStart(2, '0')}`;
  return { start, end };
}

const nominationTexts = { self: '本人申请交流', school: '学校推荐交流' } as const;

/**
 * One move in the national record's shape, with the reasons the teacher reads: their eligibility
 * trail, the nomination, the direction, what they add to the receiving school, the distance.
 */
export function moveOf(
  t: RotationTeacher,
  from: RotationSchool,
  dest: RotationSchool,
  stage: Stage,
  eligibilityReasons: readonly string[],
  months: { start: string; end: string },
  byHand: boolean,
): RotationMove {
  const why = [...eligibilityReasons];
  if (t.nominated) why.push(nominationTexts[t.nominated]);
  why.push(
    from.locality === 'town' && dest.locality === 'village'
      ? `由城镇学校（${from.name}）到乡村学校（${dest.name}）`
      : `由优质学校（${from.name}）到薄弱学校（${dest.name}）`,
  );
  const helps = teacherIndicators
    .filter((k) => qualifies(k, t, stage))
    .map(
      (k) =>
        ({
          qualifiedTeachers: '高于规定学历',
          backboneTeachers: '县级以上骨干',
          peArtsTeachers: '体育艺术专任',
        })[k as 'qualifiedTeachers'],
    );
  if (helps.length > 0) why.push(`补充${dest.name}的${helps.join('、')}教师，缩小校际差距`);
  if (dest.shortages?.includes(t.subject)) why.push(`${dest.name}缺${t.subject}教师`);
  const d = distance(from, dest);
  if (d > 0) why.push(`两校相距约${d.toFixed(1)}公里`);
  if (byHand) why.push('教育局人工调整');
  return {
    teacherId: t.id,
    name: t.name,
    from: from.id,
    to: dest.id,
    form: '交流轮岗',
    personnelMoves: false,
    startMonth: months.start,
    endMonth: months.end,
    backbone: isBackbone(t),
    reasons: why,
  };
}
