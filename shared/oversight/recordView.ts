/**
 * What the bureau sees when it follows a finding to one record (county.record): shared by the
 * function that builds it and the page that shows it.
 */
import type { Stage } from '../settings';
import type { Finding } from './rules';

/** A school's row on the dashboard: seats against applicants, by tier, and admitted. */
export interface DashboardSchoolRow {
  readonly schoolId: string;
  readonly name: string;
  readonly stage: Stage;
  readonly township: string;
  readonly entryClasses: number;
  readonly seats: number;
  readonly applicants: number;
  readonly admitted: number;
  readonly tiers: readonly { readonly tier: number; readonly label: string; readonly applicants: number }[];
}

/** A class of the year's class splits, with its size against the caps. */
export interface DashboardClassRow {
  readonly id: string;
  readonly schoolId: string;
  readonly label: string;
  readonly stage: Stage;
  readonly size: number;
  readonly large: boolean;
  readonly superLarge: boolean;
}

interface Common {
  readonly id: string;
  /** The findings that name this record, whole. */
  readonly findings: readonly Finding[];
}

export interface ClassRecordView extends Common {
  readonly kind: 'class';
  readonly label: string;
  readonly schoolId: string;
  readonly schoolName: string;
  readonly size: number;
  readonly cap: number;
  readonly superLargeSize: number;
  readonly planStatus: 'draft' | 'published';
  readonly homeroom: string | null;
  readonly boys: number;
  readonly girls: number;
  readonly members: readonly {
    readonly name: string;
    readonly gender: 'M' | 'F' | null;
    readonly groups: readonly string[];
  }[];
}

export interface RegistrationRecordView extends Common {
  readonly kind: 'registration';
  readonly childName: string;
  readonly idNumberMasked: string;
  readonly birthDate: string;
  readonly schoolName: string;
  readonly stageLabel: string;
  readonly statusLabel: string;
  readonly tierLabel: string;
  readonly flags: readonly string[];
  readonly placement: string | null;
  readonly history: readonly {
    readonly at: string;
    readonly label: string;
    readonly by: string;
    readonly reason: string | null;
  }[];
}

/** An indicator's value and whether it meets the standard (null: no published rotation plan). */
export interface IndicatorFigure {
  readonly value: number;
  readonly met: boolean;
}

export interface SchoolRecordView extends Common {
  readonly kind: 'school';
  readonly school: DashboardSchoolRow;
  readonly classes: readonly DashboardClassRow[];
  /** Each indicator 当前 and 轮岗后 (see indicatorBasisLabels), with its standard. */
  readonly indicators: readonly {
    readonly key: string;
    readonly label: string;
    readonly standard: number;
    readonly current: IndicatorFigure;
    readonly afterRotation: IndicatorFigure | null;
  }[];
  /** The ≥ 6-of-7 rule, 当前 and 轮岗后 (null: not in the table / no published plan). */
  readonly indicatorsPass: { readonly current: boolean | null; readonly afterRotation: boolean | null };
}

export interface IndicatorRecordView extends Common {
  readonly kind: 'indicator';
  readonly stage: Stage;
  readonly label: string;
  readonly cvCurrent: number;
  /** Null while no rotation plan is published. */
  readonly cvAfterRotation: number | null;
  readonly cvLimit: number;
  readonly schools: readonly {
    readonly schoolId: string;
    readonly name: string;
    readonly pupils: number;
    readonly current: IndicatorFigure;
    readonly afterRotation: IndicatorFigure | null;
  }[];
}

export type RecordView = ClassRecordView | RegistrationRecordView | SchoolRecordView | IndicatorRecordView;

/** Record kinds county.record answers for (children on the census roster open the census page). */
export const recordKinds = ['class', 'registration', 'school', 'indicator'] as const;
