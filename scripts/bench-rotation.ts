/**
 * npm run bench:rotation — our planner beside the baseline of issue 21, in one run, on seeded
 * synthetic counties of 2,000–3,000 teachers and 100 schools that no test uses: the
 * steepest-descent greedy over (sending school, teacher type, receiving school) under the same
 * rules with the same number of moves per stage; Σ of the six teacher-indicator 差异系数 before
 * and after; our proven lower bound and the gap; the hard rules (shared validators); time; and
 * the targets, each with whether it is met. Figures are printed, never asserted.
 */
import { cpus, loadavg } from 'node:os';
import {
  planCv,
  rotationGreedy,
  rotationPlan,
  type CvRow,
  type RotationInput,
} from '../shared/rotation/planner';
import { rotationIssues } from '../shared/rotation/problems';
import { syntheticRotationCounty } from '../shared/rotation/synthetic';
import { highsSolver } from '../server/solver/highs';

const counties: [string, number][] = [
  ['bench-21-a', 2000],
  ['bench-21-b', 2400],
  ['bench-21-c', 2700],
  ['bench-21-d', 3000],
  ['bench-21-e', 2900],
];
const sum = (rows: readonly CvRow[], which: 'before' | 'after') => rows.reduce((a, r) => a + r[which], 0);
const perStage = (input: RotationInput, moves: readonly { from: string }[]) => {
  const stage = new Map(input.schools.map((s) => [s.id, s.stage]));
  const primary = moves.filter((m) => stage.get(m.from) === 'primary').length;
  return { primary, junior: moves.length - primary };
};
const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');

async function main(): Promise<void> {
  const solver = await highsSolver();
  console.log(
    `node ${process.version}; ${solver.name}; targets: Σ CV after ≤ 0.9 × the greedy's, within 2 % of the proven lower bound, ≤ 10 s, every move lawful`,
  );
  console.log(
    '\ncounty        teachers | Σ CV before | greedy after | ours after (× greedy) | lower bound | gap    | ours ms | greedy ms | rules ours/greedy',
  );
  const rows: {
    ratio: number;
    gap: number;
    ms: number;
    cpuMs: number;
    lawful: boolean;
    unreachable: boolean;
  }[] = [];
  for (const [seed, teachers] of counties) {
    const input = syntheticRotationCounty(seed, teachers, 100);
    let t0 = performance.now();
    const c0 = process.cpuUsage();
    const run = rotationPlan(input, solver);
    const ms = performance.now() - t0;
    const cu = process.cpuUsage(c0);
    const cpuMs = (cu.user + cu.system) / 1000;
    if (run.status !== 'ok') throw new Error(run.reason);
    const p = run.plan;
    t0 = performance.now();
    const greedy = rotationGreedy(input, perStage(input, p.moves));
    const greedyMs = performance.now() - t0;
    const greedyAfter = sum(planCv(input, greedy.moves), 'after');
    const ours = sum(p.cv, 'after');
    const q = p.quality;
    const oursRules = rotationIssues(input, p).length === 0 && p.problems.length === 0;
    const greedyRules = rotationIssues(input, greedy).length === 0;
    const bound = q?.lowerBound ?? NaN;
    rows.push({
      ratio: ours / greedyAfter,
      gap: q?.gap ?? NaN,
      ms,
      cpuMs,
      lawful: oursRules,
      unreachable: bound > 0.9 * greedyAfter,
    });
    console.log(
      `${seed.padEnd(13)} ${String(input.teachers.length).padStart(8)} | ${sum(p.cv, 'before').toFixed(4).padStart(11)} | ${greedyAfter.toFixed(4).padStart(12)} | ${ours.toFixed(4)} (${(ours / greedyAfter).toFixed(3)})${' '.repeat(7)} | ${bound.toFixed(4).padStart(11)} | ${((q?.gap ?? NaN) * 100).toFixed(2).padStart(5)}% | ${ms.toFixed(0).padStart(7)} | ${greedyMs.toFixed(0).padStart(9)} | ${oursRules ? 'hold' : 'BROKEN'}/${greedyRules ? 'hold' : 'BROKEN'}`,
    );
  }
  // Same input, same plan.
  const again = syntheticRotationCounty(counties[0]?.[0] as string, counties[0]?.[1] as number, 100);
  const a = rotationPlan(again, solver);
  const b = rotationPlan(again, solver);
  const same =
    a.status === 'ok' && b.status === 'ok' && JSON.stringify(a.plan.moves) === JSON.stringify(b.plan.moves);

  const worst = (f: (r: (typeof rows)[number]) => number) => Math.max(...rows.map(f));
  console.log('\ntargets');
  console.log(
    `  Σ CV after ≤ 0.9 × greedy:      ${yes(rows.every((r) => r.ratio <= 0.9))} (ours/greedy ${rows.map((r) => r.ratio.toFixed(3)).join(', ')})` +
      (rows.every((r) => r.unreachable)
        ? ' — unreachable on every county: the proven lower bound is above 0.9 × the greedy, so no lawful plan with these moves gets there'
        : ''),
  );
  console.log(
    `  within 2 % of the lower bound: ${yes(worst((r) => r.gap) <= 0.02)} (worst gap ${(worst((r) => r.gap) * 100).toFixed(2)} %)`,
  );
  console.log(
    `  ≤ 10 s per county:             ${yes(worst((r) => r.ms) <= 10_000)} (slowest ${(worst((r) => r.ms) / 1000).toFixed(1)} s wall, ${(worst((r) => r.cpuMs) / 1000).toFixed(1)} s CPU; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)`,
  );
  console.log(`  every move lawful:             ${yes(rows.every((r) => r.lawful))}`);
  console.log(`  same input → same plan:        ${same ? 'yes' : 'NO'}`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

void main();
