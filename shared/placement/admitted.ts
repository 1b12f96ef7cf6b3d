/**
 * Who holds a seat where: the one rule every list, count and export of admitted children follows
 * (issue 17, defect 8). A child is admitted at the school the published result placed them at —
 * not the school they applied to (a multi-school zone's draw may place them at its other school) —
 * while their registration is 已录取 or 已报到. 统筹中 children are not admitted anywhere yet.
 */
import type { SchoolId } from '../brand';
import type { RegistrationStatus } from '../registration/status';
import type { RegistrationSummary } from '../registration/summary';
import type { Registration } from '../registration/types';

export const admittedStatuses: readonly RegistrationStatus[] = ['admitted', 'reported'];

/** The school whose seat this registration holds by the published result, or null. */
export function admittedSchoolOf(r: Pick<Registration, 'status' | 'placement'>): SchoolId | null {
  if (!admittedStatuses.includes(r.status)) return null;
  return r.placement?.schoolId ?? null;
}

/** admittedSchoolOf for a registration's summary (the county views read summaries). */
export function admittedSchoolOfSummary(
  r: Pick<RegistrationSummary, 'status' | 'placementSchoolId'>,
): SchoolId | null {
  if (!admittedStatuses.includes(r.status)) return null;
  return r.placementSchoolId;
}
