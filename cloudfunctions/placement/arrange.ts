/**
 * 统筹安排 (bureau), after a stage's results are published: the children the draw left without a
 * seat and those approved too late for it, each school's seats left, and the arrangement itself —
 * a seat at a school with seats left, with the bureau's reason, told to the family and audited.
 */
import { asRegistrationId, asSchoolId } from '../../shared/brand';
import { fail, ok } from '../../shared/errors';
import { idNumberMask } from '../../shared/idNumber';
import {
  arrangeExplanation,
  arrangeRefusal,
  arrangeWaiting,
  seatsLeft,
} from '../../shared/placement/arrange';
import { finalRunIdOf } from '../../shared/placement/ids';
import { registrationStatusLabels } from '../../shared/registration/status';
import { historyActorOf, historyEntry } from '../../shared/registration/history';
import type { PlacementOutcome } from '../../shared/registration/types';
import type { Stage } from '../../shared/settings';
import { sentence } from '../../shared/text';
import { cstDateLabel } from '../../shared/time';
import { placementContract } from '../../shared/api/placement';
import { placementPayloads } from '../../shared/api/placementPayloads';
import type { FnContext } from '../../server/runtime/context';
import { defineAction } from '../../server/runtime/define';
import { noSettings, settingsLoad } from '../../server/app/common';
import { noticeSend } from '../../server/app/derive';
import { auditAppend } from '../../server/app/audit';

/** The stage's year, whether its results are published, its schools and their seats left. */
async function arrangeFacts(ctx: FnContext, stage: Stage) {
  const s = await settingsLoad(ctx);
  if (!s) return null;
  const [run, schools, summaries] = await Promise.all([
    ctx.store.getPlacementRun(finalRunIdOf(s.enrollmentYear, stage)),
    ctx.store.listSchools(),
    ctx.store.registrationSummaries(s.enrollmentYear, { stage }),
  ]);
  const published = !!run?.publishedAt;
  return {
    s,
    run,
    published,
    schools,
    summaries,
    seats: seatsLeft(schools, summaries, stage, s),
  };
}

/**
 * Children per page of the waiting list: a county draw can leave tens of thousands without a seat,
 * and a function's answer is capped at 1 MB (the whole list overflowed it in bench:cloud).
 */
const ARRANGE_PAGE = 100;

export const arrangeActions = {
  arrangeList: defineAction(placementContract.arrangeList, placementPayloads.arrangeList, {
    roles: ['bureau'],
    async run(ctx, input) {
      const f = await arrangeFacts(ctx, input.stage);
      if (!f) return noSettings();
      const names = new Map(f.schools.map((x) => [x.id as string, x.name]));
      const waiting = arrangeWaiting(f.summaries, input.stage, f.published);
      return ok({
        published: f.published,
        total: waiting.length,
        offset: input.offset,
        limit: ARRANGE_PAGE,
        children: waiting.slice(input.offset, input.offset + ARRANGE_PAGE).map((r) => ({
          registrationId: r.id,
          version: r.version,
          childName: r.childName,
          idNumber: idNumberMask(r.idNumber),
          status: r.status,
          statusLabel: registrationStatusLabels[r.status],
          appliedSchoolName: names.get(r.schoolId) ?? '',
          suggestedSchoolId: r.status === 'coordinating' ? r.placementSchoolId : null,
        })),
        schools: f.seats,
      });
    },
  }),

  arrange: defineAction(placementContract.arrange, placementPayloads.arrange, {
    roles: ['bureau'],
    async run(ctx, input) {
      const r = await ctx.store.getRegistration(asRegistrationId(input.registrationId));
      if (!r) return fail('NOT_FOUND');
      const f = await arrangeFacts(ctx, r.stage);
      if (!f) return noSettings();
      if (r.year !== f.s.enrollmentYear) return fail('INVALID_TRANSITION', '这份报名不是本年度的。');
      if (r.version !== input.version) return fail('STALE_VERSION');
      const school = f.seats.find((x) => x.id === input.schoolId);
      const stageOfSchool = f.schools.find((x) => x.id === input.schoolId)?.stage;
      const refused = arrangeRefusal(r, f.published, school, stageOfSchool);
      if (refused || !school || !f.run) return fail(refused?.code ?? 'INVALID_INPUT', refused?.message);
      const at = ctx.now.toISOString();
      const by = historyActorOf(ctx.caller);
      const explanation = arrangeExplanation(school.name, input.reason);
      const placement: PlacementOutcome = {
        runId: f.run.id,
        schoolId: asSchoolId(school.id),
        lottery: r.placement?.lottery ?? 0,
        tierLabel: r.placement?.tierLabel ?? (r.tier.status === 'eligible' ? r.tier.label : '统筹'),
        cutoff: null,
        explanation,
      };
      // A late approval first enters 待派位 (the status machine's only way to a seat), recorded as
      // such, then gets its seat: two versioned changes, each refused if the record moved on.
      let current = r;
      if (current.status === 'approved') {
        const step = historyEntry(
          'approved',
          'awaiting_placement',
          at,
          by,
          '派位结果公布后审核通过，由教育局统筹安排学位',
        );
        const res = await ctx.store.transitionRegistration(current.id, current.version, step);
        if (res.status === 'not_found') return fail('NOT_FOUND');
        if (res.status === 'stale') return fail('STALE_VERSION');
        current = res.registration;
      }
      const change = historyEntry(current.status, 'admitted', at, by, explanation);
      const res = await ctx.store.transitionRegistration(current.id, current.version, change, { placement });
      if (res.status === 'not_found') return fail('NOT_FOUND');
      if (res.status === 'stale') return fail('STALE_VERSION');
      const report = `请于${cstDateLabel(f.s.admissionReportDate[r.stage])}到校报到；需携带的材料与确认接受请见录取结果页。`;
      await noticeSend(
        ctx,
        res.registration,
        '学位已统筹安排',
        `${r.childName}：${sentence(explanation)}${report}`,
      );
      await auditAppend(
        ctx,
        'placement.arrange',
        `registration:${r.id}`,
        { from: r.status, schoolId: school.id, reason: input.reason, seatsLeft: school.left - 1 },
        at,
      );
      return ok({ schoolId: school.id, schoolName: school.name });
    },
  }),
};
