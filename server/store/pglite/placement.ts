/** PGlite: frozen lists, draws, responses and appeals (PlacementStore). */
import { appealStateOf, type PlacementResponse } from '../../../shared/placement/response';
import { pageClamp, pageOf } from '../ports/common';
import type {
  PlacementFreeze,
  PlacementRunHead,
  PlacementRunRecord,
  PlacementStore,
} from '../ports/placement';
import type { PgDocs } from './sql';

export function pglitePlacement({ pg, docs, one, insert, saveVersioned }: PgDocs): PlacementStore {
  return {
    createFreeze: (f) =>
      insert('INSERT INTO placement_freezes (id, doc) VALUES ($1, $2)', [f.id, JSON.stringify(f)]),
    getFreeze: (id) => one<PlacementFreeze>('SELECT doc FROM placement_freezes WHERE id = $1', [id]),
    createPlacementRun: (r) =>
      insert('INSERT INTO placement_runs (id, freeze_id, doc) VALUES ($1, $2, $3)', [
        r.id,
        r.freezeId,
        JSON.stringify(r),
      ]),
    getPlacementRun: (id) => one<PlacementRunRecord>('SELECT doc FROM placement_runs WHERE id = $1', [id]),
    getPlacementRunHead: (id) =>
      one<PlacementRunHead>(
        "SELECT doc - 'result' - 'coordination' AS doc FROM placement_runs WHERE id = $1",
        [id],
      ),
    async markRunPublished(id, at) {
      await pg.query(
        `UPDATE placement_runs SET doc = doc || jsonb_build_object('publishedAt', $2::text) WHERE id = $1`,
        [id, at],
      );
    },

    getPlacementResponse: (id) =>
      one<PlacementResponse>('SELECT doc FROM placement_responses WHERE id = $1', [id]),
    savePlacementResponse: (next, expectedVersion) =>
      // appeal_state and appealed_at sit beside the document for the bureau's list of appeals.
      saveVersioned('placement_responses', next, expectedVersion, {
        year: next.year,
        appeal_state: appealStateOf(next),
        appealed_at: next.appeal?.at ?? null,
      }),
    async listAppeals(year, state, page) {
      const p = pageClamp(page);
      const rows = await docs<PlacementResponse>(
        `SELECT doc FROM placement_responses WHERE year = $1 AND appeal_state <> 'none'
           AND ($2::text IS NULL OR appeal_state = $2)
         ORDER BY appealed_at, id LIMIT $3 OFFSET $4`,
        [year, state, p.limit + 1, p.offset],
      );
      return pageOf(rows, p);
    },
  };
}
