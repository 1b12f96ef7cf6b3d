/**
 * The placement function's actions: what each answers and whether it changes state (a state change
 * is sent with a retry key, and the server keeps its first response for a retry). The payload
 * schemas are in placementPayloads.ts (zod stays out of the client bundle).
 */
import { change, read } from './contract';
import type { PlacementPublishStep } from './views';
import type { FileDownload } from '../download';
import type {
  AdmissionNoticeSettings,
  AppealItem,
  ArrangeView,
  PlacementRunView,
  PlacementStatus,
} from './views';

export const placementContract = {
  noticeSettings: read<AdmissionNoticeSettings>(),
  setNotice: change<AdmissionNoticeSettings>(),
  appeals: read<{ items: AppealItem[]; next: number | null }>(),
  appealAnswer: change<{ id: string }>(),
  status: read<PlacementStatus>(),
  frozenList: read<FileDownload>(),
  finalRun: change<FileDownload>(),
  freeze: change<{ id: string; inputHash: string; count: number; file: FileDownload }>(),
  run: change<PlacementRunView>(),
  /** One step of publishing (a county's results go out a few thousand at a time). */
  publish: change<PlacementPublishStep>(),
  /** After publication: the children waiting for 统筹安排 and each school's seats left. */
  arrangeList: read<ArrangeView>(),
  /** 统筹安排: a seat at a school with seats left, with the bureau's reason; the family is told. */
  arrange: change<{ schoolId: string; schoolName: string }>(),
};
