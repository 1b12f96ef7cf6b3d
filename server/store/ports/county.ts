/** The county's reference data: policy settings, schools, zones and staff. */
import type { CountySnapshot } from '../../../shared/apiTypes';
import type { SchoolId, TeacherId } from '../../../shared/brand';
import type { School, Teacher, Zone } from '../../../shared/county/types';
import type { PolicySettings } from '../../../shared/settings';
import type { Page, PageRequest } from './common';

export type { CountySnapshot };

export interface CountyStore {
  getSettings(): Promise<PolicySettings | null>;
  putSettings(settings: PolicySettings): Promise<void>;

  putSchools(schools: readonly School[]): Promise<void>;
  listSchools(): Promise<readonly School[]>;
  getSchool(id: SchoolId): Promise<School | null>;
  putZones(zones: readonly Zone[]): Promise<void>;
  listZones(): Promise<readonly Zone[]>;
  /** Replaces the whole zone table (an import): zones not in the new table are removed. */
  replaceZones(zones: readonly Zone[]): Promise<void>;
  putTeachers(teachers: readonly Teacher[]): Promise<void>;
  /** The whole roster: teachers not in the list are removed (an imported staff table). */
  replaceTeachers(teachers: readonly Teacher[]): Promise<void>;
  getTeacher(id: TeacherId): Promise<Teacher | null>;
  /** The county's whole staff, by id, in a few reads. */
  listTeachers(): Promise<readonly Teacher[]>;
  listTeachersBySchool(schoolId: SchoolId, page: PageRequest): Promise<Page<Teacher>>;
  countySnapshot(): Promise<CountySnapshot>;
}
