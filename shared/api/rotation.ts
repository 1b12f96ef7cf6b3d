/**
 * The rotation function's actions: what each answers and whether it changes state (a state change
 * is sent with a retry key, and the server keeps its first response for a retry). The payload
 * schemas are in rotationPayloads.ts (zod stays out of the client bundle).
 */
import { change, read } from './contract';
import type { RotationRecord } from '../rotation/record';
import type {
  RotationNotice,
  RotationPreview,
  RotationRecordView,
  RotationRulesView,
  RotationSchoolView,
} from './views';

export const rotationContract = {
  preview: read<RotationPreview>(),
  publish: change<RotationRecord>(),
  record: read<RotationRecordView | null>(),
  answer: change<RotationRecord>(),
  finalise: change<RotationRecord>(),
  rules: read<RotationRulesView>(),
  setRules: change<RotationRulesView>(),
  school: read<RotationSchoolView>(),
  nominate: change<RotationSchoolView>(),
  unnominate: change<RotationSchoolView>(),
  schoolPublicity: change<RotationSchoolView>(),
  mine: read<RotationNotice>(),
  acknowledge: change<RotationRecord>(),
  object: change<RotationRecord>(),
  report: change<RotationRecord>(),
  subscribe: change<{ enabled: boolean; quota: number }>(),
};
