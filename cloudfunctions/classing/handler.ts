/**
 * classing (principal; the bureau may look): a school's 均衡编班 for the year — take the admitted
 * cohort (or an Excel import, see the reports function), run the engine with a recorded seed, swap
 * two students by hand with the figures and rules checked live, draw homeroom teachers, insert
 * late students where they disturb the balance least, and publish (families are told the class).
 */
import type { RegistrationId } from '../../shared/brand';
import { asSchoolId } from '../../shared/brand';
import { fail, ok } from '../../shared/errors';
import { classingConfigRefusal } from '../../shared/classing/cohort';
import {
  classLabel,
  homeroomDraw,
  lateInsert,
  swapPreview,
  type ClassingPlan,
} from '../../shared/classing/plan';
import { classingReason } from '../../shared/classing/problemText';
import { classingReport } from '../../shared/classing/report';
import type { ClassingReport } from '../../shared/classing/types';
import { CLASSING_ALGORITHM, classingRun } from '../../shared/classing/run';
import { classingContract } from '../../shared/api/classing';
import { classingPayloads } from '../../shared/api/classingPayloads';
import type { FnContext } from '../../server/runtime/context';
import { defineAction, type FunctionDef } from '../../server/runtime/define';
import { noSettings, settingsLoad } from '../../server/app/common';
import {
  admitted,
  admittedCohort,
  planLoad,
  planSave,
  planToChange,
  schoolOf,
  stale,
  unsplit,
} from '../../server/app/classingPlan';
import { noticesSend } from '../../server/app/derive';
import { auditAppend } from '../../server/app/audit';

/**
 * The balance report as the principal reads it: problems in Chinese, without the size rules a
 * recorded late-student exception knowingly broke (shown with the exception instead).
 */
function reportView(plan: ClassingPlan, classes: readonly (readonly string[])[]): ClassingReport {
  const report = classingReport(plan.input, classes, {
    algorithm: CLASSING_ALGORITHM,
    seed: plan.seed ?? '',
  });
  const kinds = new Set((plan.lateExceptions ?? []).map((x) => x.kind));
  const excused = (p: string) =>
    (kinds.size > 0 && p.startsWith('class sizes differ')) ||
    (kinds.has('overCap') && p.includes('above the cap'));
  return { ...report, problems: report.problems.filter((p) => !excused(p)).map(classingReason) };
}

async function planView(ctx: FnContext, plan: ClassingPlan) {
  const teachers: { id: string; name: string; subject: string }[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const page = await ctx.store.listTeachersBySchool(asSchoolId(plan.schoolId), { offset, limit: 100 });
    teachers.push(...page.items.map((t) => ({ id: t.id as string, name: t.name, subject: t.subject })));
    offset = page.next;
  }
  const names = new Map(teachers.map((t) => [t.id, t.name]));
  const byId = new Map(plan.input.students.map((st) => [st.id, st]));
  return {
    id: plan.id,
    schoolId: plan.schoolId,
    schoolName: (await ctx.store.getSchool(asSchoolId(plan.schoolId)))?.name ?? '',
    year: plan.year,
    stage: plan.stage,
    status: plan.status,
    source: plan.source,
    seed: plan.seed,
    version: plan.version,
    cohortSize: plan.input.students.length,
    subjects: plan.input.subjects,
    classCount: plan.input.classes,
    cap: plan.input.cap,
    publishedAt: plan.publishedAt,
    swaps: plan.swaps.length,
    classes: plan.classes
      ? plan.classes.map((ids, index) => ({
          index,
          label: classLabel(plan.stage, index),
          homeroom: plan.homeroom ? (names.get(plan.homeroom.teacherIds[index] ?? '') ?? null) : null,
          students: ids.map((id) => {
            const st = byId.get(id);
            return { id, name: st?.name ?? id, gender: st?.gender ?? 'M', groups: st?.groups ?? [] };
          }),
        }))
      : null,
    report: plan.classes ? reportView(plan, plan.classes) : null,
    lateExceptions: (plan.lateExceptions ?? []).map((x) => ({
      ...x,
      label: classLabel(plan.stage, x.classIndex),
    })),
    teachers,
  };
}

type SwapResult = { preview: ClassingReport; saved: Awaited<ReturnType<typeof planView>> | null };

export const classingFunction: FunctionDef = {
  name: 'classing',
  actions: {
    plan: defineAction(classingContract.plan, classingPayloads.plan, {
      roles: ['principal', 'bureau'],
      async run(ctx, input) {
        const schoolId = schoolOf(ctx, input.schoolId);
        if (typeof schoolId !== 'string') return schoolId;
        const plan = await planLoad(ctx, schoolId);
        return 'code' in plan ? plan : ok(await planView(ctx, plan));
      },
    }),

    /** Takes the school's admitted children as the cohort again (replacing an import). */
    useAdmitted: defineAction(classingContract.useAdmitted, classingPayloads.useAdmitted, {
      roles: ['principal'],
      async run(ctx, input) {
        const cur = await planToChange(ctx, input.version);
        if ('code' in cur) return cur;
        const regs = await admitted(ctx, cur.schoolId, cur.year, cur.stage);
        const saved = await planSave(ctx, cur, {
          ...cur,
          source: 'admitted',
          input: { ...cur.input, ...admittedCohort(regs) },
          ...unsplit,
        });
        return saved ? ok(await planView(ctx, saved)) : stale();
      },
    }),

    run: defineAction(classingContract.run, classingPayloads.run, {
      roles: ['principal'],
      async run(ctx, input) {
        const cur = await planToChange(ctx, input.version);
        if ('code' in cur) return cur;
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        if (input.cap >= s.superLargeClassSize)
          return fail('INVALID_INPUT', `班额不能达到${s.superLargeClassSize}人（超大班额）。`);
        if (cur.input.students.length === 0)
          return fail('INVALID_TRANSITION', '还没有学生名单：请先录取学生或导入名单。');
        const engineInput = { ...cur.input, classes: input.classes, cap: input.cap };
        const refusal = classingConfigRefusal(engineInput);
        if (refusal) return fail('INVALID_INPUT', '成绩只能用于均衡分班，不能按成绩排序或分快慢班。');
        const r = classingRun(engineInput, input.seed);
        if (r.status === 'invalid') return fail('INVALID_INPUT', `无法编班：${classingReason(r.reason)}`);
        const saved = await planSave(ctx, cur, {
          ...cur,
          input: engineInput,
          seed: input.seed,
          classes: r.result.classes,
          swaps: [],
          homeroom: null,
        });
        if (!saved) return stale();
        await auditAppend(ctx, 'classing.run', `classing:${cur.id}`, {
          seed: input.seed,
          classes: input.classes,
          cap: input.cap,
          algorithm: CLASSING_ALGORITHM,
        });
        return ok(await planView(ctx, saved));
      },
    }),

    /** 调班: `apply` false previews the figures and rule checks; true saves when every rule holds. */
    swap: defineAction(classingContract.swap, classingPayloads.swap, {
      roles: ['principal'],
      async run(ctx, input) {
        const cur = await planToChange(ctx, input.version, { split: true });
        if ('code' in cur) return cur;
        const p = swapPreview(cur.input, cur.classes, input.a, input.b, cur.seed ?? '');
        if ('error' in p) return fail('INVALID_INPUT', p.error);
        // The preview's problems in Chinese, as the page shows them.
        const preview = { ...p.report, problems: p.report.problems.map(classingReason) };
        if (!input.apply) return ok<SwapResult>({ preview, saved: null });
        if (p.report.problems.length > 0)
          return fail(
            'INVALID_INPUT',
            `调班后违反分班要求：${p.report.problems.map(classingReason).join('；')}`,
          );
        const saved = await planSave(ctx, cur, {
          ...cur,
          classes: p.classes,
          swaps: [...cur.swaps, { a: input.a, b: input.b, at: ctx.now.toISOString(), by: ctx.caller.openid }],
        });
        if (!saved) return stale();
        return ok<SwapResult>({ preview, saved: await planView(ctx, saved) });
      },
    }),

    homeroom: defineAction(classingContract.homeroom, classingPayloads.homeroom, {
      roles: ['principal'],
      async run(ctx, input) {
        // The teachers must be the caller's school's (from the binding), whatever state the plan is in.
        const own = ctx.caller.binding?.schoolId;
        for (const id of input.teacherIds) {
          const t = await ctx.store.getTeacher(id as never);
          if (!t || t.schoolId !== own) return fail('FORBIDDEN', `教师 ${id} 不是本校教师。`);
        }
        const cur = await planToChange(ctx, input.version, { split: true });
        if ('code' in cur) return cur;
        const drawn = homeroomDraw(input.teacherIds, cur.classes.length, input.seed);
        if (typeof drawn === 'string') return fail('INVALID_INPUT', drawn);
        const saved = await planSave(ctx, cur, { ...cur, homeroom: { seed: input.seed, teacherIds: drawn } });
        return saved ? ok(await planView(ctx, saved)) : stale();
      },
    }),

    /**
     * A late student joins the class where the balance suffers least (also after publishing). When
     * every class of a published split is full, the principal chooses: a class added for the
     * student, or the smallest class over the cap — never to a 超大班额; either is recorded with
     * the plan and in the audit log, and an over-cap class shows as 大班额 on the bureau's dashboard.
     */
    late: defineAction(classingContract.late, classingPayloads.late, {
      roles: ['principal'],
      async run(ctx, input) {
        const cur = await planToChange(ctx, input.version, { split: true, afterPublish: true });
        if ('code' in cur) return cur;
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        if (input.placement !== 'balance' && cur.status !== 'published')
          return fail(
            'INVALID_TRANSITION',
            '分班公布前请直接调整班级数或班额后重新编班；增加班级或超班额插班只用于公布后的插班生。',
          );
        const r = lateInsert(
          cur.input,
          cur.classes,
          input.student,
          cur.seed ?? '',
          input.placement,
          s.superLargeClassSize,
        );
        if ('error' in r)
          return r.full && cur.status === 'published'
            ? fail(
                'CLASS_FULL',
                `各班都已达到班额上限（${cur.input.cap}人）。可以为插班生增加一个班，或安排在人数最少的班（超出班额，记为大班额，不超过${s.superLargeClassSize - 1}人）。`,
              )
            : fail('INVALID_INPUT', r.error);
        const at = ctx.now.toISOString();
        const size = (r.classes[r.index] as string[]).length;
        const cap = s.classCap[cur.stage];
        const exception =
          input.placement === 'balance'
            ? null
            : {
                studentId: input.student.id,
                name: input.student.name,
                kind: input.placement,
                classIndex: r.index,
                size,
                cap,
                at,
                by: ctx.caller.openid,
              };
        const saved = await planSave(ctx, cur, {
          ...cur,
          input: r.input,
          classes: r.classes,
          ...(exception ? { lateExceptions: [...(cur.lateExceptions ?? []), exception] } : {}),
        });
        if (!saved) return stale();
        if (exception)
          await auditAppend(
            ctx,
            exception.kind === 'newClass' ? 'classing.lateNewClass' : 'classing.lateOverCap',
            `classing:${cur.id}`,
            { ...exception, large: size > cap },
            at,
          );
        const label = classLabel(cur.stage, r.index);
        return ok({
          index: r.index,
          label,
          warning:
            exception?.kind === 'overCap' && size > cap
              ? `${label}现有${size}人，超过班额${cap}人，已记为大班额，教育局督导看板可见。`
              : exception?.kind === 'newClass'
                ? `已为插班生新增${label}。`
                : null,
          plan: await planView(ctx, saved),
        });
      },
    }),

    publish: defineAction(classingContract.publish, classingPayloads.publish, {
      roles: ['principal'],
      async run(ctx, input) {
        const cur = await planToChange(ctx, input.version, { split: true });
        if ('code' in cur) return cur;
        const problems = classingReport(cur.input, cur.classes, {
          algorithm: CLASSING_ALGORITHM,
          seed: cur.seed ?? '',
        }).problems;
        if (problems.length > 0)
          return fail(
            'INVALID_TRANSITION',
            `分班违反要求，不能公布：${problems.map(classingReason).join('；')}`,
          );
        const at = ctx.now.toISOString();
        const saved = await planSave(ctx, cur, { ...cur, status: 'published', publishedAt: at });
        if (!saved) return stale();
        // Every family of the cohort told in a few calls: registrations read together, notices
        // written together (a school's 1,500 pupils one by one would outlast the function).
        const classOf = new Map(cur.classes.flatMap((ids, index) => ids.map((id) => [id, index] as const)));
        const regs = await ctx.store.getRegistrations([...classOf.keys()] as RegistrationId[]);
        const ours = regs.filter((r) => (r.placement?.schoolId ?? r.schoolId) === cur.schoolId);
        await noticesSend(
          ctx,
          ours.map((r) => ({
            registration: r,
            title: '分班结果',
            body: `${r.childName}分在${classLabel(cur.stage, classOf.get(r.id) ?? 0)}。`,
          })),
        );
        const told = ours.length;
        await auditAppend(
          ctx,
          'classing.publish',
          `classing:${cur.id}`,
          { classes: cur.classes.length, students: cur.input.students.length, told },
          at,
        );
        return ok({ plan: await planView(ctx, saved), told });
      },
    }),
  },
};
