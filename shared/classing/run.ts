/**
 * One classing run: check the input, search, and report. Same input + seed + algorithm version →
 * same classes on any machine. The S-shaped fill (蛇形) is kept only as the benchmark's baseline.
 */
import { cohortPrepare } from './cohort';
import { CLASSING_ALGORITHM, classingSearch, defaultBudget, type SearchBudget } from './engine';
import { classingReport } from './report';
import type { ClassingInput, ClassingResult, ClassingRun } from './types';

export { CLASSING_ALGORITHM };

export function classingRun(
  input: ClassingInput,
  seed: string,
  budget: SearchBudget = defaultBudget,
): ClassingRun {
  const prepared = cohortPrepare(input);
  if (prepared.status === 'invalid') return prepared;
  const c = prepared.cohort;
  const found = classingSearch(c, seed, budget);
  if (found.status === 'invalid') return found;
  const classes: string[][] = Array.from({ length: c.k }, () => []);
  c.unitMembers.forEach((members, u) => {
    for (const i of members)
      (classes[found.classOfUnit[u] as number] as string[]).push(input.students[i]?.id as string);
  });
  // Each class lists its students in cohort order (a stable, readable order for 公示 lists).
  return { status: 'ok', result: resultOf(input, classes, seed) };
}

export function resultOf(input: ClassingInput, classes: string[][], seed: string): ClassingResult {
  const order = new Map(input.students.map((s, i) => [s.id, i]));
  for (const ids of classes) ids.sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
  return { classes, report: classingReport(input, classes, { algorithm: CLASSING_ALGORITHM, seed }) };
}

/**
 * The classic S-shaped fill: students by total score, dealt 1…K, K…1, 1…K … It ignores the
 * together/apart/fixed rules; it is here only to compare against.
 */
export function snakeFill(input: ClassingInput): ClassingResult {
  const total = (id: number) =>
    input.subjects.reduce((a, s) => a + (input.students[id]?.scores?.[s] ?? 0), 0);
  const order = input.students.map((_, i) => i).sort((a, b) => total(b) - total(a) || a - b);
  const classes: string[][] = Array.from({ length: input.classes }, () => []);
  order.forEach((i, r) => {
    const round = Math.floor(r / input.classes);
    const pos = r % input.classes;
    const k = round % 2 === 0 ? pos : input.classes - 1 - pos;
    (classes[k] as string[]).push(input.students[i]?.id as string);
  });
  return resultOf(input, classes, 'snake');
}
