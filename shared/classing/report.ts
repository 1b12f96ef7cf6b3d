/**
 * The balance report: per-class figures, and for every spread its lower bound — the best any
 * assignment of this cohort into classes of these sizes could reach — so a figure on its bound is
 * shown as optimal. Also lists any broken hard rule (the validators below are shared by tests,
 * the benchmark and the function before a result is saved).
 */
import type { BoundedFigure, ClassFigures, ClassingInput, ClassingReport, ClassingStudent } from './types';

const EPS = 1e-9;

const bounded = (value: number, lowerBound: number | null): BoundedFigure => ({
  value,
  lowerBound,
  optimal: lowerBound !== null && value <= lowerBound + EPS,
});

const spread = (xs: readonly number[]) => (xs.length === 0 ? 0 : Math.max(...xs) - Math.min(...xs));

/** Powers of ten that make every value an integer (scores like 88.5), or null. */
function integerScale(values: readonly number[]): number | null {
  for (const scale of [1, 10, 100]) {
    if (values.every((v) => Math.abs(v * scale - Math.round(v * scale)) < 1e-6)) return scale;
  }
  return null;
}

/**
 * The smallest possible max − min of class means, given the class sizes and the cohort's values:
 * class sums are integers (in the values' smallest unit) adding up to the cohort total, so this is
 * the narrowest window [a, b] of means, each a fraction p/size, for which some integer sums fit.
 * With equal sizes n it is 0 when the classes divide the total and 1/n otherwise.
 */
export function meanSpreadBound(sizes: readonly number[], values: readonly number[]): number | null {
  const scale = integerScale(values);
  if (scale === null || sizes.length === 0) return null;
  const total = values.reduce((a, v) => a + Math.round(v * scale), 0);
  const n = sizes.reduce((a, b) => a + b, 0);
  const distinct = [...new Set(sizes)];
  // Candidate means p/m near the cohort mean T/N, as [p, m].
  const cands: [number, number][] = [];
  for (const m of distinct) {
    const centre = Math.floor((total * m) / n);
    for (let p = centre - 2; p <= centre + 3; p++) cands.push([p, m]);
  }
  const le = (x: [number, number], y: [number, number]) => x[0] * y[1] <= y[0] * x[1];
  const mean: [number, number] = [total, n];
  let best = Infinity;
  for (const a of cands) {
    if (!le(a, mean)) continue;
    const low = sizes.reduce((acc, m) => acc + Math.ceil((a[0] * m) / a[1] - EPS), 0);
    if (low > total) continue;
    for (const b of cands) {
      if (!le(mean, b)) continue;
      const high = sizes.reduce((acc, m) => acc + Math.floor((b[0] * m) / b[1] + EPS), 0);
      if (high < total) continue;
      best = Math.min(best, (b[0] * a[1] - a[0] * b[1]) / (a[1] * b[1]));
    }
  }
  return Number.isFinite(best) ? Math.max(0, best) / scale : null;
}

/** A count spread evenly over k classes differs by at least 1 unless k divides it. */
export const countRangeBound = (count: number, k: number): number => (count % k === 0 ? 0 : 1);

function classFigures(members: readonly ClassingStudent[], subjects: readonly string[]): ClassFigures {
  const means: Record<string, number> = {};
  for (const s of subjects) {
    const have = members.map((m) => m.scores?.[s]).filter((v): v is number => v !== undefined);
    means[s] = have.length > 0 ? have.reduce((a, b) => a + b, 0) / have.length : 0;
  }
  const totals = members
    .filter((m) => subjects.every((s) => m.scores?.[s] !== undefined))
    .map((m) => subjects.reduce((a, s) => a + (m.scores?.[s] as number), 0));
  const tMean = totals.length > 0 ? totals.reduce((a, b) => a + b, 0) / totals.length : 0;
  if (subjects.length > 0) means['total'] = tMean;
  const sd =
    totals.length > 0
      ? Math.sqrt(totals.reduce((a, t) => a + (t - tMean) * (t - tMean), 0) / totals.length)
      : 0;
  const groups: Record<string, number> = {};
  const schools: Record<string, number> = {};
  for (const m of members) {
    for (const g of m.groups ?? []) groups[g] = (groups[g] ?? 0) + 1;
    if (m.school) schools[m.school] = (schools[m.school] ?? 0) + 1;
  }
  return {
    size: members.length,
    male: members.filter((m) => m.gender === 'M').length,
    female: members.filter((m) => m.gender === 'F').length,
    means,
    totalSd: sd,
    groups,
    schools,
  };
}

/** Hard rules: everyone once, sizes within the cap and within one of each other, the family's
 * together/apart wishes, named pairs apart, and pre-fixed students in their class. */
export function classingProblems(input: ClassingInput, classes: readonly (readonly string[])[]): string[] {
  const problems: string[] = [];
  if (classes.length !== input.classes)
    problems.push(`expected ${input.classes} classes, got ${classes.length}`);
  const classOf = new Map<string, number>();
  classes.forEach((ids, k) =>
    ids.forEach((id) => {
      if (classOf.has(id)) problems.push(`${id} is in more than one class`);
      classOf.set(id, k);
    }),
  );
  for (const s of input.students) if (!classOf.has(s.id)) problems.push(`${s.id} is in no class`);
  if (classOf.size !== input.students.length) {
    const known = new Set(input.students.map((s) => s.id));
    for (const id of classOf.keys()) if (!known.has(id)) problems.push(`${id} is not in the cohort`);
  }
  const sizes = classes.map((c) => c.length);
  sizes.forEach((n, k) => {
    if (n > input.cap) problems.push(`class ${k} has ${n} students, above the cap of ${input.cap}`);
  });
  if (spread(sizes) > 1) problems.push(`class sizes differ by ${spread(sizes)} (at most 1 allowed)`);
  for (const group of input.together ?? []) {
    if (new Set(group.map((id) => classOf.get(id))).size > 1)
      problems.push(`together: ${group.join(', ')} are in different classes`);
  }
  for (const group of input.apart ?? []) {
    const ks = group.map((id) => classOf.get(id));
    if (new Set(ks).size < ks.length) problems.push(`apart: ${group.join(', ')} share a class`);
  }
  for (const [id, k] of Object.entries(input.fixed ?? {})) {
    if (classOf.get(id) !== k) problems.push(`fixed: ${id} is not in class ${k}`);
  }
  return problems;
}

export function classingReport(
  input: ClassingInput,
  classes: readonly (readonly string[])[],
  meta: { algorithm: string; seed: string },
): ClassingReport {
  const byId = new Map(input.students.map((s) => [s.id, s]));
  const k = classes.length;
  const figs = classes.map((ids) =>
    classFigures(
      ids.map((id) => byId.get(id)).filter((s): s is ClassingStudent => s !== undefined),
      input.subjects,
    ),
  );
  const sizes = figs.map((f) => f.size);
  const all = input.students;
  const complete = (s: string) => all.every((st) => st.scores?.[s] !== undefined);

  const meanSpread: Record<string, BoundedFigure> = {};
  if (input.subjects.length > 0) {
    const allComplete = input.subjects.every(complete);
    const totals = all.map((st) => input.subjects.reduce((a, s) => a + (st.scores?.[s] ?? 0), 0));
    meanSpread['total'] = bounded(
      spread(figs.map((f) => f.means['total'] ?? 0)),
      allComplete ? meanSpreadBound(sizes, totals) : null,
    );
    for (const s of input.subjects) {
      meanSpread[s] = bounded(
        spread(figs.map((f) => f.means[s] ?? 0)),
        complete(s)
          ? meanSpreadBound(
              sizes,
              all.map((st) => st.scores?.[s] as number),
            )
          : null,
      );
    }
  }
  const countRange: Record<string, BoundedFigure> = {};
  const males = all.filter((s) => s.gender === 'M').length;
  countRange['M'] = bounded(spread(figs.map((f) => f.male)), countRangeBound(males, k));
  countRange['F'] = bounded(spread(figs.map((f) => f.female)), countRangeBound(all.length - males, k));
  const groups = [...new Set(all.flatMap((s) => s.groups ?? []))].sort();
  for (const g of groups) {
    const c = all.filter((s) => s.groups?.includes(g)).length;
    countRange[g] = bounded(spread(figs.map((f) => f.groups[g] ?? 0)), countRangeBound(c, k));
  }
  const schools = [...new Set(all.flatMap((s) => (s.school ? [s.school] : [])))].sort();
  let schoolValue = 0;
  let schoolBound = 0;
  for (const sc of schools) {
    const c = all.filter((s) => s.school === sc).length;
    schoolValue = Math.max(schoolValue, spread(figs.map((f) => f.schools[sc] ?? 0)));
    schoolBound = Math.max(schoolBound, countRangeBound(c, k));
  }
  return {
    algorithm: meta.algorithm,
    seed: meta.seed,
    sizes: { min: Math.min(...sizes), max: Math.max(...sizes) },
    meanSpread,
    countRange,
    sdSpread: bounded(spread(figs.map((f) => f.totalSd)), 0),
    schoolRange: bounded(schoolValue, schoolBound),
    classes: figs,
    problems: classingProblems(input, classes),
  };
}
