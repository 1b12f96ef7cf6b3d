/**
 * The bureau's oversight dashboard: the year's records loaded in a few reads, the figures computed
 * by shared/county/figures.ts (the one function every page and export of them uses).
 */
import { finalRunIdOf } from '../../shared/placement/ids';
import { dashboardFigures } from '../../shared/county/figures';
import type { PolicySettings } from '../../shared/settings';
import type { FnContext } from '../runtime/context';
import { countyStaff } from './rotationCounty';

/** The year's registrations as summaries: a few reads whatever their number. */
export const yearRegistrations = (ctx: FnContext, year: number) => ctx.store.registrationSummaries(year);

/** The whole county's figures (the bureau's view; a principal's view is its school's slice). */
export async function dashboardBuild(ctx: FnContext, s: PolicySettings) {
  const year = s.enrollmentYear;
  const stages = ['primary', 'junior'] as const;
  // Every read at once: each is one to a few calls, whatever the county's size.
  const [registrations, classSizes, { schools, teachers }, rotation, nominations, runs] = await Promise.all([
    yearRegistrations(ctx, year),
    ctx.store.listClassSizes(year),
    countyStaff(ctx),
    ctx.store.getRotationRecord(String(year)),
    ctx.store.listRotationNominations(year),
    Promise.all(stages.map((stage) => ctx.store.getPlacementRunHead(finalRunIdOf(year, stage)))),
  ]);
  return dashboardFigures({
    settings: s,
    schools,
    registrations,
    classSizes,
    teachers,
    rotation,
    nominations,
    publishedStages: stages.filter((_, i) => runs[i]?.publishedAt),
  });
}
