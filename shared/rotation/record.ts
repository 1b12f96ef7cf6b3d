/** A published rotation plan (公示 → objections answered → final notices → 报到), one per year. */
import type { RotationAdjustment } from './adjust';
import type { RotationSettings } from './eligibility';
import type { RotationMove } from './types';
import type { RotationIssue } from './problems';

export interface RotationObjection {
  readonly teacherId: string;
  /** The teacher's name when they objected (kept: an upheld objection takes them off the moves). */
  readonly name?: string;
  readonly text: string;
  readonly at: string;
  readonly answer: {
    readonly text: string;
    readonly upheld: boolean;
    readonly at: string;
    readonly by: string;
    /** Rules the plan broke once the teacher was taken off, acknowledged by the officer. */
    readonly addedIssues?: readonly RotationIssue[];
  } | null;
}

export interface RotationRecord {
  /** The year, as text. */
  readonly id: string;
  readonly year: number;
  readonly status: 'publicized' | 'final';
  readonly seed: string;
  readonly algorithm: string;
  /** The rotation rules the plan was made under (absent on older records: the settings then). */
  readonly settings?: RotationSettings;
  /** The bureau's hand adjustments to the computed plan, in order (absent on older records). */
  readonly adjustments?: readonly RotationAdjustment[];
  readonly moves: readonly (RotationMove & { readonly fromName: string; readonly toName: string })[];
  /** 公示 period, CST dates inclusive. */
  readonly publicity: { readonly from: string; readonly to: string };
  readonly objections: readonly RotationObjection[];
  /** teacher id → when they acknowledged the notice / confirmed 报到. */
  readonly acknowledged: Readonly<Record<string, string>>;
  readonly reported: Readonly<Record<string, string>>;
  readonly problems: readonly string[];
  /** The same problems with codes, as published (absent on records published before they were kept). */
  readonly issues?: readonly RotationIssue[];
  /**
   * Published although rules were broken: the bureau acknowledged each broken rule by name and
   * wrote why (absent when the plan kept every rule).
   */
  readonly override?: {
    readonly reason: string;
    readonly issues: readonly RotationIssue[];
    readonly by: string;
    readonly at: string;
  };
  readonly version: number;
  readonly updatedAt: string;
}
