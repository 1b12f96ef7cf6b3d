/**
 * npm run bench:placement — our deferred acceptance vs a straightforward textbook reference, side
 * by side in one run, on synthetic counties (seeded). Prints time and memory; checks both give
 * the same assignment and that the result passes the validators (on the smaller county).
 */
import { canonicalHash } from '../shared/placement/canonical';
import { deferredAcceptance } from '../shared/placement/mechanisms';
import { deferredAcceptanceReference } from '../shared/placement/reference';
import { placementRun } from '../shared/placement/run';
import { syntheticCounty } from '../shared/placement/synthetic';
import type { PlacementInput } from '../shared/placement/types';
import { unitsBuild } from '../shared/placement/units';
import { placementProblems } from '../shared/placement/validate';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

function measure<T>(f: () => T): { value: T; ms: number; peakRss: number } {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = process.hrtime.bigint();
  const value = f();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { value, ms, peakRss: peak };
}

function row(label: string, input: PlacementInput): void {
  const seed = '2027-bench';
  // Freezing hashes the applicant list once and publishes it before the draw; the draw reuses it.
  const freeze = measure(() => canonicalHash(input));
  const ours = measure(() => placementRun(input, 'da', seed, freeze.value));
  if (ours.value.status !== 'ok') throw new Error(ours.value.reason);
  const built = unitsBuild(input, seed);
  if (built.status !== 'ok') throw new Error(built.reason);
  const core = measure(() => deferredAcceptance(input.schools, built.units));
  const ref = measure(() => deferredAcceptanceReference(input.schools, built.units));
  let same = true;
  for (const [k, v] of core.value) if (ref.value.get(k) !== v) same = false;
  const placed = Object.values(ours.value.result.assignment).filter((x) => x !== null).length;
  console.log(
    `${label.padEnd(32)} ours: draw ${ours.ms.toFixed(0).padStart(5)} ms (lottery + DA + result; DA alone ${core.ms.toFixed(0).padStart(4)} ms), peak RSS ${mb(ours.peakRss).padStart(7)}` +
      ` | reference DA alone ${ref.ms.toFixed(0).padStart(5)} ms, peak RSS ${mb(ref.peakRss).padStart(7)}` +
      ` | freeze hash ${freeze.ms.toFixed(0).padStart(4)} ms | same result: ${same ? 'yes' : 'NO'} | placed ${placed}`,
  );
  if (!same) process.exitCode = 1;
}

console.log(
  `node ${process.version}; target: 100,000 applicants, 300 schools, 5 choices in ≤ 1 s and ≤ 500 MB`,
);
const small = syntheticCounty('bench-small', 10_000, 60, 5);
row('10,000 applicants, 60 schools', small);
const check = placementRun(small, 'da', '2027-bench');
if (check.status === 'ok') {
  const problems = placementProblems(small, check.result, '2027-bench', true);
  console.log(
    `validators on the 10,000 county: ${problems.length === 0 ? 'all hold' : problems.slice(0, 3).join('; ')}`,
  );
  if (problems.length > 0) process.exitCode = 1;
}
const gen = measure(() => syntheticCounty('bench-county', 100_000, 300, 5));
console.log(`(generated the 100,000 county in ${gen.ms.toFixed(0)} ms)`);
row('100,000 applicants, 300 schools', gen.value);
