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
import { rankLess, unitRank, type Unit } from './units';
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

export function deferredAcceptance(
  schools: readonly PlacementSchool[],
  units: readonly Unit[],
): UnitAssignment {
  const byId = new Map(schools.map((s) => [s.id, s]));
  const next = new Map(units.map((u) => [u.key, 0]));
  const held = new Map<string, Unit[]>(schools.map((s) => [s.id, []]));
  const out = new Map<string, string | null>();
  const queue = [...units];
  while (queue.length > 0) {
    const u = queue.shift() as Unit;
    const i = next.get(u.key) as number;
    if (i >= u.preferences.length) {
      out.set(u.key, null);
      continue;
    }
    next.set(u.key, i + 1);
    const school = byId.get(u.preferences[i] as string);
    if (!school || unitRank(school, u) === null) {
      queue.push(u);
      continue;
    }
    const { kept, rejected } = fill(school, [...(held.get(school.id) ?? []), u]);
    held.set(school.id, kept);
    queue.push(...rejected);
  }
  for (const [sid, us] of held) for (const u of us) out.set(u.key, sid);
  return seatsRepair(schools, units, out);
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
