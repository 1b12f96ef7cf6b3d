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
import { unitRank, unitRankNumber, unitsBuild, type Unit } from './units';

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
    if (st.preferences.some((p, k) => st.preferences.indexOf(p) !== k))
      return `student ${st.id}: a school is listed twice`;
  }
  return null;
}

/** Positions of the students in id order (UTF-16 code-unit order, as canonical JSON sorts keys). */
function idOrder(students: PlacementInput['students']): ArrayLike<number> {
  let sorted = true;
  for (let i = 1; i < students.length && sorted; i++)
    sorted = (students[i - 1] as { id: string }).id < (students[i] as { id: string }).id;
  if (sorted) return Int32Array.from({ length: students.length }, (_, i) => i);
  return Int32Array.from(students.keys()).sort((a, b) =>
    (students[a] as { id: string }).id < (students[b] as { id: string }).id ? -1 : 1,
  );
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

  // Per student (by input position): school and lottery number.
  const n = input.students.length;
  const schoolOf = new Array<string | null>(n).fill(null);
  const lotteryOf = new Int32Array(n);
  const schools: Record<string, string[]> = Object.fromEntries(input.schools.map((s) => [s.id, []]));
  for (const u of built.units) {
    const sid = byUnit.get(u.key) ?? null;
    for (const i of u.memberIndex) {
      schoolOf[i] = sid;
      lotteryOf[i] = u.lottery;
    }
  }
  // The assignment in id order (the order its canonical JSON is hashed in). A frozen list is
  // already sorted by id, so usually this is the input order and no sort is needed.
  const order = idOrder(input.students);
  const pairs = new Array<readonly [string, string | null]>(n);
  const sortedAssignment: Record<string, string | null> = {};
  const lottery: Record<string, number> = {};
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const id = (input.students[i] as { id: string }).id;
    const sid = schoolOf[i] as string | null;
    pairs[k] = [id, sid];
    sortedAssignment[id] = sid;
    lottery[id] = lotteryOf[i] as number;
    if (sid) (schools[sid] as string[]).push(id); // so each school's list is in id order too
  }
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
    const admitted = schools[s.id] as string[];
    const unitsHere = unitsAt.get(s.id) ?? [];
    let lastUnit: Unit | null = null;
    let lastRank = -1;
    for (const u of unitsHere) {
      const r = unitRankNumber(s, u);
      if (r > lastRank) [lastUnit, lastRank] = [u, r];
    }
    const last = lastUnit && unitRank(s, lastUnit);
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
