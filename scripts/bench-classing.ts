/**
 * npm run bench:classing — the classic S-shaped fill (蛇形) and our engine side by side, in one run,
 * on seeded synthetic cohorts: 1000 students → 20 classes over 5 seeds no test uses (each seed's
 * figures, the medians, and the targets of issue 21 with whether each is met), then 300 → 7
 * and 1500 → 30, then an exact cross-check with HiGHS on small cohorts (120 → 4): every class's
 * total-score sum constrained to [⌊T/K⌋, ⌈T/K⌉]; if that is feasible the report's lower bound is
 * the true optimum, and we print whether our result reaches it.
 * Figures are printed, never asserted: speed is measured here, not in unit tests.
 */
import { cpus, loadavg } from 'node:os';
import loadHighs from 'highs';
import { CLASSING_ALGORITHM, classingRun, snakeFill } from '../shared/classing/run';
import { benchShape, syntheticCohort, type SyntheticShape } from '../shared/classing/synthetic';
import type { ClassingInput, ClassingReport } from '../shared/classing/types';

interface Row {
  cpuMs?: number;
  total: number;
  worstSubject: number;
  countsAtBound: string;
  sd: number;
  rules: boolean;
  ms: number;
}

function row(input: ClassingInput, report: ClassingReport, ms: number): Row {
  const counts = Object.values(report.countRange);
  return {
    total: report.meanSpread['total']?.value ?? NaN,
    worstSubject: Math.max(...input.subjects.map((s) => report.meanSpread[s]?.value ?? NaN)),
    countsAtBound: `${counts.filter((c) => c.optimal).length}/${counts.length} (max range ${Math.max(...counts.map((c) => c.value))})`,
    sd: report.sdSpread.value,
    rules: report.problems.length === 0,
    ms,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const fmt = (r: Row) =>
  `total ${r.total.toFixed(3)} | worst subject ${r.worstSubject.toFixed(3)} | gender+groups at bound ${r.countsAtBound} | SD range ${r.sd.toFixed(2)} | hard rules ${r.rules ? 'hold' : 'BROKEN'} | ${r.ms.toFixed(0)} ms`;

function compare(label: string, shape: SyntheticShape, seeds: readonly string[]): Row[] {
  console.log(
    `\n${label} (cap ${shape.cap}; ${shape.twinsTogether} twin pairs together, ${shape.twinsApart} apart, ${shape.namedApart} named pairs apart, ${shape.fixed} fixed)`,
  );
  const snake: Row[] = [];
  const ours: Row[] = [];
  let bound = 0;
  for (const seed of seeds) {
    const input = syntheticCohort(seed, shape);
    let t0 = performance.now();
    const s = snakeFill(input);
    snake.push(row(input, s.report, performance.now() - t0));
    t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = classingRun(input, seed);
    const ms = performance.now() - t0;
    const cu = process.cpuUsage(c0);
    if (r.status !== 'ok') throw new Error(r.reason);
    ours.push({ ...row(input, r.result.report, ms), cpuMs: (cu.user + cu.system) / 1000 });
    bound = r.result.report.meanSpread['total']?.lowerBound ?? 0;
    if (seeds.length > 1) console.log(`  seed ${seed}  ours:  ${fmt(ours.at(-1) as Row)}`);
  }
  const med = (rows: Row[]): Row => ({
    total: median(rows.map((r) => r.total)),
    worstSubject: median(rows.map((r) => r.worstSubject)),
    countsAtBound: rows.map((r) => r.countsAtBound.split(' ')[0]).join(', '),
    sd: median(rows.map((r) => r.sd)),
    rules: rows.every((r) => r.rules),
    ms: median(rows.map((r) => r.ms)),
  });
  const m = seeds.length > 1 ? 'median ' : '';
  console.log(`  ${m}snake: ${fmt(med(snake))}`);
  console.log(`  ${m}ours:  ${fmt(med(ours))}`);
  console.log(`  lower bound of the total's spread: ${bound.toFixed(3)}`);
  return ours;
}

async function crossCheck(): Promise<void> {
  const highs = await loadHighs();
  console.log('\nexact cross-check with HiGHS: 120 students → 4 classes of 30 (no together/apart/fixed)');
  for (const seed of ['x1', 'x2', 'x3']) {
    const input = syntheticCohort(seed, {
      students: 120,
      classes: 4,
      cap: 45,
      twinsTogether: 0,
      twinsApart: 0,
      namedApart: 0,
      fixed: 0,
    });
    const totals = input.students.map((s) => input.subjects.reduce((a, x) => a + (s.scores?.[x] ?? 0), 0));
    const t = totals.reduce((a, b) => a + b, 0);
    const k = input.classes;
    const n = input.students.length / k;
    const x = (i: number, c: number) => `x_${i}_${c}`;
    const lines = ['Minimize', ' obj: 0 x_0_0', 'Subject To'];
    totals.forEach((_, i) =>
      lines.push(` a${i}: ${Array.from({ length: k }, (_, c) => x(i, c)).join(' + ')} = 1`),
    );
    for (let c = 0; c < k; c++) {
      lines.push(` n${c}: ${totals.map((_, i) => x(i, c)).join(' + ')} = ${n}`);
      const sum = totals.map((v, i) => `${v} ${x(i, c)}`).join(' + ');
      lines.push(` lo${c}: ${sum} >= ${Math.floor(t / k)}`, ` hi${c}: ${sum} <= ${Math.ceil(t / k)}`);
    }
    lines.push(
      'Binary',
      ...totals.flatMap((_, i) => Array.from({ length: k }, (_, c) => ` ${x(i, c)}`)),
      'End',
    );
    const t0 = performance.now();
    const sol = highs.solve(lines.join('\n'), { time_limit: 60 });
    const exactMs = performance.now() - t0;
    const feasible = sol.Status === 'Optimal';
    const r = classingRun(input, seed);
    if (r.status !== 'ok') throw new Error(r.reason);
    const ours = r.result.report.meanSpread['total'] as { value: number; lowerBound: number | null };
    const exact = feasible ? (t % k === 0 ? 0 : 1 / n) : null;
    console.log(
      `  seed ${seed}: HiGHS ${sol.Status} in ${exactMs.toFixed(0)} ms → optimum of the total's spread ${exact === null ? 'unknown' : exact.toFixed(4)}; report bound ${ours.lowerBound?.toFixed(4)}; ours ${ours.value.toFixed(4)} (${exact !== null && ours.value <= exact + 1e-9 ? 'reaches it' : `gap ${exact === null ? '?' : (ours.value - exact).toFixed(4)}`})`,
    );
  }
}

const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');

async function main(): Promise<void> {
  console.log(
    `node ${process.version}; ${CLASSING_ALGORITHM}; targets for 1000 → 20: median of 5 seeds total ≤ 0.04, worst subject ≤ 0.06, SD range ≤ 1.5; every seed total ≤ 0.05, worst subject ≤ 0.08; gender and every group at their bound; every hard rule; engine ≤ 1 s`,
  );
  const rows = compare('1000 students → 20 classes', benchShape, [
    'bench-2027-1',
    'bench-2027-2',
    'bench-2027-3',
    'bench-2027-4',
    'bench-2027-5',
  ]);
  const m = (f: (r: Row) => number) => median(rows.map(f));
  console.log('  targets:');
  console.log(
    `    median total ≤ 0.04:            ${yes(m((r) => r.total) <= 0.04 + 1e-9)} (${m((r) => r.total).toFixed(3)})`,
  );
  console.log(
    `    median worst subject ≤ 0.06:    ${yes(m((r) => r.worstSubject) <= 0.06 + 1e-9)} (${m((r) => r.worstSubject).toFixed(3)})`,
  );
  console.log(
    `    median SD range ≤ 1.5:          ${yes(m((r) => r.sd) <= 1.5)} (${m((r) => r.sd).toFixed(2)})`,
  );
  const maxOf = (f: (r: Row) => number) => Math.max(...rows.map(f));
  console.log(
    `    every seed total ≤ 0.05:        ${yes(maxOf((r) => r.total) <= 0.05)} (worst ${maxOf((r) => r.total).toFixed(3)})`,
  );
  console.log(
    `    every seed worst subject ≤ 0.08: ${yes(maxOf((r) => r.worstSubject) <= 0.08 + 1e-9)} (worst ${maxOf((r) => r.worstSubject).toFixed(3)})`,
  );
  console.log(
    `    counts at bound, rules hold:    ${yes(
      rows.every((r) => {
        const [at, of] = (r.countsAtBound.split(' ')[0] as string).split('/');
        return r.rules && at === of;
      }),
    )}`,
  );
  console.log(
    `    engine ≤ 1 s (median):          ${yes(m((r) => r.ms) <= 1000)} (${m((r) => r.ms).toFixed(0)} ms wall, ${m((r) => r.cpuMs ?? NaN).toFixed(0)} ms CPU; slowest ${maxOf((r) => r.ms).toFixed(0)} ms; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)`,
  );
  compare(
    '300 students → 7 classes',
    { students: 300, classes: 7, cap: 45, twinsTogether: 2, twinsApart: 1, namedApart: 4, fixed: 2 },
    ['1'],
  );
  compare(
    '1500 students → 30 classes',
    { students: 1500, classes: 30, cap: 50, twinsTogether: 9, twinsApart: 3, namedApart: 15, fixed: 6 },
    ['1'],
  );
  await crossCheck();
  console.log(`\npeak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

void main();
