/** Typed calls per action. Pages use these and never shape backend data themselves. */
import type {
  AdmissionNoticeSettings,
  AdmissionView,
  AppealItem,
  ClassingPlanView,
  RotationNotice,
  RotationPreview,
  RotationRulesView,
  RotationSchoolView,
  RotationRecordView,
  PlacementRunView,
  PlacementStatus,
  BulkApproveResult,
  Capacity,
  CountyOverview,
  InviteCreated,
  InviteRedeemed,
  PageOf,
  RegistrationContext,
  RegistrationGuidance,
  RegistrationView,
  SchoolQueue,
  StaffProfile,
  WhoAmI,
} from '@shared/api';
import type { ClassingReport } from '@shared/classing/types';
import type {
  CensusBucket,
  CensusRow,
  FollowUp,
  FollowUpOutcome,
  TownshipSummary,
} from '@shared/oversight/census';
import type { DashboardClassRow, DashboardSchoolRow, RecordView } from '@shared/oversight/recordView';
import type { Finding } from '@shared/oversight/rules';
import type { RotationAdjustment } from '@shared/rotation/adjust';
import type { RotationSettings } from '@shared/rotation/eligibility';
import type { IndicatorTable } from '@shared/rotation/indicators';
import type { CensusImportCounts, CensusReplacePreview } from '@shared/oversight/censusImport';
import type { RotationRecord } from '@shared/rotation/record';
import type { LatePlacement } from '@shared/classing/plan';

/** county.dashboard: the bureau's oversight figures and rule findings. */
export interface Dashboard {
  readonly year: number;
  readonly schools: readonly DashboardSchoolRow[];
  readonly classes: readonly DashboardClassRow[];
  readonly groups: readonly {
    readonly key: string;
    readonly label: string;
    readonly registered: number;
    readonly admitted: number;
    readonly rate: number | null;
  }[];
  readonly indicators: {
    readonly current: readonly IndicatorTable[];
    /** Null while no rotation plan is published. */
    readonly afterRotation: readonly IndicatorTable[] | null;
    readonly rotationPublished: boolean;
  };
  readonly indicatorLabels: Readonly<Record<string, string>>;
  readonly findings: readonly Finding[];
}

/** county.census: the roster against registrations (a page of children, every township). */
export interface CensusView {
  readonly year: number;
  readonly townships: readonly TownshipSummary[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly items: readonly (CensusRow & { readonly id: string; readonly followUps: readonly FollowUp[] })[];
  readonly next: number | null;
}

export type CensusSort = 'township' | 'name' | 'bucket';

type CensusProblems = { readonly problems: readonly { row: number; message: string }[] };
export type CensusImportResult = CensusImportCounts & CensusProblems & { readonly kept: number };
export type CensusReplaceResult = CensusImportCounts & CensusProblems & { readonly removed: number };

/** county.schoolView: the principal's slice of the dashboard. */
export interface SchoolOversight {
  readonly year: number;
  readonly school: Dashboard['schools'][number];
  readonly classes: readonly {
    readonly id: string;
    readonly label: string;
    readonly size: number;
    readonly large: boolean;
    readonly superLarge: boolean;
  }[];
  /** The school's row 当前 and 轮岗后 (null: no published rotation plan), as on the dashboard. */
  readonly indicators: {
    readonly current: IndicatorTable['schools'][number] | null;
    readonly afterRotation: IndicatorTable['schools'][number] | null;
    readonly standards: Readonly<Record<string, number>>;
  };
  readonly indicatorLabels: Readonly<Record<string, string>>;
  readonly findings: readonly Finding[];
}

/** registration.retention's report. */
export interface RetentionReport {
  readonly year: number;
  readonly closesOn: string;
  readonly deleteFrom: string;
  readonly due: boolean;
  readonly dryRun: boolean;
  /** A deletion goes in steps: false while more are left, `next` being where the next starts. */
  readonly done: boolean;
  readonly next: number | null;
  readonly registrations: number;
  readonly files: number;
  readonly bytes: number;
}
import type { Envelope } from '@shared/errors';
import type { FileDownload } from '@shared/download';
import type { Stage } from '@shared/settings';
import type { StaffRole } from '@shared/identity/roles';
import type { RegistrationForm } from '@shared/registration/form';
import type { ReviewDecision } from '@shared/registration/review';
import type { RegistrationStatus } from '@shared/registration/status';
import type { Draft, DocumentRef, Notice } from '@shared/registration/types';
import { call, callOnce, localGet, localPost } from './transport';

export const authApi = {
  whoami: () => call<WhoAmI>('auth', 'whoami'),
  redeemInvite: (code: string) => callOnce<InviteRedeemed>('auth', 'redeemInvite', { code }),
  createInvite: (p: { role: StaffRole; schoolId: string | null; displayName: string; validDays: number }) =>
    callOnce<InviteCreated>('auth', 'createInvite', p),
};

export interface QueueQuery {
  readonly status: RegistrationStatus | null;
  readonly tier: number | null;
  readonly flag: string | null;
  readonly route: 'resident' | 'migrant' | null;
  readonly search: string | null;
}

export const registrationApi = {
  context: () => call<RegistrationContext>('registration', 'context'),
  saveDraft: (draftId: string, form: RegistrationForm) =>
    call<{ savedAt: string }>('registration', 'saveDraft', { draftId, form }),
  getDraft: (draftId: string) => call<Draft>('registration', 'getDraft', { draftId }),
  retention: (dryRun: boolean, from = 0) =>
    callOnce<RetentionReport>('registration', 'retention', { dryRun, from }),
  discardDraft: (draftId: string) =>
    call<{ discarded: string; files: number }>('registration', 'discardDraft', { draftId }),
  submit: (draftId: string, form: RegistrationForm) =>
    callOnce<RegistrationView>('registration', 'submit', { draftId, form, schoolTypeConfirmed: true }),
  resubmit: (id: string, version: number, draftId: string, form: RegistrationForm) =>
    callOnce<RegistrationView>('registration', 'resubmit', { id, version, draftId, form }),
  withdraw: (id: string, version: number, reason: string) =>
    callOnce<RegistrationView>('registration', 'withdraw', { id, version, reason }),
  listMine: (offset = 0) => call<PageOf<RegistrationView>>('registration', 'listMine', { offset }),
  get: (id: string) => call<RegistrationView>('registration', 'get', { id }),
  subscribe: (accepted: boolean) =>
    call<{ enabled: boolean; quota: number }>('registration', 'subscribe', { accepted }),
  notices: (offset = 0) => call<PageOf<Notice>>('registration', 'notices', { offset }),
  queue: (q: QueueQuery, offset = 0) => call<SchoolQueue>('registration', 'queue', { ...q, offset }),
  review: (p: {
    id: string;
    version: number;
    decision: ReviewDecision;
    reasonCode: string | null;
    reason: string;
    deadline: string | null;
  }) => callOnce<RegistrationView>('registration', 'review', p),
  bulkApprove: (items: { id: string; version: number }[]) =>
    callOnce<BulkApproveResult>('registration', 'bulkApprove', { items }),
  attachDocument: (draftId: string, slot: string, fileId: string) =>
    call<{ slot: string; document: DocumentRef }>('registration', 'attachDocument', {
      draftId,
      slot,
      fileId,
    }),
  capacity: (schoolId: string | null) => call<Capacity>('registration', 'capacity', { schoolId }),
  documentLink: (p: { registrationId: string | null; draftId: string | null; slot: string }) =>
    call<{ url: string; mime: string }>('registration', 'documentLink', p),
  admission: (id: string) => call<AdmissionView>('registration', 'admission', { id }),
  accept: (id: string) => callOnce<AdmissionView>('registration', 'accept', { id }),
  appeal: (id: string, text: string, fileId: string | null) =>
    callOnce<AdmissionView>('registration', 'appeal', { id, text, fileId }),
  appealDocumentLink: (id: string) =>
    call<{ url: string; mime: string }>('registration', 'appealDocumentLink', { id }),
  guidance: (id: string) => call<RegistrationGuidance>('registration', 'guidance', { id }),
  addDocument: (id: string, version: number, slot: string, fileId: string) =>
    callOnce<RegistrationView>('registration', 'addDocument', { id, version, slot, fileId }),
  /** 作废 (school or bureau): a registration someone other than the child's guardians made. */
  voidRegistration: (id: string, version: number, reason: string) =>
    callOnce<RegistrationView>('registration', 'void', { id, version, reason }),
  /** The bureau: every registration of a child this year, by the ID number (masked in the answer). */
  byChild: (idNumber: string) => call<{ items: RegistrationView[] }>('registration', 'byChild', { idNumber }),
};

export const placementApi = {
  status: (stage: Stage) => call<PlacementStatus>('placement', 'status', { stage }),
  freeze: (stage: Stage) =>
    callOnce<{ id: string; inputHash: string; count: number; file: FileDownload }>('placement', 'freeze', {
      stage,
    }),
  run: (stage: Stage, seed: string, dryRun: boolean) =>
    call<PlacementRunView>('placement', 'run', { stage, seed, dryRun }),
  /** One step of publishing (a county's results go out a few thousand at a time). */
  publish: (stage: Stage, from: number) =>
    callOnce<{ done: boolean; next: number | null; total: number; admitted: number; coordinating?: number }>(
      'placement',
      'publish',
      { stage, from },
    ),
  finalRun: (stage: Stage) => callOnce<FileDownload>('placement', 'finalRun', { stage }),
  frozenList: (stage: Stage) => call<FileDownload>('placement', 'frozenList', { stage }),
  noticeSettings: () => call<AdmissionNoticeSettings>('placement', 'noticeSettings'),
  setNotice: (p: AdmissionNoticeSettings) => call<AdmissionNoticeSettings>('placement', 'setNotice', p),
  appeals: (state: 'open' | 'answered' | null, offset = 0) =>
    call<{ items: AppealItem[]; next: number | null }>('placement', 'appeals', { state, offset }),
  appealAnswer: (id: string, outcome: 'upheld' | 'dismissed', text: string) =>
    callOnce<{ id: string }>('placement', 'appealAnswer', { id, outcome, text }),
};

type Excel = FileDownload;

export const classingApi = {
  plan: () => call<ClassingPlanView>('classing', 'plan', { schoolId: null }),
  useAdmitted: (version: number) => call<ClassingPlanView>('classing', 'useAdmitted', { version }),
  run: (version: number, classes: number, cap: number, seed: string) =>
    call<ClassingPlanView>('classing', 'run', { version, classes, cap, seed }),
  swap: (version: number, a: string, b: string, apply: boolean) =>
    call<{ preview: ClassingReport; saved: ClassingPlanView | null }>('classing', 'swap', {
      version,
      a,
      b,
      apply,
    }),
  homeroom: (version: number, teacherIds: string[], seed: string) =>
    call<ClassingPlanView>('classing', 'homeroom', { version, teacherIds, seed }),
  late: (
    version: number,
    student: { id: string; name: string; gender: 'M' | 'F'; groups: string[] },
    placement: LatePlacement = 'balance',
  ) =>
    callOnce<{ index: number; label: string; warning: string | null; plan: ClassingPlanView }>(
      'classing',
      'late',
      { version, student, placement },
    ),
  publish: (version: number) =>
    callOnce<{ told: number; plan: ClassingPlanView }>('classing', 'publish', { version }),
  template: () => call<Excel>('reports', 'classingTemplate'),
  importTable: (version: number, base64: string) =>
    call<{ imported: number; problems: string[] }>('reports', 'classingImport', { version, base64 }),
  exportLists: () => call<Excel & { classes: number }>('reports', 'classingExport', { schoolId: null }),
};

export const rotationApi = {
  preview: (seed: string | null, adjustments: readonly RotationAdjustment[] = []) =>
    call<RotationPreview>('rotation', 'preview', { seed, adjustments }),
  mine: () => call<RotationNotice>('rotation', 'mine'),
  rules: () => call<RotationRulesView>('rotation', 'rules'),
  setRules: (rules: Readonly<Record<keyof RotationSettings, number>>) =>
    call<RotationRulesView>('rotation', 'setRules', rules),
  record: () => call<RotationRecordView | null>('rotation', 'record'),
  publish: (p: {
    seed: string | null;
    adjustments: readonly RotationAdjustment[];
    publicityFrom: string | null;
    override: { acknowledged: readonly string[]; reason: string } | null;
  }) => callOnce<RotationRecord>('rotation', 'publish', p),
  /** `acknowledged`: the officer confirmed the rules an upheld objection makes the plan break. */
  answer: (teacherId: string, upheld: boolean, text: string, acknowledged = false) =>
    callOnce<RotationRecord>('rotation', 'answer', { teacherId, upheld, text, acknowledged }),
  finalise: () => callOnce<RotationRecord>('rotation', 'finalise'),
  acknowledge: () => callOnce<RotationRecord>('rotation', 'acknowledge'),
  object: (text: string) => callOnce<RotationRecord>('rotation', 'object', { text }),
  report: () => callOnce<RotationRecord>('rotation', 'report'),
  subscribe: (accepted: boolean) =>
    call<{ enabled: boolean; quota: number }>('rotation', 'subscribe', { accepted }),
  school: () => call<RotationSchoolView>('rotation', 'school'),
  nominate: (teacherId: string, kind: 'self' | 'school', note: string) =>
    callOnce<RotationSchoolView>('rotation', 'nominate', { teacherId, kind, note }),
  unnominate: (teacherId: string) => call<RotationSchoolView>('rotation', 'unnominate', { teacherId }),
  schoolPublicity: (note: string, from: string, to: string) =>
    callOnce<RotationSchoolView>('rotation', 'schoolPublicity', { note, from, to }),
};

export const zonesApi = {
  list: () => call<RegistrationContext['zones']>('county', 'zones'),
  update: (p: { id: string; name: string; schoolIds: string; communities: string }) =>
    call<{ id: string }>('county', 'updateZone', p),
};

export const reportsApi = {
  censusImport: (base64: string) => callOnce<CensusImportResult>('reports', 'censusImport', { base64 }),
  censusReplacePreview: (base64: string) =>
    call<CensusProblems & { preview: CensusReplacePreview | null }>('reports', 'censusReplacePreview', {
      base64,
    }),
  censusReplace: (base64: string, confirm: string) =>
    callOnce<CensusReplaceResult>('reports', 'censusReplace', { base64, confirm }),
  censusTemplate: () => call<FileDownload>('reports', 'censusTemplate'),
  censusExport: () => call<FileDownload>('reports', 'censusExport'),
  oversightExport: () => call<FileDownload>('reports', 'oversightExport'),
  staffExport: () => call<FileDownload>('reports', 'staffExport'),
  staffImport: (base64: string) =>
    call<{ schools: number; teachers: number; problems: { sheet: string; row: number; message: string }[] }>(
      'reports',
      'staffImport',
      { base64 },
    ),
  zonesExport: () => call<FileDownload>('reports', 'zonesExport'),
  zonesImport: (base64: string) =>
    call<{ imported: number; problems: { row: number; message: string }[] }>('reports', 'zonesImport', {
      base64,
    }),
  exportList: (
    list: 'approved' | 'admitted' | 'all',
    schoolId: string | null = null,
    fullIdReason: string | null = null,
  ) =>
    call<FileDownload & { rows: number }>('reports', 'exportList', {
      list,
      schoolId,
      fullIdReason,
    }),
};

export const countyApi = {
  overview: () => call<CountyOverview>('county', 'overview'),
  dashboard: () => call<Dashboard>('county', 'dashboard'),
  schoolView: () => call<SchoolOversight>('county', 'schoolView'),
  record: (kind: RecordView['kind'], id: string) => call<RecordView>('county', 'record', { kind, id }),
  census: (q: {
    township: string | null;
    bucket: CensusBucket | null;
    offset: number;
    sort: CensusSort;
    limit: number;
  }) => call<CensusView>('county', 'census', q),
  censusFollowUp: (id: string, text: string, outcome: FollowUpOutcome | null) =>
    callOnce<unknown>('county', 'censusFollowUp', { id, text, outcome }),
  me: () => call<StaffProfile>('county', 'me'),
  setReviewLevels: (twoLevel: boolean) =>
    call<{ twoLevelReview: boolean }>('county', 'setReviewLevels', { twoLevel }),
  setMissingDocuments: (until: string | null) =>
    call<{ missingDocumentsUntil: string | null }>('county', 'setMissingDocuments', { until }),
  setEntryClasses: (schoolId: string, entryClasses: number) =>
    call<{ schoolId: string; entryClasses: number }>('county', 'setEntryClasses', { schoolId, entryClasses }),
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
