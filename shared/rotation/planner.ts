/**
 * The rotation planner (交流轮岗): who rotates where this year. Hard rules: at least the quota of
 * eligible teachers from every sending school and county-wide, 骨干 at least the backbone share
 * of those rotated, only allowed directions (城镇→乡村, 优质→薄弱), receiving schools' capacity,
 * one move per teacher, exemptions respected. Objective: the three teacher indicators' 差异系数
 * (rotation keeps the county mean, so moving resources to schools below it lowers them), then
 * distance, then subject shortages and teachers' wishes. A school's nominees (个人申请, then
 * 学校推荐) go before its other eligible teachers and are never swapped out for a non-nominee,
 * unless the backbone share needs it. Seeded, iteration budget only (no clock).
 */
import type { BackboneLevel, EducationLevel, Locality } from '../county/types';
import type { Gender } from '../idNumber';
import { rngFromSeed } from '../random';
import type { Stage } from '../settings';
import {
  defaultRotationSettings,
  rotationEligibility,
  type RotationSettings,
  type TeacherStatus,
} from './eligibility';
import {
  differenceCoefficient,
  isBackbone,
  teacherIndicators,
  weightedCv,
  type IndicatorKey,
} from './indicators';
import {
  allowed,
  ceilShare,
  distance,
  moveOf,
  qualifies,
  rotationMonths,
  stageModel,
  type StageModel,
} from './model';
import { noRoomIssue, rotationIssues, type RotationIssue } from './problems';

export const ROTATION_ALGORITHM = 'junheng-rotation-v1';

export interface RotationSchool {
  readonly id: string;
  readonly name: string;
  readonly stage: Stage;
  readonly locality: Locality;
  readonly enrolment: number;
  readonly location?: { readonly x: number; readonly y: number };
  /** How many rotating teachers the school can take (default: a fifth of its staff, at least 1). */
  readonly vacancies?: number;
  /** Subjects the school is short of. */
  readonly shortages?: readonly string[];
}

export interface RotationTeacher {
  readonly id: string;
  readonly name: string;
  readonly schoolId: string;
  readonly gender: Gender;
  readonly birthYear: number;
  readonly yearsAtSchool: number;
  readonly isPrincipal: boolean;
  readonly backbone: BackboneLevel;
  readonly education: EducationLevel;
  readonly subject: string;
  readonly status?: TeacherStatus;
  /** Schools the teacher would like, best first. */
  readonly preferences?: readonly string[];
  /** Put forward by their school this year: 个人申请 (self) or 学校推荐 (school). */
  readonly nominated?: 'self' | 'school';
  /** Where the teacher actually teaches when not at their 编制 school (借调): counted there. */
  readonly teachingAt?: string;
}

export interface RotationInput {
  readonly year: number;
  readonly schools: readonly RotationSchool[];
  readonly teachers: readonly RotationTeacher[];
  readonly settings?: Partial<RotationSettings>;
  readonly seed?: string;
}

/** One move, in the national teacher-management system's shape. */
export interface RotationMove {
  readonly teacherId: string;
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly form: '交流轮岗';
  /** Whether 人事关系 moves with the teacher (not for 交流轮岗). */
  readonly personnelMoves: false;
  readonly startMonth: string;
  readonly endMonth: string;
  readonly backbone: boolean;
  readonly reasons: readonly string[];
}

export interface CvRow {
  readonly stage: Stage;
  readonly indicator: IndicatorKey;
  readonly before: number;
  readonly after: number;
}

export interface RotationPlan {
  readonly algorithm: string;
  readonly moves: readonly RotationMove[];
  readonly eligibility: readonly {
    readonly teacherId: string;
    readonly eligible: boolean;
    readonly reasons: readonly string[];
  }[];
  readonly cv: readonly CvRow[];
  readonly counts: {
    readonly eligible: number;
    readonly rotated: number;
    readonly backbone: number;
    readonly target: number;
  };
  /** Hard-rule problems of the plan (empty when every rule holds), in Chinese. */
  readonly problems: readonly string[];
  /** The same problems with codes and the record each is about. */
  readonly issues: readonly RotationIssue[];
}

export type RotationRun =
  | { readonly status: 'ok'; readonly plan: RotationPlan }
  | { readonly status: 'invalid'; readonly reason: string };

export function rotationPlan(input: RotationInput): RotationRun {
  const s: RotationSettings = { ...defaultRotationSettings, ...input.settings };
  if (!(s.quota > 0 && s.quota <= 1) || !(s.backboneShare >= 0 && s.backboneShare <= 1))
    return { status: 'invalid', reason: 'quota and backboneShare must be shares between 0 and 1' };
  const schoolIds = new Set<string>();
  for (const sc of input.schools) {
    if (schoolIds.has(sc.id)) return { status: 'invalid', reason: `duplicate school id ${sc.id}` };
    schoolIds.add(sc.id);
  }
  const teacherIds = new Set<string>();
  for (const t of input.teachers) {
    if (teacherIds.has(t.id)) return { status: 'invalid', reason: `duplicate teacher id ${t.id}` };
    if (!schoolIds.has(t.schoolId))
      return { status: 'invalid', reason: `teacher ${t.id}: unknown school ${t.schoolId}` };
    teacherIds.add(t.id);
  }
  const eligibility = input.teachers.map((t) => ({
    teacherId: t.id,
    ...rotationEligibility(t, input.year, s),
  }));
  const eligibleIds = new Set(eligibility.filter((e) => e.eligible).map((e) => e.teacherId));
  const reasonsOf = new Map(eligibility.map((e) => [e.teacherId, e.reasons]));
  const rng = rngFromSeed(`${ROTATION_ALGORITHM}|${input.seed ?? String(input.year)}`);
  const pick = (n: number) => Math.floor((rng.nextUint32() / 4294967296) * n);

  const months = rotationMonths(input.year, s);
  const moves: RotationMove[] = [];
  const issues: RotationIssue[] = [];
  let targetAll = 0;
  for (const stage of ['primary', 'junior'] as const) {
    const m = stageModel(stage, input.schools, input.teachers);
    if (m.schools.length < 2) continue;
    // Eligible teachers at schools that may send (have an allowed destination).
    const canSend = m.schools.map((_, i) => m.schools.some((_x, j) => allowed(m, i, j)));
    const pool = input.teachers.filter((t) => {
      const i = m.index.get(t.schoolId);
      return i !== undefined && canSend[i] === true && eligibleIds.has(t.id);
    });
    const eligibleHere = input.teachers.filter(
      (t) => m.index.has(t.schoolId) && eligibleIds.has(t.id),
    ).length;
    const bySchool = new Map<number, RotationTeacher[]>();
    for (const t of pool) {
      const i = m.index.get(t.schoolId) as number;
      (bySchool.get(i) ?? bySchool.set(i, []).get(i))?.push(t);
    }
    const perSchool = new Map([...bySchool].map(([i, ts]) => [i, ceilShare(s.quota, ts.length)]));
    const sumPer = [...perSchool.values()].reduce((a, b) => a + b, 0);
    const target = Math.min(pool.length, Math.max(sumPer, ceilShare(s.quota, eligibleHere)));
    targetAll += target;
    const backboneNeed = ceilShare(s.backboneShare, target);
    const shortfalls: RotationIssue[] = [];
    const plan = solveStage(m, bySchool, perSchool, target, backboneNeed, pick, shortfalls);
    issues.push(...shortfalls);
    for (const [t, to] of plan) {
      const from = m.schools[m.index.get(t.schoolId) as number] as RotationSchool;
      const dest = m.schools[to] as RotationSchool;
      moves.push(moveOf(t, from, dest, stage, reasonsOf.get(t.id) ?? [], months, false));
    }
  }
  moves.sort((a, b) => (a.teacherId < b.teacherId ? -1 : 1));
  const result: RotationPlan = {
    algorithm: ROTATION_ALGORITHM,
    moves,
    eligibility,
    cv: planCv(input, moves),
    counts: {
      eligible: eligibleIds.size,
      rotated: moves.length,
      backbone: moves.filter((x) => x.backbone).length,
      target: targetAll,
    },
    problems: [],
    issues: [],
  };
  const all = [...issues, ...rotationIssues(input, result)];
  return { status: 'ok', plan: { ...result, problems: all.map((x) => x.text), issues: all } };
}

/** Nominees first: 个人申请, then 学校推荐, then everyone else. */
const nominationRank = (t: RotationTeacher) =>
  t.nominated === 'self' ? 0 : t.nominated === 'school' ? 1 : 2;

/**
 * Greedy start, then local search on: Σ CV of the three teacher indicators + small tie-breakers
 * (distance, subject shortages, wishes). Moves keep every hard rule. Returns teacher → school index.
 */
function solveStage(
  m: StageModel,
  bySchool: Map<number, RotationTeacher[]>,
  perSchool: Map<number, number>,
  target: number,
  backboneNeed: number,
  pick: (n: number) => number,
  shortfalls: RotationIssue[],
): Map<RotationTeacher, number> {
  const res = m.resources.map((r) => [...r]);
  const load = m.schools.map(() => 0);
  const chosen = new Map<RotationTeacher, number>();
  const k = teacherIndicators.length;
  const score = () =>
    res.reduce(
      (acc, r) => acc + weightedCv(r.map((x, i) => ({ pupils: m.pupils[i] as number, resource: x }))),
      0,
    );
  const tie = (t: RotationTeacher, to: number) => {
    const from = m.schools[m.index.get(t.schoolId) as number] as RotationSchool;
    const dest = m.schools[to] as RotationSchool;
    let x = 0.0005 * distance(from, dest);
    if (dest.shortages?.length && !dest.shortages.includes(t.subject)) x += 0.002;
    const pref = t.preferences?.indexOf(dest.id) ?? -1;
    if (pref >= 0) x -= 0.001 / (pref + 1);
    return x;
  };
  const shift = (t: RotationTeacher, from: number, to: number, sign: 1 | -1) => {
    for (let j = 0; j < k; j++) {
      if (!qualifies(teacherIndicators[j] as IndicatorKey, t, m.stage)) continue;
      const r = res[j] as number[];
      r[from] = (r[from] as number) - sign;
      r[to] = (r[to] as number) + sign;
    }
    load[to] = (load[to] as number) + sign;
  };
  const place = (t: RotationTeacher): number => {
    const from = m.index.get(t.schoolId) as number;
    let best = -1;
    let bestScore = Infinity;
    for (let to = 0; to < m.schools.length; to++) {
      if (!allowed(m, from, to) || (load[to] as number) >= (m.capacity[to] as number)) continue;
      shift(t, from, to, 1);
      const sc = score() + tie(t, to);
      shift(t, from, to, -1);
      if (sc < bestScore) [best, bestScore] = [to, sc];
    }
    return best;
  };
  // Greedy: each sending school's quota, backbone teachers first while the share is short, then
  // the rest up to the county target; each to the destination that lowers the score most.
  // Most constrained senders first (fewest allowed destinations), so they are not crowded out.
  const destinations = (i: number) => m.schools.filter((_x, j) => allowed(m, i, j)).length;
  const order = [...bySchool.keys()].sort((a, b) => destinations(a) - destinations(b) || a - b);
  const candidates = (i: number) =>
    [...(bySchool.get(i) ?? [])].sort(
      (a, b) =>
        nominationRank(a) - nominationRank(b) ||
        Number(isBackbone(b)) - Number(isBackbone(a)) ||
        b.yearsAtSchool - a.yearsAtSchool ||
        (a.id < b.id ? -1 : 1),
    );
  let backbone = 0;
  const take = (t: RotationTeacher) => {
    const to = place(t);
    if (to < 0) return false;
    shift(t, m.index.get(t.schoolId) as number, to, 1);
    chosen.set(t, to);
    if (isBackbone(t)) backbone++;
    return true;
  };
  for (const i of order) {
    let need = perSchool.get(i) ?? 0;
    // While the backbone share is short the school's backbone teachers go first, then its
    // nominees (without nominations this is the candidates' own order).
    const list = candidates(i);
    const ordered =
      backbone < backboneNeed ? [...list.filter(isBackbone), ...list.filter((t) => !isBackbone(t))] : list;
    for (const t of ordered) {
      if (need === 0) break;
      if (
        !isBackbone(t) &&
        backbone < backboneNeed &&
        candidates(i).some((x) => isBackbone(x) && !chosen.has(x))
      )
        continue;
      if (take(t)) need--;
    }
    if (need > 0) shortfalls.push(noRoomIssue(m.stage, m.schools[i] ?? null));
  }
  for (const t of order.flatMap(candidates)) {
    if (chosen.size >= target) break;
    if (!chosen.has(t)) take(t);
  }
  if (chosen.size < target && shortfalls.length === 0) shortfalls.push(noRoomIssue(m.stage, null));

  // Local search: retarget a move, or replace a moved teacher by another eligible one of the
  // same school (the school's count stays), keeping the backbone share.
  let ties = [...chosen].reduce((a, [t, to]) => a + tie(t, to), 0);
  let current = score() + ties;
  const iterations = chosen.size === 0 ? 0 : 40 * chosen.size;
  for (let it = 0; it < iterations; it++) {
    const moved = [...chosen.keys()];
    const t = moved[pick(moved.length)] as RotationTeacher;
    const from = m.index.get(t.schoolId) as number;
    const to = chosen.get(t) as number;
    if (it % 2 === 0) {
      const to2 = pick(m.schools.length);
      if (to2 === to || !allowed(m, from, to2) || (load[to2] as number) >= (m.capacity[to2] as number))
        continue;
      shift(t, from, to, -1);
      shift(t, from, to2, 1);
      const nextTies = ties - tie(t, to) + tie(t, to2);
      const next = score() + nextTies;
      if (next < current - 1e-12) {
        chosen.set(t, to2);
        [current, ties] = [next, nextTies];
      } else {
        shift(t, from, to2, -1);
        shift(t, from, to, 1);
      }
    } else {
      const mates = (bySchool.get(from) ?? []).filter((x) => !chosen.has(x));
      if (mates.length === 0) continue;
      const u = mates[pick(mates.length)] as RotationTeacher;
      if (isBackbone(t) && !isBackbone(u) && backbone - 1 < backboneNeed) continue;
      if (nominationRank(u) > nominationRank(t)) continue;
      shift(t, from, to, -1);
      shift(u, from, to, 1);
      const nextTies = ties - tie(t, to) + tie(u, to);
      const next = score() + nextTies;
      if (next < current - 1e-12) {
        chosen.delete(t);
        chosen.set(u, to);
        [current, ties] = [next, nextTies];
        backbone += Number(isBackbone(u)) - Number(isBackbone(t));
      } else {
        shift(u, from, to, -1);
        shift(t, from, to, 1);
      }
    }
  }
  return chosen;
}

/**
 * The three teacher indicators' 差异系数 per stage before and after `moves`, as actually taught:
 * each teacher counts where they teach (a 借调 school, else their 编制 school) and a moved teacher
 * at the receiving school; every figure through `differenceCoefficient` (the schools that count),
 * so the plan shows what the indicator table shows.
 */
export function planCv(
  input: Pick<RotationInput, 'schools' | 'teachers'>,
  moves: readonly Pick<RotationMove, 'teacherId' | 'to'>[],
): CvRow[] {
  const movedTo = new Map(moves.map((m) => [m.teacherId, m.to]));
  const rows: CvRow[] = [];
  for (const stage of ['primary', 'junior'] as const) {
    const list = input.schools.filter((x) => x.stage === stage);
    if (list.length < 2) continue;
    const counts = (after: boolean) => {
      const at = new Map(list.map((x) => [x.id, teacherIndicators.map(() => 0)]));
      for (const t of input.teachers) {
        const place = (after ? movedTo.get(t.id) : undefined) ?? t.teachingAt ?? t.schoolId;
        const r = at.get(place);
        if (r)
          teacherIndicators.forEach((k, j) => (r[j] = (r[j] as number) + Number(qualifies(k, t, stage))));
      }
      return at;
    };
    const before = counts(false);
    const after = counts(true);
    teacherIndicators.forEach((k, j) => {
      const cv = (at: Map<string, number[]>) =>
        differenceCoefficient(
          list.map((school) => ({ school, resource: (at.get(school.id) as number[])[j] as number })),
        );
      rows.push({ stage, indicator: k, before: cv(before), after: cv(after) });
    });
  }
  return rows;
}

/**
 * The simple greedy a county might use, for the benchmark only: at each school that may send, the
 * longest-serving eligible teachers up to the quota, each to the allowed school with most room.
 */
export function rotationGreedy(input: RotationInput): Pick<RotationPlan, 'moves' | 'eligibility'> {
  const s: RotationSettings = { ...defaultRotationSettings, ...input.settings };
  const eligibility = input.teachers.map((t) => ({
    teacherId: t.id,
    ...rotationEligibility(t, input.year, s),
  }));
  const eligible = new Set(eligibility.filter((e) => e.eligible).map((e) => e.teacherId));
  const moves: RotationMove[] = [];
  for (const stage of ['primary', 'junior'] as const) {
    const m = stageModel(stage, input.schools, input.teachers);
    const load = m.schools.map(() => 0);
    m.schools.forEach((sc, i) => {
      const ts = input.teachers
        .filter((t) => t.schoolId === sc.id && eligible.has(t.id))
        .sort((a, b) => b.yearsAtSchool - a.yearsAtSchool || (a.id < b.id ? -1 : 1));
      if (!m.schools.some((_x, j) => allowed(m, i, j))) return;
      for (const t of ts.slice(0, ceilShare(s.quota, ts.length))) {
        let to = -1;
        m.schools.forEach((_x, j) => {
          if (!allowed(m, i, j) || (load[j] as number) >= (m.capacity[j] as number)) return;
          if (
            to < 0 ||
            (m.capacity[j] as number) - (load[j] as number) >
              (m.capacity[to] as number) - (load[to] as number)
          )
            to = j;
        });
        if (to < 0) continue;
        load[to] = (load[to] as number) + 1;
        moves.push({
          teacherId: t.id,
          name: t.name,
          from: sc.id,
          to: (m.schools[to] as RotationSchool).id,
          form: '交流轮岗',
          personnelMoves: false,
          startMonth: '',
          endMonth: '',
          backbone: isBackbone(t),
          reasons: [],
        });
      }
    });
  }
  return { moves, eligibility };
}
