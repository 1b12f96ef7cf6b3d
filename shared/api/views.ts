/**
 * The shapes the client receives from each function action (the contract between
 * client/services and cloudfunctions). Kept in shared/ so both sides type-check against it.
 */
import type { CountySnapshot } from '../apiTypes';
import type { CstDate, SchoolId, TeacherId, ZoneId } from '../brand';
import type { Locality, Teacher } from '../county/types';
import type { LateException } from '../classing/plan';
import type { ClassingReport } from '../classing/types';
import type { RotationAdjustment } from '../rotation/adjust';
import type { RotationSettings } from '../rotation/eligibility';
import type { IndicatorTable } from '../rotation/indicators';
import type { IndicatorViews } from '../rotation/service';
import type { CvRow, RotationMove, RotationQuality } from '../rotation/planner';
import type { RotationIssue } from '../rotation/problems';
import type { RotationObjection, RotationRecord } from '../rotation/record';
import type { RunRecord, SchoolCutoff } from '../placement/types';
import type { Role, StaffRole } from '../identity/roles';
import type { RegistrationView } from '../registration/view';
import type { PolicySettings, Stage } from '../settings';
import type { CensusRow, CensusRowProblem, FollowUp, TownshipSummary } from '../oversight/census';
import type { CensusImportCounts } from '../oversight/censusImport';
import type { DashboardClassRow, DashboardSchoolRow } from '../oversight/recordView';
import type { Finding } from '../oversight/rules';
import type { FileDownload } from '../download';

export interface WhoAmI {
  readonly role: Role;
  readonly roleLabel: string;
  readonly displayName: string;
  readonly schoolId: SchoolId | null;
  readonly schoolName: string | null;
  readonly teacherId: TeacherId | null;
}

export interface RegistrationContext {
  readonly settings: PolicySettings;
  readonly today: CstDate;
  readonly schools: readonly { readonly id: SchoolId; readonly name: string; readonly stage: Stage }[];
  readonly documentSlots: readonly {
    readonly key: string;
    readonly label: string;
    readonly example: string;
  }[];
  readonly cutoffLabel: string;
  readonly windowLabel: string;
  readonly windowOpen: boolean;
  /** WeChat subscribe-message template for registration updates, when the county set one up. */
  readonly subscribeTemplateId: string | null;
  readonly zones: readonly {
    readonly id: ZoneId;
    readonly name: string;
    readonly stage: Stage;
    readonly communities: readonly string[];
    readonly schools: readonly { readonly id: SchoolId; readonly name: string }[];
  }[];
}

export interface PageOf<T> {
  readonly items: readonly T[];
  readonly next: number | null;
}

export interface SchoolQueue extends PageOf<RegistrationView> {
  readonly schoolName: string;
  /** How many registrations the filter matches: the count shown, and what the pages reach. */
  readonly total: number;
  /** Rows per page (the pages start at multiples of it). */
  readonly pageSize: number;
}

export interface SchoolSummary {
  readonly id: SchoolId;
  readonly name: string;
  readonly stage: Stage;
  readonly locality: Locality;
  readonly township: string;
  readonly enrolment: number;
  readonly entryClasses: number;
  readonly seats: number;
}

export interface CountyOverview {
  readonly snapshot: CountySnapshot;
  /** Today's audit head (entries, last hash, when read), to be kept outside the system. */
  readonly audit: { readonly count: number; readonly head: string; readonly at: string };
  readonly settings: PolicySettings | null;
  readonly schools: readonly SchoolSummary[];
}

export interface StaffProfile {
  readonly teacher: Teacher;
  readonly schoolName: string;
}

export interface InviteCreated {
  readonly code: string;
  readonly expiresAt: string;
}

export interface InviteRedeemed {
  readonly role: StaffRole;
  readonly roleLabel: string;
  readonly displayName: string;
}

export type { RegistrationView };

export interface BulkApproveResult {
  readonly approved: number;
  readonly results: readonly {
    readonly id: string;
    readonly ok: boolean;
    readonly code: string | null;
    readonly message: string | null;
  }[];
}

export interface UploadedFile {
  readonly fileId: string;
  readonly sha256: string;
  readonly size: number;
  readonly mime: string;
}

export interface Capacity {
  readonly schoolId: SchoolId;
  readonly schoolName: string;
  readonly stage: Stage;
  readonly year: number;
  readonly entryClasses: number;
  readonly cap: number;
  readonly seats: number;
  readonly applicants: number;
  readonly tiers: readonly {
    readonly tier: number;
    readonly label: string;
    readonly underReview: number;
    readonly approved: number;
  }[];
}

export interface PlacementRunSummary {
  readonly runRecord: RunRecord;
  /** When the run was made. */
  readonly at: string;
  readonly schools: readonly ({ readonly id: string; readonly name: string } & SchoolCutoff)[];
  readonly placed: number;
  /** Children without a seat; `unplaced` and `coordination` list the first 200 (the rest: the run record). */
  readonly unplacedCount: number;
  readonly unplaced: readonly string[];
  /** 统筹 proposal for each child without a seat: nearest school with seats left (or none). */
  readonly coordination: readonly {
    readonly id: string;
    readonly name: string;
    readonly lottery: number;
    readonly schoolId: string | null;
    readonly schoolName: string | null;
    readonly distanceKm: number | null;
  }[];
}

export interface PlacementStatus {
  readonly year: number;
  readonly approved: number;
  readonly freeze: {
    readonly id: string;
    readonly frozenAt: string;
    readonly inputHash: string;
    readonly count: number;
  } | null;
  readonly final: (PlacementRunSummary & { readonly id: string; readonly publishedAt: string | null }) | null;
}

/** The bureau's 统筹安排 list (placement.arrangeList). */
export interface ArrangeView {
  /** Whether the stage's results are published (before that nobody waits for 统筹安排). */
  readonly published: boolean;
  /** Every child waiting; `children` is one page of them from `offset` (an answer stays under 1 MB). */
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly children: readonly {
    readonly registrationId: string;
    readonly version: number;
    readonly childName: string;
    /** Masked: the bureau's screen never shows a whole ID number. */
    readonly idNumber: string;
    readonly status: string;
    readonly statusLabel: string;
    readonly appliedSchoolName: string;
    /** The nearest school with seats the draw suggested (统筹中 children), if any. */
    readonly suggestedSchoolId: string | null;
  }[];
  readonly schools: readonly {
    readonly id: string;
    readonly name: string;
    readonly seats: number;
    readonly admitted: number;
    readonly left: number;
  }[];
}

export interface PlacementRunView extends PlacementRunSummary {
  readonly id: string;
  readonly dryRun: boolean;
  /** The run's full result (PlacementResult as JSON), for `npx junheng verify-draw`. */
  readonly file: FileDownload;
}

/** A family's admission page after the results are published (registration.admission). */
export interface AdmissionView {
  readonly registrationId: string;
  readonly status: string;
  readonly schoolId: string | null;
  readonly schoolName: string | null;
  /** After the school publishes its class split. */
  readonly className: string | null;
  readonly homeroomTeacher: string | null;
  readonly reportDate: string;
  readonly reportDateLabel: string;
  readonly bring: readonly string[];
  readonly appealClosesOn: string;
  readonly appealClosesLabel: string;
  readonly acceptedAt: string | null;
  readonly canAccept: boolean;
  readonly canAppeal: boolean;
  readonly appeal: {
    readonly state: 'none' | 'open' | 'answered';
    readonly text: string;
    readonly at: string;
    readonly hasDocument: boolean;
    readonly answer: {
      readonly text: string;
      readonly outcome: 'upheld' | 'dismissed';
      readonly outcomeLabel: string;
      readonly at: string;
    } | null;
  } | null;
}

/** What admitted families are told, as the bureau set it (placement.noticeSettings). */
export interface AdmissionNoticeSettings {
  readonly reportDate: { readonly primary: string; readonly junior: string };
  readonly bring: readonly string[];
  readonly appealDays: number;
  /** When the bureau draws and publishes, per stage (told to families waiting for the result). */
  readonly placementDates?: Readonly<Record<Stage, { readonly draw: string; readonly publish: string }>>;
  /** The enrollment office's telephone ('' = none). */
  readonly hotline?: string;
}

export type { RegistrationGuidance } from '../registration/guidance';

/** One review request in the bureau's list (placement.appeals). */
export interface AppealItem {
  readonly id: string;
  readonly childName: string;
  readonly stage: string;
  readonly schoolName: string;
  readonly explanation: string;
  readonly state: 'none' | 'open' | 'answered';
  readonly text: string;
  readonly at: string;
  readonly hasDocument: boolean;
  readonly answer: { readonly text: string; readonly outcomeLabel: string; readonly at: string } | null;
}

/** A school's class split as the principal's page shows it (classing.plan and friends). */
export interface ClassingPlanView {
  readonly id: string;
  readonly schoolId: string;
  readonly schoolName: string;
  readonly year: number;
  readonly stage: 'primary' | 'junior';
  readonly status: 'draft' | 'published';
  readonly source: 'admitted' | 'import';
  readonly seed: string | null;
  readonly version: number;
  readonly cohortSize: number;
  readonly subjects: readonly string[];
  readonly classCount: number;
  readonly cap: number;
  readonly publishedAt: string | null;
  readonly swaps: number;
  readonly classes:
    | readonly {
        readonly index: number;
        readonly label: string;
        readonly homeroom: string | null;
        readonly students: readonly {
          readonly id: string;
          readonly name: string;
          readonly gender: 'M' | 'F';
          readonly groups: readonly string[];
        }[];
      }[]
    | null;
  readonly report: ClassingReport | null;
  /** Late students placed in a class added for them or over the cap, after publishing. */
  readonly lateExceptions: readonly (LateException & { readonly label: string })[];
  readonly teachers: readonly { readonly id: string; readonly name: string; readonly subject: string }[];
}

/** The county's rotation rules beside the policy defaults (rotation.rules / setRules). */
export interface RotationRulesView {
  readonly year: number;
  readonly rules: RotationSettings;
  readonly defaults: RotationSettings;
  /** This year's plan is published: the rules can no longer change. */
  readonly locked: boolean;
}

/** The bureau's rotation preview (rotation.preview). */
export interface RotationPreview {
  readonly year: number;
  readonly seed: string;
  /** The rotation rules the plan follows. */
  readonly rules: RotationSettings;
  readonly algorithm: string;
  readonly counts: {
    readonly eligible: number;
    readonly rotated: number;
    readonly backbone: number;
    readonly target: number;
  };
  /** How close the computed plan is to the best possible (null: no bound computed). */
  readonly quality: RotationQuality | null;
  readonly problems: readonly string[];
  /** The same problems with the rule and record each is about (what a publishing override acknowledges). */
  readonly issues: readonly RotationIssue[];
  /** Rules the hand adjustments would break (the computed plan keeps them). */
  readonly added: readonly string[];
  /** Adjustments naming no teacher or school of the county. */
  readonly refused: readonly string[];
  readonly adjustments: readonly RotationAdjustment[];
  readonly moves: readonly (RotationMove & { readonly fromName: string; readonly toName: string })[];
  /** Eligible teachers the plan leaves at their school (for adding by hand). */
  readonly staying: readonly {
    readonly teacherId: string;
    readonly name: string;
    readonly schoolId: string;
    readonly schoolName: string;
    readonly backbone: boolean;
    readonly nomination: string | null;
  }[];
  readonly schools: readonly {
    readonly id: string;
    readonly name: string;
    readonly stage: Stage;
    readonly locality: Locality;
  }[];
  readonly cv: readonly CvRow[];
  readonly indicators: Readonly<Record<string, string>>;
  /** Official statistics (编制 school). */
  readonly tables: readonly IndicatorTable[];
  /** As actually taught once the plan applies (借调 and rotation moves where they teach). */
  readonly teachingTables: readonly IndicatorTable[];
}

/** A principal's view of the school's rotation (rotation.school / nominate / schoolPublicity). */
export interface RotationSchoolView {
  readonly year: number;
  /** The bureau has published: the list can no longer change. */
  readonly locked: boolean;
  readonly publicity: { readonly note: string; readonly from: string; readonly to: string } | null;
  readonly teachers: readonly {
    readonly teacherId: string;
    readonly name: string;
    readonly subject: string;
    readonly backbone: boolean;
    readonly eligible: boolean;
    readonly reasons: readonly string[];
    readonly nomination: { readonly kind: 'self' | 'school'; readonly note: string } | null;
  }[];
  readonly status: 'publicized' | 'final' | null;
  readonly outgoing: readonly (RotationMove & { readonly fromName: string; readonly toName: string })[];
  readonly incoming: readonly (RotationMove & { readonly fromName: string; readonly toName: string })[];
}

/** A teacher's own standing this year (rotation.mine). */
export interface RotationMine {
  readonly year: number;
  readonly eligible: boolean;
  readonly reasons: readonly string[];
  readonly published: boolean;
}

/**
 * The published rotation plan as the bureau manages it (rotation.record): objections carry the
 * teacher's name, and the seven indicators come under the labels 当前 and 轮岗后.
 */
export interface RotationRecordView extends RotationRecord {
  readonly objections: readonly (RotationObjection & { readonly name: string })[];
  readonly indicators: IndicatorViews;
}

/** A teacher's notice (rotation.mine, once a plan is published). */
export interface RotationNotice extends RotationMine {
  readonly status: 'publicized' | 'final' | null;
  readonly publicity: { readonly from: string; readonly to: string } | null;
  readonly move: (RotationMove & { readonly fromName: string; readonly toName: string }) | null;
  readonly reportDate: string | null;
  readonly acknowledgedAt: string | null;
  readonly reportedAt: string | null;
  readonly objection: RotationObjection | null;
  readonly canObject: boolean;
  /** The receiving school's principal to contact. */
  readonly contact: string | null;
  /** Months at rural or weak schools: on record plus this rotation's served months. */
  readonly ruralMonths: { readonly total: number; readonly thisRotation: number };
  readonly seniorTitleMonths: number;
  /** The deployment's rotation subscribe template (null: in-app inbox only). */
  readonly subscribeTemplateId: string | null;
}

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

export type CensusProblems = { readonly problems: readonly CensusRowProblem[] };
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

/** A step of placement.publish: `next` is where the following step starts (null: all published). */
export interface PlacementPublishStep {
  readonly done: boolean;
  readonly next: number | null;
  readonly total: number;
  /** Admitted in this step, or (the last step) in the whole draw. */
  readonly admitted: number;
  /** The last step: children placed by the bureau (统筹). */
  readonly coordinating?: number;
}
