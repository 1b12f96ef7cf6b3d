/**
 * Balanced class assignment (均衡编班): the cohort, the rules, and the result. Scores are used only
 * to balance classes, never to stream them (义务教育法 第二十二条: no 重点班/非重点班).
 */

export type Gender = 'M' | 'F';

export interface ClassingStudent {
  readonly id: string;
  readonly name?: string;
  readonly gender: Gender;
  /** Entry scores by subject; a subject left out is treated as the cohort's mean when balancing. */
  readonly scores?: Readonly<Record<string, number>>;
  /** Groups to spread evenly: 留守, 随迁, 随班就读, 住校, 建档立卡 … */
  readonly groups?: readonly string[];
  /** Source primary school (for junior-middle cohorts). */
  readonly school?: string;
}

/** How much each part of the balance counts; the default order is the policy's. */
export interface ClassingWeights {
  /** Class means of the total score. */
  readonly total: number;
  /** Class means of every subject. */
  readonly subjects: number;
  readonly gender: number;
  readonly groups: number;
  /** Within-class spread (standard deviation of the total). */
  readonly spread: number;
  /** Mix of source schools. */
  readonly school: number;
}

export const defaultClassingWeights: ClassingWeights = {
  total: 8,
  subjects: 4,
  gender: 3,
  groups: 3,
  spread: 1.5,
  school: 0.5,
};

export interface ClassingInput {
  readonly classes: number;
  /** Class-size cap (45 primary / 50 junior by default). */
  readonly cap: number;
  readonly subjects: readonly string[];
  readonly students: readonly ClassingStudent[];
  /** Students to keep in one class (twins/siblings whose family asked). */
  readonly together?: readonly (readonly string[])[];
  /** Students to keep in different classes (twins whose family asked, named pairs, 同音名). */
  readonly apart?: readonly (readonly string[])[];
  /** Students placed in a given class (index from 0) before balancing. */
  readonly fixed?: Readonly<Record<string, number>>;
  readonly weights?: Partial<ClassingWeights>;
}

/** A figure of the report with the best value any assignment could reach. */
export interface BoundedFigure {
  readonly value: number;
  /** Lower bound of the value; null when none is known (e.g. missing scores). */
  readonly lowerBound: number | null;
  /** The value sits on its bound: no assignment can do better. */
  readonly optimal: boolean;
}

export interface ClassFigures {
  readonly size: number;
  readonly male: number;
  readonly female: number;
  readonly means: Readonly<Record<string, number>>;
  readonly totalSd: number;
  readonly groups: Readonly<Record<string, number>>;
  readonly schools: Readonly<Record<string, number>>;
}

export interface ClassingReport {
  readonly algorithm: string;
  readonly seed: string;
  readonly sizes: { readonly min: number; readonly max: number };
  /** max − min of the class means, for "total" and every subject. */
  readonly meanSpread: Readonly<Record<string, BoundedFigure>>;
  /** max − min of class counts: "M", "F" and every group. */
  readonly countRange: Readonly<Record<string, BoundedFigure>>;
  /** max − min of the classes' standard deviation of the total. */
  readonly sdSpread: BoundedFigure;
  /** The worst source school's max − min count across classes. */
  readonly schoolRange: BoundedFigure;
  readonly classes: readonly ClassFigures[];
  /** Hard-rule problems (empty when every rule holds). */
  readonly problems: readonly string[];
}

export interface ClassingResult {
  /** Student ids per class; class index = position. */
  readonly classes: readonly (readonly string[])[];
  readonly report: ClassingReport;
}

export type ClassingRun =
  | { readonly status: 'ok'; readonly result: ClassingResult }
  | { readonly status: 'invalid'; readonly reason: string };
