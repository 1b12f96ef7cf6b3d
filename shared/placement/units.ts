/**
 * Units: a lone child, or twins/multiples bound together. A unit has one lottery number, one
 * list of preferences, and needs as many seats as it has members at the same school.
 */
import { sha256Bytes, sha256Hex } from '../sha256';
import { utf8Encode } from '../utf8';
import type { PlacementInput, PlacementSchool } from './types';

export interface Unit {
  readonly key: string;
  readonly members: readonly string[];
  /** The members' positions in the input's student list (same order as `members`). */
  readonly memberIndex: readonly number[];
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

/**
 * The first 48 bits of each lotteryDraw(seed, key), as a number. Same bytes as lotteryDraw hashes,
 * written into one reused buffer (the draw runs once per unit; 100,000 units on registration day).
 */
function drawHeads(seed: string): (key: string) => number {
  const prefix = utf8Encode(`${seed}|`);
  let buf = new Uint8Array(prefix.length + 64);
  buf.set(prefix);
  return (key) => {
    let n = prefix.length;
    if (buf.length < n + key.length * 3) {
      buf = new Uint8Array(n + key.length * 3);
      buf.set(prefix);
    }
    let ascii = true;
    for (let i = 0; i < key.length && ascii; i++) {
      const c = key.charCodeAt(i);
      if (c < 0x80) buf[n++] = c;
      else ascii = false;
    }
    if (!ascii) {
      const bytes = utf8Encode(key);
      buf.set(bytes, prefix.length);
      n = prefix.length + bytes.length;
    }
    const d = sha256Bytes(buf, n);
    // Bytes 0–5 big-endian: the same 48 bits as the first one and a half words of the digest.
    return (
      (d[0] as number) * 2 ** 40 +
      (d[1] as number) * 2 ** 32 +
      (((d[2] as number) << 24) >>> 0) +
      (((d[3] as number) << 16) | ((d[4] as number) << 8) | (d[5] as number))
    );
  };
}

export function unitsBuild(input: PlacementInput, seed: string): UnitsBuild {
  const position = new Map<string, number>();
  const groups = new Map<string, string[]>();
  const raw: { key: string; members: string[]; memberIndex: number[] }[] = [];
  input.students.forEach((s, i) => position.set(s.id, i));
  if (position.size !== input.students.length) {
    const seen = new Set<string>();
    const dup = input.students.find((s) => seen.size === seen.add(s.id).size);
    return { status: 'invalid', reason: `duplicate student id ${dup?.id ?? ''}` };
  }
  for (const [i, s] of input.students.entries()) {
    if (s.group === undefined) raw.push({ key: `s:${s.id}`, members: [s.id], memberIndex: [i] });
    else {
      const g = groups.get(s.group);
      if (g) g.push(s.id);
      else groups.set(s.group, [s.id]);
    }
  }
  for (const [g, members] of groups) {
    members.sort();
    const prefsOf = (m: string) => JSON.stringify(input.students[position.get(m) as number]?.preferences);
    const first = prefsOf(members[0] as string);
    if (members.some((m) => prefsOf(m) !== first)) {
      return { status: 'invalid', reason: `group ${g} members must list the same preferences` };
    }
    raw.push({ key: `g:${g}`, members, memberIndex: members.map((m) => position.get(m) as number) });
  }
  // Order by the draw: its first 48 bits as a number (read from the digest words, no hex), then on
  // a tie (about once in 10^9 pairs) the full digest, then the key.
  const head = drawHeads(seed);
  const drawn = raw.map((u) => ({ u, head: head(u.key) }));
  drawn.sort((a, b) => {
    if (a.head !== b.head) return a.head - b.head;
    const da = lotteryDraw(seed, a.u.key);
    const db = lotteryDraw(seed, b.u.key);
    return da < db ? -1 : da > db ? 1 : a.u.key < b.u.key ? -1 : 1;
  });
  const units = drawn.map(({ u }, i) => ({
    key: u.key,
    members: u.members,
    memberIndex: u.memberIndex,
    preferences: input.students[u.memberIndex[0] as number]?.preferences ?? [],
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

/**
 * The rank as one number, tier (or list position) × 2^22 + lottery; lower is better; -1 when the
 * school does not accept the unit. Lone children (nearly everyone) take a path without allocation.
 */
export function unitRankNumber(school: PlacementSchool, unit: Unit): number {
  if (unit.members.length === 1) {
    const m = unit.members[0] as string;
    if (school.priority) {
      const i = positionIn(school.priority, m);
      return i < 0 ? -1 : i * 2 ** 22;
    }
    const t = school.tiers?.[m];
    return t === undefined ? -1 : t * 2 ** 22 + unit.lottery;
  }
  const r = unitRank(school, unit);
  return r === null ? -1 : r[0] * 2 ** 22 + r[1];
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
