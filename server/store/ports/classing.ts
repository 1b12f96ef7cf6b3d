/** Class splits: one plan per school, stage and year. */
import type { ClassingPlan } from '../../../shared/classing/plan';
import type { Stage } from '../../../shared/settings';
import type { SaveResult } from './common';

/** A school's class split as sizes (the dashboard's class facts). */
export interface ClassSizes {
  readonly planId: string;
  readonly schoolId: string;
  readonly stage: Stage;
  readonly sizes: readonly number[];
}

export interface ClassingStore {
  getClassingPlan(id: string): Promise<ClassingPlan | null>;
  /** Every school's class split of a year as class sizes (plans not yet split are left out). */
  listClassSizes(year: number): Promise<readonly ClassSizes[]>;
  /** Like savePlacementResponse: null creates (refused if it exists), a number updates that version. */
  saveClassingPlan(next: ClassingPlan, expectedVersion: number | null): Promise<SaveResult>;
}
