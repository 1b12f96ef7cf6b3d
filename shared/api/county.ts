/**
 * The county function's actions: what each answers and whether it changes state (a state change
 * is sent with a retry key, and the server keeps its first response for a retry). The payload
 * schemas are in countyPayloads.ts (zod stays out of the client bundle).
 */
import { change, read } from './contract';
import type { SchoolSummary } from './views';
import type { CensusRecord } from '../oversight/census';
import type { RecordView } from '../oversight/recordView';
import type {
  CensusView,
  CountyOverview,
  Dashboard,
  RegistrationContext,
  SchoolOversight,
  StaffProfile,
} from './views';

export const countyContract = {
  census: read<CensusView>(),
  censusFollowUp: change<CensusRecord>(),
  dashboard: read<Dashboard>(),
  schoolView: read<SchoolOversight>(),
  /** Every school, for pickers (no figures). */
  schools: read<readonly Pick<SchoolSummary, 'id' | 'name' | 'stage' | 'locality' | 'township'>[]>(),
  zones: read<RegistrationContext['zones']>(),
  updateZone: change<{ id: string }>(),
  overview: read<CountyOverview>(),
  setEntryClasses: change<{ schoolId: string; entryClasses: number }>(),
  setReviewLevels: change<{ twoLevelReview: boolean }>(),
  setMissingDocuments: change<{ missingDocumentsUntil: string | null }>(),
  me: read<StaffProfile>(),
  record: read<RecordView>(),
};
