/**
 * Units: a lone child, or twins/multiples bound together. A unit has one lottery number, one
 * list of preferences, and needs as many seats as it has members at the same school.
 */
import { sha256Hex } from '../sha256';
import { utf8Encode } from '../utf8';
import type { PlacementInput, PlacementSchool } from './types';

export interface Unit {
  readonly key: string;
  readonly members: readonly string[];
  readonly preferences: readonly string[];
  readonly lottery: number;
}

export type UnitsBuild =
  | { readonly status: 'ok'; readonly units: readonly Unit[] }
  | { readonly status: 'invalid'; readonly reason: string };

/**
 * Groups students into units and draws the lottery. Each unit's draw is SHA-256 of
 * "seed|unit key" (a unit key is `s:<student id>` or `g:<group id>`); units are ordered by their
 * draw and a unit's lottery number is its position (1 = first). Because each draw depends only on
 * the public seed and the unit itself, anyone can recompute any child's number, and adding or
 * removing another applicant never changes the order of the others.
 */
export const lotteryDraw = (seed: string, unitKey: string): string =>
  sha256Hex(utf8Encode(`${seed}|${unitKey}`));

export function unitsBuild(input: PlacementInput, seed: string): UnitsBuild {
  const prefs = new Map<string, readonly string[]>();
  const groups = new Map<string, string[]>();
  const raw: { key: string; members: string[] }[] = [];
  for (const s of input.students) {
    if (prefs.has(s.id)) return { status: 'invalid', reason: `duplicate student id ${s.id}` };
    prefs.set(s.id, s.preferences);
    if (s.group === undefined) raw.push({ key: `s:${s.id}`, members: [s.id] });
    else {
      const g = groups.get(s.group);
      if (g) g.push(s.id);
      else groups.set(s.group, [s.id]);
    }
  }
  for (const [g, members] of groups) {
    members.sort();
    const first = JSON.stringify(prefs.get(members[0] as string));
    if (members.some((m) => JSON.stringify(prefs.get(m)) !== first)) {
      return { status: 'invalid', reason: `group ${g} members must list the same preferences` };
    }
    raw.push({ key: `g:${g}`, members });
  }
  // Order by the draw (its first 48 bits as a number for speed, then the full digest, then the key).
  const drawn = raw.map((u) => {
    const draw = lotteryDraw(seed, u.key);
    return { u, draw, head: parseInt(draw.slice(0, 12), 16) };
  });
  drawn.sort(
    (a, b) => a.head - b.head || (a.draw < b.draw ? -1 : a.draw > b.draw ? 1 : a.u.key < b.u.key ? -1 : 1),
  );
  const units = drawn.map(({ u }, i) => ({
    key: u.key,
    members: u.members,
    preferences: prefs.get(u.members[0] as string) ?? [],
    lottery: i + 1,
  }));
  return { status: 'ok', units };
}

/** A school's ranking of units: a number (lower = higher priority), or null if unacceptable. */
export type Rank = (school: PlacementSchool, unit: Unit) => readonly [number, number] | null;

/** Positions in each school's strict priority list, built once per school (lists can be long). */
const positions = new WeakMap<readonly string[], Map<string, number>>();
function positionIn(list: readonly string[], id: string): number {
  let map = positions.get(list);
  if (!map) {
    map = new Map(list.map((x, i) => [x, i]));
    positions.set(list, map);
  }
  return map.get(id) ?? -1;
}

/** Rank by the strict priority list, or by (tier, lottery); a unit ranks as its best member. */
export const unitRank: Rank = (school, unit) => {
  let best: [number, number] | null = null;
  for (const m of unit.members) {
    let r: [number, number] | null = null;
    if (school.priority) {
      const i = positionIn(school.priority, m);
      r = i < 0 ? null : [i, 0];
    } else if (school.tiers) {
      const t = school.tiers[m];
      r = t === undefined ? null : [t, unit.lottery];
    }
    if (r === null) return null; // every member must be acceptable
    if (best === null || r[0] < best[0] || (r[0] === best[0] && r[1] < best[1])) best = r;
  }
  return best;
};

export const rankLess = (a: readonly [number, number], b: readonly [number, number]): boolean =>
  a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
