/**
 * The planner's model of one year's rotation (交流轮岗) as flows of teacher types: who may move
 * (eligible teachers at schools that have an allowed destination), grouped by what moving one of
 * them does — the sending school, the school where they are counted now (their 借调 school or
 * their own), which of the three teacher indicators they take from there and add at a receiving
 * school, whether they are 骨干, and their nomination rank — the receiving schools each sender may
 * use with their places, each sender's quota, each stage's number of moves and the county's 骨干
 * minimum. Teachers of one group are interchangeable for every rule and for the 差异系数, so the
 * search works on how many of each group go where, and teachers are named at the end.
 */
import type { Stage } from '../settings';
import { countsForCv, isBackbone, teacherIndicators, type IndicatorKey } from './indicators';
import { allowed, ceilShare, qualifies, stageModel } from './model';
import type { RotationSchool, RotationTeacher } from './types';
import type { RotationSettings } from './eligibility';

export const stages: readonly Stage[] = ['primary', 'junior'];

/** One kind of move: teachers interchangeable for every rule and for the 差异系数. */
export interface FlowGroup {
  /** Index of the sending school (their 编制 school). */
  readonly sender: number;
  /** Index of the school where they are counted now (the sender, or a 借调 school). */
  readonly origin: number;
  /** Indicators (bit j = teacherIndicators[j]) they count for where they are counted now. */
  readonly minus: number;
  /** Indicators they count for at a receiving school (the sender's stage). */
  readonly plus: number;
  readonly backbone: boolean;
  /** 0: 个人申请, 1: 学校推荐, 2: not nominated (or the fallback order, see `flowModel`). */
  readonly rank: number;
  /** The group's teachers, in the order they are named (longest at the school first). */
  readonly teachers: readonly RotationTeacher[];
}

export interface FlowModel {
  /** Every school of the county, in id order; other arrays are indexed like it. */
  readonly schools: readonly RotationSchool[];
  readonly index: ReadonlyMap<string, number>;
  readonly stageOf: readonly Stage[];
  readonly pupils: readonly number[];
  /** Whether the school counts for the 差异系数 (`countsForCv`). */
  readonly counted: readonly boolean[];
  /** Teachers' resources where they are counted now: res[j][school] for teacherIndicators[j]. */
  readonly res: readonly (readonly number[])[];
  /** Receiving places (rotation places, or a fifth of the staff, at least 1). */
  readonly capacity: readonly number[];
  /** Allowed receiving schools of each school (empty: it does not send). */
  readonly receivers: readonly (readonly number[])[];
  readonly groups: readonly FlowGroup[];
  /** Group indices of each sending school. */
  readonly groupsOf: readonly (readonly number[])[];
  /** Eligible teachers of each sending school per rank (the nomination order's classes). */
  readonly rankSize: readonly (readonly number[])[];
  /** Each sender's quota (ceil of the share of its eligible teachers; 0 if it does not send). */
  readonly quota: readonly number[];
  /** Moves in each stage: the senders' quotas, or the stage's share if larger (as many as can go). */
  readonly target: Readonly<Record<Stage, number>>;
  /** Eligible teachers in each stage (for the plan's counts). */
  readonly eligibleIn: Readonly<Record<Stage, number>>;
  /** The county's 骨干 minimum over all moves. */
  readonly backboneNeed: number;
  /** Nominees go first only within 骨干 and within the rest (see `flowModel`). */
  readonly backboneFirst: boolean;
}

/** Bit mask of the teacher indicators a teacher counts for at a school of `stage`. */
export const indicatorMask = (t: RotationTeacher, stage: Stage): number =>
  teacherIndicators.reduce((m, k: IndicatorKey, j) => (qualifies(k, t, stage) ? m | (1 << j) : m), 0);

const nominationRank = (t: RotationTeacher) =>
  t.nominated === 'self' ? 0 : t.nominated === 'school' ? 1 : 2;

/**
 * The model of a year's rotation. `backboneFirst` is the fallback order when nominees first would
 * leave the county short of 骨干: then a school's 骨干 go before its other teachers, nominees first
 * within each.
 */
export function flowModel(
  schoolsIn: readonly RotationSchool[],
  teachers: readonly RotationTeacher[],
  eligible: ReadonlySet<string>,
  s: RotationSettings,
  backboneFirst = false,
): FlowModel {
  const schools = [...schoolsIn].sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new Map(schools.map((x, i) => [x.id, i]));
  const n = schools.length;
  const stageOf = schools.map((x) => x.stage);
  const pupils = schools.map((x) => x.enrolment);
  const counted = schools.map(countsForCv);
  const res = teacherIndicators.map(() => new Array<number>(n).fill(0));
  for (const t of teachers) {
    const at = index.get(t.teachingAt ?? t.schoolId) ?? index.get(t.schoolId);
    if (at === undefined) continue;
    const mask = indicatorMask(t, stageOf[at] as Stage);
    res.forEach((r, j) => {
      if (mask & (1 << j)) r[at] = (r[at] as number) + 1;
    });
  }
  const capacity = new Array<number>(n).fill(0);
  const receivers: number[][] = schools.map(() => []);
  for (const stage of stages) {
    const m = stageModel(stage, schools, teachers);
    m.schools.forEach((x, a) => {
      const i = index.get(x.id) as number;
      capacity[i] = m.capacity[a] as number;
      m.schools.forEach((y, b) => {
        if (allowed(m, a, b)) receivers[i]?.push(index.get(y.id) as number);
      });
    });
  }
  receivers.forEach((r) => r.sort((a, b) => a - b));

  const byKey = new Map<string, { g: Omit<FlowGroup, 'teachers'>; teachers: RotationTeacher[] }>();
  const rankSize = schools.map(() => [0, 0, 0, 0]);
  const eligibleIn: Record<Stage, number> = { primary: 0, junior: 0 };
  const pool: Record<Stage, number> = { primary: 0, junior: 0 };
  const poolOf = new Array<number>(n).fill(0);
  for (const t of teachers) {
    const sender = index.get(t.schoolId);
    if (sender === undefined || !eligible.has(t.id)) continue;
    const stage = stageOf[sender] as Stage;
    eligibleIn[stage]++;
    if ((receivers[sender] as number[]).length === 0) continue;
    pool[stage]++;
    poolOf[sender] = (poolOf[sender] as number) + 1;
    const origin = index.get(t.teachingAt ?? t.schoolId) ?? sender;
    const backbone = isBackbone(t);
    const rank = backboneFirst ? (backbone ? 0 : 2) + (t.nominated ? 0 : 1) : nominationRank(t);
    (rankSize[sender] as number[])[rank] = ((rankSize[sender] as number[])[rank] as number) + 1;
    const g = {
      sender,
      origin,
      minus: indicatorMask(t, stageOf[origin] as Stage),
      plus: indicatorMask(t, stage),
      backbone,
      rank,
    };
    const key = `${sender}|${origin}|${g.minus}|${g.plus}|${Number(backbone)}|${rank}`;
    (byKey.get(key) ?? byKey.set(key, { g, teachers: [] }).get(key))?.teachers.push(t);
  }
  const groups: FlowGroup[] = [...byKey.values()]
    .map(({ g, teachers: ts }) => ({
      ...g,
      teachers: ts.sort((a, b) => b.yearsAtSchool - a.yearsAtSchool || (a.id < b.id ? -1 : 1)),
    }))
    .sort(
      (a, b) =>
        a.sender - b.sender ||
        a.rank - b.rank ||
        a.origin - b.origin ||
        a.plus - b.plus ||
        a.minus - b.minus ||
        Number(b.backbone) - Number(a.backbone),
    );
  const groupsOf: number[][] = schools.map(() => []);
  groups.forEach((g, k) => groupsOf[g.sender]?.push(k));
  const quota = poolOf.map((p) => ceilShare(s.quota, p));
  const target = { primary: 0, junior: 0 } as Record<Stage, number>;
  for (const stage of stages) {
    const sum = quota.reduce((a, q, i) => (stageOf[i] === stage ? a + q : a), 0);
    target[stage] = Math.min(pool[stage], Math.max(sum, ceilShare(s.quota, eligibleIn[stage])));
  }
  const backboneNeed = ceilShare(s.backboneShare, target.primary + target.junior);
  return {
    schools,
    index,
    stageOf,
    pupils,
    counted,
    res,
    capacity,
    receivers,
    groups,
    groupsOf,
    rankSize,
    quota,
    target,
    eligibleIn,
    backboneNeed,
    backboneFirst,
  };
}
