/** PGlite: the county's reference data (CountyStore), read once and kept until written. */
import type { SchoolId, TeacherId } from '../../../shared/brand';
import type { School, Teacher, Zone } from '../../../shared/county/types';
import type { RegistrationStatus } from '../../../shared/registration/status';
import type { PolicySettings } from '../../../shared/settings';
import { pageClamp, pageOf, type Page } from '../ports/common';
import type { CountySnapshot, CountyStore } from '../ports/county';
import type { PgDocs } from './sql';

export function pgliteCounty({ pg, docs, one, putAll }: PgDocs): CountyStore {
  // This process is the database's only user (the data-directory lock makes sure), so the county's
  // reference data — settings, schools, zones — is read once and kept until this store writes it.
  // Registration day reads it on every request.
  const memo: {
    settings: Promise<PolicySettings | null> | null;
    schools: Promise<School[]> | null;
    zones: Promise<Zone[]> | null;
  } = { settings: null, schools: null, zones: null };
  const forget =
    (k: 'settings' | 'schools' | 'zones') =>
    (e: unknown): never => {
      memo[k] = null;
      throw e;
    };
  const schoolsAll = () =>
    (memo.schools ??= docs<School>('SELECT doc FROM schools ORDER BY id').catch(forget('schools')));

  return {
    getSettings: () =>
      (memo.settings ??= one<PolicySettings>(
        "SELECT value AS doc FROM settings WHERE key = 'policy'",
        [],
      ).catch(forget('settings'))),
    async putSettings(settings) {
      await pg.query(
        "INSERT INTO settings (key, value) VALUES ('policy', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        [JSON.stringify(settings)],
      );
      memo.settings = null;
    },

    putSchools: (schools) => putAll('schools', schools).finally(() => (memo.schools = null)),
    listSchools: () => schoolsAll(),
    getSchool: async (id: SchoolId) => (await schoolsAll()).find((s) => s.id === id) ?? null,
    putZones: (zones) => putAll('zones', zones).finally(() => (memo.zones = null)),
    listZones: () => (memo.zones ??= docs<Zone>('SELECT doc FROM zones ORDER BY id').catch(forget('zones'))),
    async replaceZones(zones) {
      await pg.transaction(async (tx) => {
        await tx.query('DELETE FROM zones');
        for (const z of zones)
          await tx.query('INSERT INTO zones (id, doc) VALUES ($1, $2)', [z.id, JSON.stringify(z)]);
      });
      memo.zones = null;
    },
    putTeachers: (teachers) => putAll('teachers', teachers, (t) => [t.schoolId], ['school_id']),
    async replaceTeachers(teachers) {
      await pg.transaction(async (tx) => {
        await tx.query('DELETE FROM teachers');
        for (const t of teachers)
          await tx.query('INSERT INTO teachers (id, school_id, doc) VALUES ($1, $2, $3)', [
            t.id,
            t.schoolId,
            JSON.stringify(t),
          ]);
      });
    },
    getTeacher: (id: TeacherId) => one<Teacher>('SELECT doc FROM teachers WHERE id = $1', [id]),
    listTeachers: () => docs<Teacher>('SELECT doc FROM teachers ORDER BY id'),
    async listTeachersBySchool(schoolId, page): Promise<Page<Teacher>> {
      const p = pageClamp(page);
      const rows = await docs<Teacher>(
        'SELECT doc FROM teachers WHERE school_id = $1 ORDER BY id LIMIT $2 OFFSET $3',
        [schoolId, p.limit + 1, p.offset],
      );
      return pageOf(rows, p);
    },
    async countySnapshot(): Promise<CountySnapshot> {
      const counts = await pg.query<{ schools: number; teachers: number }>(
        'SELECT (SELECT count(*)::int FROM schools) AS schools, (SELECT count(*)::int FROM teachers) AS teachers',
      );
      const byStatus = await pg.query<{ status: RegistrationStatus; n: number }>(
        'SELECT status, count(*)::int AS n FROM registrations GROUP BY status',
      );
      const c = counts.rows[0] ?? { schools: 0, teachers: 0 };
      return {
        schools: c.schools,
        teachers: c.teachers,
        registrationsByStatus: Object.fromEntries(byStatus.rows.map((r) => [r.status, r.n])),
      };
    },
  };
}
