/** What a family prepares before submitting: drafts of the form and the files attached to them. */
import type { OpenId } from '../../../shared/brand';
import type { RegistrationForm } from '../../../shared/registration/form';
import type { DocumentRef, Draft, StoredFile } from '../../../shared/registration/types';

export interface DraftStore {
  /**
   * Saves a draft's form (creating the draft if new), keeping the documents already attached — in
   * one write, so an attach landing at the same moment is not lost.
   */
  saveDraftForm(owner: OpenId, id: string, form: RegistrationForm, updatedAt: string): Promise<void>;
  /** Sets one document of a draft (null removes it) in one write; not_found when there is no draft. */
  setDraftDocument(
    owner: OpenId,
    id: string,
    slot: string,
    ref: DocumentRef | null,
    updatedAt: string,
  ): Promise<'ok' | 'not_found'>;
  getDraft(owner: OpenId, id: string): Promise<Draft | null>;
  listDrafts(owner: OpenId): Promise<readonly Draft[]>;
  deleteDraft(owner: OpenId, id: string): Promise<void>;

  putFile(file: StoredFile): Promise<void>;
  getFile(id: string): Promise<StoredFile | null>;
  /** Bytes of every file record this identity owns (the upload quota). */
  fileBytesOwned(owner: OpenId): Promise<number>;
  deleteFileRecord(id: string): Promise<void>;
  /** Removes many file records at once. */
  deleteFileRecords(ids: readonly string[]): Promise<void>;
}
