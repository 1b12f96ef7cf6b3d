/**
 * A school's class split for one year, around the engine: the cohort (from its admitted
 * registrations or an Excel import), the split, hand swaps (调班), the homeroom-teacher draw,
 * late students, and publishing. Pure functions; the classing cloud function stores the plan.
 */
import { rngFromSeed, rngShuffle } from '../random';
import type { Registration } from '../registration/types';
import type { Stage } from '../settings';
import { classingReport } from './report';
import { CLASSING_ALGORITHM } from './run';
import type { ClassingInput, ClassingReport, ClassingStudent } from './types';

export interface ClassingPlan {
  /** `${year}-${schoolId}` */
  readonly id: string;
  readonly schoolId: string;
  readonly year: number;
  readonly stage: Stage;
  readonly status: 'draft' | 'published';
  /** Where the cohort came from. */
  readonly source: 'admitted' | 'import';
  readonly input: ClassingInput;
  readonly seed: string | null;
  readonly classes: readonly (readonly string[])[] | null;
  /** Hand swaps since the run, in order (who, when, which two students). */
  readonly swaps: readonly {
    readonly a: string;
    readonly b: string;
    readonly at: string;
    readonly by: string;
  }[];
  /** Homeroom teacher per class (teacher ids, by class index), with the draw's seed. */
  readonly homeroom: { readonly seed: string; readonly teacherIds: readonly string[] } | null;
  /**
   * Late students placed after publishing when every class was full: in a class added for them,
   * or over the cap (a recorded 大班额 warning). Absent on plans without any.
   */
  readonly lateExceptions?: readonly LateException[];
  readonly publishedAt: string | null;
  readonly version: number;
  readonly updatedAt: string;
}

export const classLabel = (stage: Stage, index: number): string =>
  `${stage === 'primary' ? '一年级' : '七年级'}${index + 1}班`;

/** Groups a registration's form gives (the ones the policy asks to spread evenly). */
export function registrationGroups(r: Registration): string[] {
  const g: string[] = [];
  if (r.form.special.leftBehind) g.push('留守');
  if (r.form.route === 'migrant') g.push('随迁');
  if (r.form.special.disability) g.push('随班就读');
  if (r.form.special.hardship) g.push('建档立卡');
  return g;
}

/** The admitted children of a school as a cohort (no scores at primary entry). */
export function cohortFromRegistrations(registrations: readonly Registration[]): ClassingStudent[] {
  return [...registrations]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((r) => ({ id: r.id, name: r.childName, gender: r.gender, groups: registrationGroups(r) }));
}

/** Twins registered together are kept together unless the family asked otherwise. */
export function twinsTogether(registrations: readonly Registration[]): string[][] {
  const byId = new Map(registrations.map((r) => [r.idNumber, r.id as string]));
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const r of registrations) {
    if (seen.has(r.id)) continue;
    const group = [r.id as string, ...r.form.twinIdNumbers.flatMap((n) => byId.get(n) ?? [])];
    if (group.length > 1) {
      group.forEach((id) => seen.add(id));
      out.push([...new Set(group)].sort());
    }
  }
  return out;
}

/** The figures with two students swapped (a preview: nothing is changed). */
export function swapPreview(
  input: ClassingInput,
  classes: readonly (readonly string[])[],
  a: string,
  b: string,
  seed: string,
): { classes: string[][]; report: ClassingReport } | { error: string } {
  const ka = classes.findIndex((c) => c.includes(a));
  const kb = classes.findIndex((c) => c.includes(b));
  if (ka < 0 || kb < 0) return { error: '没有找到这两名学生。' };
  if (ka === kb) return { error: '这两名学生已在同一个班，请选择不同班的学生。' };
  const next = classes.map((c, k) =>
    k === ka ? c.map((x) => (x === a ? b : x)) : k === kb ? c.map((x) => (x === b ? a : x)) : [...c],
  );
  return { classes: next, report: classingReport(input, next, { algorithm: CLASSING_ALGORITHM, seed }) };
}

/** One number for "how balanced": the report's spreads, each over its lower bound's unit. */
function imbalance(r: ClassingReport): number {
  let s = 0;
  for (const f of Object.values(r.meanSpread)) s += 10 * f.value;
  for (const f of Object.values(r.countRange)) s += f.value;
  return s + r.sdSpread.value / 10 + r.schoolRange.value / 10;
}

/** How a late student is placed: where balance suffers least (within the cap), in a new class, or over the cap. */
export const latePlacements = ['balance', 'newClass', 'overCap'] as const;
export type LatePlacement = (typeof latePlacements)[number];

/** A late student placed outside the usual rules, kept with the plan (who, where, how big, when). */
export interface LateException {
  readonly studentId: string;
  readonly name: string;
  readonly kind: 'newClass' | 'overCap';
  readonly classIndex: number;
  /** The class's size with the student. */
  readonly size: number;
  /** The county's class-size cap: above it the class is a 大班额. */
  readonly cap: number;
  readonly at: string;
  readonly by: string;
}

export type LateInsert =
  | { readonly index: number; readonly input: ClassingInput; readonly classes: string[][] }
  | { readonly error: string; readonly full?: true };

/**
 * Problems a placement outside the usual rules accepts: the size rules it knowingly breaks (and
 * earlier exceptions broke). Together/apart/fixed always hold.
 */
const accepted = (problem: string) =>
  problem.includes('above the cap') || problem.startsWith('class sizes differ');

/**
 * A late student joins a class. 'balance': the class where the balance suffers least, among the
 * smallest classes below the cap where no one they must stay apart from sits (`full` when every
 * class is at the cap). 'newClass': a class added for them. 'overCap': the smallest class, above
 * the cap but below `superLargeSize` (a 超大班额 is never made). Returns the class index or why not.
 */
export function lateInsert(
  input: ClassingInput,
  classes: readonly (readonly string[])[],
  student: ClassingStudent,
  seed: string,
  kind: LatePlacement = 'balance',
  superLargeSize = Infinity,
): LateInsert {
  if (input.students.some((s) => s.id === student.id)) return { error: '该学号已在名单中。' };
  const next: ClassingInput = { ...input, students: [...input.students, student] };
  if (kind === 'newClass') {
    const trial = [...classes.map((x) => [...x]), [student.id]];
    const withClass = { ...next, classes: trial.length };
    const report = classingReport(withClass, trial, { algorithm: CLASSING_ALGORITHM, seed });
    if (report.problems.some((p) => !accepted(p)))
      return { error: '插班生与名单中的分班要求冲突，不能单独成班。' };
    return { index: trial.length - 1, input: withClass, classes: trial };
  }
  // After an earlier exception the split already breaks a size rule: a balanced placement then
  // need only keep the class it joins within the cap, and the other rules.
  const sizesBroken = classingReport(input, classes, { algorithm: CLASSING_ALGORITHM, seed }).problems.some(
    accepted,
  );
  const tolerated = (p: string) => (kind === 'overCap' || sizesBroken) && accepted(p);
  const smallest = Math.min(...classes.map((c) => c.length));
  let best = -1;
  let bestScore = Infinity;
  let bestClasses: string[][] = [];
  let full = true;
  classes.forEach((c, k) => {
    if (c.length !== smallest) return;
    if (kind === 'balance' && c.length >= input.cap) return;
    if (kind === 'overCap' && c.length + 1 >= superLargeSize) return;
    full = false;
    const trial = classes.map((x, j) => (j === k ? [...x, student.id] : [...x]));
    const report = classingReport(next, trial, { algorithm: CLASSING_ALGORITHM, seed });
    if (report.problems.some((p) => !tolerated(p))) return;
    const score = imbalance(report);
    if (score < bestScore) [best, bestScore, bestClasses] = [k, score, trial];
  });
  if (best >= 0) return { index: best, input: next, classes: bestClasses };
  if (kind === 'overCap' && full)
    return {
      error: `各班都已达到${superLargeSize - 1}人，再插班就成了超大班额，请增加一个班或由教育局统筹。`,
    };
  return full
    ? { error: '各班都已达到班额上限。', full: true }
    : { error: '没有可以插入的班级（违反分班要求），请调整后再试。' };
}

/** Homeroom teachers drawn to classes by a seeded shuffle (the seed is recorded with the plan). */
export function homeroomDraw(
  teacherIds: readonly string[],
  classCount: number,
  seed: string,
): string[] | string {
  if (new Set(teacherIds).size !== teacherIds.length) return '班主任名单中有重复的教师。';
  if (teacherIds.length !== classCount) return `请选择正好 ${classCount} 位班主任（每班一位）。`;
  return rngShuffle(rngFromSeed(`homeroom|${seed}`), [...teacherIds].sort());
}
