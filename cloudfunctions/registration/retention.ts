/**
 * Retention (个人信息最小化): the bureau deletes the cycle's uploaded documents once the retention
 * period after the cycle has passed — files and their records, each registration keeping a
 * history entry that says so — and gets a report of what was deleted (first as a dry run). A
 * family can discard a draft, with its uploads, at any time.
 */
import { fail, ok } from '../../shared/errors';
import { retentionDates } from '../../shared/registration/retention';
import { registrationStatuses } from '../../shared/registration/status';
import type { Registration } from '../../shared/registration/types';
import { cstDateOf } from '../../shared/time';
import { registrationContract } from '../../shared/api/registration';
import { registrationPayloads } from '../../shared/api/registrationPayloads';
import type { FnContext } from '../../server/runtime/context';
import { defineAction } from '../../server/runtime/define';
import { noSettings, settingsLoad } from '../../server/app/common';

async function withDocuments(ctx: FnContext, year: number): Promise<Registration[]> {
  const out: Registration[] = [];
  for (const stage of ['primary', 'junior'] as const)
    for (const status of registrationStatuses)
      for (let offset: number | null = 0; offset !== null;) {
        const page = await ctx.store.listRegistrationsByStatus(year, stage, status, { offset, limit: 200 });
        out.push(...page.items.filter((r) => Object.keys(r.documents).length > 0));
        offset = page.next;
      }
  return out;
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
      const regs = await withDocuments(ctx, s.enrollmentYear);
      const bySchool: Record<string, { registrations: number; files: number; bytes: number }> = {};
      let files = 0;
      let bytes = 0;
      for (const r of regs) {
        const docs = Object.values(r.documents);
        const row = (bySchool[r.schoolId] ??= { registrations: 0, files: 0, bytes: 0 });
        row.registrations++;
        row.files += docs.length;
        row.bytes += docs.reduce((a, d) => a + d.size, 0);
        files += docs.length;
        bytes += docs.reduce((a, d) => a + d.size, 0);
        if (input.dryRun) continue;
        for (const d of docs) await removeFile(ctx, d.fileId);
        await ctx.store.transitionRegistration(
          r.id,
          r.version,
          {
            from: r.status,
            to: r.status,
            at: ctx.now.toISOString(),
            by: { kind: 'user', openid: ctx.caller.openid, role: 'bureau' },
            reason: `上传的材料已按保存期限（招生结束后${s.documentRetentionDays}天）删除`,
          },
          { documents: {} },
        );
      }
      const report = {
        year: s.enrollmentYear,
        ...dates,
        due,
        dryRun: input.dryRun,
        registrations: regs.length,
        files,
        bytes,
        bySchool,
      };
      if (!input.dryRun)
        await ctx.store.appendAudit({
          at: ctx.now.toISOString(),
          actor: ctx.caller.openid,
          action: 'registration.retention',
          entity: `retention:${s.enrollmentYear}`,
          detail: { registrations: regs.length, files, bytes },
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
