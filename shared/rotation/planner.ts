/**
 * The rotation planner (交流轮岗): who rotates where this year. Hard rules: at least the quota of
 * eligible teachers from every sending school and county-wide, 骨干 at least the backbone share
 * of those rotated, only allowed directions (城镇→乡村, 优质→薄弱), receiving schools' places,
 * one move per teacher, exemptions respected, a school's nominees (个人申请, then 学校推荐) before
 * its other teachers. Objective: Σ of the six teacher-indicator 差异系数 (three indicators × two
 * stages, `differenceCoefficient`), with each stage moving its quota (the fewest moves the rules
 * allow).
 *
 * How (docs/decisions/0009): teachers who are interchangeable for every rule and every CV form
 * groups (flow.ts); a steepest-descent greedy fills each stage's moves (greedy.ts); local search
 * improves it (search.ts); the integer-aware convex relaxation, solved by the injected solver
 * (HiGHS), proves a lower bound and gives a second start whose local search may do better
 * (relaxation.ts); the better plan is kept, then teachers are named (wishes and subject shortages
 * decide among interchangeable ones). No randomness and no clock: the same input gives the same
 * plan (the seed is recorded, not used, since v2).
 */
import type { Stage } from '../settings';
import { defaultRotationSettings, rotationEligibility, type RotationSettings } from './eligibility';
import { flowModel, type FlowModel } from './flow';
import { FlowPlan } from './flowPlan';
import { backboneRepair, greedyFill } from './greedy';
import { differenceCoefficient, teacherIndicators } from './indicators';
import { distance, moveOf, qualifies, rotationMonths } from './model';
import { noRoomIssue, rotationIssues, type RotationIssue } from './problems';
import { rotationRelaxation, type RelaxationSolver } from './relaxation';
import { localSearch } from './search';
import type {
  CvRow,
  RotationInput,
  RotationMove,
  RotationPlan,
  RotationQuality,
  RotationRun,
  RotationSchool,
} from './types';

export type {
  CvRow,
  RotationInput,
  RotationMove,
  RotationPlan,
  RotationQuality,
  RotationRun,
  RotationSchool,
  RotationTeacher,
} from './types';

/** With the solver's relaxation (the product's planner). */
export const ROTATION_ALGORITHM = 'junheng-rotation-v3';
/** Greedy and local search only (no solver at hand). */
export const ROTATION_ALGORITHM_SEARCH = 'junheng-rotation-v3-search';

/** Rounds of the weighted separable start at most (each one linear program). */
const WEIGHTED_ROUNDS = 4;
/** Local-search passes at most (each pass tries every move once). */
const PASSES = 60;
/** A plan within this share of its bound is reported as proven optimal (rounding only). */
const OPTIMAL_GAP = 1e-9;

function inputProblem(input: RotationInput, s: RotationSettings): string | null {
  if (!(s.quota > 0 && s.quota <= 1) || !(s.backboneShare >= 0 && s.backboneShare <= 1))
    return 'quota and backboneShare must be shares between 0 and 1';
  const schoolIds = new Set<string>();
  for (const sc of input.schools) {
    if (schoolIds.has(sc.id)) return `duplicate school id ${sc.id}`;
    schoolIds.add(sc.id);
  }
  const teacherIds = new Set<string>();
  for (const t of input.teachers) {
    if (teacherIds.has(t.id)) return `duplicate teacher id ${t.id}`;
    if (!schoolIds.has(t.schoolId)) return `teacher ${t.id}: unknown school ${t.schoolId}`;
    teacherIds.add(t.id);
  }
  return null;
}

/** The greedy start on a model; nominees first, or — when that leaves 骨干 short — 骨干 first. */
function started(
  input: RotationInput,
  eligible: ReadonlySet<string>,
  s: RotationSettings,
  count: ((m: FlowModel) => readonly number[]) | null,
): { m: FlowModel; p: FlowPlan } {
  const run = (backboneFirst: boolean) => {
    const m = flowModel(input.schools, input.teachers, eligible, s, backboneFirst);
    const p = new FlowPlan(m);
    greedyFill(p, count ? count(m) : [m.target.primary, m.target.junior]);
    backboneRepair(p);
    return { m, p };
  };
  const first = run(false);
  if (first.p.backbone >= first.m.backboneNeed || !input.teachers.some((t) => t.nominated)) return first;
  const second = run(true);
  return second.p.backbone > first.p.backbone ? second : first;
}

/** The planner's own findings when the receiving places cannot take the quotas. */
function shortfalls(m: FlowModel, p: FlowPlan): RotationIssue[] {
  const out: RotationIssue[] = [];
  for (const [si, stage] of (['primary', 'junior'] as const).entries()) {
    let schoolShort = false;
    m.schools.forEach((sc, i) => {
      if (m.stageOf[i] === stage && (p.out[i] as number) < (m.quota[i] as number)) {
        out.push(noRoomIssue(stage, sc));
        schoolShort = true;
      }
    });
    if (!schoolShort && (p.moves[si] as number) < m.target[stage]) out.push(noRoomIssue(stage, null));
  }
  return out;
}

/** Copies a plan's flows into a fresh plan on the same model. */
function planOf(m: FlowModel, flows: readonly (readonly [number, number])[]): FlowPlan {
  const q = new FlowPlan(m);
  for (const [g, j] of flows) q.shift(g, -1, j);
  return q;
}

/**
 * Names the teachers: in each group the longest at the school go first; among the group's
 * receiving schools each takes the one they wished for, else one short of their subject, else
 * the nearest (the CVs are the same whichever way).
 */
function namedMoves(
  m: FlowModel,
  p: FlowPlan,
  reasonsOf: ReadonlyMap<string, readonly string[]>,
  months: { start: string; end: string },
): RotationMove[] {
  const moves: RotationMove[] = [];
  const destinations = new Map<number, number[]>();
  for (const [g, j] of p.pairList()) {
    const c = p.pairs.get(g * m.schools.length + j) as number;
    for (let u = 0; u < c; u++) (destinations.get(g) ?? destinations.set(g, []).get(g))?.push(j);
  }
  for (const [g, slots] of [...destinations].sort((a, b) => a[0] - b[0])) {
    const gr = m.groups[g];
    if (!gr) continue;
    const from = m.schools[gr.sender] as RotationSchool;
    const left = [...slots];
    for (const t of gr.teachers.slice(0, slots.length)) {
      const score = (j: number) => {
        const dest = m.schools[j] as RotationSchool;
        const pref = t.preferences?.indexOf(dest.id) ?? -1;
        return [pref >= 0 ? pref : 1e6, dest.shortages?.includes(t.subject) ? 0 : 1, distance(from, dest), j];
      };
      let best = 0;
      for (let a = 1; a < left.length; a++) {
        const x = score(left[a] as number);
        const y = score(left[best] as number);
        const better = x.findIndex((v, q) => v !== y[q]);
        if (better >= 0 && (x[better] as number) < (y[better] as number)) best = a;
      }
      const j = left.splice(best, 1)[0] as number;
      moves.push(
        moveOf(
          t,
          from,
          m.schools[j] as RotationSchool,
          m.stageOf[gr.sender] as Stage,
          reasonsOf.get(t.id) ?? [],
          months,
          false,
        ),
      );
    }
  }
  return moves.sort((a, b) => (a.teacherId < b.teacherId ? -1 : 1));
}

/**
 * The plan for a year. `solver` (HiGHS in the product) proves the lower bound and gives the
 * search a second start; without it the plan is the greedy's improved by local search, under
 * another algorithm name.
 */
export function rotationPlan(input: RotationInput, solver: RelaxationSolver | null = null): RotationRun {
  const s: RotationSettings = { ...defaultRotationSettings, ...input.settings };
  const problem = inputProblem(input, s);
  if (problem) return { status: 'invalid', reason: problem };
  const eligibility = input.teachers.map((t) => ({
    teacherId: t.id,
    ...rotationEligibility(t, input.year, s),
  }));
  const eligibleIds = new Set(eligibility.filter((e) => e.eligible).map((e) => e.teacherId));
  const { m, p } = started(input, eligibleIds, s, null);
  const short = shortfalls(m, p);
  // What the room allowed is each sender's floor from here on.
  m.schools.forEach((_, i) => (p.floor[i] = Math.min(m.quota[i] as number, p.out[i] as number)));
  const count = [...p.moves];
  localSearch(p, PASSES, false);
  // The relaxation (bound and a second start) around the greedy's improved plan; the better of
  // the two starts then gets the pair changes too.
  let best = p;
  let bound: number | null = null;
  if (solver) {
    const rx = rotationRelaxation(m, count, p.floor, p.cv.r, solver);
    if (rx) bound = rx.bound;
    // Starts from the LP's vertex at the relaxation's optimum, then at the best plan so far.
    const tryStart = (vertex: readonly (readonly [number, number, number])[] | null) => {
      if (!vertex) return;
      const q = planOf(
        m,
        vertex.map(([g, j]) => [g, j] as const),
      );
      q.floor.set(p.floor);
      const lawful =
        q.backbone >= Math.min(m.backboneNeed, p.backbone) &&
        q.moves[0] === count[0] &&
        q.moves[1] === count[1] &&
        m.schools.every((_, i) => q.prefixOk(i) && (q.out[i] as number) >= (q.floor[i] as number));
      if (!lawful) return;
      localSearch(q, PASSES, false);
      if (q.cv.total < best.cv.total - 1e-12) best = q;
    };
    if (rx) {
      tryStart(rx.vertex);
      localSearch(best, PASSES, true);
      // Majorisation on whole numbers: the weighted separable problem around the best plan,
      // again while it finds a better one.
      for (let round = 0; round < WEIGHTED_ROUNDS; round++) {
        const before = best;
        tryStart(rx.weightedVertexAt(best.cv.r));
        if (best === before) break;
        localSearch(best, PASSES, true);
      }
    }
  }
  localSearch(best, PASSES, true);
  const months = rotationMonths(input.year, s);
  const moves = namedMoves(m, best, new Map(eligibility.map((e) => [e.teacherId, e.reasons])), months);
  const cv = planCv(input, moves);
  const sumAfter = cv.reduce((a, r) => a + r.after, 0);
  const quality: RotationQuality | null =
    solver && bound !== null
      ? {
          sumAfter,
          lowerBound: bound,
          gap: bound > 0 ? (sumAfter - bound) / bound : 0,
          provenOptimal: sumAfter - bound <= OPTIMAL_GAP * Math.max(1, sumAfter),
          solver: solver.name,
        }
      : null;
  const result: RotationPlan = {
    algorithm: solver ? ROTATION_ALGORITHM : ROTATION_ALGORITHM_SEARCH,
    moves,
    eligibility,
    cv,
    counts: {
      eligible: eligibleIds.size,
      rotated: moves.length,
      backbone: moves.filter((x) => x.backbone).length,
      target: m.target.primary + m.target.junior,
    },
    quality,
    problems: [],
    issues: [],
  };
  const all = [...short, ...rotationIssues(input, result)];
  return { status: 'ok', plan: { ...result, problems: all.map((x) => x.text), issues: all } };
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
 * The benchmark's baseline (issue 21): the steepest-descent greedy over (sending school, teacher
 * type, receiving school) under the same rules, with `count` moves per stage (the plan's).
 */
export function rotationGreedy(
  input: RotationInput,
  count: { readonly primary: number; readonly junior: number },
): Pick<RotationPlan, 'moves' | 'eligibility'> {
  const s: RotationSettings = { ...defaultRotationSettings, ...input.settings };
  const eligibility = input.teachers.map((t) => ({
    teacherId: t.id,
    ...rotationEligibility(t, input.year, s),
  }));
  const eligible = new Set(eligibility.filter((e) => e.eligible).map((e) => e.teacherId));
  const { m, p } = started(input, eligible, s, () => [count.primary, count.junior]);
  const moves = namedMoves(
    m,
    p,
    new Map(eligibility.map((e) => [e.teacherId, e.reasons])),
    rotationMonths(input.year, s),
  );
  return { moves, eligibility };
}
