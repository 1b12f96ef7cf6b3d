/** PGlite: the children's roster (CensusStore). */
import type { CensusRecord } from '../../../shared/oversight/census';
import { pageClamp, pageOf } from '../ports/common';
import type { CensusStore } from '../ports/census';
import type { PgDocs } from './sql';

export function pgliteCensus({ pg, docs, one, saveVersioned }: PgDocs): CensusStore {
  return {
    async mergeCensus(year, rows) {
      if (rows.length === 0) return;
      // One statement for the whole sheet: new children inserted, known ones get the new `child`
      // and the next version; the stored follow-ups stay as they are.
      await pg.query(
        `INSERT INTO census (id, year, township, version, doc)
         SELECT e->>'id', $1::int, e->'child'->>'township', 1,
                jsonb_build_object('id', e->>'id', 'year', $1::int, 'child', e->'child',
                                   'followUps', '[]'::jsonb, 'version', 1)
         FROM jsonb_array_elements($2::jsonb) AS e
         ON CONFLICT (id) DO UPDATE SET
           township = EXCLUDED.township,
           version = census.version + 1,
           doc = jsonb_set(jsonb_set(census.doc, '{child}', EXCLUDED.doc->'child'),
                           '{version}', to_jsonb(census.version + 1))`,
        [year, JSON.stringify(rows.map((r) => ({ id: r.id, child: r.child })))],
      );
    },
    async removeCensus(ids) {
      if (ids.length > 0) await pg.query('DELETE FROM census WHERE id = ANY($1::text[])', [[...ids]]);
    },
    censusAll: (year) =>
      docs<CensusRecord>('SELECT doc FROM census WHERE year = $1 ORDER BY township, id', [year]),
    async listCensus(year, page) {
      const p = pageClamp(page);
      const rows = await docs<CensusRecord>(
        'SELECT doc FROM census WHERE year = $1 ORDER BY township, id LIMIT $2 OFFSET $3',
        [year, p.limit + 1, p.offset],
      );
      return pageOf(rows, p);
    },
    getCensus: (id) => one<CensusRecord>('SELECT doc FROM census WHERE id = $1', [id]),
    // Only updates: a child comes onto the roster by mergeCensus.
    saveCensus: (next, expectedVersion) => saveVersioned('census', next, expectedVersion),
  };
}
