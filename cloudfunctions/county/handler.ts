/** county: public school list, the bureau's overview, and a staff member's own record. */
import { freezeIdOf } from '../../shared/placement/ids';
import { zoneRow, zoneTableParse } from '../../shared/county/zoneTable';
import { fail, ok } from '../../shared/errors';
import { settingsWithDefaults, stageLabels } from '../../shared/settings';
import { cstDateAddDays, cstDateLabel, cstDateOf, cstDateParse } from '../../shared/time';
import { roles } from '../../shared/identity/roles';
import { countyContract } from '../../shared/api/county';
import { countyPayloads } from '../../shared/api/countyPayloads';
import { defineAction, type FunctionDef } from '../../server/runtime/define';
import { schoolInReach } from '../../server/security/reach';
import { censusActions } from './census';
import { dashboardActions } from './dashboardActions';
import { recordActions } from './records';
import { auditAppend } from '../../server/app/audit';

export const countyFunction: FunctionDef = {
  name: 'county',
  actions: {
    schools: defineAction(countyContract.schools, countyPayloads.schools, {
      roles,
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

    /** The zone table with school names (the bureau's admin page). */
    zones: defineAction(countyContract.zones, countyPayloads.zones, {
      roles: ['bureau'],
      async run({ store }) {
        const [zones, schools] = await Promise.all([store.listZones(), store.listSchools()]);
        const names = new Map(schools.map((s) => [s.id as string, s.name]));
        return ok(
          zones.map((zone) => ({
            id: zone.id,
            name: zone.name,
            stage: zone.stage,
            communities: zone.communities,
            schools: zone.schoolIds.map((id) => ({ id, name: names.get(id) ?? id })),
          })),
        );
      },
    }),

    /** Edits one zone in place; checked with the same rules as an Excel import of the whole table. */
    updateZone: defineAction(countyContract.updateZone, countyPayloads.updateZone, {
      roles: ['bureau'],
      async run({ store, caller, now }, input) {
        const [zones, schools] = await Promise.all([store.listZones(), store.listSchools()]);
        const old = zones.find((x) => x.id === input.id);
        if (!old) return fail('NOT_FOUND', '没有找到该学区。');
        const rows = zones.map((x) =>
          x.id === input.id
            ? [x.id, input.name, ...zoneRow(x).slice(2, 4), input.schoolIds, input.communities]
            : zoneRow(x),
        );
        const parsed = zoneTableParse(rows, schools);
        if (parsed.status === 'invalid') {
          return fail('INVALID_INPUT', parsed.problems.map((p) => p.message).join(' '));
        }
        const zone = parsed.zones.find((x) => x.id === input.id);
        if (!zone) return fail('INTERNAL');
        await store.putZones([zone]);
        await auditAppend({ store, caller, now }, 'zones.update', `zone:${zone.id}`, {
          before: zoneRow(old),
          after: zoneRow(zone),
        });
        return ok({ id: zone.id, communities: zone.communities, schoolIds: zone.schoolIds });
      },
    }),

    ...dashboardActions,
    ...recordActions,
    ...censusActions,

    overview: defineAction(countyContract.overview, countyPayloads.overview, {
      roles: ['bureau'],
      async run({ store, now }) {
        const [snapshot, schools, settings, audit] = await Promise.all([
          store.countySnapshot(),
          store.listSchools(),
          store.getSettings(),
          store.auditHead(),
        ]);
        return ok({
          snapshot,
          settings,
          // Published where it leaves the system's control: the bureau writes it down or prints it,
          // and compares it later with `junheng audit-verify --expect-head`.
          audit: { ...audit, at: now.toISOString() },
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

    /** The principal sets how many entry-grade classes the school opens (seats = classes × cap). */
    setEntryClasses: defineAction(countyContract.setEntryClasses, countyPayloads.setEntryClasses, {
      roles: ['principal', 'bureau'],
      async run({ store, caller, now }, input) {
        const schoolId = schoolInReach(caller, input.schoolId);
        if (typeof schoolId !== 'string') return schoolId;
        const school = await store.getSchool(schoolId);
        if (!school) return fail('NOT_FOUND', '没有找到该学校。');
        // The frozen list carries each school's seats into the draw (its hash is published): once
        // the stage is frozen, changing them would make every page disagree with the draw.
        const settings = await store.getSettings();
        const freeze = settings
          ? await store.getFreeze(freezeIdOf(settings.enrollmentYear, school.stage))
          : null;
        if (freeze) {
          return fail(
            'INVALID_TRANSITION',
            `本年度${stageLabels[school.stage]}报名名单已于${cstDateLabel(cstDateOf(new Date(freeze.frozenAt)))}冻结，学位数已随名单公布，不能再修改。如需增加学位，请联系县教育局统筹安排。`,
          );
        }
        await store.putSchools([{ ...school, entryClasses: input.entryClasses }]);
        await auditAppend({ store, caller, now }, 'school.entryClasses', `school:${school.id}`, {
          from: school.entryClasses,
          to: input.entryClasses,
        });
        return ok({ schoolId: school.id, entryClasses: input.entryClasses });
      },
    }),

    /** The bureau turns two-level review (初审 → 复审) on or off for the county. */
    setReviewLevels: defineAction(countyContract.setReviewLevels, countyPayloads.setReviewLevels, {
      roles: ['bureau'],
      async run({ store, caller, now }, input) {
        const stored = await store.getSettings();
        if (!stored) return fail('NOT_FOUND', '教育局尚未设置本年度招生政策。');
        const settings = { ...settingsWithDefaults(stored), twoLevelReview: input.twoLevel };
        await store.putSettings(settings);
        await auditAppend({ store, caller, now }, 'settings.twoLevelReview', 'settings:policy', {
          twoLevelReview: input.twoLevel,
        });
        return ok({ twoLevelReview: input.twoLevel });
      },
    }),

    /**
     * 缺件先报: until which date families may submit with required documents missing and upload
     * them afterwards from the registration's page (null: every required document first).
     */
    setMissingDocuments: defineAction(
      countyContract.setMissingDocuments,
      countyPayloads.setMissingDocuments,
      {
        roles: ['bureau'],
        async run({ store, caller, now }, input) {
          const stored = await store.getSettings();
          if (!stored) return fail('NOT_FOUND', '教育局尚未设置本年度招生政策。');
          const s = settingsWithDefaults(stored);
          let until = null;
          if (input.until !== null) {
            until = cstDateParse(input.until.trim());
            const latest = cstDateAddDays(s.registrationCloses, 60);
            if (!until || until < s.registrationOpens || until > latest) {
              return fail(
                'INVALID_INPUT',
                `补传材料截止日期请选择${cstDateLabel(s.registrationOpens)}至${cstDateLabel(latest)}之间的日期。`,
              );
            }
          }
          await store.putSettings({ ...s, missingDocumentsUntil: until });
          await auditAppend({ store, caller, now }, 'settings.missingDocuments', 'settings:policy', {
            missingDocumentsUntil: until,
          });
          return ok({ missingDocumentsUntil: until });
        },
      },
    ),

    me: defineAction(countyContract.me, countyPayloads.me, {
      roles: ['teacher', 'reviewer', 'principal'],
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
