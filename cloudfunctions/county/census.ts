/**
 * 控辍保学 for the bureau: the year's census roster compared with registrations — each child not
 * registered, registered but not placed, placed but not reported, or reported — with a summary
 * per township (入学率) and follow-up records per child (contact attempts, 劝返 outcome).
 */
import { fail, ok } from '../../shared/errors';
import { censusBuckets, type CensusRecord } from '../../shared/oversight/census';
import { countyContract } from '../../shared/api/county';
import { countyPayloads } from '../../shared/api/countyPayloads';
import { defineAction } from '../../server/runtime/define';
import { noSettings, settingsLoad } from '../../server/app/common';
import { censusStanding } from '../../server/app/census';
import { auditAppend } from '../../server/app/audit';

export const censusActions = {
  census: defineAction(countyContract.census, countyPayloads.census, {
    roles: ['bureau'],
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
  censusFollowUp: defineAction(countyContract.censusFollowUp, countyPayloads.censusFollowUp, {
    roles: ['bureau'],
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
      await auditAppend(ctx, 'census.followUp', `census:${cur.id}`, { outcome: input.outcome });
      return ok(next);
    },
  }),
};
