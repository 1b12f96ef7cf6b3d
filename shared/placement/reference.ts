/**
 * A straightforward textbook deferred acceptance (Gale–Shapley), single children only: each
 * school keeps a sorted array of held children and trims it to capacity. Used as the baseline
 * in `npm run bench:placement` and to cross-check the production engine in tests.
 */
import type { PlacementSchool } from './types';
import { rankLess, unitRank, type Unit } from './units';

export function deferredAcceptanceReference(
  schools: readonly PlacementSchool[],
  units: readonly Unit[],
): Map<string, string | null> {
  const byId = new Map(schools.map((s) => [s.id, s]));
  const held = new Map<string, { u: Unit; r: readonly [number, number] }[]>(schools.map((s) => [s.id, []]));
  const next = new Map(units.map((u) => [u.key, 0]));
  const free = [...units];
  const out = new Map<string, string | null>();
  while (free.length > 0) {
    const u = free.pop() as Unit;
    const i = next.get(u.key) as number;
    if (i >= u.preferences.length) {
      out.set(u.key, null);
      continue;
    }
    next.set(u.key, i + 1);
    const s = byId.get(u.preferences[i] as string) as PlacementSchool;
    const r = unitRank(s, u);
    if (r === null) {
      free.push(u);
      continue;
    }
    const list = held.get(s.id) as { u: Unit; r: readonly [number, number] }[];
    let at = list.length;
    while (at > 0 && rankLess(r, (list[at - 1] as { r: readonly [number, number] }).r)) at--;
    list.splice(at, 0, { u, r });
    if (list.length > s.capacity) free.push((list.pop() as { u: Unit }).u);
  }
  for (const [sid, list] of held) for (const { u } of list) out.set(u.key, sid);
  return out;
}
