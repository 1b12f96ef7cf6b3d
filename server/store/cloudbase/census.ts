/** CloudBase: the children's roster (CensusStore); `township` is kept beside each record for order. */
import type { CensusRecord } from '../../../shared/oversight/census';
import { inParallel, read } from '../cloudbaseCalls';
import { FAN_OUT, idRanges, strip } from '../cloudbaseDocs';
import type { CensusStore } from '../ports/census';
import type { CloudStoreBase } from './common';

export function cloudbaseCensus({ _, docs, pageQuery, saveVersioned }: CloudStoreBase): CensusStore {
  const { col, byId, updateOne } = docs;
  return {
    async mergeCensus(year, rows) {
      if (rows.length === 0) return;
      // Which of the sheet's children are on the roster already: a read per hundred ids, asked
      // FAN_OUT at a time (a county's 10,000 children: 100 reads, 5 round trips deep).
      const known = new Set<string>();
      const chunks: string[][] = [];
      for (let i = 0; i < rows.length; i += 100) chunks.push(rows.slice(i, i + 100).map((r) => r.id));
      await inParallel(chunks, FAN_OUT, async (ids) => {
        const res = await read(() =>
          col('census')
            .where({ _id: _.in(ids) })
            .field({ _id: true })
            .limit(100)
            .get(),
        );
        for (const d of res.data) known.add(String(d['_id']));
      });
      // New children in batches, with no follow-ups; known ones get the new fields and the next
      // version in parallel — their follow-ups are never written here, so none is lost.
      await docs.addMany(
        'census',
        rows
          .filter((r) => !known.has(r.id))
          .map((r) => ({
            _id: r.id,
            id: r.id,
            year,
            child: { ...r.child },
            followUps: [],
            version: 1,
            township: r.child.township,
          })),
      );
      await inParallel(
        rows.filter((r) => known.has(r.id)),
        FAN_OUT,
        (r) =>
          updateOne(
            'census',
            r.id,
            {},
            { child: _.set({ ...r.child }), township: r.child.township, version: _.inc(1) },
          ),
      );
    },
    removeCensus: (ids) => docs.removeMany('census', ids),
    async censusAll(year) {
      const rows = await docs.scan('census', { year }, undefined, idRanges(`${year}-`, '123456789'));
      return rows
        .map(({ township: _t, ...r }) => strip<CensusRecord>(r))
        .sort((a, b) =>
          a.child.township < b.child.township
            ? -1
            : a.child.township > b.child.township
              ? 1
              : a.id < b.id
                ? -1
                : 1,
        );
    },
    async listCensus(year, page) {
      const res = await pageQuery<CensusRecord & { township: string }>(
        'census',
        { year },
        [
          ['township', 'asc'],
          ['_id', 'asc'],
        ],
        page,
      );
      return { ...res, items: res.items.map(({ township: _t, ...r }) => r as CensusRecord) };
    },
    async getCensus(id) {
      const r = await byId<CensusRecord & { township?: string }>('census', id);
      if (!r) return null;
      const { township: _t, ...rest } = r;
      return rest as CensusRecord;
    },
    // Only updates (a child comes onto the roster by mergeCensus); `township` stays as merged.
    saveCensus: (next, expectedVersion) =>
      saveVersioned(
        'census',
        next.id,
        { followUps: next.followUps, child: next.child, version: next.version },
        expectedVersion,
      ),
  };
}
