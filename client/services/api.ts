/** Typed calls per action. Pages use these and never shape backend data themselves. */
import type { AdmissionNoticeSettings, CensusSort } from '@shared/api';
import type { CensusBucket, FollowUpOutcome } from '@shared/oversight/census';
import type { RecordView } from '@shared/oversight/recordView';
import type { RotationAdjustment } from '@shared/rotation/adjust';
import type { RotationSettings } from '@shared/rotation/eligibility';
import type { LatePlacement } from '@shared/classing/plan';

import type { Envelope } from '@shared/errors';
import type { Stage } from '@shared/settings';
import type { StaffRole } from '@shared/identity/roles';
import type { RegistrationForm } from '@shared/registration/form';
import type { ReviewDecision } from '@shared/registration/review';
import type { RegistrationStatus } from '@shared/registration/status';
import type { PayloadOf } from '@shared/api/functions';

export type {
  CensusImportResult,
  CensusReplaceResult,
  CensusSort,
  CensusView,
  Dashboard,
  RetentionReport,
  SchoolOversight,
} from '@shared/api';
import { localGet, localPost, send } from './transport';

export const authApi = {
  whoami: () => send('auth', 'whoami', {}),
  redeemInvite: (code: string) => send('auth', 'redeemInvite', { code }),
  createInvite: (p: { role: StaffRole; schoolId: string | null; displayName: string; validDays: number }) =>
    send('auth', 'createInvite', p),
};

export interface QueueQuery {
  readonly status: RegistrationStatus | null;
  readonly tier: number | null;
  readonly flag: string | null;
  readonly route: 'resident' | 'migrant' | null;
  readonly search: string | null;
}

export const registrationApi = {
  context: () => send('registration', 'context', {}),
  saveDraft: (draftId: string, form: RegistrationForm) =>
    send('registration', 'saveDraft', { draftId, form }),
  getDraft: (draftId: string) => send('registration', 'getDraft', { draftId }),
  retention: (dryRun: boolean, from = 0) => send('registration', 'retention', { dryRun, from }),
  discardDraft: (draftId: string) => send('registration', 'discardDraft', { draftId }),
  submit: (draftId: string, form: RegistrationForm) =>
    send('registration', 'submit', { draftId, form, schoolTypeConfirmed: true }),
  resubmit: (id: string, version: number, draftId: string, form: RegistrationForm) =>
    send('registration', 'resubmit', { id, version, draftId, form }),
  withdraw: (id: string, version: number, reason: string) =>
    send('registration', 'withdraw', { id, version, reason }),
  listMine: (offset = 0) => send('registration', 'listMine', { offset }),
  get: (id: string) => send('registration', 'get', { id }),
  subscribe: (accepted: boolean) => send('registration', 'subscribe', { accepted }),
  notices: (offset = 0) => send('registration', 'notices', { offset }),
  queue: (q: QueueQuery, offset = 0) => send('registration', 'queue', { ...q, offset }),
  review: (p: {
    id: string;
    version: number;
    decision: ReviewDecision;
    reasonCode: string | null;
    reason: string;
    deadline: string | null;
  }) => send('registration', 'review', p),
  bulkApprove: (items: { id: string; version: number }[]) => send('registration', 'bulkApprove', { items }),
  attachDocument: (draftId: string, slot: string, fileId: string) =>
    send('registration', 'attachDocument', {
      draftId,
      slot,
      fileId,
    }),
  capacity: (schoolId: string | null) => send('registration', 'capacity', { schoolId }),
  documentLink: (p: { registrationId: string | null; draftId: string | null; slot: string }) =>
    send('registration', 'documentLink', p),
  admission: (id: string) => send('registration', 'admission', { id }),
  accept: (id: string) => send('registration', 'accept', { id }),
  appeal: (id: string, text: string, fileId: string | null) =>
    send('registration', 'appeal', { id, text, fileId }),
  appealDocumentLink: (id: string) => send('registration', 'appealDocumentLink', { id }),
  guidance: (id: string) => send('registration', 'guidance', { id }),
  addDocument: (id: string, version: number, slot: string, fileId: string) =>
    send('registration', 'addDocument', { id, version, slot, fileId }),
  /** 作废 (school or bureau): a registration someone other than the child's guardians made. */
  voidRegistration: (id: string, version: number, reason: string) =>
    send('registration', 'void', { id, version, reason }),
  /** The bureau: every registration of a child this year, by the ID number (masked in the answer). */
  byChild: (idNumber: string) => send('registration', 'byChild', { idNumber }),
};

export const placementApi = {
  status: (stage: Stage) => send('placement', 'status', { stage }),
  freeze: (stage: Stage) =>
    send('placement', 'freeze', {
      stage,
    }),
  run: (stage: Stage, seed: string, dryRun: boolean) => send('placement', 'run', { stage, seed, dryRun }),
  /** One step of publishing (a county's results go out a few thousand at a time). */
  publish: (stage: Stage, from: number) => send('placement', 'publish', { stage, from }),
  finalRun: (stage: Stage) => send('placement', 'finalRun', { stage }),
  frozenList: (stage: Stage) => send('placement', 'frozenList', { stage }),
  noticeSettings: () => send('placement', 'noticeSettings', {}),
  setNotice: (p: AdmissionNoticeSettings) => send('placement', 'setNotice', p),
  appeals: (state: 'open' | 'answered' | null, offset = 0) => send('placement', 'appeals', { state, offset }),
  appealAnswer: (id: string, outcome: 'upheld' | 'dismissed', text: string) =>
    send('placement', 'appealAnswer', { id, outcome, text }),
  arrangeList: (stage: Stage, offset = 0) => send('placement', 'arrangeList', { stage, offset }),
  arrange: (p: { registrationId: string; version: number; schoolId: string; reason: string }) =>
    send('placement', 'arrange', p),
};

export const classingApi = {
  plan: () => send('classing', 'plan', { schoolId: null }),
  useAdmitted: (version: number) => send('classing', 'useAdmitted', { version }),
  run: (version: number, classes: number, cap: number, seed: string) =>
    send('classing', 'run', { version, classes, cap, seed }),
  swap: (version: number, a: string, b: string, apply: boolean) =>
    send('classing', 'swap', {
      version,
      a,
      b,
      apply,
    }),
  homeroom: (version: number, teacherIds: string[], seed: string) =>
    send('classing', 'homeroom', { version, teacherIds, seed }),
  late: (
    version: number,
    student: PayloadOf<'classing', 'late'>['student'],
    placement: LatePlacement = 'balance',
  ) => send('classing', 'late', { version, student, placement }),
  publish: (version: number) => send('classing', 'publish', { version }),
  template: () => send('reports', 'classingTemplate', {}),
  importTable: (version: number, base64: string) => send('reports', 'classingImport', { version, base64 }),
  exportLists: () => send('reports', 'classingExport', { schoolId: null }),
};

export const rotationApi = {
  preview: (seed: string | null, adjustments: readonly RotationAdjustment[] = []) =>
    send('rotation', 'preview', { seed, adjustments }),
  mine: () => send('rotation', 'mine', {}),
  rules: () => send('rotation', 'rules', {}),
  setRules: (rules: Readonly<Record<keyof RotationSettings, number>>) => send('rotation', 'setRules', rules),
  record: () => send('rotation', 'record', {}),
  publish: (p: {
    seed: string | null;
    adjustments: readonly RotationAdjustment[];
    publicityFrom: string | null;
    override: { acknowledged: readonly string[]; reason: string } | null;
  }) => send('rotation', 'publish', p),
  /** `acknowledged`: the officer confirmed the rules an upheld objection makes the plan break. */
  answer: (teacherId: string, upheld: boolean, text: string, acknowledged = false) =>
    send('rotation', 'answer', { teacherId, upheld, text, acknowledged }),
  finalise: () => send('rotation', 'finalise', {}),
  acknowledge: () => send('rotation', 'acknowledge', {}),
  object: (text: string) => send('rotation', 'object', { text }),
  report: () => send('rotation', 'report', {}),
  subscribe: (accepted: boolean) => send('rotation', 'subscribe', { accepted }),
  school: () => send('rotation', 'school', {}),
  nominate: (teacherId: string, kind: 'self' | 'school', note: string) =>
    send('rotation', 'nominate', { teacherId, kind, note }),
  unnominate: (teacherId: string) => send('rotation', 'unnominate', { teacherId }),
  schoolPublicity: (note: string, from: string, to: string) =>
    send('rotation', 'schoolPublicity', { note, from, to }),
};

export const zonesApi = {
  list: () => send('county', 'zones', {}),
  update: (p: { id: string; name: string; schoolIds: string; communities: string }) =>
    send('county', 'updateZone', p),
};

export const reportsApi = {
  censusImport: (base64: string) => send('reports', 'censusImport', { base64 }),
  censusReplacePreview: (base64: string) =>
    send('reports', 'censusReplacePreview', {
      base64,
    }),
  censusReplace: (base64: string, confirm: string) => send('reports', 'censusReplace', { base64, confirm }),
  censusTemplate: () => send('reports', 'censusTemplate', {}),
  censusExport: () => send('reports', 'censusExport', {}),
  oversightExport: () => send('reports', 'oversightExport', {}),
  staffExport: () => send('reports', 'staffExport', {}),
  staffImport: (base64: string) => send('reports', 'staffImport', { base64 }),
  zonesExport: () => send('reports', 'zonesExport', {}),
  zonesImport: (base64: string) =>
    send('reports', 'zonesImport', {
      base64,
    }),
  exportList: (
    list: 'approved' | 'admitted' | 'all',
    schoolId: string | null = null,
    fullIdReason: string | null = null,
  ) =>
    send('reports', 'exportList', {
      list,
      schoolId,
      fullIdReason,
    }),
};

export const countyApi = {
  overview: () => send('county', 'overview', {}),
  dashboard: () => send('county', 'dashboard', {}),
  schoolView: () => send('county', 'schoolView', {}),
  record: (kind: RecordView['kind'], id: string) => send('county', 'record', { kind, id }),
  census: (q: {
    township: string | null;
    bucket: CensusBucket | null;
    offset: number;
    sort: CensusSort;
    limit: number;
  }) => send('county', 'census', q),
  censusFollowUp: (id: string, text: string, outcome: FollowUpOutcome | null) =>
    send('county', 'censusFollowUp', { id, text, outcome }),
  me: () => send('county', 'me', {}),
  setReviewLevels: (twoLevel: boolean) => send('county', 'setReviewLevels', { twoLevel }),
  setMissingDocuments: (until: string | null) => send('county', 'setMissingDocuments', { until }),
  setEntryClasses: (schoolId: string, entryClasses: number) =>
    send('county', 'setEntryClasses', { schoolId, entryClasses }),
};

export interface DemoAccountView {
  readonly key: string;
  readonly role: string;
  readonly roleLabel: string;
  readonly displayName: string;
  readonly hint: string;
}

export const demoApi = {
  accounts: () => localGet<DemoAccountView[]>('/api/demo/accounts'),
  signIn: (key: string): Promise<Envelope<{ token: string; expiresAt: string; displayName: string }>> =>
    localPost('/api/demo/signin', { key }),
};
