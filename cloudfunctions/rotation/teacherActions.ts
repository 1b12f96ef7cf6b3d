/**
 * The teacher's side of 交流轮岗: their standing this year with the rule trail, the notice once a
 * plan is publicised (destination, form, months, report date, contact, reasons), months of
 * rural/weak-school service, acknowledging, one objection within the 公示, 报到 once final, and
 * the subscribe-message answer (one accepted message per tap).
 */
import { asSchoolId } from '../../shared/brand';
import { fail, ok, type Fail } from '../../shared/errors';
import { rotationEligibility } from '../../shared/rotation/eligibility';
import type { RotationRecord } from '../../shared/rotation/record';
import { ruralMonthsServed, seniorTitleMonths } from '../../shared/rotation/service';
import { cstDateOf } from '../../shared/time';
import { rotationCanObject, rotationObjectionAdd } from '../../shared/rotation/objection';
import { rotationContract } from '../../shared/api/rotation';
import { rotationPayloads } from '../../shared/api/rotationPayloads';
import type { FnContext } from '../../server/runtime/context';
import { defineAction } from '../../server/runtime/define';
import { noSettings, settingsLoad } from '../../server/app/common';
import { recordNow, recordSave } from '../../server/app/rotationCounty';

/** The published record and the calling teacher's id, when the plan moves them. */
async function ownMove(ctx: FnContext): Promise<{ cur: RotationRecord; id: string } | Fail> {
  const id = ctx.caller.binding?.teacherId as string | undefined;
  const cur = await recordNow(ctx);
  if ('code' in cur) return cur;
  if (!id || !cur.moves.some((m) => m.teacherId === id))
    return fail('NOT_FOUND', '本年度方案中没有您的交流安排。');
  return { cur, id };
}

/** Whom to contact at the receiving school: its principal, from the staff records. */
async function contactOf(ctx: FnContext, schoolId: string): Promise<string | null> {
  const school = await ctx.store.getSchool(asSchoolId(schoolId));
  if (!school) return null;
  for (let offset: number | null = 0; offset !== null;) {
    const page = await ctx.store.listTeachersBySchool(school.id, { offset, limit: 100 });
    const head = page.items.find((t) => t.isPrincipal);
    if (head) return `${school.name}校长 ${head.name}（${school.township}）`;
    offset = page.next;
  }
  return `${school.name}（${school.township}）`;
}

export const teacherActions = {
  /** The teacher's own standing this year, and the notice once a plan is publicised. */
  mine: defineAction(rotationContract.mine, rotationPayloads.mine, {
    roles: ['teacher'],
    async run(ctx) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const id = ctx.caller.binding?.teacherId;
      if (!id) return fail('NOT_FOUND', '您的账号尚未关联教师档案，请联系教育局。');
      const t = await ctx.store.getTeacher(id);
      if (!t) return fail('NOT_FOUND', '没有找到您的教师档案。');
      const e = rotationEligibility(t, s.enrollmentYear, s.rotation);
      const rec = await ctx.store.getRotationRecord(String(s.enrollmentYear));
      const move = rec?.moves.find((m) => m.teacherId === id) ?? null;
      const objection = rec?.objections.find((o) => o.teacherId === id) ?? null;
      const today = cstDateOf(ctx.now);
      const reportedAt = rec?.reported[id] ?? null;
      const contact = move ? await contactOf(ctx, move.to) : null;
      return ok({
        year: s.enrollmentYear,
        eligible: e.eligible,
        reasons: e.reasons,
        published: rec !== null,
        status: rec?.status ?? null,
        publicity: rec?.publicity ?? null,
        move,
        reportDate: move ? `${move.startMonth}-01` : null,
        contact,
        acknowledgedAt: rec?.acknowledged[id] ?? null,
        reportedAt,
        objection,
        canObject: rec !== null && rotationCanObject(rec, id, today),
        ruralMonths: ruralMonthsServed(t.ruralMonths ?? 0, move, reportedAt, today),
        seniorTitleMonths,
        subscribeTemplateId: ctx.config.rotationTemplateId,
      });
    },
  }),

  acknowledge: defineAction(rotationContract.acknowledge, rotationPayloads.acknowledge, {
    roles: ['teacher'],
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
  object: defineAction(rotationContract.object, rotationPayloads.object, {
    roles: ['teacher'],
    async run(ctx, input) {
      const own = await ownMove(ctx);
      if ('code' in own) return own;
      const { cur, id } = own;
      const objections = rotationObjectionAdd(cur, id, input.text, ctx.now.toISOString(), cstDateOf(ctx.now));
      if ('code' in objections) return objections;
      return recordSave(ctx, cur, 'rotation.object', { objections });
    },
  }),

  /** 报到 at the receiving school, once the plan is final. */
  report: defineAction(rotationContract.report, rotationPayloads.report, {
    roles: ['teacher'],
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

  /**
   * Records the teacher's answer to a subscribe-message request (made from a tap in WeChat): an
   * acceptance allows one more message. The template is the deployment's, never the client's.
   */
  subscribe: defineAction(rotationContract.subscribe, rotationPayloads.subscribe, {
    roles: ['teacher'],
    async run({ store, caller, config }, input) {
      const template = config.rotationTemplateId;
      if (!template) return ok({ enabled: false, quota: 0 });
      const quota = input.accepted ? await store.subscriptionGrant(caller.openid, template) : 0;
      return ok({ enabled: true, quota });
    },
  }),
};
