/**
 * Documents: a family attaches its uploads to a draft's slots; the family and the reviewing
 * school (and the bureau) can open them through short-lived links, nobody else.
 */
import { asRegistrationId } from '../../shared/brand';
import { fail, ok } from '../../shared/errors';
import type { DocumentRef } from '../../shared/registration/types';
import { registrationContract } from '../../shared/api/registration';
import { registrationPayloads } from '../../shared/api/registrationPayloads';
import { defineAction } from '../../server/runtime/define';
import { registrationInReach } from '../../server/security/reach';
import { UPLOAD_DEFAULTS, uploadQuotaRefusal, uploadRateRefusal } from '../../server/security/uploadLimits';

export const documentActions = {
  attachDocument: defineAction(registrationContract.attachDocument, registrationPayloads.attachDocument, {
    roles: ['parent'],
    async run({ store, caller, now }, input) {
      const file = await store.getFile(input.fileId);
      if (!file || file.ownerOpenid !== caller.openid)
        return fail('NOT_FOUND', '没有找到这份上传的文件，请重新上传。');
      const ref: DocumentRef = {
        fileId: file.id,
        sha256: file.sha256,
        mime: file.mime,
        size: file.size,
        at: now.toISOString(),
      };
      // One write of just this slot: two photos attached at once both stay.
      const set = await store.setDraftDocument(
        caller.openid,
        input.draftId,
        input.slot,
        ref,
        now.toISOString(),
      );
      if (set === 'not_found') return fail('NOT_FOUND', '请先保存草稿再上传材料。');
      return ok({ slot: input.slot, document: ref });
    },
  }),

  detachDocument: defineAction(registrationContract.detachDocument, registrationPayloads.detachDocument, {
    roles: ['parent'],
    async run({ store, caller, now }, input) {
      const set = await store.setDraftDocument(
        caller.openid,
        input.draftId,
        input.slot,
        null,
        now.toISOString(),
      );
      if (set === 'not_found') return fail('NOT_FOUND');
      return ok({ slot: input.slot });
    },
  }),

  /** WeChat: the phone uploads to cloud storage itself; this records that the caller owns it. */
  registerCloudFile: defineAction(
    registrationContract.registerCloudFile,
    registrationPayloads.registerCloudFile,
    {
      roles: ['parent'],
      async run(ctx, input) {
        const { store, caller, now } = ctx;
        const known = await store.getFile(input.fileId);
        // A retry of this caller's own registration answers the same; someone else's file stays theirs.
        if (known)
          return known.ownerOpenid === caller.openid
            ? ok({ fileId: input.fileId })
            : fail('NOT_FOUND', '这份文件已由其他账号登记，请重新拍摄后上传。');
        // The bytes already sit in cloud storage: a refused upload is deleted there too, so a refusal
        // keeps nothing (the quota counts recorded files only).
        const limits = ctx.uploads?.limits ?? UPLOAD_DEFAULTS;
        const refusal =
          ctx.uploads && !ctx.uploads.take(caller.openid, now.getTime())
            ? uploadRateRefusal()
            : await uploadQuotaRefusal(store, caller.openid, input.size, limits);
        if (refusal) {
          await ctx.files.remove(input.fileId);
          return refusal;
        }
        await store.putFile({
          id: input.fileId,
          ownerOpenid: caller.openid,
          sha256: input.sha256,
          mime: input.mime,
          size: input.size,
          createdAt: now.toISOString(),
        });
        return ok({ fileId: input.fileId });
      },
    },
  ),

  documentLink: defineAction(registrationContract.documentLink, registrationPayloads.documentLink, {
    roles: ['parent', 'principal', 'reviewer', 'bureau'],
    async run(ctx, input) {
      const c = ctx.caller;
      let ref: DocumentRef | undefined;
      if (input.draftId && c.role === 'parent') {
        ref = (await ctx.store.getDraft(c.openid, input.draftId))?.documents[input.slot];
      } else if (input.registrationId) {
        const r = await ctx.store.getRegistration(asRegistrationId(input.registrationId));
        ref = r !== null && registrationInReach(c, r) ? r.documents[input.slot] : undefined;
      }
      if (!ref) return fail('NOT_FOUND', '没有找到这份材料。');
      return ok({ url: await ctx.files.link(ref.fileId, ctx.now), mime: ref.mime });
    },
  }),
};
