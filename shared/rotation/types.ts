/** The rotation planner's inputs and outputs (shared by the planner, validators, adjustments and pages). */
import type { BackboneLevel, EducationLevel, Locality } from '../county/types';
import type { Gender } from '../idNumber';
import type { Stage } from '../settings';
import type { RotationSettings, TeacherStatus } from './eligibility';
import type { IndicatorKey } from './indicators';

export interface RotationSchool {
  readonly id: string;
  readonly name: string;
  readonly stage: Stage;
  readonly locality: Locality;
  readonly enrolment: number;
  readonly location?: { readonly x: number; readonly y: number };
  /** How many rotating teachers the school can take (default: a fifth of its staff, at least 1). */
  readonly vacancies?: number;
  /** Subjects the school is short of. */
  readonly shortages?: readonly string[];
}

export interface RotationTeacher {
  readonly id: string;
  readonly name: string;
  readonly schoolId: string;
  readonly gender: Gender;
  readonly birthYear: number;
  readonly yearsAtSchool: number;
  readonly isPrincipal: boolean;
  readonly backbone: BackboneLevel;
  readonly education: EducationLevel;
  readonly subject: string;
  readonly status?: TeacherStatus;
  /** Schools the teacher would like, best first. */
  readonly preferences?: readonly string[];
  /** Put forward by their school this year: 个人申请 (self) or 学校推荐 (school). */
  readonly nominated?: 'self' | 'school';
  /** Where the teacher actually teaches when not at their 编制 school (借调): counted there. */
  readonly teachingAt?: string;
}

export interface RotationInput {
  readonly year: number;
  readonly schools: readonly RotationSchool[];
  readonly teachers: readonly RotationTeacher[];
  readonly settings?: Partial<RotationSettings>;
  readonly seed?: string;
}

/** One move, in the national teacher-management system's shape. */
export interface RotationMove {
  readonly teacherId: string;
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly form: '交流轮岗';
  /** Whether 人事关系 moves with the teacher (not for 交流轮岗). */
  readonly personnelMoves: false;
  readonly startMonth: string;
  readonly endMonth: string;
  readonly backbone: boolean;
  readonly reasons: readonly string[];
}

export interface CvRow {
  readonly stage: Stage;
  readonly indicator: IndicatorKey;
  readonly before: number;
  readonly after: number;
}

export interface RotationPlan {
  readonly algorithm: string;
  readonly moves: readonly RotationMove[];
  readonly eligibility: readonly {
    readonly teacherId: string;
    readonly eligible: boolean;
    readonly reasons: readonly string[];
  }[];
  readonly cv: readonly CvRow[];
  readonly counts: {
    readonly eligible: number;
    readonly rotated: number;
    readonly backbone: number;
    readonly target: number;
  };
  /**
   * How good the plan is: Σ of the six CVs after it, a proven lower bound on that Σ over every
   * lawful plan with the same number of moves per stage (when the places cannot take every quota:
   * over plans moving as many from each school as this one), the gap, and whether the plan is
   * proven optimal (null when no bound was computed: no solver, or it failed).
   */
  readonly quality: RotationQuality | null;
  /** Hard-rule problems of the plan (empty when every rule holds), in Chinese. */
  readonly problems: readonly string[];
  /** The same problems with codes and the record each is about. */
  readonly issues: readonly RotationIssue[];
}

export interface RotationQuality {
  readonly sumAfter: number;
  readonly lowerBound: number;
  /** (Σ after − bound) / bound. */
  readonly gap: number;
  readonly provenOptimal: boolean;
  /** The solver behind the bound (e.g. `highs-1.15.3`). */
  readonly solver: string;
}

export type RotationRun =
  | { readonly status: 'ok'; readonly plan: RotationPlan }
  | { readonly status: 'invalid'; readonly reason: string };

export type RotationIssueCode =
  | 'NOT_TEACHER'
  | 'MOVED_TWICE'
  | 'NOT_ELIGIBLE'
  | 'SAME_SCHOOL'
  | 'WRONG_FROM'
  | 'CROSS_STAGE'
  | 'DIRECTION'
  | 'OVER_CAPACITY'
  | 'SCHOOL_QUOTA'
  | 'COUNTY_QUOTA'
  | 'BACKBONE_SHARE'
  | 'UNKNOWN_SCHOOL'
  | 'NO_ROOM';

export interface RotationIssue {
  readonly code: RotationIssueCode;
  /** A teacher id, a school id, `primary`/`junior` or `county`. */
  readonly subject: string;
  readonly text: string;
}
