/**
 * 控辍保学 for the bureau: the year's census roster compared with registrations — each child not
 * registered, registered but not placed, placed but not reported, or reported — with a summary
 * per township (入学率) and follow-up records per child (contact attempts, 劝返 outcome).
 */
import * as z from 'zod';
import { fail, ok } from '../../shared/errors';
import { censusBuckets, followUpOutcomes, type CensusRecord } from '../../shared/oversight/census';
import { defineAction } from '../../server/runtime/define';
import { text } from '../../server/runtime/payload';
import { noSettings, settingsLoad } from '../../server/app/common';
import { censusStanding } from '../../server/app/census';

export const censusActions = {
  census: defineAction({
    roles: ['bureau'],
    input: z
      .object({
        township: text(40).nullable().default(null),
        bucket: z.enum(censusBuckets).nullable().default(null),
        offset: z.number().int().min(0).max(1_000_000).default(0),
        /** The list's order: by township (then village and name), by name, or by standing. */
        sort: z.enum(['township', 'name', 'bucket']).default('township'),
        limit: z.number().int().min(10).max(100).default(50),
      })
      .strict(),
    async run(ctx, input) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const { records, rows, townships } = await censusStanding(ctx, s.enrollmentYear);
      const withFollowUps = rows.map((row, i) => ({
        ...row,
        id: (records[i] as CensusRecord).id,
        followUps: (records[i] as CensusRecord).followUps,
      }));
      const picked = withFollowUps.filter(
        (r) =>
          (!input.township || r.township === input.township) && (!input.bucket || r.bucket === input.bucket),
      );
      const order = (a: (typeof picked)[number], b: (typeof picked)[number]) =>
        input.sort === 'name'
          ? a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1)
          : input.sort === 'bucket'
            ? censusBuckets.indexOf(a.bucket) - censusBuckets.indexOf(b.bucket) || (a.id < b.id ? -1 : 1)
            : a.township.localeCompare(b.township, 'zh-CN') ||
              a.village.localeCompare(b.village, 'zh-CN') ||
              a.name.localeCompare(b.name, 'zh-CN') ||
              (a.id < b.id ? -1 : 1);
      const sorted = [...picked].sort(order);
      const PAGE = input.limit;
      return ok({
        year: s.enrollmentYear,
        townships,
        total: sorted.length,
        offset: input.offset,
        limit: PAGE,
        items: sorted.slice(input.offset, input.offset + PAGE),
        next: input.offset + PAGE < sorted.length ? input.offset + PAGE : null,
      });
    },
  }),

  /** A contact attempt or a 劝返 outcome for a child on the roster, kept with the record. */
  censusFollowUp: defineAction({
    roles: ['bureau'],
    idempotent: true,
    input: z
      .object({
        id: text(60),
        text: text(300).trim().min(2, '请写明联系或劝返的情况'),
        outcome: z.enum(followUpOutcomes).nullable().default(null),
      })
      .strict(),
    async run(ctx, input) {
      const cur = await ctx.store.getCensus(input.id);
      if (!cur) return fail('NOT_FOUND', '名册中没有这名儿童。');
      const next: CensusRecord = {
        ...cur,
        followUps: [
          ...cur.followUps,
          { at: ctx.now.toISOString(), by: ctx.caller.openid, text: input.text, outcome: input.outcome },
        ],
        version: cur.version + 1,
      };
      if ((await ctx.store.saveCensus(next, cur.version)).status !== 'ok')
        return fail('STALE_VERSION', '记录已被他人修改，请刷新后重试。');
      await ctx.store.appendAudit({
        at: ctx.now.toISOString(),
        actor: ctx.caller.openid,
        action: 'census.followUp',
        entity: `census:${cur.id}`,
        detail: { outcome: input.outcome },
      });
      return ok(next);
    },
  }),
};
