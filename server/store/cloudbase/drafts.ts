/** CloudBase: drafts (`_id` = `<owner>:<id>`) and their files (DraftStore). */
import type { Draft, StoredFile } from '../../../shared/registration/types';
import { read, readAllById } from '../cloudbaseCalls';
import { strip } from '../cloudbaseDocs';
import type { DraftStore } from '../ports/drafts';
import type { CloudStoreBase } from './common';

/** A draft's document id (also removed with a new registration: see cloudbase/registrations.ts). */
export const draftDocId = (owner: string, id: string): string => `${owner}:${id}`;

export function cloudbaseDrafts({ _, docs }: CloudStoreBase): DraftStore {
  const { col, byId, addUnique, updateOne } = docs;
  return {
    async saveDraftForm(owner, id, form, updatedAt) {
      // Only the form and the time change on an existing draft; its documents are left alone.
      // The write token makes the update report the draft even when the form is unchanged, so an
      // existing draft is never taken for a missing one (and replaced without its documents).
      const key = draftDocId(owner, id);
      for (;;) {
        if (await updateOne('drafts', key, {}, { form: _.set(form), updatedAt })) return;
        const fresh: Draft = { id, ownerOpenid: owner, form, documents: {}, updatedAt };
        if ((await addUnique('drafts', key, { ...fresh })).status === 'created') return;
        // Created meanwhile by a concurrent save: update that one.
      }
    },
    async setDraftDocument(owner, id, slot, ref, updatedAt) {
      // A nested field in update() changes just that slot: concurrent attaches do not overwrite.
      const ok = await updateOne(
        'drafts',
        draftDocId(owner, id),
        {},
        { documents: { [slot]: ref === null ? _.remove() : _.set(ref) }, updatedAt },
      );
      return ok ? 'ok' : 'not_found';
    },
    getDraft: (owner, id) => byId<Draft>('drafts', draftDocId(owner, id)),
    async listDrafts(owner) {
      const res = await read(() =>
        col('drafts').where({ ownerOpenid: owner }).orderBy('updatedAt', 'desc').limit(20).get(),
      );
      return res.data.map((d) => strip<Draft>(d));
    },
    async deleteFileRecord(id) {
      await docs.removeDoc('files', id);
    },
    deleteFileRecords: (ids) => docs.removeMany('files', ids),
    async deleteDraft(owner, id) {
      await docs.removeDoc('drafts', draftDocId(owner, id));
    },

    async putFile(f: StoredFile) {
      await addUnique('files', f.id, { ...f });
    },
    getFile: (id) => byId<StoredFile>('files', id),
    async fileBytesOwned(owner) {
      // Paged by _id (index: files ownerOpenid); the upload rate and quota keep this short.
      const rows = await readAllById((after) =>
        col('files')
          .where(after === null ? { ownerOpenid: owner } : { ownerOpenid: owner, _id: _.gt(after) })
          .orderBy('_id', 'asc')
          .field({ size: true }),
      );
      return rows.reduce((a, d) => a + (typeof d['size'] === 'number' ? d['size'] : 0), 0);
    },
  };
}
