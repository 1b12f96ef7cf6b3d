/**
 * The rotation planner v2 (docs/decisions/0009): its bound is a true lower bound (checked against
 * every lawful plan of small counties, enumerated), its plan keeps every rule on random counties
 * (with nominations, 教学点 and 借调), it is at least as good as the steepest-descent greedy with
 * the same number of moves, and its output for a fixed county is pinned (a change means a new
 * algorithm version).
 */
import fc from 'fast-check';
import { canonicalHash } from '../../shared/placement/canonical';
import { defaultRotationSettings, rotationEligibility } from '../../shared/rotation/eligibility';
import { flowModel } from '../../shared/rotation/flow';
import { FlowPlan } from '../../shared/rotation/flowPlan';
import { rankAddOk } from '../../shared/rotation/greedy';
import {
  planCv,
  ROTATION_ALGORITHM,
  ROTATION_ALGORITHM_SEARCH,
  rotationGreedy,
  rotationPlan,
  type RotationInput,
} from '../../shared/rotation/planner';
import { rotationIssues } from '../../shared/rotation/problems';
import { unavoidable } from './rotationUnavoidable';
import type { RelaxationSolver } from '../../shared/rotation/relaxation';
import { syntheticRotationCounty } from '../../shared/rotation/synthetic';
import { highsSolver } from '../../server/solver/highs';

let solver: RelaxationSolver;
beforeAll(async () => {
  solver = await highsSolver();
});

const sum = (rows: readonly { after: number }[]) => rows.reduce((a, x) => a + x.after, 0);
const perStage = (input: RotationInput, moves: readonly { from: string }[]) => {
  const stage = new Map(input.schools.map((s) => [s.id, s.stage]));
  const primary = moves.filter((m) => stage.get(m.from) === 'primary').length;
  return { primary, junior: moves.length - primary };
};

/**
 * The best Σ CV over every lawful plan with `count` moves per stage, by enumeration: per stage
 * every multiset of (group, receiving school) that keeps places, quotas and nominees first, kept
 * per number of 骨干; then the two stages combined under the county's 骨干 minimum.
 */
function bruteForce(input: RotationInput, count: readonly number[]): number {
  const eligible = new Set(
    input.teachers
      .filter((t) => rotationEligibility(t, input.year, defaultRotationSettings).eligible)
      .map((t) => t.id),
  );
  const m = flowModel(input.schools, input.teachers, eligible, defaultRotationSettings);
  const best: Map<number, number>[] = [new Map(), new Map()];
  for (const s of [0, 1]) {
    const options: [number, number][] = [];
    m.groups.forEach((g, gi) => {
      if ((m.stageOf[g.sender] === 'primary' ? 0 : 1) !== s) return;
      for (const j of m.receivers[g.sender] as number[]) options.push([gi, j]);
    });
    const p = new FlowPlan(m);
    const walk = (from: number, left: number) => {
      if (left === 0) {
        if (
          !m.schools.every(
            (_, i) =>
              (m.stageOf[i] === 'primary' ? 0 : 1) !== s || (p.out[i] as number) >= (m.quota[i] as number),
          )
        )
          return;
        let v = 0;
        for (let t = s * 3; t < s * 3 + 3; t++) v += p.cv.cv[t] as number;
        const bb = p.backbone;
        if (v < (best[s]?.get(bb) ?? Infinity)) best[s]?.set(bb, v);
        return;
      }
      for (let o = from; o < options.length; o++) {
        const [g, j] = options[o] as [number, number];
        const gr = m.groups[g]!;
        if (!p.hasTeacher(g) || !p.hasRoom(j) || !rankAddOk(p, gr.sender, gr.rank)) continue;
        p.shift(g, -1, j);
        walk(o, left - 1);
        p.shift(g, j, -1);
      }
    };
    walk(0, count[s] as number);
  }
  let out = Infinity;
  for (const [b0, v0] of best[0] as Map<number, number>)
    for (const [b1, v1] of best[1] as Map<number, number>)
      if (b0 + b1 >= m.backboneNeed) out = Math.min(out, v0 + v1);
  return out;
}

describe('the lower bound', () => {
  test.each(['t2', 't3', 't5', 't6', 't9', 't10'])(
    'county %s: bound ≤ the best lawful plan (enumerated) ≤ the plan found',
    (seed) => {
      const input = syntheticRotationCounty(seed, 70, 9);
      const r = rotationPlan(input, solver);
      if (r.status !== 'ok') throw new Error(r.reason);
      expect(r.plan.problems).toEqual([]);
      const c = perStage(input, r.plan.moves);
      const optimum = bruteForce(input, [c.primary, c.junior]);
      const q = r.plan.quality!;
      expect(q).not.toBeNull();
      expect(q.lowerBound).toBeLessThanOrEqual(optimum + 1e-9);
      expect(q.sumAfter).toBeGreaterThanOrEqual(optimum - 1e-9);
      expect(q.sumAfter).toBeCloseTo(sum(r.plan.cv), 12);
      expect(q.gap).toBeCloseTo((q.sumAfter - q.lowerBound) / q.lowerBound, 12);
    },
  );
});

/** A synthetic county with 教学点, 借调 and a few nominations, all chosen by `pick`. */
function nominatedCounty(seed: string, teachers: number, schools: number, pick: number): RotationInput {
  const base = syntheticRotationCounty(seed, teachers, schools, 2027, {
    teachingPoints: pick % 3,
    lent: (pick % 5) / 100,
  });
  return {
    ...base,
    teachers: base.teachers.map((t, i) =>
      (i * 7919 + pick) % 23 === 0 ? { ...t, nominated: i % 2 === 0 ? 'self' : 'school' } : t,
    ),
  };
}

describe('plans', () => {
  test('a county whose relaxation makes HiGHS cycle still gets its plan (the QP stops at its iteration limit; CI found it hanging)', () => {
    const input = nominatedCounty(';', 494, 27, 1_000_000);
    const r = rotationPlan(input, solver);
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.plan.problems).toEqual([]);
    expect(r.plan.quality!.lowerBound).toBeLessThanOrEqual(sum(r.plan.cv));
  });

  test('a county with too few 骨干 due for the quotas: every one of them moves and the finding says so (CI counterexample)', () => {
    const input = nominatedCounty('b^', 150, 27, 923780);
    const r = rotationPlan(input, solver);
    if (r.status !== 'ok') throw new Error(r.reason);
    const share = rotationIssues(input, r.plan).find((x) => x.code === 'BACKBONE_SHARE');
    expect(share?.text).toMatch(/本年度可交流的骨干教师共2人，已全部安排$/);
    expect(unavoidable(r.plan, share!)).toBe(true);
  });

  test('property: every plan keeps every rule — with nominations, 教学点 and 借调 — and the same input gives the same plan', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 6 }),
        fc.integer({ min: 150, max: 500 }),
        fc.integer({ min: 10, max: 28 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (seed, teachers, schools, pick) => {
          const input = nominatedCounty(seed, teachers, schools, pick);
          const r = rotationPlan(input, solver);
          if (r.status !== 'ok') throw new Error(r.reason);
          const broken = rotationIssues(input, r.plan).filter((x) => !unavoidable(r.plan, x));
          expect(broken).toEqual([]);
          // Nominees first: at each school, nobody outside the nominations moves while a nominee
          // stays (unless the 骨干 minimum needed the school's 骨干 first).
          const moved = new Set(r.plan.moves.map((x) => x.teacherId));
          const due = new Set(r.plan.eligibility.filter((e) => e.eligible).map((e) => e.teacherId));
          for (const sc of input.schools) {
            const mine = input.teachers.filter((t) => t.schoolId === sc.id && due.has(t.id));
            const nomineeLeft = mine.some((t) => t.nominated && !moved.has(t.id));
            const otherMoved = mine.filter((t) => !t.nominated && moved.has(t.id));
            if (nomineeLeft) for (const t of otherMoved) expect(t.backbone).not.toBe('none');
          }
          const again = rotationPlan(input, solver);
          expect(again.status === 'ok' && again.plan.moves).toEqual(r.plan.moves);
          expect(r.plan.algorithm).toBe(ROTATION_ALGORITHM);
        },
      ),
      { numRuns: 10 },
    );
  });

  test('at least as good as the steepest-descent greedy with the same moves per stage, which keeps the rules too', () => {
    for (const seed of ['g1', 'g2']) {
      const input = syntheticRotationCounty(seed, 1200, 40);
      const r = rotationPlan(input, solver);
      if (r.status !== 'ok') throw new Error(r.reason);
      expect(r.plan.problems).toEqual([]);
      const greedy = rotationGreedy(input, perStage(input, r.plan.moves));
      expect(rotationIssues(input, greedy)).toEqual([]);
      expect(perStage(input, greedy.moves)).toEqual(perStage(input, r.plan.moves));
      expect(sum(r.plan.cv)).toBeLessThanOrEqual(sum(planCv(input, greedy.moves)) + 1e-12);
      expect(r.plan.quality!.lowerBound).toBeLessThanOrEqual(sum(r.plan.cv));
    }
  });

  test('without a solver: the same rules, no bound, another algorithm name', () => {
    const input = syntheticRotationCounty('nosolver', 400, 16);
    const r = rotationPlan(input);
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.plan.algorithm).toBe(ROTATION_ALGORITHM_SEARCH);
    expect(r.plan.quality).toBeNull();
    expect(rotationIssues(input, r.plan).filter((x) => x.code !== 'NO_ROOM')).toEqual([]);
  });

  test('pinned: this county’s plan (a changed plan needs a new algorithm version)', () => {
    const input = syntheticRotationCounty('pinned', 600, 24);
    const r = rotationPlan(input, solver);
    if (r.status !== 'ok') throw new Error(r.reason);
    const digest = canonicalHash(r.plan.moves.map((m) => [m.teacherId, m.from, m.to]));
    expect({ algorithm: r.plan.algorithm, moves: r.plan.moves.length, digest }).toMatchSnapshot();
  });
});
