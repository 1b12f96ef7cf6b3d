/** CloudBase: the county's reference data (CountyStore). */
import type { SchoolId, TeacherId } from '../../../shared/brand';
import type { School, Teacher, Zone } from '../../../shared/county/types';
import { registrationStatuses } from '../../../shared/registration/status';
import type { PolicySettings } from '../../../shared/settings';
import { read } from '../cloudbaseCalls';
import type { CountyStore } from '../ports/county';
import type { CloudStoreBase } from './common';

export function cloudbaseCounty({ docs, all, pageQuery, withIds }: CloudStoreBase): CountyStore {
  const { col, byId } = docs;
  return {
    async getSettings() {
      const d = await byId<{ value: PolicySettings }>('settings', 'policy');
      return d ? d.value : null;
    },
    async putSettings(settings) {
      await docs.setDoc('settings', 'policy', { value: { ...settings } });
    },

    putSchools: (schools) => docs.setMany('schools', withIds(schools)),
    listSchools: () => all<School>('schools'),
    getSchool: (id: SchoolId) => byId<School>('schools', id),
    putZones: (zones) => docs.setMany('zones', withIds(zones)),
    listZones: () => all<Zone>('zones'),
    // No multi-document transaction for a whole table: the new records are written first and
    // the ones no longer listed removed last, so a failure half-way leaves extra, never missing.
    replaceZones: (zones) => docs.replaceAll('zones', {}, withIds(zones)),
    putTeachers: (teachers) => docs.setMany('teachers', withIds(teachers)),
    replaceTeachers: (teachers) => docs.replaceAll('teachers', {}, withIds(teachers)),
    getTeacher: (id: TeacherId) => byId<Teacher>('teachers', id),
    listTeachers: () => all<Teacher>('teachers'),
    listTeachersBySchool: (schoolId, page) =>
      pageQuery<Teacher>('teachers', { schoolId }, [['_id', 'asc']], page),
    async countySnapshot() {
      // Three calls at once: two counts, and the registrations grouped by status on the server.
      const [schools, teachers, byStatus] = await Promise.all([
        read(() => col('schools').count()),
        read(() => col('teachers').count()),
        read(() =>
          col('registrations')
            .aggregate()
            .group({ _id: '$status', n: { $sum: 1 } })
            .limit(100)
            .end(),
        ),
      ]);
      const registrationsByStatus: Record<string, number> = {};
      for (const status of registrationStatuses) {
        const n = Number(byStatus.list.find((g) => g['_id'] === status)?.['n'] ?? 0);
        if (n > 0) registrationsByStatus[status] = n;
      }
      return { schools: schools.total, teachers: teachers.total, registrationsByStatus };
    },
  };
}
