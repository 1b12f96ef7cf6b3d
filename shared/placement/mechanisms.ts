/**
 * The three mechanisms over units. Each returns unit → school (or null). Pure and deterministic:
 * every loop visits units and schools in a fixed order.
 *
 * - `da`: student-proposing deferred acceptance (default). With single children it gives the
 *   student-optimal stable matching: no justified envy, no wasted seat. A twin unit needing k
 *   seats is held only if k seats are left after higher-ranked units; otherwise the school holds
 *   the next units that fit (seats are never left empty for a unit that cannot fit).
 * - `boston`: 志愿优先 / immediate acceptance: round r places units at their r-th choice for good.
 *   It rewards strategic ranking; offered only because some districts use it.
 * - `ttc`: top trading cycles, for comparison.
 */
import { rankLess, unitRank, unitRankNumber, type Unit } from './units';
import type { PlacementSchool } from './types';

export type UnitAssignment = ReadonlyMap<string, string | null>;

/** Greedy fill in rank order: keep each unit that still fits. */
function fill(school: PlacementSchool, units: readonly Unit[]): { kept: Unit[]; rejected: Unit[] } {
  const ranked = units
    .map((u) => ({ u, r: unitRank(school, u) as readonly [number, number] }))
    .sort((a, b) => (rankLess(a.r, b.r) ? -1 : rankLess(b.r, a.r) ? 1 : 0));
  const kept: Unit[] = [];
  const rejected: Unit[] = [];
  let left = school.capacity;
  for (const { u } of ranked) {
    if (u.members.length <= left) {
      kept.push(u);
      left -= u.members.length;
    } else rejected.push(u);
  }
  return { kept, rejected };
}

/**
 * Student-proposing deferred acceptance. Proposals are processed first-in, first-out, starting in
 * lottery order. Internally everything is indexed by integers: each unit's rank at each school it
 * lists is computed once, and a school holding only single children keeps its best `capacity` in
 * a max-heap of numeric ranks. When twins are involved the school re-runs the greedy fill over
 * everything it holds (rare). Results are identical to the textbook version (tests check this).
 */
export function deferredAcceptance(
  schools: readonly PlacementSchool[],
  units: readonly Unit[],
): UnitAssignment {
  const schoolIdx = new Map(schools.map((s, i) => [s.id, i]));
  const nU = units.length;
  // prefStart[u]..prefStart[u+1]: the unit's listed schools (index, rank; rank -1 = unacceptable).
  const prefStart = new Int32Array(nU + 1);
  for (let u = 0; u < nU; u++)
    prefStart[u + 1] = (prefStart[u] as number) + (units[u] as Unit).preferences.length;
  const prefSchool = new Int32Array(prefStart[nU] as number);
  const prefRank = new Float64Array(prefStart[nU] as number);
  for (let u = 0; u < nU; u++) {
    const unit = units[u] as Unit;
    const at = prefStart[u] as number;
    for (let k = 0; k < unit.preferences.length; k++) {
      const si = schoolIdx.get(unit.preferences[k] as string) ?? -1;
      prefSchool[at + k] = si;
      prefRank[at + k] = si < 0 ? -1 : unitRankNumber(schools[si] as PlacementSchool, unit);
    }
  }
  const size = Int32Array.from(units, (u) => u.members.length);
  const next = new Int32Array(nU);
  const heldAt = new Int32Array(nU).fill(-1);
  const heldRank = new Float64Array(nU);
  // Per school: a max-heap of unit indices by heldRank (worst on top), and seats used.
  const heaps: number[][] = schools.map(() => []);
  const used = new Int32Array(schools.length);
  const grouped = new Uint8Array(schools.length);
  const up = (h: number[], i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((heldRank[h[p] as number] as number) >= (heldRank[h[i] as number] as number)) break;
      [h[p], h[i]] = [h[i] as number, h[p] as number];
      i = p;
    }
  };
  const down = (h: number[], i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && (heldRank[h[l] as number] as number) > (heldRank[h[m] as number] as number)) m = l;
      if (r < h.length && (heldRank[h[r] as number] as number) > (heldRank[h[m] as number] as number)) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i] as number, h[m] as number];
      i = m;
    }
  };
  const queue: number[] = Array.from({ length: nU }, (_, i) => i);
  let index: Map<Unit, number> | null = null; // built the first time twins need the general fill
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head] as number;
    const k = next[u] as number;
    if (k >= (prefStart[u + 1] as number) - (prefStart[u] as number)) continue; // list exhausted: unplaced
    next[u] = k + 1;
    const si = prefSchool[(prefStart[u] as number) + k] as number;
    const r = prefRank[(prefStart[u] as number) + k] as number;
    if (si < 0 || r < 0) {
      queue.push(u);
      continue;
    }
    const school = schools[si] as PlacementSchool;
    const h = heaps[si] as number[];
    if ((size[u] as number) > 1) grouped[si] = 1;
    if (grouped[si]) {
      // Twins here: the general greedy fill over everything held plus the newcomer.
      const { kept, rejected } = fill(school, [...h.map((x) => units[x] as Unit), units[u] as Unit]);
      index ??= new Map(units.map((x, i) => [x, i]));
      for (const x of h) heldAt[x] = -1;
      h.length = 0;
      used[si] = 0;
      for (const kept1 of kept) {
        const x = index.get(kept1) as number;
        heldAt[x] = si;
        heldRank[x] = unitRankNumber(school, kept1);
        h.push(x);
        up(h, h.length - 1);
        used[si] = (used[si] as number) + kept1.members.length;
      }
      for (const rej of rejected) queue.push(index.get(rej) as number);
      continue;
    }
    if ((used[si] as number) < school.capacity) {
      heldAt[u] = si;
      heldRank[u] = r;
      h.push(u);
      up(h, h.length - 1);
      used[si] = (used[si] as number) + 1;
    } else if (h.length > 0 && r < (heldRank[h[0] as number] as number)) {
      const out = h[0] as number;
      heldAt[out] = -1;
      queue.push(out);
      heldAt[u] = si;
      heldRank[u] = r;
      h[0] = u;
      down(h, 0);
    } else queue.push(u);
  }
  const out = new Map<string, string | null>();
  units.forEach((unit, i) =>
    out.set(unit.key, heldAt[i] === -1 ? null : (schools[heldAt[i] as number] as PlacementSchool).id),
  );
  // With single children DA wastes no seat, so the repair could not move anyone: skip its scan.
  return units.some((x) => x.members.length > 1) ? seatsRepair(schools, units, out) : out;
}

/**
 * With twin units a school can end with free seats that a unit rejected earlier (when the seats
 * were taken) still wants. Let such units move up, best lottery first, until none can: each move
 * puts a unit at a school it prefers, so this ends. With single children it never moves anyone.
 */
function seatsRepair(
  schools: readonly PlacementSchool[],
  units: readonly Unit[],
  start: ReadonlyMap<string, string | null>,
): UnitAssignment {
  const out = new Map(start);
  const left = new Map(schools.map((s) => [s.id, s.capacity]));
  for (const u of units) {
    const sid = out.get(u.key);
    if (sid) left.set(sid, (left.get(sid) ?? 0) - u.members.length);
  }
  const byId = new Map(schools.map((s) => [s.id, s]));
  for (let moved = true; moved;) {
    moved = false;
    for (const u of units) {
      const cur = out.get(u.key) ?? null;
      const upTo = cur === null ? u.preferences.length : u.preferences.indexOf(cur);
      for (const sid of u.preferences.slice(0, upTo)) {
        const s = byId.get(sid) as PlacementSchool;
        if ((left.get(sid) ?? 0) >= u.members.length && unitRank(s, u) !== null) {
          if (cur) left.set(cur, (left.get(cur) ?? 0) + u.members.length);
          left.set(sid, (left.get(sid) ?? 0) - u.members.length);
          out.set(u.key, sid);
          moved = true;
          break;
        }
      }
    }
  }
  return out;
}

export function boston(schools: readonly PlacementSchool[], units: readonly Unit[]): UnitAssignment {
  const left = new Map(schools.map((s) => [s.id, s.capacity]));
  const out = new Map<string, string | null>(units.map((u) => [u.key, null]));
  const rounds = Math.max(0, ...units.map((u) => u.preferences.length));
  for (let r = 0; r < rounds; r++) {
    for (const school of schools) {
      const applicants = units.filter(
        (u) => out.get(u.key) === null && u.preferences[r] === school.id && unitRank(school, u) !== null,
      );
      const { kept } = fill({ ...school, capacity: left.get(school.id) ?? 0 }, applicants);
      for (const u of kept) {
        out.set(u.key, school.id);
        left.set(school.id, (left.get(school.id) ?? 0) - u.members.length);
      }
    }
  }
  return out;
}

export function topTradingCycles(
  schools: readonly PlacementSchool[],
  units: readonly Unit[],
): UnitAssignment {
  const left = new Map(schools.map((s) => [s.id, s.capacity]));
  const out = new Map<string, string | null>();
  let active = [...units];
  const schoolPick = (s: PlacementSchool): Unit | null => {
    let best: Unit | null = null;
    let bestRank: readonly [number, number] | null = null;
    for (const u of active) {
      const r = unitRank(s, u);
      if (r === null || u.members.length > (left.get(s.id) ?? 0)) continue;
      if (bestRank === null || rankLess(r, bestRank)) {
        best = u;
        bestRank = r;
      }
    }
    return best;
  };
  const unitPick = (u: Unit): PlacementSchool | null => {
    for (const sid of u.preferences) {
      const s = schools.find((x) => x.id === sid);
      if (s && (left.get(s.id) ?? 0) >= u.members.length && unitRank(s, u) !== null) return s;
    }
    return null;
  };
  while (active.length > 0) {
    // Units with no school left to point at leave unassigned.
    const stuck = active.filter((u) => unitPick(u) === null);
    for (const u of stuck) out.set(u.key, null);
    active = active.filter((u) => !stuck.includes(u));
    if (active.length === 0) break;
    // Follow unit → school → unit pointers from the first active unit until a unit repeats.
    const seen = new Map<string, number>();
    const path: { u: Unit; s: PlacementSchool }[] = [];
    let u: Unit | null = active[0] as Unit;
    while (u && !seen.has(u.key)) {
      seen.set(u.key, path.length);
      const s = unitPick(u) as PlacementSchool;
      path.push({ u, s });
      u = schoolPick(s);
    }
    if (!u) break; // cannot happen: a school a unit points at always has a unit to point back
    for (const { u: cu, s } of path.slice(seen.get(u.key))) {
      out.set(cu.key, s.id);
      left.set(s.id, (left.get(s.id) ?? 0) - cu.members.length);
    }
    const done = new Set(path.slice(seen.get(u.key)).map((p) => p.u.key));
    active = active.filter((x) => !done.has(x.key));
  }
  return out;
}
