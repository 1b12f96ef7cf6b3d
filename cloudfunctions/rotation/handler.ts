/**
 * rotation: the county's 交流轮岗 on its real staff records. The bureau previews a plan (who is due
 * and why, who rotates where, the seven indicators and the teacher indicators' 差异系数 before and
 * after); a teacher reads whether they are due this year and why. Nothing is saved yet: 公示,
 * objections, notices and 报到 are the next step (issue #6).
 */
import * as z from 'zod';
import { asSchoolId } from '../../shared/brand';
import { fail, ok } from '../../shared/errors';
import type { School, Teacher } from '../../shared/county/types';
import { defaultRotationSettings, rotationEligibility } from '../../shared/rotation/eligibility';
import {
  indicatorKeys,
  indicatorLabels,
  indicatorTable,
  schoolResources,
} from '../../shared/rotation/indicators';
import { rotationPlan, type RotationInput } from '../../shared/rotation/planner';
import type { FnContext } from '../../server/runtime/context';
import { defineAction, type FunctionDef } from '../../server/runtime/define';
import { text } from '../../server/runtime/payload';
import { noSettings, settingsLoad } from '../registration/common';

async function county(ctx: FnContext): Promise<{ schools: readonly School[]; teachers: Teacher[] }> {
  const schools = await ctx.store.listSchools();
  const teachers: Teacher[] = [];
  for (const s of schools) {
    for (let offset: number | null = 0; offset !== null;) {
      const page = await ctx.store.listTeachersBySchool(asSchoolId(s.id), { offset, limit: 100 });
      teachers.push(...page.items);
      offset = page.next;
    }
  }
  return { schools, teachers };
}

/** The planner's findings in Chinese for the bureau. */
function problemText(p: string): string {
  const stage = p.startsWith('junior:') ? '初中' : p.startsWith('primary:') ? '小学' : '';
  if (p.includes('county-wide quota'))
    return `${stage}：接收学校名额不足，达不到全县应交流人数的比例；请增加乡村或薄弱学校的接收名额。`;
  const m = /quota of (.+)$/.exec(p);
  if (p.includes('not enough room') && m)
    return `${stage}：接收学校名额不足，${m[1]}达不到本校应交流人数的比例。`;
  return p;
}

export const rotationFunction: FunctionDef = {
  name: 'rotation',
  actions: {
    /** A plan on the current staff records, not saved (the seed is recorded in the answer). */
    preview: defineAction({
      roles: ['bureau'],
      input: z
        .object({
          seed: text(32)
            .regex(/^[0-9A-Za-z-]+$/)
            .nullable()
            .default(null),
        })
        .strict(),
      async run(ctx, input) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        const { schools, teachers } = await county(ctx);
        const year = s.enrollmentYear;
        const seed = input.seed ?? String(year);
        const planInput: RotationInput = {
          year,
          seed,
          schools: schools.map((x) => ({
            id: x.id,
            name: x.name,
            stage: x.stage,
            locality: x.locality,
            enrolment: x.enrolment,
            ...(x.location ? { location: x.location } : {}),
          })),
          teachers: teachers.map((t) => ({ ...t, id: t.id as string, schoolId: t.schoolId as string })),
        };
        const run = rotationPlan(planInput);
        if (run.status === 'invalid')
          return fail('INTERNAL', '教师或学校数据有误，无法生成方案，请联系技术支持。');
        const names = new Map(schools.map((x) => [x.id as string, x.name]));
        const resources = schools.map((school) => ({
          school,
          resources: schoolResources(
            school,
            teachers.filter((t) => t.schoolId === school.id),
          ),
        }));
        return ok({
          year,
          seed,
          algorithm: run.plan.algorithm,
          counts: run.plan.counts,
          problems: run.plan.problems.map(problemText),
          moves: run.plan.moves.map((m) => ({
            ...m,
            fromName: names.get(m.from) ?? m.from,
            toName: names.get(m.to) ?? m.to,
          })),
          cv: run.plan.cv,
          indicators: Object.fromEntries(indicatorKeys.map((k) => [k, indicatorLabels[k]])),
          tables: (['primary', 'junior'] as const).map((stage) => indicatorTable(stage, resources)),
        });
      },
    }),

    /** The teacher's own standing this year: due to rotate or not, and every reason. */
    mine: defineAction({
      roles: ['teacher'],
      input: z.object({}).strict(),
      async run(ctx) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        const id = ctx.caller.binding?.teacherId;
        if (!id) return fail('NOT_FOUND', '您的账号尚未关联教师档案，请联系教育局。');
        const t = await ctx.store.getTeacher(id);
        if (!t) return fail('NOT_FOUND', '没有找到您的教师档案。');
        const e = rotationEligibility(t, s.enrollmentYear, defaultRotationSettings);
        return ok({ year: s.enrollmentYear, eligible: e.eligible, reasons: e.reasons, published: false });
      },
    }),
  },
};
