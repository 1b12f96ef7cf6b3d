/**
 * After the results are published: what the family reads (school, report date, what to bring,
 * the review window), accepting the seat, and asking for a review (复核) with a text and one
 * optional document. The bureau's side (list and answer) lives in the placement function.
 */
import { asRegistrationId, type CstDate } from '../../shared/brand';
import { fail, ok, type Fail } from '../../shared/errors';
import {
  APPEAL_TEXT_MIN,
  acceptRefusal,
  appealClosesOn,
  appealOutcomeLabels,
  appealRefusal,
  appealStateOf,
  type PlacementResponse,
} from '../../shared/placement/response';
import { classLabel } from '../../shared/classing/plan';
import type { Registration } from '../../shared/registration/types';
import type { PolicySettings } from '../../shared/settings';
import { cstDateLabel } from '../../shared/time';
import { registrationContract } from '../../shared/api/registration';
import { registrationPayloads } from '../../shared/api/registrationPayloads';
import type { FnContext } from '../../server/runtime/context';
import { defineAction } from '../../server/runtime/define';
import { noSettings, schoolNameOf, settingsLoad } from '../../server/app/common';
import { auditAppend } from '../../server/app/audit';

/** The caller's own placed registration with its response and review window, or a failure. */
type Placed =
  | { readonly refused: Fail }
  | {
      readonly refused: null;
      readonly s: PolicySettings;
      readonly r: Registration;
      readonly response: PlacementResponse | null;
      readonly closesOn: CstDate;
    };

async function placedOwn(ctx: FnContext, id: string): Promise<Placed> {
  const s = await settingsLoad(ctx);
  if (!s) return { refused: noSettings() };
  const r = await ctx.store.getRegistration(asRegistrationId(id));
  // Someone else's child answers exactly like a missing one.
  if (!r || r.ownerOpenid !== ctx.caller.openid) return { refused: fail('NOT_FOUND') };
  if (!r.placement) return { refused: fail('INVALID_TRANSITION', '派位结果尚未公布。') };
  const run = await ctx.store.getPlacementRunHead(r.placement.runId);
  const publishedAt = run?.publishedAt ?? r.updatedAt;
  const closesOn = appealClosesOn(publishedAt, s.appealDays);
  const response = await ctx.store.getPlacementResponse(r.id);
  return { refused: null, s, r, response, closesOn };
}

function responseNew(r: Registration): PlacementResponse {
  return {
    id: r.id,
    ownerOpenid: r.ownerOpenid,
    year: r.year,
    stage: r.stage,
    runId: r.placement?.runId ?? '',
    schoolId: r.placement?.schoolId ?? null,
    acceptedAt: null,
    appeal: null,
    answer: null,
    version: 0,
  };
}

/** Writes the next version of a response; false when another tap wrote first. */
async function responseSave(ctx: FnContext, cur: PlacementResponse | null, next: PlacementResponse) {
  const res = await ctx.store.savePlacementResponse(
    { ...next, version: (cur?.version ?? 0) + 1 },
    cur ? cur.version : null,
  );
  return res.status === 'ok';
}

async function admissionView(
  ctx: FnContext,
  s: PolicySettings,
  r: Registration,
  response: PlacementResponse | null,
  closesOn: CstDate,
) {
  const schoolId = r.placement?.schoolId ?? null;
  const state = appealStateOf(response);
  // The class, once the school has published its split (均衡编班).
  const plan = schoolId ? await ctx.store.getClassingPlan(`${r.year}-${schoolId}`) : null;
  const classIndex =
    plan?.status === 'published' ? (plan.classes?.findIndex((c) => c.includes(r.id)) ?? -1) : -1;
  const homeroomId = classIndex >= 0 ? plan?.homeroom?.teacherIds[classIndex] : undefined;
  const homeroom = homeroomId ? await ctx.store.getTeacher(homeroomId as never) : null;
  return {
    registrationId: r.id,
    status: r.status,
    schoolId,
    schoolName: schoolId ? await schoolNameOf(ctx, schoolId) : null,
    className: plan && classIndex >= 0 ? classLabel(plan.stage, classIndex) : null,
    homeroomTeacher: homeroom?.name ?? null,
    reportDate: s.admissionReportDate[r.stage],
    reportDateLabel: cstDateLabel(s.admissionReportDate[r.stage]),
    bring: s.admissionBring,
    appealClosesOn: closesOn,
    appealClosesLabel: cstDateLabel(closesOn),
    acceptedAt: response?.acceptedAt ?? null,
    canAccept: acceptRefusal(r.status, response) === null,
    canAppeal: appealRefusal(r.status, response, closesOn, ctx.now) === null,
    appeal: response?.appeal
      ? {
          state,
          text: response.appeal.text,
          at: response.appeal.at,
          hasDocument: response.appeal.document !== null,
          answer: response.answer
            ? {
                text: response.answer.text,
                outcome: response.answer.outcome,
                outcomeLabel: appealOutcomeLabels[response.answer.outcome],
                at: response.answer.at,
              }
            : null,
        }
      : null,
  };
}

export const admissionActions = {
  /** The family's admission page: the school, report date, what to bring, accept / review state. */
  admission: defineAction(registrationContract.admission, registrationPayloads.admission, {
    roles: ['parent'],
    async run(ctx, input) {
      const got = await placedOwn(ctx, input.id);
      if (got.refused) return got.refused;
      return ok(await admissionView(ctx, got.s, got.r, got.response, got.closesOn));
    },
  }),

  accept: defineAction(registrationContract.accept, registrationPayloads.accept, {
    roles: ['parent'],
    async run(ctx, input) {
      const got = await placedOwn(ctx, input.id);
      if (got.refused) return got.refused;
      const { s, r, response, closesOn } = got;
      const refusal = acceptRefusal(r.status, response);
      if (refusal) return fail(refusal.code, refusal.message);
      const at = ctx.now.toISOString();
      const next = { ...(response ?? responseNew(r)), acceptedAt: at };
      if (!(await responseSave(ctx, response, next))) return fail('STALE_VERSION');
      await auditAppend(ctx, 'admission.accept', `registration:${r.id}`, { schoolId: next.schoolId }, at);
      const saved = await ctx.store.getPlacementResponse(r.id);
      return ok(await admissionView(ctx, s, r, saved, closesOn));
    },
  }),

  appeal: defineAction(registrationContract.appeal, registrationPayloads.appeal, {
    roles: ['parent'],
    async run(ctx, input) {
      const got = await placedOwn(ctx, input.id);
      if (got.refused) return got.refused;
      const { s, r, response, closesOn } = got;
      // Every id the caller names is checked against their reach before the state of the review.
      let document = null;
      if (input.fileId) {
        const file = await ctx.store.getFile(input.fileId);
        if (!file || file.ownerOpenid !== ctx.caller.openid)
          return fail('NOT_FOUND', '没有找到这份上传的文件，请重新上传。');
        document = {
          fileId: file.id,
          sha256: file.sha256,
          mime: file.mime,
          size: file.size,
          at: file.createdAt,
        };
      }
      if ([...input.text].length < APPEAL_TEXT_MIN)
        return fail('INVALID_INPUT', `复核理由请至少写${APPEAL_TEXT_MIN}个字，说明您认为结果有误的原因。`);
      const refusal = appealRefusal(r.status, response, closesOn, ctx.now);
      if (refusal) return fail(refusal.code, refusal.message);
      const at = ctx.now.toISOString();
      const next = { ...(response ?? responseNew(r)), appeal: { text: input.text, document, at } };
      if (!(await responseSave(ctx, response, next))) return fail('STALE_VERSION');
      await auditAppend(
        ctx,
        'admission.appeal',
        `registration:${r.id}`,
        { schoolId: next.schoolId, document: document?.sha256 ?? null },
        at,
      );
      const saved = await ctx.store.getPlacementResponse(r.id);
      return ok(await admissionView(ctx, s, r, saved, closesOn));
    },
  }),

  /** A short-lived link to a review's attachment: the family that sent it, or the bureau. */
  appealDocumentLink: defineAction(
    registrationContract.appealDocumentLink,
    registrationPayloads.appealDocumentLink,
    {
      roles: ['parent', 'bureau'],
      async run(ctx, input) {
        const response = await ctx.store.getPlacementResponse(asRegistrationId(input.id));
        const allowed =
          response !== null && (ctx.caller.role === 'bureau' || response.ownerOpenid === ctx.caller.openid);
        const ref = allowed ? response.appeal?.document : null;
        if (!ref) return fail('NOT_FOUND', '没有找到这份材料。');
        return ok({ url: await ctx.files.link(ref.fileId, ctx.now), mime: ref.mime });
      },
    },
  ),
};
