/**
 * The principal's side of 交流轮岗: the school's teachers with who is due and why; nominations
 * (个人申请 + 学校推荐) with the note of the in-school 公示 the list went through (only a list that
 * has been through it goes to the bureau's planner); the school's outgoing and incoming teachers
 * once the bureau publishes. A principal acts on their own school only (from the binding).
 */
import { asSchoolId } from '../../shared/brand';
import { fail, ok, type Fail } from '../../shared/errors';
import { rotationEligibility, type RotationSettings } from '../../shared/rotation/eligibility';
import {
  nominationsId,
  type NominationEntry,
  type RotationNominations,
} from '../../shared/rotation/nominations';
import type { Teacher } from '../../shared/county/types';
import { rotationContract } from '../../shared/api/rotation';
import { rotationPayloads } from '../../shared/api/rotationPayloads';
import type { FnContext } from '../../server/runtime/context';
import { defineAction } from '../../server/runtime/define';
import { noSettings, settingsLoad } from '../../server/app/common';
import { auditAppend } from '../../server/app/audit';

interface SchoolScope {
  readonly year: number;
  /** The bureau's rotation rules (who is due). */
  readonly rules: RotationSettings;
  readonly schoolId: string;
  readonly teachers: readonly Teacher[];
  readonly doc: RotationNominations | null;
  readonly published: boolean;
}

async function scope(ctx: FnContext): Promise<SchoolScope | Fail> {
  const schoolId = ctx.caller.binding?.schoolId;
  if (!schoolId) return fail('FORBIDDEN');
  const s = await settingsLoad(ctx);
  if (!s) return noSettings();
  const teachers: Teacher[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const page = await ctx.store.listTeachersBySchool(asSchoolId(schoolId), { offset, limit: 100 });
    teachers.push(...page.items);
    offset = page.next;
  }
  const year = s.enrollmentYear;
  const doc = await ctx.store.getRotationNominations(nominationsId(year, schoolId));
  const published = (await ctx.store.getRotationRecord(String(year))) !== null;
  return { year, rules: s.rotation, schoolId, teachers, doc, published };
}

/** Saves the school's list (a changed list must go through the in-school 公示 again). */
async function nominationsSave(
  ctx: FnContext,
  sc: SchoolScope,
  action: string,
  patch: Pick<RotationNominations, 'entries' | 'publicity'>,
) {
  if (sc.published) return fail('INVALID_TRANSITION', '本年度交流方案已经公示，推荐名单不能再修改。');
  const next: RotationNominations = {
    id: nominationsId(sc.year, sc.schoolId),
    year: sc.year,
    schoolId: sc.schoolId,
    ...patch,
    version: (sc.doc?.version ?? 0) + 1,
    updatedAt: ctx.now.toISOString(),
  };
  const res = await ctx.store.saveRotationNominations(next, sc.doc?.version ?? null);
  if (res.status !== 'ok') return fail('STALE_VERSION', '推荐名单已被他人修改，请刷新后重试。');
  await auditAppend(
    ctx,
    action,
    `rotation-nominations:${next.id}`,
    { entries: next.entries.map((e) => [e.teacherId, e.kind]), publicity: next.publicity },
    next.updatedAt,
  );
  return schoolView(ctx);
}

async function schoolView(ctx: FnContext) {
  const sc = await scope(ctx);
  if ('code' in sc) return sc;
  const rec = await ctx.store.getRotationRecord(String(sc.year));
  const nominated = new Map((sc.doc?.entries ?? []).map((e) => [e.teacherId, e]));
  return ok({
    year: sc.year,
    locked: sc.published,
    publicity: sc.doc?.publicity ?? null,
    teachers: sc.teachers.map((t) => {
      const e = rotationEligibility(t, sc.year, sc.rules);
      const n = nominated.get(t.id);
      return {
        teacherId: t.id as string,
        name: t.name,
        subject: t.subject,
        backbone: t.backbone !== 'none',
        eligible: e.eligible,
        reasons: e.reasons,
        nomination: n ? { kind: n.kind, note: n.note } : null,
      };
    }),
    status: rec?.status ?? null,
    outgoing: rec?.moves.filter((m) => m.from === sc.schoolId) ?? [],
    incoming: rec?.moves.filter((m) => m.to === sc.schoolId) ?? [],
  });
}

export const schoolActions = {
  school: defineAction(rotationContract.school, rotationPayloads.school, {
    roles: ['principal'],
    run: (ctx) => schoolView(ctx),
  }),

  /** Adds or changes a nomination of an eligible teacher of the principal's school. */
  nominate: defineAction(rotationContract.nominate, rotationPayloads.nominate, {
    roles: ['principal'],
    async run(ctx, input) {
      const sc = await scope(ctx);
      if ('code' in sc) return sc;
      const t = sc.teachers.find((x) => x.id === input.teacherId);
      if (!t) return fail('FORBIDDEN', '只能推荐本校教师。');
      const e = rotationEligibility(t, sc.year, sc.rules);
      if (!e.eligible) return fail('INVALID_INPUT', `${t.name}本年度不在交流范围：${e.reasons.at(-1) ?? ''}`);
      const entry: NominationEntry = {
        teacherId: t.id,
        kind: input.kind,
        note: input.note,
        at: ctx.now.toISOString(),
      };
      const rest = (sc.doc?.entries ?? []).filter((x) => x.teacherId !== t.id);
      return nominationsSave(ctx, sc, 'rotation.nominate', { entries: [...rest, entry], publicity: null });
    },
  }),

  unnominate: defineAction(rotationContract.unnominate, rotationPayloads.unnominate, {
    roles: ['principal'],
    async run(ctx, input) {
      const sc = await scope(ctx);
      if ('code' in sc) return sc;
      const entries = (sc.doc?.entries ?? []).filter((x) => x.teacherId !== input.teacherId);
      if (entries.length === (sc.doc?.entries.length ?? 0))
        return fail('NOT_FOUND', '该教师不在推荐名单中。');
      return nominationsSave(ctx, sc, 'rotation.unnominate', { entries, publicity: null });
    },
  }),

  /** Records the in-school 公示 of the list (where it was posted, from–to); then it goes up. */
  schoolPublicity: defineAction(rotationContract.schoolPublicity, rotationPayloads.schoolPublicity, {
    roles: ['principal'],
    async run(ctx, input) {
      const sc = await scope(ctx);
      if ('code' in sc) return sc;
      if (!sc.doc || sc.doc.entries.length === 0)
        return fail('INVALID_TRANSITION', '推荐名单为空，无需公示。');
      if (input.to < input.from) return fail('INVALID_INPUT', '公示结束日期不能早于开始日期。');
      return nominationsSave(ctx, sc, 'rotation.schoolPublicity', {
        entries: sc.doc.entries,
        publicity: { note: input.note, from: input.from, to: input.to },
      });
    },
  }),
};
