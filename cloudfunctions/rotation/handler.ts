/**
 * rotation: the county's 交流轮岗 on its real staff records. The bureau previews a plan (who is due
 * and why, who rotates where, the seven indicators and the teacher indicators' 差异系数 before and
 * after), publishes it for 公示 (working days, the bureau's calendar), answers objections (an upheld
 * one takes the teacher off the plan) and, after the 公示, makes it final. A teacher reads their
 * standing and notice, acknowledges it, may object during the 公示, and confirms 报到.
 */
import * as z from 'zod';
import { asSchoolId } from '../../shared/brand';
import { fail, ok, type Fail } from '../../shared/errors';
import type { School, Teacher } from '../../shared/county/types';
import { defaultRotationSettings, rotationEligibility } from '../../shared/rotation/eligibility';
import {
  indicatorKeys,
  indicatorLabels,
  indicatorTable,
  schoolResources,
} from '../../shared/rotation/indicators';
import { rotationPlan, type RotationInput } from '../../shared/rotation/planner';
import { publicityEnd } from '../../shared/rotation/publicity';
import type { RotationRecord } from '../../shared/rotation/record';
import { cstDateOf } from '../../shared/time';
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

const seedSchema = text(32).regex(/^[0-9A-Za-z-]+$/);

/** A plan on the current staff records (not saved), with names, indicators and 差异系数. */
async function planOnCounty(ctx: FnContext, seedIn: string | null) {
  const s = await settingsLoad(ctx);
  if (!s) return noSettings();
  const { schools, teachers } = await county(ctx);
  const year = s.enrollmentYear;
  const seed = seedIn ?? String(year);
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
  if (run.status === 'invalid') return fail('INTERNAL', '教师或学校数据有误，无法生成方案，请联系技术支持。');
  const names = new Map(schools.map((x) => [x.id as string, x.name]));
  const resources = schools.map((school) => ({
    school,
    resources: schoolResources(
      school,
      teachers.filter((t) => t.schoolId === school.id),
    ),
  }));
  return {
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
  };
}

async function recordNow(ctx: FnContext): Promise<RotationRecord | Fail> {
  const s = await settingsLoad(ctx);
  if (!s) return noSettings();
  const rec = await ctx.store.getRotationRecord(String(s.enrollmentYear));
  return rec ?? fail('NOT_FOUND', '本年度交流轮岗方案尚未公示。');
}

/** The published record and the calling teacher's id, when the plan moves them. */
async function ownMove(ctx: FnContext): Promise<{ cur: RotationRecord; id: string } | Fail> {
  const id = ctx.caller.binding?.teacherId as string | undefined;
  const cur = await recordNow(ctx);
  if ('code' in cur) return cur;
  if (!id || !cur.moves.some((m) => m.teacherId === id))
    return fail('NOT_FOUND', '本年度方案中没有您的交流安排。');
  return { cur, id };
}

/** Saves the next version (audited as `action`); a concurrent change answers STALE_VERSION. */
async function recordSave(
  ctx: FnContext,
  cur: RotationRecord,
  action: string,
  patch: Partial<RotationRecord>,
) {
  const next: RotationRecord = {
    ...cur,
    ...patch,
    version: cur.version + 1,
    updatedAt: ctx.now.toISOString(),
  };
  const res = await ctx.store.saveRotationRecord(next, cur.version);
  if (res.status !== 'ok') return fail('STALE_VERSION', '方案已被他人修改，请刷新后重试。');
  await ctx.store.appendAudit({
    at: next.updatedAt,
    actor: ctx.caller.openid,
    action,
    entity: `rotation:${cur.id}`,
    detail: { teacherId: ctx.caller.binding?.teacherId ?? null, version: next.version },
  });
  return ok(next);
}

export const rotationFunction: FunctionDef = {
  name: 'rotation',
  actions: {
    /** A plan on the current staff records, not saved (the seed is recorded in the answer). */
    preview: defineAction({
      roles: ['bureau'],
      input: z.object({ seed: seedSchema.nullable().default(null) }).strict(),
      async run(ctx, input) {
        const p = await planOnCounty(ctx, input.seed);
        return 'code' in p ? p : ok(p);
      },
    }),

    /** Saves the plan and opens its 公示 (working days from today); teachers can read it at once. */
    publish: defineAction({
      roles: ['bureau'],
      input: z.object({ seed: seedSchema.nullable().default(null) }).strict(),
      async run(ctx, input) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        const p = await planOnCounty(ctx, input.seed);
        if ('code' in p) return p;
        const from = cstDateOf(ctx.now);
        const record: RotationRecord = {
          id: String(p.year),
          year: p.year,
          status: 'publicized',
          seed: p.seed,
          algorithm: p.algorithm,
          moves: p.moves,
          publicity: { from, to: publicityEnd(from, s.rotationPublicityDays, s.workCalendar) },
          objections: [],
          acknowledged: {},
          reported: {},
          problems: p.problems,
          version: 1,
          updatedAt: ctx.now.toISOString(),
        };
        if ((await ctx.store.saveRotationRecord(record, null)).status !== 'ok')
          return fail('INVALID_TRANSITION', '本年度交流轮岗方案已经公示，不能重新生成。');
        await ctx.store.appendAudit({
          at: record.updatedAt,
          actor: ctx.caller.openid,
          action: 'rotation.publish',
          entity: `rotation:${record.id}`,
          detail: { seed: record.seed, moves: record.moves.length, publicity: record.publicity },
        });
        return ok(record);
      },
    }),

    record: defineAction({
      roles: ['bureau'],
      input: z.object({}).strict(),
      async run(ctx) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        return ok(await ctx.store.getRotationRecord(String(s.enrollmentYear)));
      },
    }),

    /** Answers a teacher's objection once; an upheld objection takes the teacher off the plan. */
    answer: defineAction({
      roles: ['bureau'],
      input: z.object({ teacherId: text(40), upheld: z.boolean(), text: text(500).trim().min(1) }).strict(),
      async run(ctx, input) {
        const cur = await recordNow(ctx);
        if ('code' in cur) return cur;
        const o = cur.objections.find((x) => x.teacherId === input.teacherId);
        if (!o) return fail('NOT_FOUND', '没有找到这条异议。');
        if (o.answer) return fail('INVALID_TRANSITION', '这条异议已经答复过了。');
        const answer = {
          text: input.text,
          upheld: input.upheld,
          at: ctx.now.toISOString(),
          by: ctx.caller.openid,
        };
        return recordSave(ctx, cur, 'rotation.answer', {
          objections: cur.objections.map((x) => (x === o ? { ...x, answer } : x)),
          moves: input.upheld ? cur.moves.filter((m) => m.teacherId !== input.teacherId) : cur.moves,
        });
      },
    }),

    /** After the 公示 and with every objection answered, the plan becomes the final notice. */
    finalise: defineAction({
      roles: ['bureau'],
      input: z.object({}).strict(),
      async run(ctx) {
        const cur = await recordNow(ctx);
        if ('code' in cur) return cur;
        if (cur.status === 'final') return fail('INVALID_TRANSITION', '方案已经正式发布。');
        if (cstDateOf(ctx.now) <= cur.publicity.to)
          return fail('INVALID_TRANSITION', `公示期至${cur.publicity.to}，公示结束后才能正式发布。`);
        if (cur.objections.some((o) => !o.answer))
          return fail('INVALID_TRANSITION', '还有未答复的异议，请先答复。');
        return recordSave(ctx, cur, 'rotation.finalise', { status: 'final' });
      },
    }),

    /** The teacher's own standing this year, and the notice once a plan is publicised. */
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
        const rec = await ctx.store.getRotationRecord(String(s.enrollmentYear));
        const move = rec?.moves.find((m) => m.teacherId === id) ?? null;
        const objection = rec?.objections.find((o) => o.teacherId === id) ?? null;
        const inPublicity =
          rec !== null && rec.status === 'publicized' && cstDateOf(ctx.now) <= rec.publicity.to;
        return ok({
          year: s.enrollmentYear,
          eligible: e.eligible,
          reasons: e.reasons,
          published: rec !== null,
          status: rec?.status ?? null,
          publicity: rec?.publicity ?? null,
          move,
          reportDate: move ? `${move.startMonth}-01` : null,
          acknowledgedAt: rec?.acknowledged[id] ?? null,
          reportedAt: rec?.reported[id] ?? null,
          objection,
          canObject: inPublicity && objection === null,
        });
      },
    }),

    acknowledge: defineAction({
      roles: ['teacher'],
      input: z.object({}).strict(),
      async run(ctx) {
        const own = await ownMove(ctx);
        if ('code' in own) return own;
        const { cur, id } = own;
        if (cur.acknowledged[id]) return fail('INVALID_TRANSITION', '您已经确认收到通知。');
        return recordSave(ctx, cur, 'rotation.acknowledge', {
          acknowledged: { ...cur.acknowledged, [id]: ctx.now.toISOString() },
        });
      },
    }),

    /** An objection during the 公示 (one per teacher), answered by the bureau. */
    object: defineAction({
      roles: ['teacher'],
      input: z.object({ text: text(500).trim() }).strict(),
      async run(ctx, input) {
        const own = await ownMove(ctx);
        if ('code' in own) return own;
        const { cur, id } = own;
        if (cur.status !== 'publicized' || cstDateOf(ctx.now) > cur.publicity.to)
          return fail(
            'OUT_OF_WINDOW',
            `异议须在公示期内（${cur.publicity.from}至${cur.publicity.to}）提出。`,
          );
        if (cur.objections.some((o) => o.teacherId === id))
          return fail('INVALID_TRANSITION', '每位教师只能提出一次异议。');
        if ([...input.text].length < 10) return fail('INVALID_INPUT', '异议理由请至少写10个字。');
        return recordSave(ctx, cur, 'rotation.object', {
          objections: [
            ...cur.objections,
            { teacherId: id, text: input.text, at: ctx.now.toISOString(), answer: null },
          ],
        });
      },
    }),

    /** 报到 at the receiving school, once the plan is final. */
    report: defineAction({
      roles: ['teacher'],
      input: z.object({}).strict(),
      async run(ctx) {
        const own = await ownMove(ctx);
        if ('code' in own) return own;
        const { cur, id } = own;
        if (cur.status !== 'final') return fail('INVALID_TRANSITION', '方案正式发布后才能确认报到。');
        if (cur.reported[id]) return fail('INVALID_TRANSITION', '您已经确认报到。');
        return recordSave(ctx, cur, 'rotation.report', {
          reported: { ...cur.reported, [id]: ctx.now.toISOString() },
        });
      },
    }),
  },
};
