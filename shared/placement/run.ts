/**
 * One placement run: validate the input, draw the lottery from the public seed, run the chosen
 * mechanism, and record what anyone needs to replay it (algorithm, generator, seed, input and
 * output hashes). Same input + seed + algorithm version → same result on any machine.
 */
import { RNG_ALGORITHM } from '../random';
import { canonicalHash } from './canonical';
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

export function placementRun(input: PlacementInput, mechanism: Mechanism, seed: string): PlacementRun {
  const problem = inputProblem(input);
  if (problem) return { status: 'invalid', reason: problem };
  const built = unitsBuild(input, seed);
  if (built.status === 'invalid') return built;
  const byUnit = runners[mechanism](input.schools, built.units);

  const assignment: Record<string, string | null> = {};
  const lottery: Record<string, number> = {};
  const schools: Record<string, string[]> = Object.fromEntries(input.schools.map((s) => [s.id, []]));
  for (const u of built.units) {
    const sid = byUnit.get(u.key) ?? null;
    for (const m of u.members) {
      assignment[m] = sid;
      lottery[m] = u.lottery;
      if (sid) (schools[sid] as string[]).push(m);
    }
  }
  const cutoffs: Record<string, SchoolCutoff> = {};
  for (const s of input.schools) {
    const admitted = (schools[s.id] as string[]).sort();
    const unitsHere = built.units.filter((u) => byUnit.get(u.key) === s.id);
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
  const sortedAssignment = Object.fromEntries(
    Object.entries(assignment).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
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
        inputHash: canonicalHash(input),
        outputHash: canonicalHash(sortedAssignment),
      },
    },
  };
}
