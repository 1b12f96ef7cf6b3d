/** county: public school list, the bureau's overview, and a staff member's own record. */
import * as z from 'zod';
import { fail, ok } from '../../shared/errors';
import { roles } from '../../shared/identity/roles';
import { defineAction, type FunctionDef } from '../../server/runtime/define';

export const countyFunction: FunctionDef = {
  name: 'county',
  actions: {
    schools: defineAction({
      roles,
      input: z.object({}).strict(),
      async run({ store }) {
        const schools = await store.listSchools();
        return ok(
          schools.map((s) => ({
            id: s.id,
            name: s.name,
            stage: s.stage,
            locality: s.locality,
            township: s.township,
          })),
        );
      },
    }),

    overview: defineAction({
      roles: ['bureau'],
      input: z.object({}).strict(),
      async run({ store }) {
        const [snapshot, schools, settings] = await Promise.all([
          store.countySnapshot(),
          store.listSchools(),
          store.getSettings(),
        ]);
        return ok({
          snapshot,
          settings,
          schools: schools.map((s) => ({
            id: s.id,
            name: s.name,
            stage: s.stage,
            locality: s.locality,
            township: s.township,
            enrolment: s.enrolment,
            entryClasses: s.entryClasses,
            seats: s.entryClasses * (settings?.classCap[s.stage] ?? 0),
          })),
        });
      },
    }),

    me: defineAction({
      roles: ['teacher', 'principal'],
      input: z.object({}).strict(),
      async run({ store, caller }) {
        const b = caller.binding;
        if (!b?.teacherId) return fail('NOT_FOUND', '您的账号尚未关联教师档案，请联系教育局。');
        const teacher = await store.getTeacher(b.teacherId);
        if (!teacher) return fail('NOT_FOUND', '没有找到您的教师档案。');
        const school = await store.getSchool(teacher.schoolId);
        return ok({ teacher, schoolName: school?.name ?? '' });
      },
    }),
  },
};
