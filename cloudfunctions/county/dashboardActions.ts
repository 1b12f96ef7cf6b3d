/** The bureau's dashboard and a principal's slice of it (figures built in server/app/dashboard.ts). */
import { fail, ok } from '../../shared/errors';
import { indicatorLabels, indicatorStandards, type IndicatorTable } from '../../shared/rotation/indicators';
import { countyContract } from '../../shared/api/county';
import { countyPayloads } from '../../shared/api/countyPayloads';
import { defineAction } from '../../server/runtime/define';
import { noSettings, settingsLoad } from '../../server/app/common';
import { dashboardBuild } from '../../server/app/dashboard';

export const dashboardActions = {
  dashboard: defineAction(countyContract.dashboard, countyPayloads.dashboard, {
    roles: ['bureau'],
    async run(ctx) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      // The registration → school map is for slicing, not for the page.
      const { registrationSchools: _slice, ...d } = await dashboardBuild(ctx, s);
      return ok(d);
    },
  }),

  /**
   * The principal's slice of the same figures: their school's applicants and seats by tier, class
   * sizes, the seven indicators against the standards, and the findings that concern the school.
   */
  schoolView: defineAction(countyContract.schoolView, countyPayloads.schoolView, {
    roles: ['principal'],
    async run(ctx) {
      const schoolId = ctx.caller.binding?.schoolId;
      if (!schoolId) return fail('FORBIDDEN');
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const d = await dashboardBuild(ctx, s);
      const school = d.schools.find((x) => x.schoolId === schoolId);
      if (!school) return fail('NOT_FOUND', '没有找到本校。');
      const rowOf = (tables: readonly IndicatorTable[] | null) =>
        tables?.find((t) => t.stage === school.stage)?.schools.find((x) => x.schoolId === schoolId) ?? null;
      return ok({
        year: d.year,
        school,
        classes: d.classes.filter((c) => c.schoolId === schoolId),
        indicators: {
          current: rowOf(d.indicators.current),
          afterRotation: rowOf(d.indicators.afterRotation),
          standards: indicatorStandards[school.stage].thresholds,
        },
        indicatorLabels,
        // Only what concerns this school: its classes, its seats, its children, its indicators.
        findings: d.findings
          .map((f) => ({
            ...f,
            records: f.records.filter(
              (r) =>
                (r.kind === 'school' && r.id === schoolId) ||
                (r.kind === 'class' && d.classes.some((c) => c.id === r.id && c.schoolId === schoolId)) ||
                (r.kind === 'registration' && d.registrationSchools.get(r.id) === schoolId),
            ),
          }))
          .filter((f) => f.records.length > 0),
      });
    },
  }),
};
