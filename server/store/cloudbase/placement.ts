/** CloudBase: frozen lists, draws, responses and appeals (PlacementStore). */
import { appealStateOf, type PlacementResponse } from '../../../shared/placement/response';
import { read } from '../cloudbaseCalls';
import { strip } from '../cloudbaseDocs';
import { partsDrop, partsLoad, partsSave, type PartsRef } from '../cloudbaseParts';
import type {
  PlacementFreeze,
  PlacementRunHead,
  PlacementRunRecord,
  PlacementStore,
} from '../ports/placement';
import type { CloudStoreBase } from './common';

/** Query columns stored beside a placement response. */
interface ResponseColumns {
  readonly appealState: string;
  readonly appealedAt: string | null;
}
const responseOf = ({ appealState: _s, appealedAt: _a, ...r }: PlacementResponse & ResponseColumns) =>
  r as PlacementResponse;

export function cloudbasePlacement({ _, docs, pageQuery, saveVersioned }: CloudStoreBase): PlacementStore {
  const { col, byId, addUnique, updateOne } = docs;
  return {
    // A county's frozen list and draw result are larger than a document may be: kept in parts.
    async createFreeze(f) {
      const parts = await partsSave(docs, f.id, f.input);
      // The children's names (for the bureau's pages) are as large again: in parts of their own.
      const nameParts = f.names ? await partsSave(docs, `${f.id}:names`, f.names) : null;
      const res = await addUnique('placementFreezes', f.id, {
        ...f,
        ...(parts ? { input: null, parts } : {}),
        ...(nameParts ? { names: null, nameParts } : {}),
      });
      if (res.status === 'duplicate') {
        if (parts) await partsDrop(docs, f.id, parts);
        if (nameParts) await partsDrop(docs, `${f.id}:names`, nameParts);
      }
      return res;
    },
    async getFreeze(id) {
      const d = await byId<PlacementFreeze & { parts?: PartsRef; nameParts?: PartsRef }>(
        'placementFreezes',
        id,
      );
      if (!d) return null;
      const { parts, nameParts, ...f } = d;
      return {
        ...f,
        ...(parts ? { input: (await partsLoad(docs, id, parts)) as PlacementFreeze['input'] } : {}),
        ...(nameParts
          ? { names: (await partsLoad(docs, `${id}:names`, nameParts)) as Record<string, string> }
          : {}),
      };
    },
    async createPlacementRun(r) {
      const parts = await partsSave(docs, r.id, { result: r.result, coordination: r.coordination });
      const res = await addUnique(
        'placementRuns',
        r.id,
        parts ? { ...r, result: null, coordination: null, parts } : { ...r },
      );
      if (res.status === 'duplicate' && parts) await partsDrop(docs, r.id, parts);
      return res;
    },
    async getPlacementRunHead(id) {
      const res = await read(() =>
        col('placementRuns')
          .where({ _id: id })
          .field({ id: true, freezeId: true, dryRun: true, at: true, by: true, publishedAt: true })
          .limit(1)
          .get(),
      );
      const d = res.data[0];
      return d ? strip<PlacementRunHead>(d) : null;
    },
    async getPlacementRun(id) {
      const d = await byId<PlacementRunRecord & { parts?: PartsRef }>('placementRuns', id);
      if (!d?.parts) return d;
      const { parts, ...r } = d;
      const body = (await partsLoad(docs, id, parts)) as Pick<PlacementRunRecord, 'result' | 'coordination'>;
      return { ...r, ...body };
    },
    async markRunPublished(id, at) {
      await updateOne('placementRuns', id, {}, { publishedAt: at });
    },

    async getPlacementResponse(id) {
      const d = await byId<PlacementResponse & ResponseColumns>('placementResponses', id);
      return d && responseOf(d);
    },
    savePlacementResponse: (next, expectedVersion) =>
      // appealState and appealedAt sit beside the document for the bureau's list (index them).
      saveVersioned(
        'placementResponses',
        next.id,
        { ...next, appealState: appealStateOf(next), appealedAt: next.appeal?.at ?? null },
        expectedVersion,
      ),
    async listAppeals(year, state, page) {
      const res = await pageQuery<PlacementResponse & ResponseColumns>(
        'placementResponses',
        { year, appealState: state ?? _.in(['open', 'answered']) },
        [
          ['appealedAt', 'asc'],
          ['_id', 'asc'],
        ],
        page,
      );
      return { ...res, items: res.items.map(responseOf) };
    },
  };
}
