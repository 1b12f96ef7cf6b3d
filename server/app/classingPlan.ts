/** Loading and saving a school's class plan (shared by the classing and reports functions). */
import { asSchoolId } from '../../shared/brand';
import { fail, type Fail } from '../../shared/errors';
import { cohortFromRegistrations, twinsTogether, type ClassingPlan } from '../../shared/classing/plan';
import type { Registration } from '../../shared/registration/types';
import type { Stage } from '../../shared/settings';
import type { FnContext } from '../runtime/context';
import { schoolInReach } from '../security/reach';
import { admittedAt } from './admitted';
import { noSettings, settingsLoad } from './common';

/** The school the caller acts for: their binding's (every role but the bureau); the bureau names one. */
export const schoolOf = (ctx: FnContext, requested: string | null): string | Fail =>
  schoolInReach(ctx.caller, requested);

/** Children admitted to the school this year (by where the draw placed them, not where they applied). */
export async function admitted(
  ctx: FnContext,
  schoolId: string,
  year: number,
  stage: Stage,
): Promise<Registration[]> {
  return (await admittedAt(ctx.store, schoolId, year)).filter((r) => r.stage === stage);
}

/** The stored plan, or a new draft from the admitted children (not saved until it is run). */
export async function planLoad(ctx: FnContext, schoolId: string): Promise<ClassingPlan | Fail> {
  const s = await settingsLoad(ctx);
  if (!s) return noSettings();
  const school = await ctx.store.getSchool(asSchoolId(schoolId));
  if (!school) return fail('NOT_FOUND', '没有找到该学校。');
  const id = `${s.enrollmentYear}-${schoolId}`;
  const stored = await ctx.store.getClassingPlan(id);
  if (stored) return stored;
  const regs = await admitted(ctx, schoolId, s.enrollmentYear, school.stage);
  return {
    id,
    schoolId,
    year: s.enrollmentYear,
    stage: school.stage,
    status: 'draft',
    source: 'admitted',
    input: { classes: school.entryClasses, cap: s.classCap[school.stage], ...admittedCohort(regs) },
    ...unsplit,
    publishedAt: null,
    version: 0,
    updatedAt: ctx.now.toISOString(),
  };
}

/** Saves the next version of a plan; a stale version answers STALE_VERSION and changes nothing. */
export async function planSave(
  ctx: FnContext,
  cur: ClassingPlan,
  next: Omit<ClassingPlan, 'version' | 'updatedAt'>,
) {
  const saved: ClassingPlan = { ...next, version: cur.version + 1, updatedAt: ctx.now.toISOString() };
  const res = await ctx.store.saveClassingPlan(saved, cur.version === 0 ? null : cur.version);
  return res.status === 'ok' ? saved : null;
}

/** The cohort fields for a school's admitted children (twins kept together). */
export const admittedCohort = (regs: readonly Registration[]) => ({
  subjects: [],
  students: cohortFromRegistrations(regs),
  together: twinsTogether(regs),
  apart: [],
  fixed: {},
});

/** The fields a new cohort clears: a split made for another list no longer applies. */
export const unsplit = { seed: null, classes: null, swaps: [], homeroom: null } as const;

export const stale = () => fail('STALE_VERSION', '编班方案已被他人修改，请刷新后重试。');
const publishedAlready = () => fail('INVALID_TRANSITION', '分班结果已经公布，不能再修改。');

/**
 * The principal's own plan at the version the page saw, ready to change: refused when it is
 * stale, published (unless `afterPublish`), or not yet split (when `split` is needed).
 */
export type SplitPlan = ClassingPlan & { readonly classes: readonly (readonly string[])[] };
export async function planToChange(
  ctx: FnContext,
  version: number,
  need: { readonly split: true; readonly afterPublish?: boolean },
): Promise<SplitPlan | Fail>;
export async function planToChange(
  ctx: FnContext,
  version: number,
  need?: { readonly split?: false; readonly afterPublish?: boolean },
): Promise<ClassingPlan | Fail>;
export async function planToChange(
  ctx: FnContext,
  version: number,
  need: { readonly split?: boolean; readonly afterPublish?: boolean } = {},
): Promise<ClassingPlan | Fail> {
  const schoolId = schoolOf(ctx, null);
  if (typeof schoolId !== 'string') return schoolId;
  const cur = await planLoad(ctx, schoolId);
  if ('code' in cur) return cur;
  if (need.split && !cur.classes) return fail('INVALID_TRANSITION', '请先运行编班。');
  if (!need.afterPublish && cur.status === 'published') return publishedAlready();
  if (cur.version !== version) return stale();
  return cur;
}
