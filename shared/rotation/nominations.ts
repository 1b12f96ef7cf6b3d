/**
 * A school's nominations for this year's rotation (个人申请 + 学校推荐), with the note of the
 * in-school 公示 the policy asks for before the list goes to the bureau. One document per school
 * and year; the bureau's planner takes nominees first.
 */
export type NominationKind = 'self' | 'school';

export const nominationLabels: Readonly<Record<NominationKind, string>> = {
  self: '个人申请',
  school: '学校推荐',
};

export interface NominationEntry {
  readonly teacherId: string;
  readonly kind: NominationKind;
  /** Why (the teacher's application or the school's recommendation), shown to the bureau. */
  readonly note: string;
  readonly at: string;
}

export interface RotationNominations {
  /** `${year}-${schoolId}` */
  readonly id: string;
  readonly year: number;
  readonly schoolId: string;
  readonly entries: readonly NominationEntry[];
  /** The in-school 公示 of the list: where and when it was posted (CST dates, inclusive). */
  readonly publicity: { readonly note: string; readonly from: string; readonly to: string } | null;
  readonly version: number;
  readonly updatedAt: string;
}

export const nominationsId = (year: number, schoolId: string) => `${year}-${schoolId}`;
