/** Loading and saving a school's class plan (shared by the classing and reports functions). */
import { asSchoolId } from '../../shared/brand';
import { fail, type Fail } from '../../shared/errors';
import { cohortFromRegistrations, twinsTogether, type ClassingPlan } from '../../shared/classing/plan';
import type { Registration } from '../../shared/registration/types';
import type { Stage } from '../../shared/settings';
import type { FnContext } from '../../server/runtime/context';
import { noSettings, settingsLoad } from '../registration/common';

/** The school the caller acts for: a principal's own; the bureau names one. */
export function schoolOf(ctx: FnContext, requested: string | null): string | Fail {
  if (ctx.caller.role === 'principal') {
    const own = ctx.caller.binding?.schoolId;
    if (!own) return fail('FORBIDDEN');
    if (requested !== null && requested !== own) return fail('FORBIDDEN');
    return own;
  }
  return requested ?? fail('INVALID_INPUT', '请指定学校。');
}

/** Children admitted to the school this year (by where the draw placed them, not where they applied). */
export async function admitted(
  ctx: FnContext,
  schoolId: string,
  year: number,
  stage: Stage,
): Promise<Registration[]> {
  const out: Registration[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const page = await ctx.store.listRegistrationsByStatus(year, stage, 'admitted', { offset, limit: 100 });
    out.push(...page.items.filter((r) => (r.placement?.schoolId ?? r.schoolId) === schoolId));
    offset = page.next;
  }
  return out;
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
    input: {
      classes: school.entryClasses,
      cap: s.classCap[school.stage],
      subjects: [],
      students: cohortFromRegistrations(regs),
      together: twinsTogether(regs),
      apart: [],
      fixed: {},
    },
    seed: null,
    classes: null,
    swaps: [],
    homeroom: null,
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
