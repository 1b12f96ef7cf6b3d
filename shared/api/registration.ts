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
  /**
   * `drawPublishedOn` (staff, a registration still waiting for a place): the day its stage's
   * formal draw was published (2027年7月25日), so an approval now is told it comes after the draw.
   */
  get: read<RegistrationView & { readonly drawPublishedOn: string | null }>(),
  queue: read<SchoolQueue>(),
  subscribe: change<{ enabled: boolean; quota: number }>(),
  notices: read<PageOf<Notice>>(),
  retention: change<RetentionReport>(),
  discardDraft: change<{ discarded: string; files: number }>(),
  /** `madeBy`: the account (报名账号一, 二…) and the guardian named, in prose. */
  byChild: read<{ items: (RegistrationView & { readonly madeBy: string })[] }>(),
  void: change<RegistrationView>(),
  review: change<RegistrationView>(),
  bulkApprove: change<BulkApproveResult>(),
};
