/**
 * Re-running a recorded draw (`npx junheng verify-draw`): the frozen list must hash to the
 * recorded input hash, and re-running it with the recorded mechanism and seed must give back every
 * part of the run file — each child's school, each school's admitted list, each school's seats,
 * count and cut-off, each child's lottery number (the number a parent is shown), and the run record
 * (algorithm, generator, seed, both hashes). A file with any part edited, added or left out fails,
 * and the difference is named. Pure: the command line reads the files and prints the result.
 */
import { canonicalHash, canonicalJson } from './canonical';
import { placementRun } from './run';
import { mechanisms, type Mechanism, type PlacementInput, type PlacementResult } from './types';

export type DrawVerification =
  | {
      readonly ok: true;
      readonly children: number;
      readonly schools: number;
      readonly runRecord: PlacementResult['runRecord'];
    }
  | { readonly ok: false; readonly differences: readonly string[] };

const parts = ['assignment', 'schools', 'lottery', 'cutoffs', 'runRecord'] as const;
const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const show = (v: unknown) => (v === undefined ? 'missing' : canonicalJson(v));
const MAX_LISTED = 20;

/** Differences between two keyed tables (recorded vs re-run), each named by its key. */
function tableDiff(what: string, recorded: unknown, again: Readonly<Record<string, unknown>>): string[] {
  if (recorded === null || typeof recorded !== 'object' || Array.isArray(recorded))
    return [`${what}: missing or not a table in the run file`];
  const rec = recorded as Record<string, unknown>;
  const out: string[] = [];
  for (const key of new Set([...Object.keys(rec), ...Object.keys(again)])) {
    if (!same(rec[key], again[key]))
      out.push(`${what} ${key}: recorded ${show(rec[key])}, re-run ${show(again[key])}`);
  }
  return out.length > MAX_LISTED
    ? [...out.slice(0, MAX_LISTED), `${what}: ${out.length - MAX_LISTED} more differences`]
    : out;
}

/**
 * Verifies a run file against the frozen list. `expectedSeed`, when given, is the seed drawn in
 * public: the file must record exactly it.
 */
export function drawVerify(file: unknown, input: PlacementInput, expectedSeed?: string): DrawVerification {
  if (file === null || typeof file !== 'object')
    return { ok: false, differences: ['the run file is not a JSON object'] };
  const recorded = file as Partial<Record<string, unknown>>;
  const differences: string[] = [];
  const extra = Object.keys(recorded).filter((k) => !(parts as readonly string[]).includes(k));
  if (extra.length > 0) differences.push(`unexpected part(s) in the run file: ${extra.join(', ')}`);
  const rec = recorded['runRecord'] as Partial<PlacementResult['runRecord']> | undefined;
  if (!rec || typeof rec !== 'object')
    return { ok: false, differences: [...differences, 'runRecord: missing'] };
  if (typeof rec.seed !== 'string')
    return { ok: false, differences: [...differences, 'runRecord.seed: missing'] };
  if (!mechanisms.includes(rec.mechanism as Mechanism))
    return {
      ok: false,
      differences: [...differences, `runRecord.mechanism: unknown "${String(rec.mechanism)}"`],
    };
  if (expectedSeed !== undefined && rec.seed !== expectedSeed)
    differences.push(`runRecord.seed: recorded "${rec.seed}", the public seed is "${expectedSeed}"`);
  const inputHash = canonicalHash(input);
  if (rec.inputHash !== inputHash)
    differences.push(
      `input hash differs: the list file hashes to ${inputHash}, the run records ${String(rec.inputHash)} (not the frozen list, or the record was edited)`,
    );
  const run = placementRun(input, rec.mechanism as Mechanism, rec.seed);
  if (run.status === 'invalid')
    return { ok: false, differences: [...differences, `invalid list: ${run.reason}`] };
  const again = run.result;
  for (const k of ['algorithm', 'mechanism', 'rng', 'seed', 'outputHash'] as const)
    if (rec[k] !== again.runRecord[k])
      differences.push(`runRecord.${k}: recorded ${show(rec[k])}, re-run ${show(again.runRecord[k])}`);
  const recKeys = Object.keys(rec).filter((k) => !(k in again.runRecord));
  if (recKeys.length > 0) differences.push(`runRecord: unexpected field(s) ${recKeys.join(', ')}`);
  differences.push(
    ...tableDiff('assignment', recorded['assignment'], again.assignment),
    ...tableDiff('school list', recorded['schools'], again.schools),
    ...tableDiff('cut-off', recorded['cutoffs'], again.cutoffs),
    ...tableDiff('lottery number', recorded['lottery'], again.lottery),
  );
  return differences.length > 0
    ? { ok: false, differences }
    : {
        ok: true,
        children: Object.keys(again.assignment).length,
        schools: Object.keys(again.schools).length,
        runRecord: again.runRecord,
      };
}
