/**
 * Seeded synthetic cohorts for the benchmark and tests: scores 0–100 per subject (correlated, as
 * real entry scores are), gender, four groups, source schools, twins kept together or apart,
 * named pairs apart, and a few pre-fixed students.
 */
import { rngFromSeed, rngInt, type Rng } from '../random';
import type { ClassingInput, ClassingStudent } from './types';

export interface SyntheticShape {
  readonly students: number;
  readonly classes: number;
  readonly cap: number;
  readonly twinsTogether: number;
  readonly twinsApart: number;
  readonly namedApart: number;
  readonly fixed: number;
}

const groups = ['留守', '随迁', '随班就读', '住校'] as const;
const groupRates = [0.12, 0.15, 0.02, 0.2];
const unit = (rng: Rng) => rng.nextUint32() / 4294967296;

/** Roughly normal (sum of uniforms), clamped to 0–100 and rounded. */
const scoreNear = (rng: Rng, mean: number, sd: number) => {
  const g = (unit(rng) + unit(rng) + unit(rng) + unit(rng) - 2) * Math.sqrt(3);
  return Math.max(0, Math.min(100, Math.round(mean + g * sd)));
};

export function syntheticCohort(seed: string, shape: SyntheticShape): ClassingInput {
  const rng = rngFromSeed(`cohort|${seed}`);
  const subjects = ['chinese', 'math', 'english'];
  const students: ClassingStudent[] = Array.from({ length: shape.students }, (_, i) => {
    const ability = scoreNear(rng, 75, 12);
    return {
      id: String(i + 1),
      gender: unit(rng) < 0.52 ? 'M' : 'F',
      scores: Object.fromEntries(subjects.map((s) => [s, scoreNear(rng, ability, 8)])),
      groups: groups.filter((_, g) => unit(rng) < (groupRates[g] as number)),
      school: `S${rngInt(rng, 1, 10)}`,
    };
  });
  // Twins: consecutive ids from the end of the list.
  let next = shape.students;
  const pair = () => {
    next -= 2;
    return [String(next + 1), String(next + 2)];
  };
  const together = Array.from({ length: shape.twinsTogether }, pair);
  const twinsApart = Array.from({ length: shape.twinsApart }, pair);
  const named: string[][] = [];
  for (let p = 0; p < shape.namedApart; p++) named.push([String(3 + 2 * p), String(4 + 2 * p)]);
  const fixed: Record<string, number> = {};
  // Fixed students from the middle of the list (named pairs are at the start, twins at the end).
  const mid = Math.floor(shape.students / 2);
  for (let f = 0; f < shape.fixed; f++) fixed[String(mid + f)] = f % shape.classes;
  return {
    classes: shape.classes,
    cap: shape.cap,
    subjects,
    students,
    together,
    apart: [...twinsApart, ...named],
    fixed,
  };
}

/** The benchmark shape: 1000 students into 20 classes. */
export const benchShape: SyntheticShape = {
  students: 1000,
  classes: 20,
  cap: 50,
  twinsTogether: 6,
  twinsApart: 2,
  namedApart: 10,
  fixed: 4,
};
