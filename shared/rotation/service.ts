/**
 * What a teacher's record shows beside the notice: months of rural/weak-school service (the
 * 高级教师 prerequisite, docs/policy.md §5) and the two counts the indicators keep — the official
 * statistics (编制 school; 人事关系 does not move with 交流轮岗) and where teachers actually teach.
 */
import type { School, Teacher } from '../county/types';
import { indicatorTable, schoolResources, type IndicatorTable } from './indicators';

/** Months of rural or weak-school service required to apply for 高级教师 (one year). */
export const seniorTitleMonths = 12;

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;

/**
 * Rural/weak months: those on record plus the whole months of this rotation served so far (from
 * its first month, once the teacher has reported, up to the month before `today`, within the
 * rotation). Every 交流轮岗 move goes to a village or weak school, so every served month counts.
 */
export function ruralMonthsServed(
  onRecord: number,
  move: { readonly startMonth: string; readonly endMonth: string } | null,
  reportedAt: string | null,
  today: string,
): { readonly total: number; readonly thisRotation: number } {
  if (!move || !reportedAt) return { total: onRecord, thisRotation: 0 };
  const length = monthIndex(move.endMonth) - monthIndex(move.startMonth) + 1;
  const served = Math.max(0, Math.min(length, monthIndex(today.slice(0, 7)) - monthIndex(move.startMonth)));
  return { total: onRecord + served, thisRotation: served };
}

export type CountBasis = 'official' | 'teaching';

/**
 * The seven indicators per stage, counting each teacher at their 编制 school ('official') or where
 * they teach ('teaching': 借调 and the like, and this year's rotation moves once they apply).
 */
export function indicatorTables(
  schools: readonly School[],
  teachers: readonly Teacher[],
  basis: CountBasis,
  moves: readonly { readonly teacherId: string; readonly to: string }[] = [],
): IndicatorTable[] {
  const movedTo = new Map(moves.map((m) => [m.teacherId, m.to]));
  const bySchool = new Map<string, Teacher[]>();
  for (const t of teachers) {
    const at =
      basis === 'official'
        ? t.schoolId
        : (movedTo.get(t.id) ?? (t.teachingAt as string | undefined) ?? t.schoolId);
    (bySchool.get(at) ?? bySchool.set(at, []).get(at))?.push(t);
  }
  const resources = schools.map((school) => ({
    school,
    resources: schoolResources(school, bySchool.get(school.id) ?? []),
  }));
  return (['primary', 'junior'] as const).map((stage) => indicatorTable(stage, resources));
}

/**
 * The two labels every page and export gives the seven indicators, so one label always means one
 * number: 当前 — teachers counted at their 编制 school, as the county reports today; 轮岗后 —
 * counted where they will teach once the published rotation plan applies (借调 included).
 */
export const indicatorBasisLabels = { current: '当前', afterRotation: '轮岗后' } as const;
export const indicatorBasisNotes = {
  current: '当前：按教师编制所在学校统计',
  afterRotation: '轮岗后：按已公示交流方案实施后教师实际任教的学校统计（含借调）',
} as const;

export interface IndicatorViews {
  readonly current: readonly IndicatorTable[];
  /** Null while no rotation plan is published. */
  readonly afterRotation: readonly IndicatorTable[] | null;
}

/** The indicator tables under both labels (see indicatorBasisLabels); the one function for them. */
export function indicatorViews(
  schools: readonly School[],
  teachers: readonly Teacher[],
  publishedMoves: readonly { readonly teacherId: string; readonly to: string }[] | null,
): IndicatorViews {
  return {
    current: indicatorTables(schools, teachers, 'official'),
    afterRotation: publishedMoves ? indicatorTables(schools, teachers, 'teaching', publishedMoves) : null,
  };
}
