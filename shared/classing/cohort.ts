/**
 * Checks a classing input and turns it into what the engine works on: units (students kept
 * together move as one), their fixed class if any, the units each must stay apart from, and the
 * balance features as numbers, centred and scaled so that one unit of the objective means the
 * same thing for every feature (one score point of a class sum, one student of a count).
 */
import { defaultClassingWeights, type ClassingInput, type ClassingWeights } from './types';

export interface Cohort {
  readonly n: number;
  readonly k: number;
  /** Class sizes: `base` or `base + 1`, the larger for exactly `extra` classes. */
  readonly base: number;
  readonly extra: number;
  readonly unitMembers: readonly (readonly number[])[];
  readonly unitFixed: readonly number[]; // class index, or -1
  readonly unitApart: readonly (readonly number[])[];
  /** Feature names and the scaled, centred feature value per unit (units × features, row-major). */
  readonly features: readonly string[];
  /** Each feature's weight (z is scaled by its square root; one z unit is about one point). */
  readonly weights: readonly number[];
  readonly z: Float64Array;
  /**
   * Units with the same gender and group counts share a signature: swapping two of them leaves
   * every count as it was, so the scores can be fine-tuned without undoing the counts.
   */
  readonly signature: Int32Array;
}

export type CohortPrepare =
  | { readonly status: 'ok'; readonly cohort: Cohort }
  | { readonly status: 'invalid'; readonly reason: string };

const fail = (reason: string): CohortPrepare => ({ status: 'invalid', reason });

/** Fills and checks the weights; balancing the means can never be switched off (no streaming). */
export function classingWeights(w: Partial<ClassingWeights> | undefined): ClassingWeights | string {
  const out = { ...defaultClassingWeights, ...w };
  for (const [key, v] of Object.entries(out)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1000)
      return `weight ${key} must be a number from 0 to 1000`;
  }
  if (out.total <= 0 || out.subjects <= 0)
    return 'scores are used only to balance classes: the weights of the total and subject means must be above 0';
  return out;
}

/** Raw input keys that would ask for streaming by score; such a configuration is refused. */
export const streamingKeys = ['method', 'mode', 'sort', 'sortBy', 'stream', 'streaming', 'tracks'];

export function classingConfigRefusal(raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object') return null;
  const bad = streamingKeys.filter((k) => k in raw);
  return bad.length > 0
    ? `refused: "${bad.join('", "')}" would sort or stream students by score; scores are used only to balance classes (义务教育法 第二十二条)`
    : null;
}

export function cohortPrepare(input: ClassingInput): CohortPrepare {
  const { students, subjects } = input;
  const n = students.length;
  const k = input.classes;
  if (!Number.isInteger(k) || k < 1 || k > 200) return fail('classes must be a whole number from 1 to 200');
  if (!Number.isInteger(input.cap) || input.cap < 1 || input.cap > 100)
    return fail('cap must be a whole number from 1 to 100');
  if (n === 0) return fail('no students');
  if (Math.ceil(n / k) > input.cap)
    return fail(`${n} students need at least ${Math.ceil(n / input.cap)} classes of at most ${input.cap}`);
  if (new Set(subjects).size !== subjects.length) return fail('a subject is listed twice');
  const weights = classingWeights(input.weights);
  if (typeof weights === 'string') return fail(weights);

  const index = new Map<string, number>();
  for (const [i, s] of students.entries()) {
    if (index.has(s.id)) return fail(`duplicate student id ${s.id}`);
    if (s.gender !== 'M' && s.gender !== 'F') return fail(`student ${s.id}: gender must be M or F`);
    for (const [subject, v] of Object.entries(s.scores ?? {})) {
      if (!subjects.includes(subject)) return fail(`student ${s.id}: unknown subject ${subject}`);
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1000)
        return fail(`student ${s.id}: score ${subject} must be a number from 0 to 1000`);
    }
    index.set(s.id, i);
  }
  const idx = (id: string, what: string): number | string =>
    index.get(id) ?? `${what}: unknown student ${id}`;

  // Units: union-find over the together lists.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x] as number] as number;
    return x;
  };
  for (const group of input.together ?? []) {
    const ids = group.map((id) => idx(id, 'together'));
    const bad = ids.find((x) => typeof x === 'string');
    if (bad !== undefined) return fail(bad as string);
    for (const x of ids.slice(1)) parent[find(x as number)] = find(ids[0] as number);
  }
  const unitOf = new Int32Array(n).fill(-1);
  let unitMembers: number[][] = [];
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (unitOf[r] === -1) {
      unitOf[r] = unitMembers.length;
      unitMembers.push([]);
    }
    unitOf[i] = unitOf[r] as number;
    (unitMembers[unitOf[i] as number] as number[]).push(i);
  }
  // Units with the same signature sit next to each other: the search scans them together.
  const keyOf = (m: readonly number[]) =>
    m
      .map((i) => {
        const st = students[i];
        return `${st?.gender}:${[...(st?.groups ?? [])].sort().join(',')}`;
      })
      .sort()
      .join('|');
  // Within a signature, by score (per member), so score-near units are index-near.
  const scoreOf = (m: readonly number[]) =>
    m.reduce((acc, i) => acc + subjects.reduce((a, s) => a + (students[i]?.scores?.[s] ?? 0), 0), 0) /
    m.length;
  const keyed = unitMembers.map((m) => ({ m, key: keyOf(m), score: scoreOf(m) }));
  keyed.sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.score - b.score || (a.m[0] as number) - (b.m[0] as number),
  );
  unitMembers = keyed.map((x) => x.m);
  unitMembers.forEach((m, u) => m.forEach((i) => (unitOf[i] = u)));
  const ids = new Map<string, number>();
  const signature = Int32Array.from(keyed, ({ key }) => {
    if (!ids.has(key)) ids.set(key, ids.size);
    return ids.get(key) as number;
  });
  const base = Math.floor(n / k);
  const extra = n % k;
  const biggest = Math.max(...unitMembers.map((m) => m.length));
  if (biggest > (extra > 0 ? base + 1 : base))
    return fail(`a together group of ${biggest} does not fit in a class of ${extra > 0 ? base + 1 : base}`);

  const unitFixed = new Array<number>(unitMembers.length).fill(-1);
  for (const [id, cls] of Object.entries(input.fixed ?? {})) {
    const i = idx(id, 'fixed');
    if (typeof i === 'string') return fail(i);
    if (!Number.isInteger(cls) || cls < 0 || cls >= k)
      return fail(`fixed: class of ${id} must be 0 to ${k - 1}`);
    const u = unitOf[i] as number;
    if (unitFixed[u] !== -1 && unitFixed[u] !== cls)
      return fail(`fixed: ${id} is kept together with a student fixed to another class`);
    unitFixed[u] = cls;
  }

  const apart = unitMembers.map(() => new Set<number>());
  for (const group of input.apart ?? []) {
    const ids = group.map((id) => idx(id, 'apart'));
    const bad = ids.find((x) => typeof x === 'string');
    if (bad !== undefined) return fail(bad as string);
    const units = (ids as number[]).map((i) => unitOf[i] as number);
    if (new Set(units).size !== units.length)
      return fail(`apart: ${group.join(', ')} are also asked to be together`);
    if (units.length > k) return fail(`apart: ${units.length} students cannot be in ${k} different classes`);
    for (const a of units) for (const b of units) if (a !== b) apart[a]?.add(b);
  }
  for (const [u, set] of apart.entries()) {
    for (const v of set) {
      if (unitFixed[u] !== -1 && unitFixed[u] === unitFixed[v])
        return fail('apart: two students asked to be apart are fixed to the same class');
    }
  }

  const { features, z, featureWeights } = featuresBuild(input, weights, unitMembers, base);
  return {
    status: 'ok',
    cohort: {
      n,
      k,
      base,
      extra,
      unitMembers,
      unitFixed,
      unitApart: apart.map((s) => [...s].sort((a, b) => a - b)),
      features,
      weights: featureWeights,
      z,
      signature,
    },
  };
}

/**
 * Counts (gender, groups) are settled first and then kept: integers whose best spread is easy to
 * reach exactly. Their weight is multiplied by this, so no score gain ever pays for a worse count.
 */
export const COUNT_PRIORITY = 1e6;

/** Per student raw feature values, then per unit the scaled, centred sums. */
function featuresBuild(
  input: ClassingInput,
  w: ClassingWeights,
  unitMembers: readonly (readonly number[])[],
  base: number,
): { features: string[]; z: Float64Array; featureWeights: number[] } {
  const { students, subjects } = input;
  const n = students.length;
  const cols: { name: string; values: Float64Array; weight: number; unit: number }[] = [];
  const col = (name: string, weight: number, unit: number, f: (i: number) => number) => {
    if (weight <= 0) return;
    cols.push({ name, weight, unit, values: Float64Array.from({ length: n }, (_, i) => f(i)) });
  };
  const countCol = (name: string, weight: number, f: (i: number) => number) =>
    col(name, weight * COUNT_PRIORITY, 1, f);
  // A missing score counts as the subject's mean, so it pulls no class either way.
  const meanOf = subjects.map((s) => {
    const have = students.map((st) => st.scores?.[s]).filter((v): v is number => v !== undefined);
    return have.length > 0 ? have.reduce((a, b) => a + b, 0) / have.length : 0;
  });
  const score = (i: number, j: number) =>
    students[i]?.scores?.[subjects[j] as string] ?? (meanOf[j] as number);
  const total = (i: number) => subjects.reduce((acc, _s, j) => acc + score(i, j), 0);
  if (subjects.length > 0) {
    col('total', w.total, 1, total);
    subjects.forEach((s, j) => col(`subject:${s}`, w.subjects, 1, (i) => score(i, j)));
    // Equal class sums of squares (with equal means) give equal standard deviations; one unit
    // here is about 0.1 point of a class's standard deviation.
    const totals = Array.from({ length: n }, (_, i) => total(i));
    const mu = totals.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(totals.reduce((a, b) => a + (b - mu) * (b - mu), 0) / n) || 1;
    col(
      'sumsq',
      w.spread,
      2 * Math.max(base, 1) * sd * 0.1,
      (i) => (totals[i] as number) * (totals[i] as number),
    );
  }
  countCol('gender:M', w.gender, (i) => (students[i]?.gender === 'M' ? 1 : 0));
  countCol('gender:F', w.gender, (i) => (students[i]?.gender === 'F' ? 1 : 0));
  const groups = [...new Set(students.flatMap((s) => s.groups ?? []))].sort();
  for (const g of groups) countCol(`group:${g}`, w.groups, (i) => (students[i]?.groups?.includes(g) ? 1 : 0));
  const schools = [...new Set(students.flatMap((s) => (s.school ? [s.school] : [])))].sort();
  if (schools.length > 1)
    for (const sc of schools) col(`school:${sc}`, w.school, 1, (i) => (students[i]?.school === sc ? 1 : 0));

  const f = cols.length;
  const z = new Float64Array(unitMembers.length * f);
  cols.forEach((c, j) => {
    const mean = c.values.reduce((a, b) => a + b, 0) / n;
    const scale = Math.sqrt(c.weight) / c.unit;
    unitMembers.forEach((members, u) => {
      let sum = 0;
      for (const i of members) sum += (c.values[i] as number) - mean;
      z[u * f + j] = sum * scale;
    });
  });
  return { features: cols.map((c) => c.name), z, featureWeights: cols.map((c) => c.weight) };
}
