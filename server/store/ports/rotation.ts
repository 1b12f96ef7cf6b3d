/** Teacher rotation: the year's record (plan, publicity, objections) and the schools' nominations. */
import type { RotationNominations } from '../../../shared/rotation/nominations';
import type { RotationRecord } from '../../../shared/rotation/record';
import type { SaveResult } from './common';

export interface RotationStore {
  getRotationRecord(id: string): Promise<RotationRecord | null>;
  /** Like saveClassingPlan: null creates (refused if it exists), a number updates that version. */
  saveRotationRecord(next: RotationRecord, expectedVersion: number | null): Promise<SaveResult>;
  getRotationNominations(id: string): Promise<RotationNominations | null>;
  /** Creates (expectedVersion null) or updates at the version read; otherwise a conflict. */
  saveRotationNominations(next: RotationNominations, expectedVersion: number | null): Promise<SaveResult>;
  /** Every school's nominations of a year (one document per school). */
  listRotationNominations(year: number): Promise<readonly RotationNominations[]>;
}
