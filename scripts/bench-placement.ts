/**
 * npm run bench:placement — our deferred acceptance vs a straightforward textbook reference, side
 * by side in one run, on seeded synthetic counties. Each contender runs in its own child process
 * so its peak memory (the process's maxRSS) is its own; times are the median of three runs (the
 * first run is shown too: it includes JIT warm-up). Checks that both give the same assignment and
 * that our result passes the validators (on the smaller county).
 */
import { spawnSync } from 'node:child_process';
import { canonicalHash } from '../shared/placement/canonical';
import { deferredAcceptance } from '../shared/placement/mechanisms';
import { deferredAcceptanceReference } from '../shared/placement/reference';
import { placementRun } from '../shared/placement/run';
import { syntheticCounty } from '../shared/placement/synthetic';
import type { PlacementInput } from '../shared/placement/types';
import { unitsBuild } from '../shared/placement/units';
import { placementProblems } from '../shared/placement/validate';

const SEED = '2027-bench';
const RUNS = 3;
type Task = 'draw' | 'da' | 'reference';
const counties = {
  small: {
    label: '10,000 applicants, 60 schools',
    make: () => syntheticCounty('bench-small', 10_000, 60, 5),
  },
  big: {
    label: '100,000 applicants, 300 schools',
    make: () => syntheticCounty('bench-county', 100_000, 300, 5),
  },
};
type County = keyof typeof counties;

interface ChildReport {
  runs: number[];
  rssBeforeMb: number;
  peakRssMb: number;
  freezeMs: number;
  digest: string;
  placed: number;
}

/** Freezing puts the list in id order (as the placement function does) and hashes it once. */
function freeze(input: PlacementInput): { frozen: PlacementInput; hash: string } {
  const frozen = { ...input, students: [...input.students].sort((a, b) => (a.id < b.id ? -1 : 1)) };
  return { frozen, hash: canonicalHash(frozen) };
}

function child(task: Task, county: County): ChildReport {
  const input = counties[county].make();
  const t0 = performance.now();
  const { frozen, hash } = freeze(input);
  const freezeMs = performance.now() - t0;
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  const runs: number[] = [];
  let digest = '';
  let placed = 0;
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    if (task === 'draw') {
      const out = placementRun(frozen, 'da', SEED, hash);
      runs.push(performance.now() - start);
      if (out.status !== 'ok') throw new Error(out.reason);
      digest = out.result.runRecord.outputHash;
      placed = Object.values(out.result.assignment).filter((x) => x !== null).length;
    } else {
      // The mechanisms alone, on the same units (the lottery is drawn outside the timing).
      const built = unitsBuild(frozen, SEED);
      if (built.status !== 'ok') throw new Error(built.reason);
      const s = performance.now();
      const m =
        task === 'da'
          ? deferredAcceptance(frozen.schools, built.units)
          : deferredAcceptanceReference(frozen.schools, built.units);
      runs.push(performance.now() - s);
      const sorted = [...m].sort(([a], [b]) => (a < b ? -1 : 1));
      digest = canonicalHash(sorted);
      placed = sorted.filter(([, v]) => v !== null).length;
    }
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  return { runs, rssBeforeMb, peakRssMb, freezeMs, digest, placed };
}

function spawn(task: Task, county: County): ChildReport {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', task, county], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${task} on ${county} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as ChildReport;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
const mb = (x: number) => `${x.toFixed(0).padStart(4)} MB`;
const fig = (r: ChildReport) =>
  `${ms(median(r.runs))} (first ${ms(r.runs[0] as number).trim()}), peak RSS ${mb(r.peakRssMb)} (input alone ${mb(r.rssBeforeMb).trim()})`;

function main(): void {
  console.log(
    `node ${process.version}; target: 100,000 applicants, 300 schools, 5 choices in ≤ 1 s and ≤ 500 MB; median of ${RUNS} runs, each contender in its own process`,
  );
  for (const county of ['small', 'big'] as const) {
    const draw = spawn('draw', county);
    const da = spawn('da', county);
    const ref = spawn('reference', county);
    const same = da.digest === ref.digest;
    console.log(
      `\n${counties[county].label} (freeze: sort + hash ${draw.freezeMs.toFixed(0)} ms, done before the draw)`,
    );
    console.log(`  ours, whole draw (lottery + DA + result + hashes): ${fig(draw)} | placed ${draw.placed}`);
    console.log(`  ours, DA alone:                                    ${fig(da)}`);
    console.log(`  reference DA alone (textbook):                     ${fig(ref)}`);
    console.log(`  same assignment as the reference: ${same ? 'yes' : 'NO'}`);
    if (!same) process.exitCode = 1;
  }
  const small = counties.small.make();
  const check = placementRun(small, 'da', SEED);
  if (check.status !== 'ok') throw new Error(check.reason);
  const problems = placementProblems(small, check.result, SEED, true);
  console.log(
    `\nvalidators on the 10,000 county: ${problems.length === 0 ? 'all hold' : problems.slice(0, 3).join('; ')}`,
  );
  if (problems.length > 0) process.exitCode = 1;
}

const at = process.argv.indexOf('--child');
if (at >= 0) {
  const report = child(process.argv[at + 1] as Task, process.argv[at + 2] as County);
  console.log(JSON.stringify(report));
} else main();
