/**
 * The bureau's side of admission: what admitted families are told (report date, what to bring,
 * how many days they have to ask for a review), and the review (复核) requests with their answers.
 */
import { asRegistrationId } from '../../shared/brand';
import { fail, ok } from '../../shared/errors';
import { appealOutcomeLabels, appealStateOf } from '../../shared/placement/response';
import { settingsWithDefaults } from '../../shared/settings';
import { cstDateParse } from '../../shared/time';
import { placementContract } from '../../shared/api/placement';
import { placementPayloads } from '../../shared/api/placementPayloads';
import { defineAction } from '../../server/runtime/define';
import { noSettings, settingsLoad } from '../../server/app/common';
import { noticeSend } from '../../server/app/derive';
import { auditAppend } from '../../server/app/audit';

export const appealActions = {
  /** The admission notice settings as they stand (defaults filled in). */
  noticeSettings: defineAction(placementContract.noticeSettings, placementPayloads.noticeSettings, {
    roles: ['bureau'],
    async run(ctx) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      return ok({
        reportDate: s.admissionReportDate,
        bring: s.admissionBring,
        appealDays: s.appealDays,
        placementDates: s.placementDates,
        hotline: s.enrollmentHotline,
      });
    },
  }),

  setNotice: defineAction(placementContract.setNotice, placementPayloads.setNotice, {
    roles: ['bureau'],
    async run(ctx, input) {
      const stored = await ctx.store.getSettings();
      if (!stored) return noSettings();
      const current = settingsWithDefaults(stored);
      const primary = cstDateParse(input.reportDate.primary);
      const junior = cstDateParse(input.reportDate.junior);
      if (!primary || !junior)
        return fail('INVALID_INPUT', '报到日期不是有效的日期，请按“2027-08-28”的格式填写。');
      let placementDates = current.placementDates;
      if (input.placementDates) {
        const dates = { primary: input.placementDates.primary, junior: input.placementDates.junior };
        const parsed = (['primary', 'junior'] as const).map((st) => ({
          st,
          draw: cstDateParse(dates[st].draw),
          publish: cstDateParse(dates[st].publish),
        }));
        for (const p of parsed) {
          if (!p.draw || !p.publish)
            return fail('INVALID_INPUT', '派位或公布日期不是有效的日期，请按“2027-07-10”的格式填写。');
          if (p.publish < p.draw) return fail('INVALID_INPUT', '公布录取结果的日期不能早于派位日期。');
          if (p.draw <= current.registrationCloses)
            return fail('INVALID_INPUT', '派位日期须在报名截止之后。');
          const report = p.st === 'primary' ? primary : junior;
          if (p.publish > report) return fail('INVALID_INPUT', '公布录取结果的日期不能晚于报到日期。');
        }
        const [pp, jj] = parsed as [(typeof parsed)[number], (typeof parsed)[number]];
        placementDates = {
          primary: { draw: pp.draw!, publish: pp.publish! },
          junior: { draw: jj.draw!, publish: jj.publish! },
        };
      }
      const settings = {
        ...current,
        admissionReportDate: { primary, junior },
        admissionBring: input.bring,
        appealDays: input.appealDays,
        placementDates,
        enrollmentHotline: input.hotline ?? current.enrollmentHotline,
      };
      await ctx.store.putSettings(settings);
      await auditAppend(ctx, 'settings.admissionNotice', 'settings:policy', { ...input });
      return ok({
        reportDate: settings.admissionReportDate,
        bring: input.bring,
        appealDays: input.appealDays,
        placementDates: settings.placementDates,
        hotline: settings.enrollmentHotline,
      });
    },
  }),

  /** Review requests of this cycle, oldest first, with the child and the school they were placed at. */
  appeals: defineAction(placementContract.appeals, placementPayloads.appeals, {
    roles: ['bureau'],
    async run(ctx, input) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const page = await ctx.store.listAppeals(s.enrollmentYear, input.state, {
        offset: input.offset,
        limit: 20,
      });
      const names = new Map((await ctx.store.listSchools()).map((x) => [x.id as string, x.name]));
      const items = await Promise.all(
        page.items.map(async (a) => {
          const r = await ctx.store.getRegistration(a.id);
          return {
            id: a.id,
            childName: r?.childName ?? '',
            stage: a.stage,
            schoolName: a.schoolId ? (names.get(a.schoolId) ?? a.schoolId) : '统筹',
            explanation: r?.placement?.explanation ?? '',
            state: appealStateOf(a),
            text: a.appeal?.text ?? '',
            at: a.appeal?.at ?? '',
            hasDocument: Boolean(a.appeal?.document),
            answer: a.answer ? { ...a.answer, outcomeLabel: appealOutcomeLabels[a.answer.outcome] } : null,
          };
        }),
      );
      return ok({ items, next: page.next });
    },
  }),

  /** Answers a review once; the family is told at once (in-app, and WeChat if they allowed it). */
  appealAnswer: defineAction(placementContract.appealAnswer, placementPayloads.appealAnswer, {
    roles: ['bureau'],
    async run(ctx, input) {
      const cur = await ctx.store.getPlacementResponse(asRegistrationId(input.id));
      if (!cur?.appeal) return fail('NOT_FOUND', '没有找到这条复核申请。');
      if (cur.answer) return fail('INVALID_TRANSITION', '这条复核申请已经答复过了。');
      const at = ctx.now.toISOString();
      const answer = { text: input.text, outcome: input.outcome, by: ctx.caller.openid, at };
      const res = await ctx.store.savePlacementResponse(
        { ...cur, answer, version: cur.version + 1 },
        cur.version,
      );
      if (res.status !== 'ok') return fail('STALE_VERSION');
      await auditAppend(
        ctx,
        'admission.appealAnswer',
        `registration:${cur.id}`,
        { outcome: input.outcome },
        at,
      );
      const r = await ctx.store.getRegistration(cur.id);
      if (r) {
        await noticeSend(ctx, r, '复核答复', `${appealOutcomeLabels[input.outcome]}。${input.text}`);
      }
      return ok({ id: cur.id, answer });
    },
  }),
};
