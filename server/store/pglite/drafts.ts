/** PGlite: drafts and their files (DraftStore). */
import type { Draft, StoredFile } from '../../../shared/registration/types';
import type { DraftStore } from '../ports/drafts';
import type { Statement } from '../pgliteStatements';
import type { PgDocs } from './sql';

/** Removes a draft (also when a registration is created from it: see pglite/registrations.ts). */
export const draftDelete = (owner: string, id: string): Statement => ({
  sql: 'DELETE FROM drafts WHERE owner = $1 AND id = $2',
  params: [owner, id],
});

export function pgliteDrafts({ pg, docs, one }: PgDocs): DraftStore {
  return {
    async saveDraftForm(owner, id, form, updatedAt) {
      const fresh: Draft = { id, ownerOpenid: owner, form, documents: {}, updatedAt };
      await pg.query(
        `INSERT INTO drafts (owner, id, updated_at, doc) VALUES ($1, $2, $3, $4)
         ON CONFLICT (owner, id) DO UPDATE SET updated_at = EXCLUDED.updated_at,
           doc = EXCLUDED.doc || jsonb_build_object('documents', drafts.doc->'documents')`,
        [owner, id, updatedAt, JSON.stringify(fresh)],
      );
    },
    async setDraftDocument(owner, id, slot, ref, updatedAt) {
      const stamped = "jsonb_set(doc, '{updatedAt}', to_jsonb($4::text))";
      const res =
        ref === null
          ? await pg.query(
              `UPDATE drafts SET updated_at = $5, doc = ${stamped} #- ARRAY['documents', $3::text]
               WHERE owner = $1 AND id = $2`,
              [owner, id, slot, updatedAt, updatedAt],
            )
          : await pg.query(
              `UPDATE drafts SET updated_at = $5, doc = jsonb_set(${stamped}, ARRAY['documents', $3::text], $6::jsonb)
               WHERE owner = $1 AND id = $2`,
              [owner, id, slot, updatedAt, updatedAt, JSON.stringify(ref)],
            );
      return res.affectedRows === 1 ? 'ok' : 'not_found';
    },
    getDraft: (owner, id) => one<Draft>('SELECT doc FROM drafts WHERE owner = $1 AND id = $2', [owner, id]),
    listDrafts: (owner) =>
      docs<Draft>('SELECT doc FROM drafts WHERE owner = $1 ORDER BY updated_at DESC LIMIT 20', [owner]),
    async deleteDraft(owner, id) {
      const { sql, params } = draftDelete(owner, id);
      await pg.query(sql, params);
    },

    async putFile(f: StoredFile) {
      await pg.query('INSERT INTO files (id, owner, doc) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
        f.id,
        f.ownerOpenid,
        JSON.stringify(f),
      ]);
    },
    getFile: (id) => one<StoredFile>('SELECT doc FROM files WHERE id = $1', [id]),
    async fileBytesOwned(owner) {
      const res = await pg.query<{ n: string | number }>(
        "SELECT coalesce(sum((doc->>'size')::bigint), 0) AS n FROM files WHERE owner = $1",
        [owner],
      );
      return Number(res.rows[0]?.n ?? 0);
    },
    async deleteFileRecord(id) {
      await pg.query('DELETE FROM files WHERE id = $1', [id]);
    },
    async deleteFileRecords(ids) {
      await pg.query('DELETE FROM files WHERE id = ANY($1::text[])', [[...ids]]);
    },
  };
}
