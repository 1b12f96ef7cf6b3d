/**
 * Retention (个人信息最小化): the bureau deletes the cycle's uploaded documents once the retention
 * period after the cycle has passed — files and their records, each registration keeping a
 * history entry that says so — and gets a report of what was deleted (first as a dry run). A
 * family can discard a draft, with its uploads, at any time.
 */
import { historyActorOf, historyEntry } from '../../shared/registration/history';
import { fail, ok } from '../../shared/errors';
import { retentionDates } from '../../shared/registration/retention';
import type { RegistrationId } from '../../shared/brand';
import type { Registration } from '../../shared/registration/types';
import { cstDateOf } from '../../shared/time';
import { registrationContract } from '../../shared/api/registration';
import { registrationPayloads } from '../../shared/api/registrationPayloads';
import type { FnContext } from '../../server/runtime/context';
import { defineAction } from '../../server/runtime/define';
import { filesRemove } from '../../server/runtime/files';
import { noSettings, settingsLoad } from '../../server/app/common';
import { auditAppend } from '../../server/app/audit';

/**
 * Registrations deleted per call: a county's documents (20,000 registrations, ~80,000 files) go
 * in steps that each fit the registration function's 5 s — files deleted 50 a call (the most
 * deleteFile takes), records and registrations changed many at a time — and the bureau's page
 * calls again until none are left.
 */
export const RETENTION_STEP = 1500;

/** Registrations with documents among the year's, from `from` (in id order), `count` of them read. */
async function withDocuments(ctx: FnContext, ids: readonly RegistrationId[], from: number, count: number) {
  const regs = await ctx.store.getRegistrations(ids.slice(from, from + count));
  return regs.filter((r) => Object.keys(r.documents).length > 0);
}

async function removeFile(ctx: FnContext, fileId: string): Promise<void> {
  await ctx.files.remove(fileId);
  await ctx.store.deleteFileRecord(fileId);
}

export const retentionActions = {
  /** Deletes (or, as a dry run, lists) the documents of this cycle once retention has passed. */
  retention: defineAction(registrationContract.retention, registrationPayloads.retention, {
    roles: ['bureau'],
    async run(ctx, input) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const dates = retentionDates(s);
      const today = cstDateOf(ctx.now);
      const due = today >= dates.deleteFrom;
      if (!input.dryRun && !due)
        return fail(
          'INVALID_TRANSITION',
          `材料须保存到招生结束（${dates.closesOn}）后${s.documentRetentionDays}天，${dates.deleteFrom}起才能删除。`,
        );
      const ids = (await ctx.store.registrationSummaries(s.enrollmentYear)).map((r) => r.id);
      // A dry run counts the whole year, a step's worth of registrations read at a time (only
      // counts are kept); a deletion handles one step's worth and says where the next starts.
      const bySchool: Record<string, { registrations: number; files: number; bytes: number }> = {};
      let files = 0;
      let bytes = 0;
      let registrations = 0;
      let regs: Registration[] = [];
      const end = input.dryRun ? ids.length : Math.min(ids.length, input.from + RETENTION_STEP);
      for (let at = input.dryRun ? 0 : input.from; at < end; at += RETENTION_STEP) {
        regs = await withDocuments(ctx, ids, at, Math.min(RETENTION_STEP, end - at));
        for (const r of regs) {
          const docs = Object.values(r.documents);
          const row = (bySchool[r.schoolId] ??= { registrations: 0, files: 0, bytes: 0 });
          row.registrations++;
          row.files += docs.length;
          row.bytes += docs.reduce((a, d) => a + d.size, 0);
          registrations++;
          files += docs.length;
          bytes += docs.reduce((a, d) => a + d.size, 0);
        }
      }
      if (!input.dryRun && regs.length > 0) {
        const fileIds = regs.flatMap((r) => Object.values(r.documents).map((d) => d.fileId));
        await filesRemove(ctx, fileIds);
        await ctx.store.deleteFileRecords(fileIds);
        const at = ctx.now.toISOString();
        await ctx.store.transitionMany(
          regs.map((r) => ({
            id: r.id,
            change: historyEntry(
              r.status,
              r.status,
              at,
              historyActorOf(ctx.caller),
              `上传的材料已按保存期限（招生结束后${s.documentRetentionDays}天）删除`,
            ),
            patch: { documents: {} },
          })),
        );
      }
      // More left after this step: the page asks again from `next`.
      const next = !input.dryRun && end < ids.length ? end : null;
      const report = {
        year: s.enrollmentYear,
        ...dates,
        due,
        dryRun: input.dryRun,
        done: next === null,
        next,
        registrations,
        files,
        bytes,
        bySchool,
      };
      if (!input.dryRun && registrations > 0)
        await auditAppend(ctx, 'registration.retention', `retention:${s.enrollmentYear}`, {
          registrations,
          files,
          bytes,
        });
      return ok(report);
    },
  }),

  /** A family discards a draft it no longer wants; its uploads go with it. */
  discardDraft: defineAction(registrationContract.discardDraft, registrationPayloads.discardDraft, {
    roles: ['parent'],
    async run(ctx, input) {
      const d = await ctx.store.getDraft(ctx.caller.openid, input.draftId);
      if (!d) return fail('NOT_FOUND', '没有找到这份草稿。');
      for (const doc of Object.values(d.documents)) await removeFile(ctx, doc.fileId);
      await ctx.store.deleteDraft(ctx.caller.openid, input.draftId);
      return ok({ discarded: input.draftId, files: Object.keys(d.documents).length });
    },
  }),
};
