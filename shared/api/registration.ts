/**
 * The registration function's actions: what each answers and whether it changes state (a state change
 * is sent with a retry key, and the server keeps its first response for a retry). The payload
 * schemas are in registrationPayloads.ts (zod stays out of the client bundle).
 */
import { change, read } from './contract';
import type { DocumentRef, Draft, Notice } from '../registration/types';
import type {
  AdmissionView,
  BulkApproveResult,
  Capacity,
  PageOf,
  RegistrationContext,
  RegistrationGuidance,
  RegistrationView,
  RetentionReport,
  SchoolQueue,
} from './views';

export const registrationContract = {
  admission: read<AdmissionView>(),
  accept: change<AdmissionView>(),
  appeal: change<AdmissionView>(),
  appealDocumentLink: read<{ url: string; mime: string }>(),
  capacity: read<Capacity>(),
  attachDocument: change<{ slot: string; document: DocumentRef }>(),
  detachDocument: change<{ readonly slot: string }>(),
  registerCloudFile: change<{ readonly fileId: string }>(),
  documentLink: read<{ url: string; mime: string }>(),
  submit: change<RegistrationView>(),
  resubmit: change<RegistrationView>(),
  withdraw: change<RegistrationView>(),
  guidance: read<RegistrationGuidance>(),
  addDocument: change<RegistrationView>(),
  context: read<RegistrationContext>(),
  saveDraft: read<{ savedAt: string }>(),
  getDraft: read<Draft>(),
  listMine: read<PageOf<RegistrationView>>(),
  get: read<RegistrationView>(),
  queue: read<SchoolQueue>(),
  subscribe: change<{ enabled: boolean; quota: number }>(),
  notices: read<PageOf<Notice>>(),
  retention: change<RetentionReport>(),
  discardDraft: change<{ discarded: string; files: number }>(),
  byChild: read<{ items: RegistrationView[] }>(),
  void: change<RegistrationView>(),
  review: change<RegistrationView>(),
  bulkApprove: change<BulkApproveResult>(),
};
