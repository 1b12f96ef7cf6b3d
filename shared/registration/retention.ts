/**
 * How long uploaded documents are kept: until the cycle closes (the later of the two stages'
 * 报到 dates, when placement and its reviews are over) plus the bureau's retention days.
 */
import type { CstDate } from '../brand';
import type { PolicySettings } from '../settings';
import { cstDateAddDays } from '../time';

export interface RetentionDates {
  readonly closesOn: CstDate;
  /** The first day documents may be deleted. */
  readonly deleteFrom: CstDate;
}

export function retentionDates(s: PolicySettings): RetentionDates {
  const { primary, junior } = s.admissionReportDate;
  const closesOn = primary > junior ? primary : junior;
  return { closesOn, deleteFrom: cstDateAddDays(closesOn, s.documentRetentionDays) };
}
