/**
 * After the submit: what the family should do next (every status, with the bureau's dates), and
 * uploading a missing document to a submitted registration when the bureau allows 缺件先报
 * (issue 17, defects 3 and 5).
 */
import { historyActorOf, historyEntry } from '../../shared/registration/history';
import { finalRunIdOf } from '../../shared/placement/ids';
import { asRegistrationId } from '../../shared/brand';
import { fail, ok } from '../../shared/errors';
import { appealClosesOn } from '../../shared/placement/response';
import { documentSlots, documentsMissing } from '../../shared/registration/documents';
import { registrationFlags } from '../../shared/registration/flags';
import {
  documentsLateAllowed,
  documentsUploadStatuses,
  lateApprovalStatuses,
  registrationGuidance,
} from '../../shared/registration/guidance';
import { registrationHoldsChild } from '../../shared/registration/status';
import type { DocumentRef } from '../../shared/registration/types';
import { registrationView } from '../../shared/registration/view';
import { cstDateLabel, cstDateOf } from '../../shared/time';
import { registrationContract } from '../../shared/api/registration';
import { registrationPayloads } from '../../shared/api/registrationPayloads';
import { defineAction } from '../../server/runtime/define';
import { noSettings, schoolContactOf, schoolNameOf, settingsLoad } from '../../server/app/common';
import { auditAppend } from '../../server/app/audit';

export const guidanceActions = {
  /** What happens next for one of the family's registrations. */
  guidance: defineAction(registrationContract.guidance, registrationPayloads.guidance, {
    roles: ['parent'],
    async run(ctx, input) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const r = await ctx.store.getRegistration(asRegistrationId(input.id));
      if (!r || r.ownerOpenid !== ctx.caller.openid) return fail('NOT_FOUND');
      const run = r.placement ? await ctx.store.getPlacementRun(r.placement.runId) : null;
      // The stage's formal draw (its head, not its result), read only
      // for a registration still waiting for a place: whether it missed the draw.
      const waiting = !r.placement && (lateApprovalStatuses as readonly string[]).includes(r.status);
      const draw = waiting ? await ctx.store.getPlacementRunHead(finalRunIdOf(r.year, r.stage)) : null;
      const placedAt = r.placement?.schoolId ?? null;
      const g = registrationGuidance(r, s, {
        today: cstDateOf(ctx.now),
        schoolName: await schoolNameOf(ctx, r.schoolId),
        schoolContact: await schoolContactOf(ctx, r.schoolId),
        appealClosesOn: run?.publishedAt ? appealClosesOn(run.publishedAt, s.appealDays) : null,
        placedSchoolName: placedAt ? await schoolNameOf(ctx, placedAt) : null,
        drawPublishedOn: draw?.publishedAt ? cstDateOf(new Date(draw.publishedAt)) : null,
      });
      // Registered again since (by this family or, after a voiding, anyone): nothing to redo here,
      // and the page says so instead of offering 重新报名 (walk leftover).
      const holder = g.canRegisterAgain
        ? (await ctx.store.listRegistrationsByChild(r.childKey)).find((x) => registrationHoldsChild(x.status))
        : undefined;
      if (!holder) return ok(g);
      const own = holder.ownerOpenid === ctx.caller.openid;
      return ok({
        ...g,
        title: '报名已撤回，孩子已经重新报名。',
        canRegisterAgain: false,
        againId: own ? holder.id : null,
        steps: [
          own
            ? '新的报名在“我的报名”中，点下方“查看新的报名”即可查看进度。'
            : '孩子已由另一个微信账号重新报名；如不是您的家人所报，请联系教育局招生办公室。',
        ],
      });
    },
  }),

  /**
   * 缺件先报: the family uploads a missing document to its submitted registration until the
   * bureau's date. The registration keeps its status; the change is in its history, and the
   * school sees the document and the flag go away when nothing is missing any more.
   */
  addDocument: defineAction(registrationContract.addDocument, registrationPayloads.addDocument, {
    roles: ['parent'],
    async run(ctx, input) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const r = await ctx.store.getRegistration(asRegistrationId(input.id));
      if (!r || r.ownerOpenid !== ctx.caller.openid) return fail('NOT_FOUND');
      // Whose file comes before the registration's state: a file that is not the caller's answers
      // like a missing one whatever the registration's state.
      const file = await ctx.store.getFile(input.fileId);
      if (!file || file.ownerOpenid !== ctx.caller.openid)
        return fail('NOT_FOUND', '没有找到这份上传的文件，请重新上传。');
      const today = cstDateOf(ctx.now);
      if (!(documentsUploadStatuses as readonly string[]).includes(r.status))
        return fail('INVALID_TRANSITION', '当前状态下不能补传材料；如需修改报名，请联系学校。');
      if (!documentsLateAllowed(s, today)) {
        return fail(
          'OUT_OF_WINDOW',
          s.missingDocumentsUntil
            ? `补传材料的截止日期（${cstDateLabel(s.missingDocumentsUntil)}）已过，请联系学校。`
            : '教育局未开放报名后补传材料，请联系学校。',
        );
      }
      const missing = documentsMissing(r.form, new Set(Object.keys(r.documents)));
      const slot = documentSlots.find((d) => d.key === input.slot);
      if (!slot || !missing.some((m) => m.key === input.slot))
        return fail('INVALID_INPUT', '这份材料已经上传或不需要上传。');
      const ref: DocumentRef = {
        fileId: file.id,
        sha256: file.sha256,
        mime: file.mime,
        size: file.size,
        at: ctx.now.toISOString(),
      };
      const documents = { ...r.documents, [input.slot]: ref };
      const stillMissing = missing.length - 1;
      const flags = registrationFlags(
        r.form,
        {
          birthDate: r.birthDate,
          propertyConflict: r.flags.includes('property_reused'),
          missingDocuments: stillMissing,
        },
        s,
      );
      const change = historyEntry(
        r.status,
        r.status,
        ctx.now.toISOString(),
        historyActorOf(ctx.caller),
        `家长补传了${slot.label}${stillMissing > 0 ? `，还缺少${stillMissing}份` : '，材料已齐全'}`,
      );
      const res = await ctx.store.transitionRegistration(r.id, input.version, change, { documents, flags });
      if (res.status === 'not_found') return fail('NOT_FOUND');
      if (res.status === 'stale') return fail('STALE_VERSION');
      await auditAppend(
        ctx,
        'registration.addDocument',
        `registration:${r.id}`,
        { slot: input.slot, sha256: file.sha256, stillMissing },
        change.at,
      );
      return ok(registrationView(res.registration, await schoolNameOf(ctx, r.schoolId), true));
    },
  }),
};
