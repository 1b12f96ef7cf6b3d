/**
 * npm run bench:rotation — a simple greedy (longest-serving first, to the school with most room)
 * and our planner side by side, in one run, on a seeded synthetic county of 2,000 teachers and
 * 100 schools: hard rules (the shared validators), the three teacher indicators' 差异系数 before
 * and after, time and peak memory. Figures are printed, never asserted.
 */
import { planCv, rotationGreedy, rotationPlan, type CvRow } from '../shared/rotation/planner';
import { rotationProblems } from '../shared/rotation/problems';
import { syntheticRotationCounty } from '../shared/rotation/synthetic';

const names: Record<string, string> = {
  qualifiedTeachers: '高于规定学历',
  backboneTeachers: '骨干',
  peArtsTeachers: '体育艺术',
};
const cvText = (rows: readonly CvRow[], which: 'before' | 'after') =>
  rows
    .map((r) => `${r.stage === 'primary' ? '小' : '初'}·${names[r.indicator]} ${r[which].toFixed(3)}`)
    .join('  ');

const input = syntheticRotationCounty('bench', 2000, 100);
console.log(
  `node ${process.version}; ${input.teachers.length} teachers, ${input.schools.length} schools; target ≤ 10 s`,
);
let t0 = performance.now();
const greedy = rotationGreedy(input);
const greedyMs = performance.now() - t0;
const greedyCv = planCv(input, greedy.moves);
const greedyProblems = rotationProblems(input, greedy);
t0 = performance.now();
const ours = rotationPlan(input);
const oursMs = performance.now() - t0;
if (ours.status !== 'ok') throw new Error(ours.reason);
const p = ours.plan;
console.log(`\nbefore:                 ${cvText(p.cv, 'before')}`);
console.log(`greedy after:           ${cvText(greedyCv, 'after')}`);
console.log(`planner after:          ${cvText(p.cv, 'after')}`);
const sum = (rows: readonly CvRow[]) => rows.reduce((a, r) => a + r.after, 0);
console.log(
  `\nΣ CV after: greedy ${sum(greedyCv).toFixed(3)}, planner ${sum(p.cv).toFixed(3)} (before ${p.cv.reduce((a, r) => a + r.before, 0).toFixed(3)})`,
);
console.log(
  `greedy:  ${greedy.moves.length} moved (${greedy.moves.filter((m) => m.backbone).length} 骨干) | hard rules ${greedyProblems.length === 0 ? 'hold' : `BROKEN: ${greedyProblems.slice(0, 2).join('; ')}${greedyProblems.length > 2 ? ` (+${greedyProblems.length - 2})` : ''}`} | ${greedyMs.toFixed(0)} ms`,
);
console.log(
  `planner: ${p.counts.rotated} moved of ${p.counts.eligible} eligible (${p.counts.backbone} 骨干) | hard rules ${p.problems.length === 0 ? 'hold' : `BROKEN: ${p.problems.join('; ')}`} | ${oursMs.toFixed(0)} ms`,
);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
