/**
 * npm run bench:placement — our deferred acceptance vs a straightforward textbook reference, side
 * by side in one run, on seeded synthetic counties. Each contender runs in its own child process
 * so its peak memory (the process's maxRSS) is its own; times are the median of three runs (the
 * first run is shown too: it includes JIT warm-up). Checks that both give the same assignment and
 * that our result passes the validators (on the smaller county). Then the command line as people
 * run it — `node bin/junheng.js …`, a fresh process each time (its prebuilt bundle), timed from
 * start to exit with its peak memory (/usr/bin/time): --help, place and verify-draw on 100,000
 * applicants / 300 schools, classes (1,000 → 20), rotation (3,000 teachers, with HiGHS), cv and
 * audit-verify.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchShape, syntheticCohort } from '../shared/classing/synthetic';
import { syntheticRotationCounty } from '../shared/rotation/synthetic';
import { demoSeed } from '../server/host/seed';
import { pgliteStoreOpen } from '../server/store/pglite';
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

const root = join(__dirname, '..');

/** One command-line process: wall seconds and peak RSS (MB), median of `runs` by wall time. */
function cliRun(
  args: readonly string[],
  out: string | null,
  runs: number,
): { s: number; cpu: number; mb: number; code: number } {
  const results: { s: number; cpu: number; mb: number; code: number }[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const res = spawnSync(
      '/usr/bin/time',
      ['-f', '%U %S %M', process.execPath, join(root, 'bin', 'junheng.js'), ...args],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      },
    );
    const s = (performance.now() - t0) / 1000;
    if (out !== null) writeFileSync(out, res.stdout);
    const [user, sys, kb] = (res.stderr.trim().split('\n').pop() as string).split(' ').map(Number) as [
      number,
      number,
      number,
    ];
    results.push({ s, cpu: user + sys, mb: kb / 1024, code: res.status ?? -1 });
  }
  return results.sort((a, b) => a.s - b.s)[runs >> 1] as { s: number; cpu: number; mb: number; code: number };
}

async function cliMain(): Promise<void> {
  if (!existsSync('/usr/bin/time')) {
    console.log('\ncommand line: /usr/bin/time is missing here; not timed');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'junheng-cli-bench-'));
  try {
    const input = join(dir, 'place.json');
    writeFileSync(input, JSON.stringify(counties.big.make()));
    writeFileSync(join(dir, 'cohort.json'), JSON.stringify(syntheticCohort('cli-bench', benchShape)));
    const rotation = syntheticRotationCounty('cli-bench', 3000, 100);
    writeFileSync(join(dir, 'rotation.json'), JSON.stringify(rotation));
    const facilities = {
      teachingAreaM2: 5000,
      sportsAreaM2: 8000,
      equipmentValueYuan: 2_000_000,
      multimediaRooms: 20,
    };
    writeFileSync(
      join(dir, 'cv.json'),
      JSON.stringify({
        schools: rotation.schools.map((x) => ({ ...x, facilities })),
        teachers: rotation.teachers,
      }),
    );
    // A data directory with the demo county and its audit chain (made here, not timed).
    mkdirSync(join(dir, 'data'), { recursive: true });
    const store = await pgliteStoreOpen(join(dir, 'data', 'pg'));
    await demoSeed(store, new Date('2027-05-10T02:00:00Z'));
    await store.close();
    // The first call builds the bundle if the sources changed since the last build (not timed).
    spawnSync(process.execPath, [join(root, 'bin', 'junheng.js'), '--help']);
    console.log(
      `\ncommand line (node bin/junheng.js, a fresh process each, median of 3; wall time, CPU time and peak RSS; load average now ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)`,
    );
    const line = (label: string, r: { s: number; cpu: number; mb: number; code: number }, target: string) =>
      console.log(
        `  ${label.padEnd(48)} ${r.s.toFixed(2).padStart(5)} s wall (${r.cpu.toFixed(2)} s CPU)  ${r.mb.toFixed(0).padStart(4)} MB  exit ${r.code}  ${target}`,
      );
    const help = cliRun(['--help'], null, 5);
    line('--help', help, `target ≤ 0.3 s: ${help.s <= 0.3 ? 'met' : 'NOT met'}`);
    const run = join(dir, 'run.json');
    const place = cliRun(['place', '--input', input, '--seed', SEED], run, 3);
    line(
      'place, 100,000 applicants / 300 schools',
      place,
      `target ≤ 3 s and ≤ 500 MB: ${place.s <= 3 && place.mb <= 500 && place.code === 0 ? 'met' : 'NOT met'}`,
    );
    line('verify-draw, the same run', cliRun(['verify-draw', '--run', run, '--input', input], null, 3), '');
    line(
      'classes, 1,000 → 20',
      cliRun(['classes', '--input', join(dir, 'cohort.json'), '--seed', '7'], null, 3),
      '',
    );
    line(
      `rotation, ${rotation.teachers.length} teachers / 100 schools (HiGHS)`,
      cliRun(['rotation', '--input', join(dir, 'rotation.json')], null, 3),
      '',
    );
    line('cv, the same county', cliRun(['cv', '--input', join(dir, 'cv.json')], null, 3), '');
    line(
      'audit-verify, the demo county’s data directory',
      cliRun(['audit-verify', '--data', join(dir, 'data')], null, 3),
      '',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const at = process.argv.indexOf('--child');
if (at >= 0) {
  const report = child(process.argv[at + 1] as Task, process.argv[at + 2] as County);
  console.log(JSON.stringify(report));
} else {
  main();
  void cliMain();
}
