/**
 * The rotation problem's integer-aware convex relaxation, and what it gives the planner: a proven
 * lower bound on Σ CV and a second start for the search.
 *
 * Each stage-indicator CV is ‖((rᵢ − cᵢ)/√(Pᵢ·P))ᵢ‖ / m over the schools that count (cᵢ = m·Pᵢ;
 * m and P fixed while no move changes a counted total). A school's count rᵢ is a whole number, so
 * |rᵢ − cᵢ| may be replaced by hᵢ(rᵢ) = max(|rᵢ − cᵢ|, the chord between ⌊cᵢ⌋ and ⌈cᵢ⌉), equal at
 * every whole number; the relaxation (flows continuous, nomination order dropped) is then convex
 * and still counts each school's rounding loss. Variables: teachers moved per group, teachers
 * sent per (sender kind, type, receiving school), each school's count r, and zᵢ = S·hᵢ(rᵢ)/√(Pᵢ·P).
 * Rows: flow balance per (sender kind, type), each sender's quota, receiving places, each stage's
 * number of moves, the 骨干 minimum, the count definitions and hᵢ's three pieces.
 *
 * 1. A quadratic program (one majorisation step of the norms around the plan found) gives the
 *    relaxation's optimum z*.
 * 2. With uₜ = z*ₜ/‖z*ₜ‖, Σₜ uₜ·zₜ/(S·mₜ) ≤ Σₜ ‖zₜ‖/(S·mₜ) ≤ Σ CV for every lawful plan; its linear
 *    program's minimum is a lower bound, made safe by evaluating the Lagrangian of the returned
 *    duals over the (boxed) variables in this file's own arithmetic. The LP's optimal vertex has
 *    whole-number flows and is a second start for the search.
 * A stage-indicator whose counted total some move could change (a school that does not count
 * sends or receives such teachers) is left out: it contributes 0, which is always true.
 */
import type { FlowModel } from './flow';

const K = 3;
/** Scale of z so that its values are of order one. */
const S = 1e4;
/** Majorisation steps (each one quadratic program); the second moves the bound by ~0.2 %. */
const MM_STEPS = 2;

/** A linear or (diagonal) quadratic program in the shape HiGHS takes; rows in CSR form. */
export interface RelaxationProgram {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** Diagonal of Q in ½xᵀQx (quadratic programs only). */
  readonly hessianDiagonal?: Float64Array;
}

/** Solves a program to optimality (or says it could not); injected, so `shared/` stays free of I/O. */
export interface RelaxationSolver {
  /** Solver and version, recorded in the plan (e.g. `highs-1.15.3`). */
  readonly name: string;
  solve(p: RelaxationProgram): { readonly colValue: Float64Array; readonly rowDual: Float64Array } | null;
}

interface Cell {
  readonly term: number;
  readonly k: number;
  readonly school: number;
  readonly c: number;
  readonly sc: number;
  readonly lo: number;
  readonly hi: number;
}

/** |r − c| with the chord between ⌊c⌋ and ⌈c⌉: equal to |r − c| at every whole number, convex. */
export function roundedDistance(r: number, c: number): number {
  const f = Math.floor(c);
  const a = c - f;
  return Math.max(Math.abs(r - c), a + (1 - 2 * a) * (r - f));
}

export interface RelaxationResult {
  /** Proven lower bound on Σ CV over lawful plans with these numbers of moves per stage. */
  readonly bound: number;
  /** Teachers per (group, receiving school) of the linear program's vertex, or null if not whole. */
  readonly vertex: readonly (readonly [number, number, number])[] | null;
  /** Whether the quadratic step was solved (else the bound's weights came from the plan). */
  readonly relaxed: boolean;
  /** The weighted separable problem's vertex around a plan (a further start), or null. */
  weightedVertexAt(plan: readonly ArrayLike<number>[]): readonly (readonly [number, number, number])[] | null;
  /** The vertex of the linear program weighted at another plan (a further start), or null. */
  vertexAt(plan: readonly ArrayLike<number>[]): readonly (readonly [number, number, number])[] | null;
}

/**
 * Builds and solves the relaxation around a plan (its counts per indicator and school, `planR`),
 * with `count[stage]` moves per stage and each sender at least `floor[school]` (its quota, or what
 * the places allowed). Null when the solver fails.
 */
export function rotationRelaxation(
  m: FlowModel,
  count: readonly number[],
  floor: ArrayLike<number>,
  planR: readonly ArrayLike<number>[],
  solver: RelaxationSolver,
): RelaxationResult | null {
  const n = m.schools.length;
  const st = (i: number) => (m.stageOf[i] === 'primary' ? 0 : 1);
  const senders = [...Array(n).keys()].filter((i) => (m.receivers[i] as number[]).length > 0);
  const kindOf = (i: number) => (m.receivers[i] as number[]).join(',');
  // Hubs: (stage, sender kind, plus mask) — the receivers a unit may go to and what it adds there.
  const hubKey = (g: number) => {
    const gr = m.groups[g] as (typeof m.groups)[number];
    return `${st(gr.sender)}|${kindOf(gr.sender)}|${gr.plus}`;
  };
  const hubs = [...new Set(m.groups.map((_, g) => hubKey(g)))].sort();
  const hubIndex = new Map(hubs.map((h, a) => [h, a]));

  // Terms whose counted total no move can change, and their cells.
  const varies = new Uint8Array(2 * K);
  m.groups.forEach((g) => {
    for (const j of m.receivers[g.sender] as readonly number[])
      for (let k = 0; k < K; k++) {
        const out = (g.minus >> k) & 1 && m.counted[g.origin] ? 1 : 0;
        const inn = (g.plus >> k) & 1 && m.counted[j] ? 1 : 0;
        if (out !== inn || (out === 1 && st(g.origin) !== st(j))) {
          if (out) varies[st(g.origin) * K + k] = 1;
          if (inn) varies[st(j) * K + k] = 1;
        }
      }
  });
  const outMax = new Float64Array(K * n);
  const inMax = new Float64Array(K * n);
  m.groups.forEach((g) => {
    for (let k = 0; k < K; k++) {
      if ((g.minus >> k) & 1)
        outMax[k * n + g.origin] = (outMax[k * n + g.origin] as number) + g.teachers.length;
      if ((g.plus >> k) & 1)
        for (const j of m.receivers[g.sender] as readonly number[])
          inMax[k * n + j] = m.capacity[j] as number;
    }
  });
  const cells: Cell[] = [];
  const means: number[] = [];
  for (let s = 0; s < 2; s++)
    for (let k = 0; k < K; k++) {
      const term = s * K + k;
      const schools = [...Array(n).keys()].filter((i) => m.counted[i] && st(i) === s);
      const P = schools.reduce((a, i) => a + (m.pupils[i] as number), 0);
      const R = schools.reduce((a, i) => a + ((m.res[k] as readonly number[])[i] as number), 0);
      means[term] = P > 0 ? R / P : 0;
      if (varies[term] || schools.length < 2 || R <= 0) continue;
      for (const i of schools) {
        const base = (m.res[k] as readonly number[])[i] as number;
        cells.push({
          term,
          k,
          school: i,
          c: (R / P) * (m.pupils[i] as number),
          sc: Math.sqrt((m.pupils[i] as number) * P),
          lo: Math.max(0, base - (outMax[k * n + i] as number)),
          hi: base + (inMax[k * n + i] as number),
        });
      }
    }
  if (cells.length === 0) return null;
  const cellAt = new Int32Array(K * n).fill(-1);
  cells.forEach((c, e) => (cellAt[c.k * n + c.school] = e));

  // Columns: groups | hub→receiver arcs | r per cell | z per cell.
  const G = m.groups.length;
  const arcs: [number, number][] = [];
  for (const h of hubs) {
    const kind = h.split('|')[1] as string;
    for (const j of kind.split(',').map(Number)) arcs.push([hubIndex.get(h) as number, j]);
  }
  const A = arcs.length;
  const E = cells.length;
  const col = { group: 0, arc: G, r: G + A, z: G + A + E };
  const numCols = G + A + 2 * E;
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  m.groups.forEach((g, a) => (colUpper[a] = g.teachers.length));
  arcs.forEach(([, j], a) => (colUpper[col.arc + a] = m.capacity[j] as number));
  cells.forEach((c, e) => {
    colLower[col.r + e] = c.lo;
    colUpper[col.r + e] = c.hi;
    colUpper[col.z + e] = (S * Math.max(roundedDistance(c.lo, c.c), roundedDistance(c.hi, c.c))) / c.sc + 1;
  });

  const rows: { lo: number; hi: number; idx: number[]; val: number[] }[] = [];
  const row = (lo: number, hi: number) => {
    const r = { lo, hi, idx: [] as number[], val: [] as number[] };
    rows.push(r);
    return r;
  };
  const put = (r: (typeof rows)[number] | undefined, column: number, value: number) => {
    r?.idx.push(column);
    r?.val.push(value);
  };
  // Hub balance.
  const hubRows = hubs.map(() => row(0, 0));
  m.groups.forEach((_, g) => {
    const r = hubRows[hubIndex.get(hubKey(g)) as number];
    r?.idx.push(g);
    r?.val.push(1);
  });
  arcs.forEach(([h], a) => {
    hubRows[h]?.idx.push(col.arc + a);
    hubRows[h]?.val.push(-1);
  });
  // Quotas (or, when the places cannot take them, what the plan reached).
  for (const i of senders) {
    const r = row(floor[i] as number, Infinity);
    for (const g of m.groupsOf[i] as number[]) put(r, g, 1);
  }
  // Receiving places.
  const capRows = new Map<number, (typeof rows)[number]>();
  arcs.forEach(([, j], a) => {
    const r = capRows.get(j) ?? capRows.set(j, row(-Infinity, m.capacity[j] as number)).get(j);
    r?.idx.push(col.arc + a);
    r?.val.push(1);
  });
  // Moves per stage, 骨干.
  for (let s = 0; s < 2; s++) {
    const r = row(count[s] as number, count[s] as number);
    m.groups.forEach((g, a) => {
      if (st(g.sender) === s) put(r, a, 1);
    });
  }
  const bb = row(m.backboneNeed, Infinity);
  m.groups.forEach((g, a) => {
    if (g.backbone) put(bb, a, 1);
  });
  // Count definitions: r + out − in = today's count.
  const defRows = cells.map((c) => row((m.res[c.k] as readonly number[])[c.school] as number, 0));
  defRows.forEach((r, e) => {
    r.hi = r.lo;
    r.idx.push(col.r + e);
    r.val.push(1);
  });
  m.groups.forEach((g, a) => {
    for (let k = 0; k < K; k++) {
      if (!((g.minus >> k) & 1)) continue;
      const e = cellAt[k * n + g.origin] as number;
      if (e >= 0) put(defRows[e], a, 1);
    }
  });
  arcs.forEach(([h, j], a) => {
    const plus = Number((hubs[h] as string).split('|')[2]);
    for (let k = 0; k < K; k++) {
      if (!((plus >> k) & 1)) continue;
      const e = cellAt[k * n + j] as number;
      if (e >= 0) put(defRows[e], col.arc + a, -1);
    }
  });
  const zRowsFrom = rows.length;
  // z ≥ S·h(r)/sc, piece by piece: (sc/S)·z ∓ r ≥ ∓c, (sc/S)·z − slope·r ≥ a − slope·⌊c⌋.
  cells.forEach((c, e) => {
    const f = Math.floor(c.c);
    const a = c.c - f;
    const slope = 1 - 2 * a;
    const pieces: [number, number][] = [
      [1, -c.c],
      [-1, c.c],
      [slope, a - slope * f],
    ];
    for (const [coef, rhs] of pieces) {
      const r = row(rhs, Infinity);
      r.idx.push(col.z + e, col.r + e);
      r.val.push(c.sc / S, -coef);
    }
  });
  const numRows = rows.length;
  const starts = new Int32Array(numRows + 1);
  rows.forEach((r, i) => (starts[i + 1] = (starts[i] as number) + r.idx.length));
  const indices = new Int32Array(starts[numRows] as number);
  const values = new Float64Array(starts[numRows] as number);
  rows.forEach((r, i) => {
    indices.set(r.idx, starts[i] as number);
    values.set(r.val, starts[i] as number);
  });
  const rowLower = Float64Array.from(rows, (r) => r.lo);
  const rowUpper = Float64Array.from(rows, (r) => r.hi);
  const program = (colCost: Float64Array, hessianDiagonal?: Float64Array): RelaxationProgram => ({
    numCols,
    numRows,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    starts,
    indices,
    values,
    ...(hessianDiagonal ? { hessianDiagonal } : {}),
  });

  // 1. Majorisation steps from the plan: ‖z‖ ≤ (‖z‖²/c + c)/2 with c = ‖z‖ of the last point;
  //    each QP's optimum is the next point. If the solver fails, the last point stays (at worst
  //    the plan itself: a weaker bound, still true).
  let z = Float64Array.from(
    cells,
    (c) => (S * roundedDistance((planR[c.k] as ArrayLike<number>)[c.school] as number, c.c)) / c.sc,
  );
  let relaxed = false;
  for (let step = 0; step < MM_STEPS; step++) {
    const norm = new Float64Array(2 * K);
    cells.forEach((c, e) => (norm[c.term] = (norm[c.term] as number) + (z[e] as number) * (z[e] as number)));
    const diag = new Float64Array(numCols);
    cells.forEach((c, e) => {
      diag[col.z + e] =
        1 / (Math.max(Math.sqrt(norm[c.term] as number), 1e-9) * (means[c.term] as number) * S);
    });
    const qp = solver.solve(program(new Float64Array(numCols), diag));
    if (!qp) break;
    z = Float64Array.from(cells, (_, e) => Math.max(0, qp.colValue[col.z + e] as number));
    relaxed = true;
  }
  // 2. The linear program with those weights: its minimum bounds Σ CV, its vertex is a start.
  const lpWith = (zs: ArrayLike<number>) => {
    const zNorm = new Float64Array(2 * K);
    cells.forEach(
      (c, e) => (zNorm[c.term] = (zNorm[c.term] as number) + (zs[e] as number) * (zs[e] as number)),
    );
    const cost = new Float64Array(numCols);
    cells.forEach((c, e) => {
      const nz = Math.sqrt(zNorm[c.term] as number);
      // u ≥ 0 with ‖u‖ ≤ 1 (shrunk a hair so rounding never pushes it over).
      const u = nz > 0 ? ((zs[e] as number) / nz) * (1 - 1e-12) : 0;
      cost[col.z + e] = u / (S * (means[c.term] as number));
    });
    const lpProgram = program(cost);
    const lp = solver.solve(lpProgram);
    return lp ? { bound: safeBound(lpProgram, lp.rowDual), vertex: vertexOf(lp.colValue) } : null;
  };
  // The vertex: whole-number flows per (group, receiving school), by pairing each hub's groups
  // with its receiving schools in order (null when a flow is not whole).
  const vertexOf = (x: Float64Array): [number, number, number][] | null => {
    const whole = (v: number) => Math.abs(v - Math.round(v)) < 1e-6;
    let ok = true;
    const fromGroups: number[][] = hubs.map(() => []);
    m.groups.forEach((_, g) => {
      const v = x[g] as number;
      if (!whole(v)) ok = false;
      for (let u = 0; u < Math.round(v); u++) fromGroups[hubIndex.get(hubKey(g)) as number]?.push(g);
    });
    const toSchools: number[][] = hubs.map(() => []);
    arcs.forEach(([h, j], a) => {
      const v = x[col.arc + a] as number;
      if (!whole(v)) ok = false;
      for (let u = 0; u < Math.round(v); u++) toSchools[h]?.push(j);
    });
    const vertex: [number, number, number][] = [];
    hubs.forEach((_, h) => {
      const gs = fromGroups[h] as number[];
      const js = toSchools[h] as number[];
      if (gs.length !== js.length) ok = false;
      gs.forEach((g, u) => vertex.push([g, js[u] as number, 1]));
    });
    return ok ? vertex : null;
  };
  /**
   * A start from the weighted separable problem: min Σ_t w_t Σ_i (r_i − c_i)² with each school's
   * count a sum of unit segments priced at the quadratic's whole-number steps (exact at whole
   * numbers, convex, so its LP's vertex is usually whole) — the majorised objective around a
   * plan (w_t = 1 / (2·m_t·√V_t·P·P_i) folded into the prices).
   */
  const weightedVertexAt = (plan: readonly ArrayLike<number>[]) => {
    const V = new Float64Array(2 * K);
    const P = new Float64Array(2 * K);
    cells.forEach((c) => {
      const r = (plan[c.k] as ArrayLike<number>)[c.school] as number;
      const pi = m.pupils[c.school] as number;
      V[c.term] = (V[c.term] as number) + ((r - c.c) * (r - c.c)) / pi;
      P[c.term] = (P[c.term] as number) + pi;
    });
    const segCols: { e: number; cost: number }[] = [];
    cells.forEach((c, e) => {
      const pt = P[c.term] as number;
      const v = (V[c.term] as number) / pt;
      const w =
        1 /
        (2 * (means[c.term] as number) * Math.sqrt(Math.max(v, 1e-18)) * pt * (m.pupils[c.school] as number));
      for (let x = c.lo + 1; x <= c.hi; x++) {
        const a = x - 1 - c.c;
        const b = x - c.c;
        segCols.push({ e, cost: w * (b * b - a * a) });
      }
    });
    const nFlow = G + A;
    const nCols = nFlow + segCols.length;
    const segOf: number[][] = cells.map(() => []);
    segCols.forEach((sg, q) => segOf[sg.e]?.push(nFlow + q));
    const defIndex = new Map(defRows.map((r, e) => [r, e]));
    const keep = rows.slice(0, zRowsFrom);
    const st2 = new Int32Array(keep.length + 1);
    const idx: number[] = [];
    const val: number[] = [];
    const lo2 = new Float64Array(keep.length);
    const hi2 = new Float64Array(keep.length);
    keep.forEach((r, i) => {
      const e = defIndex.get(r);
      r.idx.forEach((cIdx, q) => {
        if (cIdx < nFlow) {
          idx.push(cIdx);
          val.push(r.val[q] as number);
        }
      });
      if (e !== undefined) {
        for (const cIdx of segOf[e] as number[]) {
          idx.push(cIdx);
          val.push(1);
        }
        const shift = (cells[e] as Cell).lo;
        lo2[i] = r.lo - shift;
        hi2[i] = r.hi - shift;
      } else {
        lo2[i] = r.lo;
        hi2[i] = r.hi;
      }
      st2[i + 1] = idx.length;
    });
    const cost = new Float64Array(nCols);
    segCols.forEach((sg, q) => (cost[nFlow + q] = sg.cost));
    const lower = new Float64Array(nCols);
    const upper = new Float64Array(nCols).fill(1);
    upper.set(colUpper.subarray(0, nFlow), 0);
    const res = solver.solve({
      numCols: nCols,
      numRows: keep.length,
      colCost: cost,
      colLower: lower,
      colUpper: upper,
      rowLower: lo2,
      rowUpper: hi2,
      starts: st2,
      indices: Int32Array.from(idx),
      values: Float64Array.from(val),
    });
    return res ? vertexOf(res.colValue) : null;
  };
  const first = lpWith(z);
  if (!first) return null;
  return {
    bound: first.bound,
    vertex: first.vertex,
    relaxed,
    weightedVertexAt,
    vertexAt(plan: readonly ArrayLike<number>[]) {
      const zs = Float64Array.from(
        cells,
        (c) => (S * roundedDistance((plan[c.k] as ArrayLike<number>)[c.school] as number, c.c)) / c.sc,
      );
      return lpWith(zs)?.vertex ?? null;
    },
  };
}

/**
 * A lower bound on the program's minimum from any row multipliers y, in this code's own
 * arithmetic: cᵀx = (c − Aᵀy)ᵀx + yᵀAx ≥ Σⱼ min over [lⱼ, uⱼ] of dⱼxⱼ + Σᵢ yᵢ·(the row bound
 * its sign allows). Every column is boxed, so the bound is finite; a multiplier of the wrong
 * sign for its row is taken as 0.
 */
export function safeBound(p: RelaxationProgram, rowDual: Float64Array): number {
  const d = Float64Array.from(p.colCost);
  let total = 0;
  for (let i = 0; i < p.numRows; i++) {
    let y = rowDual[i] as number;
    const lo = p.rowLower[i] as number;
    const hi = p.rowUpper[i] as number;
    if (y > 0 && lo === -Infinity) y = 0;
    if (y < 0 && hi === Infinity) y = 0;
    if (y === 0) continue;
    total += y * (y > 0 ? lo : hi);
    for (let q = p.starts[i] as number; q < (p.starts[i + 1] as number); q++)
      d[p.indices[q] as number] = (d[p.indices[q] as number] as number) - y * (p.values[q] as number);
  }
  for (let j = 0; j < p.numCols; j++) {
    const dj = d[j] as number;
    total += Math.min(dj * (p.colLower[j] as number), dj * (p.colUpper[j] as number));
  }
  return total;
}
