/**
 * A registration's facts that county-wide views count and the draw takes — without its form,
 * documents or history. The store reads these for a whole year in a few calls (a county has
 * 20,000 registrations of a few kilobytes each; the draw 100,000), and the dashboard, the census
 * comparison, the capacity figures and the frozen list are all computed from them.
 */
import type { RegistrationId, SchoolId } from '../brand';
import type { Stage } from '../settings';
import type { RegistrationStatus } from './status';
import type { Registration } from './types';

export interface RegistrationSummary {
  readonly id: RegistrationId;
  readonly year: number;
  readonly stage: Stage;
  readonly schoolId: SchoolId;
  readonly status: RegistrationStatus;
  readonly version: number;
  readonly childName: string;
  readonly idNumber: string;
  /** The tier at the chosen school; 0 = not eligible (统筹). */
  readonly tier: number;
  readonly route: 'resident' | 'migrant';
  readonly community: string;
  readonly twinIdNumbers: readonly string[];
  readonly leftBehind: boolean;
  readonly disability: boolean;
  readonly flags: readonly string[];
  readonly propertyKey: string | null;
  /** Where a published draw placed the child (admitted or 统筹), if it did. */
  readonly placementSchoolId: SchoolId | null;
}

/** The fields of a stored registration a summary is made of (for reading only those). */
export const registrationSummaryFields = [
  'id',
  'year',
  'stage',
  'schoolId',
  'status',
  'version',
  'childName',
  'idNumber',
  'tier',
  'form.route',
  'form.community',
  'form.twinIdNumbers',
  'form.special',
  'flags',
  'propertyKey',
  'placement.schoolId',
] as const;

/** The summary of a registration (or of the fields above, as a store reads them). */
export function registrationSummaryOf(
  r: Pick<
    Registration,
    'id' | 'year' | 'stage' | 'schoolId' | 'status' | 'version' | 'childName' | 'idNumber'
  > & {
    readonly tier: Registration['tier'];
    readonly form: Pick<Registration['form'], 'route' | 'community' | 'twinIdNumbers' | 'special'>;
    readonly flags: Registration['flags'];
    readonly propertyKey: Registration['propertyKey'];
    readonly placement?: { readonly schoolId: SchoolId | null } | null;
  },
): RegistrationSummary {
  return {
    id: r.id,
    year: r.year,
    stage: r.stage,
    schoolId: r.schoolId,
    status: r.status,
    version: r.version,
    childName: r.childName,
    idNumber: r.idNumber,
    tier: r.tier.status === 'eligible' ? r.tier.tier : 0,
    route: r.form.route,
    community: r.form.community,
    twinIdNumbers: r.form.twinIdNumbers ?? [],
    leftBehind: r.form.special.leftBehind,
    disability: r.form.special.disability !== null,
    flags: r.flags,
    propertyKey: r.propertyKey,
    placementSchoolId: r.placement?.schoolId ?? null,
  };
}
