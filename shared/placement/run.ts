/**
 * One placement run: validate the input, draw the lottery from the public seed, run the chosen
 * mechanism, and record what anyone needs to replay it (algorithm, generator, seed, input and
 * output hashes). Same input + seed + algorithm version → same result on any machine.
 */
import { RNG_ALGORITHM } from '../random';
import { sha256Hex } from '../sha256';
import { utf8Encode } from '../utf8';
import { canonicalFlatJson, canonicalHash } from './canonical';
import { boston, deferredAcceptance, topTradingCycles, type UnitAssignment } from './mechanisms';
import type { Mechanism, PlacementInput, PlacementResult, SchoolCutoff } from './types';
import { unitRank, unitsBuild, type Unit } from './units';

/** Changing any rule that can change a result means a new version here. */
export const PLACEMENT_ALGORITHM = 'junheng-placement-v1';

export type PlacementRun =
  | { readonly status: 'ok'; readonly result: PlacementResult }
  | { readonly status: 'invalid'; readonly reason: string };

function inputProblem(input: PlacementInput): string | null {
  const schoolIds = new Set<string>();
  for (const s of input.schools) {
    if (schoolIds.has(s.id)) return `duplicate school id ${s.id}`;
    schoolIds.add(s.id);
    if (!Number.isInteger(s.capacity) || s.capacity < 0)
      return `school ${s.id}: capacity must be a whole number ≥ 0`;
    if ((s.priority === undefined) === (s.tiers === undefined))
      return `school ${s.id}: give either priority or tiers`;
  }
  for (const st of input.students) {
    const unknown = st.preferences.find((p) => !schoolIds.has(p));
    if (unknown) return `student ${st.id}: unknown school ${unknown}`;
    if (new Set(st.preferences).size !== st.preferences.length)
      return `student ${st.id}: a school is listed twice`;
  }
  return null;
}

const runners: Record<Mechanism, (s: PlacementInput['schools'], u: readonly Unit[]) => UnitAssignment> = {
  da: deferredAcceptance,
  boston,
  ttc: topTradingCycles,
};

/**
 * Runs a draw. `inputHash` is the frozen list's published hash when the caller has it (it was
 * computed at freezing); otherwise it is computed here.
 */
export function placementRun(
  input: PlacementInput,
  mechanism: Mechanism,
  seed: string,
  inputHash?: string,
): PlacementRun {
  const problem = inputProblem(input);
  if (problem) return { status: 'invalid', reason: problem };
  const built = unitsBuild(input, seed);
  if (built.status === 'invalid') return built;
  const byUnit = runners[mechanism](input.schools, built.units);

  const pairs: [string, string | null][] = [];
  const lottery: Record<string, number> = {};
  const schools: Record<string, string[]> = Object.fromEntries(input.schools.map((s) => [s.id, []]));
  for (const u of built.units) {
    const sid = byUnit.get(u.key) ?? null;
    for (const m of u.members) {
      pairs.push([m, sid]);
      lottery[m] = u.lottery;
      if (sid) (schools[sid] as string[]).push(m);
    }
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : 1)); // ids are unique
  const sortedAssignment: Record<string, string | null> = {};
  for (const [k, v] of pairs) sortedAssignment[k] = v;
  const unitsAt = new Map<string, Unit[]>();
  for (const u of built.units) {
    const sid = byUnit.get(u.key);
    if (!sid) continue;
    const list = unitsAt.get(sid);
    if (list) list.push(u);
    else unitsAt.set(sid, [u]);
  }
  const cutoffs: Record<string, SchoolCutoff> = {};
  for (const s of input.schools) {
    const admitted = (schools[s.id] as string[]).sort();
    const unitsHere = unitsAt.get(s.id) ?? [];
    let last: readonly [number, number] | null = null;
    for (const u of unitsHere) {
      const r = unitRank(s, u);
      if (r && (last === null || r[0] > last[0] || (r[0] === last[0] && r[1] > last[1]))) last = r;
    }
    const full = admitted.length >= s.capacity;
    cutoffs[s.id] = {
      capacity: s.capacity,
      admitted: admitted.length,
      cutoff:
        full && last
          ? s.tiers
            ? { kind: 'tier', tier: last[0], lottery: last[1] }
            : { kind: 'rank', rank: last[0] + 1 }
          : null,
    };
  }
  return {
    status: 'ok',
    result: {
      assignment: sortedAssignment,
      schools,
      lottery,
      cutoffs,
      runRecord: {
        algorithm: PLACEMENT_ALGORITHM,
        mechanism,
        rng: RNG_ALGORITHM,
        seed,
        inputHash: inputHash ?? canonicalHash(input),
        outputHash: sha256Hex(utf8Encode(canonicalFlatJson(pairs))),
      },
    },
  };
}
