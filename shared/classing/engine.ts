/**
 * The classing engine. One objective: the sum over classes and features of the squared deviation
 * of the class's feature sum from its share (features centred and scaled by cohort.ts). Equal
 * class sums make equal means, equal sums of squares make equal spreads, and counts end as even
 * as integers allow.
 *
 * Search: a start that meets every hard rule (constrained units by a small depth-first search,
 * the rest dealt in S order), then the exchange method used for anticlustering (each unit takes
 * its best improving swap or move), then iterated local search (one random swap of units with the
 * same gender/group signature, local search from the touched classes, undone if not better), then
 * the power polish, aimed at the report's own max − min figures: Σ (deviation / target)⁸ over
 * classes and score features, by descent and then iterated rounds kicked out of the classes
 * furthest out. With the units' Gram matrix and each unit's dot product with each class's
 * deviation kept up to date, a candidate costs O(1) and an applied swap O(units); the polish keeps
 * only the class sums and rebuilds the rest when it ends.
 *
 * Every step keeps every hard rule: units (students kept together) move as one, fixed units
 * never move, apart units never meet, class sizes stay `base` or `base + 1`. Deterministic: the
 * seeded generator is the only randomness, budgets are iteration counts (no clock), and only
 * + − × ÷ and √ on doubles are used (correctly rounded in every JavaScript engine; no `**`, exp).
 */
import { rngFromSeed, type Rng } from '../random';
import type { Cohort } from './cohort';

export const CLASSING_ALGORITHM = 'junheng-classing-v2';

export interface SearchBudget {
  /** Iterated-local-search rounds (one random same-signature swap, local search, keep if better). */
  readonly rounds: number;
  /** Random swaps per round. */
  readonly kick: number;
  /** Classes the local search may work through per round. */
  readonly pops: number;
  /** After the first search, a unit looks for swap partners only this many places either side
   * of it in its signature's score order (useful fine-tuning swaps are between near scores). */
  readonly window: number;
  /** Power polish: descent passes over every class (each unit tries its whole signature). */
  readonly powerPasses: number;
  /** Power polish: iterated rounds (a swap out of a class furthest out, descent, keep if better). */
  readonly powerRounds: number;
  /** Power polish: classes each round's descent works through, and its partner window. */
  readonly powerPops: number;
  readonly powerWindow: number;
}

export const defaultBudget: SearchBudget = {
  rounds: 1000,
  kick: 1,
  pops: 8,
  window: 60,
  powerPasses: 20,
  powerRounds: 600,
  powerPops: 2,
  powerWindow: 30,
};

// Improvements smaller than this are rounding noise (one score point of a class sum costs ≥ 1).
const EPS = 1e-3;

class State {
  readonly f: number;
  readonly units: number;
  readonly k: number;
  readonly classOf: Int32Array;
  readonly size: Int32Array;
  readonly unitSize: Int32Array;
  readonly movable: Uint8Array;
  /** gram[u * units + v] = z_u · z_v */
  readonly gram: Float64Array;
  /** dot[c * units + u] = z_u · dev_c, where dev_c is class c's deviation vector */
  readonly dot: Float64Array;
  /** diag[u] = ‖z_u‖² */
  readonly diag: Float64Array;
  /** Applied moves since the last kept state (u, v, from, to), to undo a round that did not help. */
  readonly log: number[] = [];
  /** dev[c * f + j]: class c's deviation in feature j (sum of its units' z) */
  readonly dev: Float64Array;
  objective = 0;

  constructor(readonly c: Cohort) {
    this.f = c.features.length;
    this.units = c.unitMembers.length;
    this.k = c.k;
    this.classOf = new Int32Array(this.units).fill(-1);
    this.size = new Int32Array(c.k);
    this.unitSize = Int32Array.from(c.unitMembers, (m) => m.length);
    this.movable = Uint8Array.from(c.unitFixed, (x) => (x === -1 ? 1 : 0));
    const { units, f } = this;
    this.gram = new Float64Array(units * units);
    for (let u = 0; u < units; u++) {
      for (let v = u; v < units; v++) {
        let s = 0;
        for (let j = 0; j < f; j++) s += (c.z[u * f + j] as number) * (c.z[v * f + j] as number);
        this.gram[u * units + v] = s;
        this.gram[v * units + u] = s;
      }
    }
    this.dot = new Float64Array(units * c.k);
    this.diag = Float64Array.from({ length: units }, (_, u) => this.gram[u * units + u] as number);
    this.dev = new Float64Array(c.k * f);
  }

  g(u: number, v: number): number {
    return this.gram[u * this.units + v] as number;
  }

  /** Adds unit u to class c (or removes it with sign −1), keeping dot and the objective. */
  shift(u: number, c: number, sign: 1 | -1): void {
    const { units, dot, gram } = this;
    // ‖dev + s·z‖² − ‖dev‖² = 2s·z·dev + ‖z‖²
    this.objective += 2 * sign * (dot[c * units + u] as number) + (this.diag[u] as number);
    // Row c of dot and row u of gram: both contiguous (gram is symmetric).
    const row = c * units;
    const gu = u * units;
    for (let v = 0; v < units; v++) dot[row + v] = (dot[row + v] as number) + sign * (gram[gu + v] as number);
    const { f, dev } = this;
    const z = this.c.z;
    for (let j = 0; j < f; j++) dev[c * f + j] = (dev[c * f + j] as number) + sign * (z[u * f + j] as number);
    this.size[c] = (this.size[c] as number) + sign * (this.unitSize[u] as number);
    this.classOf[u] = sign > 0 ? c : -1;
  }

  place(u: number, c: number): void {
    this.shift(u, c, 1);
  }

  /** Objective change of moving u (in a) to b, and v (in b; −1 for none) to a. */
  delta(u: number, v: number, a: number, b: number): number {
    const { units, dot } = this;
    const pa = (dot[a * units + u] as number) - (dot[b * units + u] as number);
    if (v < 0) return -2 * pa + 2 * (this.diag[u] as number);
    const qa = (dot[a * units + v] as number) - (dot[b * units + v] as number);
    // d = z_v − z_u: Δ = 2 d·(dev_a − dev_b) + 2‖d‖²
    return 2 * (qa - pa) + 2 * ((this.diag[v] as number) - 2 * this.g(u, v) + (this.diag[u] as number));
  }

  apply(u: number, v: number, a: number, b: number): void {
    this.log.push(u, v, a, b);
    if (v < 0) {
      this.shift(u, a, -1);
      this.shift(u, b, 1);
      return;
    }
    // A swap in one pass over the two class rows: dev_a += z_v − z_u, dev_b −= the same.
    this.objective += this.delta(u, v, a, b);
    const { units, dot, gram, f, dev } = this;
    const z = this.c.z;
    const ra = a * units;
    const rb = b * units;
    const gu = u * units;
    const gv = v * units;
    for (let w = 0; w < units; w++) {
      const d = (gram[gv + w] as number) - (gram[gu + w] as number);
      dot[ra + w] = (dot[ra + w] as number) + d;
      dot[rb + w] = (dot[rb + w] as number) - d;
    }
    for (let j = 0; j < f; j++) {
      const d = (z[v * f + j] as number) - (z[u * f + j] as number);
      dev[a * f + j] = (dev[a * f + j] as number) + d;
      dev[b * f + j] = (dev[b * f + j] as number) - d;
    }
    const su = this.unitSize[u] as number;
    const sv = this.unitSize[v] as number;
    this.size[a] = (this.size[a] as number) - su + sv;
    this.size[b] = (this.size[b] as number) - sv + su;
    this.classOf[u] = b;
    this.classOf[v] = a;
  }

  /**
   * A swap that keeps only the class sums (dev), sizes and places — not the dot products or the
   * objective — for the polish, which reads dev alone; `rebuild` restores the rest afterwards.
   */
  swapLight(u: number, v: number, a: number, b: number): void {
    this.log.push(u, v, a, b);
    const { f, dev } = this;
    const z = this.c.z;
    for (let j = 0; j < f; j++) {
      const d = (z[v * f + j] as number) - (z[u * f + j] as number);
      dev[a * f + j] = (dev[a * f + j] as number) + d;
      dev[b * f + j] = (dev[b * f + j] as number) - d;
    }
    const su = this.unitSize[u] as number;
    const sv = this.unitSize[v] as number;
    this.size[a] = (this.size[a] as number) - su + sv;
    this.size[b] = (this.size[b] as number) - sv + su;
    this.classOf[u] = b;
    this.classOf[v] = a;
  }

  /** Recomputes the dot products and the objective from the classes (after light swaps). */
  rebuild(): void {
    const { units, k, dot, gram, f, dev } = this;
    dot.fill(0);
    for (let v = 0; v < units; v++) {
      const c = this.classOf[v] as number;
      const row = c * units;
      const gv = v * units;
      for (let w = 0; w < units; w++) dot[row + w] = (dot[row + w] as number) + (gram[gv + w] as number);
    }
    let obj = 0;
    for (let c = 0; c < k; c++)
      for (let j = 0; j < f; j++) obj += (dev[c * f + j] as number) * (dev[c * f + j] as number);
    this.objective = obj;
    this.log.length = 0;
  }

  sizeOk(n: number): boolean {
    return n >= this.c.base && n <= this.c.base + (this.c.extra > 0 ? 1 : 0);
  }

  /** Sizes stay valid after u (a → b) and v (b → a, or none). */
  sizesOk(u: number, v: number, a: number, b: number): boolean {
    const su = this.unitSize[u] as number;
    const sv = v < 0 ? 0 : (this.unitSize[v] as number);
    if (su === sv) return true;
    return this.sizeOk((this.size[a] as number) - su + sv) && this.sizeOk((this.size[b] as number) - sv + su);
  }

  /** Whether u may sit in class c, given that `leaving` (or −1) leaves c at the same time. */
  apartOk(u: number, c: number, leaving: number): boolean {
    for (const w of this.c.unitApart[u] as readonly number[]) {
      if (w !== leaving && this.classOf[w] === c) return false;
    }
    return true;
  }

  legal(u: number, v: number, a: number, b: number): boolean {
    return this.sizesOk(u, v, a, b) && this.apartOk(u, b, v) && (v < 0 || this.apartOk(v, a, u));
  }
}

/**
 * Start. First the constrained units (fixed, kept together, or kept apart) by a small depth-first
 * search, so a rule that can be met is met; then the free units dealt in S order (1…K, K…1, …) by
 * total score into the room left. Only a start: the search then balances every feature.
 */
function dealStart(st: State, rng: Rng): string | null {
  const c = st.c;
  const top = c.base + (c.extra > 0 ? 1 : 0);
  let big = 0;
  const room = (u: number, k: number) => {
    const to = (st.size[k] as number) + (st.unitSize[u] as number);
    return to <= c.base || (to === top && top > c.base && big < c.extra);
  };
  const put = (u: number, k: number) => {
    if ((st.size[k] as number) + (st.unitSize[u] as number) > c.base) big++;
    st.place(u, k);
  };
  const take = (u: number, k: number) => {
    st.shift(u, k, -1);
    if ((st.size[k] as number) + (st.unitSize[u] as number) > c.base) big--;
  };
  const tie = Array.from({ length: st.units }, () => rng.nextUint32());
  const constrained = Array.from({ length: st.units }, (_, u) => u).filter(
    (u) => c.unitFixed[u] !== -1 || (st.unitSize[u] as number) > 1 || (c.unitApart[u] as number[]).length > 0,
  );
  constrained.sort(
    (a, b) =>
      Number(c.unitFixed[b] !== -1) - Number(c.unitFixed[a] !== -1) ||
      (c.unitApart[b] as number[]).length - (c.unitApart[a] as number[]).length ||
      (st.unitSize[b] as number) - (st.unitSize[a] as number) ||
      (tie[a] as number) - (tie[b] as number),
  );
  let nodes = 0;
  const dfs = (i: number): boolean => {
    if (i === constrained.length) return true;
    if (++nodes > 200_000) return false;
    const u = constrained[i] as number;
    const fixed = c.unitFixed[u] as number;
    // Least-filled classes first, so constrained units spread out.
    const classes = Array.from({ length: c.k }, (_, k) => k)
      .filter((k) => (fixed === -1 || k === fixed) && room(u, k) && st.apartOk(u, k, -1))
      .sort((a, b) => (st.size[a] as number) - (st.size[b] as number) || a - b);
    for (const k of classes) {
      put(u, k);
      if (dfs(i + 1)) return true;
      take(u, k);
    }
    return false;
  };
  if (!dfs(0)) return 'the together, apart and fixed rules cannot all be met with these class sizes';

  const free = Array.from({ length: st.units }, (_, u) => u).filter((u) => st.classOf[u] === -1);
  const key = (u: number) => (st.f > 0 ? (c.z[u * st.f] as number) : 0);
  free.sort((a, b) => key(b) - key(a) || (tie[a] as number) - (tie[b] as number));
  const snake = (r: number) => {
    const pos = r % c.k;
    return Math.floor(r / c.k) % 2 === 0 ? pos : c.k - 1 - pos;
  };
  let r = 0;
  for (const u of free) {
    let k = -1;
    for (let t = 0; t < c.k && k < 0; t++) if (room(u, snake(r + t))) [k, r] = [snake(r + t), r + t + 1];
    for (let x = 0; x < c.k && k < 0; x++) if (room(u, x)) k = x;
    if (k < 0) return 'the class sizes cannot hold every student'; // unreachable: room adds up to the cohort
    put(u, k);
  }
  return null;
}

/**
 * Local search from the classes a change touched: each queued class's units take their best
 * improving swap within their signature (a contiguous range of units) or move; every class a
 * change touches is queued again. Ends when no queued class can improve. This is the hot loop:
 * it reads the typed arrays directly.
 */
function exchangeFrom(
  st: State,
  queued: readonly number[],
  range: (u: number) => readonly [number, number],
  maxPops = Infinity,
): void {
  const { k, classOf, movable, dot, diag, gram, units } = st;
  const inQueue = new Uint8Array(k);
  const queue: number[] = [];
  const push = (c: number) => {
    if (inQueue[c] === 0) {
      inQueue[c] = 1;
      queue.push(c);
    }
  };
  queued.forEach(push);
  const moves = st.c.extra > 0;
  // q[v] = dot(v, a) − dot(v, class of v) + ‖z_v‖²: the part of a swap's change that depends on
  // v alone, for the class a being worked on (refreshed after every applied change).
  const q = new Float64Array(units);
  const refresh = (a: number) => {
    for (let v = 0; v < units; v++)
      q[v] =
        (dot[a * units + v] as number) -
        (dot[(classOf[v] as number) * units + v] as number) +
        (diag[v] as number);
  };
  for (let head = 0; head < queue.length && head < maxPops; head++) {
    const a = queue[head] as number;
    inQueue[a] = 0;
    refresh(a);
    for (let u = 0; u < units; u++) {
      if (classOf[u] !== a || movable[u] === 0) continue;
      let best = -EPS;
      let bv = -1;
      let bb = -1;
      const [from, to] = range(u);
      const row = u * units;
      const ua = dot[a * units + u] as number;
      const du = diag[u] as number;
      for (let v = from; v < to; v++) {
        const b = classOf[v] as number;
        if (b === a || movable[v] === 0) continue;
        // Same as st.delta(u, v, a, b), rearranged.
        const d =
          2 * ((q[v] as number) - ua + (dot[b * units + u] as number) + du - 2 * (gram[row + v] as number));
        if (d < best && st.legal(u, v, a, b)) [best, bv, bb] = [d, v, b];
      }
      if (moves) {
        for (let b = 0; b < k; b++) {
          if (b === a) continue;
          const d = st.delta(u, -1, a, b);
          if (d < best && st.legal(u, -1, a, b)) [best, bv, bb] = [d, -1, b];
        }
      }
      if (bb >= 0) {
        st.apply(u, bv, a, bb);
        push(a);
        push(bb);
        refresh(a);
      }
    }
  }
}

/**
 * Power polish: the report's figures are max − min across classes, which the squared objective
 * only approximates. This minimises Σ over score features and classes of (deviation / τ)⁸ — a
 * smooth stand-in for the largest deviation that also rewards fewer classes at the extremes —
 * by same-signature swaps (counts unchanged), each unit taking its best improving partner from its
 * whole signature, until a pass finds none or the pass budget ends; then iterated rounds: from one
 * of the three classes furthest out, the cheapest of a few random swaps, descent from the two
 * classes it touched (partners near in score), kept if Σ fell, else undone. τ is each feature's
 * target half-width (0.85 point of a class sum for the total, 1.5 for a subject, ~0.6 of a
 * standard deviation for the spread), so every figure is pushed under its target together.
 */
/** Random partners tried for each power-polish kick (the cheapest is taken). */
const KICK_TRIES = 8;
function powerPolish(
  st: State,
  features: readonly number[],
  tau: readonly number[],
  range: (u: number) => readonly [number, number],
  near: (u: number) => readonly [number, number],
  budget: SearchBudget,
  rng: Rng,
): void {
  const { k, f, dev, classOf, movable, units } = st;
  const z = st.c.z;
  const inv = tau.map((t) => 1 / t);
  const phi = (x: number) => {
    const y = x * x;
    const q = y * y;
    return q * q;
  };
  const costOf = (c: number) => {
    let s = 0;
    features.forEach((j, a) => (s += phi((dev[c * f + j] as number) * (inv[a] as number))));
    return s;
  };
  const cc = Float64Array.from({ length: k }, (_, c) => costOf(c));
  const cost = (c: number) => cc[c] as number;
  const swap = (u: number, v: number, a: number, b: number) => {
    st.swapLight(u, v, a, b);
    cc[a] = costOf(a);
    cc[b] = costOf(b);
  };
  const worst = (c: number) => {
    let w = 0;
    features.forEach((j, a) => (w = Math.max(w, Math.abs((dev[c * f + j] as number) * (inv[a] as number)))));
    return w;
  };
  const total = () => {
    let s = 0;
    for (let c = 0; c < k; c++) s += cost(c);
    return s;
  };
  /** Each unit of the queued classes takes its best improving same-signature partner; touched classes are queued again. */
  const descend = (
    queued: readonly number[],
    maxPops: number,
    span: (u: number) => readonly [number, number],
  ) => {
    const inQueue = new Uint8Array(k);
    const queue: number[] = [];
    const push = (c: number) => {
      if (inQueue[c] === 0) {
        inQueue[c] = 1;
        queue.push(c);
      }
    };
    queued.forEach(push);
    for (let head = 0; head < queue.length && head < maxPops; head++) {
      const a = queue[head] as number;
      inQueue[a] = 0;
      const members: number[] = [];
      for (let u = 0; u < units; u++) if (classOf[u] === a && movable[u] === 1) members.push(u);
      const F = features.length;
      const da = new Float64Array(F);
      for (const u of members) {
        if (classOf[u] !== a) continue;
        const ca = cost(a);
        for (let x = 0; x < F; x++)
          da[x] = (dev[a * f + (features[x] as number)] as number) * (inv[x] as number);
        let best = -1e-9 * ca;
        let bv = -1;
        const [from, to] = span(u);
        const uo = u * f;
        for (let v = from; v < to; v++) {
          const b = classOf[v] as number;
          if (b === a || movable[v] === 0) continue;
          let d = -ca - (cc[b] as number);
          const vo = v * f;
          const bo = b * f;
          for (let x = 0; x < F; x++) {
            const j = features[x] as number;
            const ix = inv[x] as number;
            const delta = ((z[vo + j] as number) - (z[uo + j] as number)) * ix;
            d += phi((da[x] as number) + delta) + phi((dev[bo + j] as number) * ix - delta);
          }
          if (d < best && st.legal(u, v, a, b)) [best, bv] = [d, v];
        }
        if (bv >= 0) {
          const b = classOf[bv] as number;
          swap(u, bv, a, b);
          push(a);
          push(b);
        }
      }
    }
  };
  const all = () => Array.from({ length: k }, (_, c) => c).sort((a, b) => worst(b) - worst(a) || a - b);
  descend(all(), budget.powerPasses * k, range);
  // Iterated: a random swap out of one of the three classes furthest out, descent from the two
  // classes it touched, kept if Σ φ fell, else undone.
  const r = (n: number) => Math.floor((rng.nextUint32() / 4294967296) * n);
  let best = total();
  st.log.length = 0;
  for (let round = 0; round < budget.powerRounds; round++) {
    const a = all()[r(Math.min(3, k))] as number;
    const mine: number[] = [];
    for (let u = 0; u < units; u++) if (classOf[u] === a && movable[u] === 1) mine.push(u);
    if (mine.length === 0) break;
    // The kick: of a few random partners for a random unit, the one that costs least.
    let u = -1;
    let v = -1;
    let least = Infinity;
    for (let t = 0; t < KICK_TRIES; t++) {
      const u1 = mine[r(mine.length)] as number;
      const [from, to] = range(u1);
      const v1 = from + r(to - from);
      const b1 = classOf[v1] as number;
      if (b1 === a || movable[v1] === 0 || !st.legal(u1, v1, a, b1)) continue;
      let d = 0;
      for (let x = 0; x < features.length; x++) {
        const j = features[x] as number;
        const ix = inv[x] as number;
        const delta = ((z[v1 * f + j] as number) - (z[u1 * f + j] as number)) * ix;
        d +=
          phi((dev[a * f + j] as number) * ix + delta) +
          phi((dev[b1 * f + j] as number) * ix - delta) -
          phi((dev[a * f + j] as number) * ix) -
          phi((dev[b1 * f + j] as number) * ix);
      }
      if (d < least) [least, u, v] = [d, u1, v1];
    }
    if (u < 0) continue;
    const b = classOf[v] as number;
    swap(u, v, a, b);
    descend([a, b], budget.powerPops, near);
    const now = total();
    if (now < best * (1 - 1e-12)) best = now;
    else {
      const log = st.log.splice(0);
      for (let i = log.length - 4; i >= 0; i -= 4)
        st.swapLight(log[i] as number, log[i + 1] as number, log[i + 3] as number, log[i + 2] as number);
      for (let c = 0; c < k; c++) cc[c] = costOf(c);
    }
    st.log.length = 0;
  }
  st.rebuild();
}

/** A few random legal swaps of units with the same signature (counts unchanged), to leave a local optimum. */
function kick(
  st: State,
  rng: Rng,
  bySignature: readonly (readonly number[])[],
  movableUnits: readonly number[],
  swaps: number,
): number[] {
  const touched: number[] = [];
  const r = (n: number) => Math.floor((rng.nextUint32() / 4294967296) * n);
  for (let done = 0, tries = 0; done < swaps && tries < swaps * 20; tries++) {
    const u = movableUnits[r(movableUnits.length)] as number;
    const same = bySignature[st.c.signature[u] as number] as readonly number[];
    const v = same[r(same.length)] as number;
    const a = st.classOf[u] as number;
    const b = st.classOf[v] as number;
    if (a === b || !st.legal(u, v, a, b)) continue;
    st.apply(u, v, a, b);
    touched.push(a, b);
    done++;
  }
  return touched;
}

export type EngineRun =
  | { readonly status: 'ok'; readonly classOfUnit: Int32Array; readonly objective: number }
  | { readonly status: 'invalid'; readonly reason: string };

export function classingSearch(c: Cohort, seed: string, budget: SearchBudget = defaultBudget): EngineRun {
  const rng = rngFromSeed(`${CLASSING_ALGORITHM}|${seed}`);
  const st = new State(c);
  const problem = dealStart(st, rng);
  if (problem) return { status: 'invalid', reason: problem };
  const movableUnits = Array.from({ length: st.units }, (_, u) => u).filter((u) => st.movable[u] === 1);
  const bySignature: number[][] = [];
  for (const u of movableUnits) (bySignature[c.signature[u] as number] ??= []).push(u);
  exchangeFrom(
    st,
    Array.from({ length: c.k }, (_, x) => x),
    () => [0, st.units],
  );
  // Units are sorted by signature (cohort.ts): each signature is one range of unit indices.
  const ranges: [number, number][] = [];
  for (let u = 0; u < st.units; u++) {
    const sig = c.signature[u] as number;
    const r = (ranges[sig] ??= [u, u]);
    r[1] = u + 1;
  }
  const same = (u: number): [number, number] => {
    const r = ranges[c.signature[u] as number] as [number, number];
    return [Math.max(r[0], u - budget.window), Math.min(r[1], u + budget.window + 1)];
  };
  const scoreFeatures: number[] = [];
  c.features.forEach((name, j) => {
    if (name === 'total' || name.startsWith('subject:') || name === 'sumsq') scoreFeatures.push(j);
  });
  let bestScore = st.objective;
  st.log.length = 0;
  if (movableUnits.length > 1 && c.k > 1) {
    for (let round = 0; round < budget.rounds; round++) {
      exchangeFrom(st, kick(st, rng, bySignature, movableUnits, budget.kick), same, budget.pops);
      if (st.objective < bestScore - EPS) bestScore = st.objective;
      else undo(st);
      st.log.length = 0;
    }
  }
  // st is at the best assignment found; now narrow the spreads the report shows (max − min).
  if (scoreFeatures.length > 0 && movableUnits.length > 1 && c.k > 1 && budget.powerPasses > 0) {
    // Target half-widths in z units (one z unit is √weight points of a class sum; for the spread
    // feature about 0.1 point of a class's standard deviation): 0.85 point for the total, 1.5 for
    // a subject, 0.6 of a standard deviation for the spread.
    const tau = scoreFeatures.map((j) => {
      const w = Math.sqrt(c.weights[j] as number);
      const name = c.features[j] as string;
      return (name === 'total' ? 0.85 : name === 'sumsq' ? 6 : 1.5) * w;
    });
    const window =
      (width: number) =>
      (u: number): [number, number] => {
        const r = ranges[c.signature[u] as number] as [number, number];
        return [Math.max(r[0], u - width), Math.min(r[1], u + width + 1)];
      };
    powerPolish(st, scoreFeatures, tau, window(st.units), window(budget.powerWindow), budget, rng);
  }
  return { status: 'ok', classOfUnit: Int32Array.from(st.classOf), objective: st.objective };
}

/** Undoes the moves in the log, last first (each is the same move back). */
function undo(st: State): void {
  const log = st.log.splice(0);
  for (let i = log.length - 4; i >= 0; i -= 4) {
    st.apply(log[i] as number, log[i + 1] as number, log[i + 3] as number, log[i + 2] as number);
  }
  st.log.length = 0;
}
