/**
 * The rotation function's reads and writes: the county's staff records with this year's
 * nominations, a plan on them (computed with a seed, then the bureau's hand adjustments), and
 * the published record, saved at the version read and audited.
 */
import type { School, Teacher } from '../../shared/county/types';
import { fail, ok, type Fail } from '../../shared/errors';
import { rotationAdjust, type RotationAdjustment } from '../../shared/rotation/adjust';
import { indicatorKeys, indicatorLabels } from '../../shared/rotation/indicators';
import { nominationLabels } from '../../shared/rotation/nominations';
import { rotationPlan } from '../../shared/rotation/planner';
import { nominatedIds, rotationInputOf } from '../../shared/rotation/countyInput';
import type { RelaxationSolver } from '../../shared/rotation/relaxation';
import type { RotationRecord } from '../../shared/rotation/record';
import { indicatorTables, indicatorViews } from '../../shared/rotation/service';
import type { RotationRecordView } from '../../shared/api';
import type { FnContext } from '../runtime/context';
import { noSettings, settingsLoad } from './common';
import { auditAppend } from './audit';

export async function countyStaff(
  ctx: FnContext,
): Promise<{ schools: readonly School[]; teachers: Teacher[] }> {
  // The whole staff in a few reads (3,000 teachers: three), not a page per school.
  const [schools, all] = await Promise.all([ctx.store.listSchools(), ctx.store.listTeachers()]);
  // By school, then id, as the planner and the tables have always seen them (teachers of a
  // school no longer listed are left out, as before).
  const order = new Map(schools.map((x, i) => [x.id as string, i]));
  const teachers = all
    .filter((t) => order.has(t.schoolId))
    .sort(
      (a, b) =>
        (order.get(a.schoolId) as number) - (order.get(b.schoolId) as number) || (a.id < b.id ? -1 : 1),
    );
  return { schools, teachers };
}

/** A plan on the current staff records (not saved), with names, indicators and 差异系数. */
export async function planOnCounty(
  ctx: FnContext,
  seedIn: string | null,
  adjustments: readonly RotationAdjustment[],
  solver: RelaxationSolver,
) {
  const s = await settingsLoad(ctx);
  if (!s) return noSettings();
  const { schools, teachers } = await countyStaff(ctx);
  const year = s.enrollmentYear;
  const seed = seedIn ?? String(year);
  const nominations = await ctx.store.listRotationNominations(year);
  const nominated = nominatedIds(nominations);
  const planInput = rotationInputOf(year, seed, schools, teachers, nominated, s.rotation);
  const run = rotationPlan(planInput, solver);
  if (run.status === 'invalid') return fail('INTERNAL', '教师或学校数据有误，无法生成方案，请联系技术支持。');
  const { plan, added, refused } = rotationAdjust(planInput, run.plan, adjustments);
  const names = new Map(schools.map((x) => [x.id as string, x.name]));
  const byId = new Map(teachers.map((t) => [t.id as string, t]));
  return {
    year,
    seed,
    /** The rotation rules this plan follows (the bureau's settings). */
    rules: s.rotation,
    algorithm: plan.algorithm,
    counts: plan.counts,
    /** Σ CV after the plan, its proven lower bound and the gap (null: not computed). */
    quality: plan.quality,
    problems: plan.problems,
    issues: plan.issues,
    /** Rules the hand adjustments would break (the computed plan keeps them). */
    added: added.map((x) => x.text),
    refused,
    adjustments,
    moves: plan.moves.map((m) => ({
      ...m,
      fromName: names.get(m.from) ?? m.from,
      toName: names.get(m.to) ?? m.to,
    })),
    /** Eligible teachers the plan leaves at their school, for adding by hand. */
    staying: plan.eligibility
      .filter((e) => e.eligible && !plan.moves.some((m) => m.teacherId === e.teacherId))
      .map((e) => {
        const t = byId.get(e.teacherId) as Teacher;
        const kind = nominated.get(e.teacherId);
        return {
          teacherId: e.teacherId,
          name: t.name,
          schoolId: t.schoolId as string,
          schoolName: names.get(t.schoolId) ?? t.schoolId,
          backbone: t.backbone !== 'none',
          nomination: kind ? nominationLabels[kind] : null,
        };
      }),
    schools: schools.map((x) => ({ id: x.id as string, name: x.name, stage: x.stage, locality: x.locality })),
    cv: plan.cv,
    indicators: Object.fromEntries(indicatorKeys.map((k) => [k, indicatorLabels[k]])),
    /** Official statistics: each teacher at their 编制 school (rotation does not move it). */
    tables: indicatorTables(schools, teachers, 'official'),
    /** Actually teaching, once this plan applies (借调 and rotation moves counted where they teach). */
    teachingTables: indicatorTables(schools, teachers, 'teaching', plan.moves),
  };
}

export async function recordNow(ctx: FnContext): Promise<RotationRecord | Fail> {
  const s = await settingsLoad(ctx);
  if (!s) return noSettings();
  const rec = await ctx.store.getRotationRecord(String(s.enrollmentYear));
  return rec ?? fail('NOT_FOUND', '本年度交流轮岗方案尚未公示。');
}

/** Saves the next version (audited as `action`); a concurrent change answers STALE_VERSION. */
export async function recordSave(
  ctx: FnContext,
  cur: RotationRecord,
  action: string,
  patch: Partial<RotationRecord>,
  detail: Readonly<Record<string, unknown>> = {},
) {
  const next: RotationRecord = {
    ...cur,
    ...patch,
    version: cur.version + 1,
    updatedAt: ctx.now.toISOString(),
  };
  const res = await ctx.store.saveRotationRecord(next, cur.version);
  if (res.status !== 'ok') return fail('STALE_VERSION', '方案已被他人修改，请刷新后重试。');
  await auditAppend(
    ctx,
    action,
    `rotation:${cur.id}`,
    { teacherId: ctx.caller.binding?.teacherId ?? null, version: next.version, ...detail },
    next.updatedAt,
  );
  return ok(next);
}

/**
 * A published record for the bureau's page: each objection with the teacher's name (an upheld one
 * is off the moves), and the seven indicators 当前 and 轮岗后 by the dashboard's one function.
 */
export async function recordView(ctx: FnContext, rec: RotationRecord): Promise<RotationRecordView> {
  const { schools, teachers } = await countyStaff(ctx);
  const names = new Map(teachers.map((t) => [t.id as string, t.name]));
  return {
    ...rec,
    objections: rec.objections.map((o) => ({
      ...o,
      name:
        o.name ??
        rec.moves.find((m) => m.teacherId === o.teacherId)?.name ??
        names.get(o.teacherId) ??
        '（教师档案已移除）',
    })),
    indicators: indicatorViews(schools, teachers, rec.moves),
  };
}
