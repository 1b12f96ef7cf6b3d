/** Registration records as stored. */
import type { CstDate, OpenId, RegistrationId, SchoolId } from '../brand';
import type { Gender } from '../idNumber';
import type { Stage } from '../settings';
import type { RegistrationFlag } from './flags';
import type { RegistrationForm } from './form';
import type { RegistrationStatus } from './status';
import type { TierAssessment } from './tier';

/** Who did something: a WeChat user, or the system itself (routing, timers). */
export type Actor =
  { readonly kind: 'user'; readonly openid: OpenId; readonly role: string } | { readonly kind: 'system' };

export interface StatusChange {
  readonly from: RegistrationStatus | null;
  readonly to: RegistrationStatus;
  readonly at: string;
  readonly by: Actor;
  /** Reason code (for rejections and returns) and the text the parent reads. */
  readonly reasonCode?: string | null;
  readonly reason: string | null;
  /** For 需补充材料: the CST date by which the family must resubmit. */
  readonly deadline?: CstDate | null;
}

/** A stored upload attached to a document slot. */
export interface DocumentRef {
  readonly fileId: string;
  readonly sha256: string;
  readonly mime: string;
  readonly size: number;
  readonly at: string;
}

export interface Registration {
  /** This registration (one per attempt: a child registered again gets a new one). */
  readonly id: RegistrationId;
  /**
   * The child of the year (a hash of the ID number and the year): at most one registration holding
   * the child (registrationHoldsChild) may carry it at any moment — the store enforces it.
   */
  readonly childKey: string;
  /** The child's registration before this one (withdrawn or voided), if any. */
  readonly previousId: RegistrationId | null;
  readonly year: number;
  readonly stage: Stage;
  readonly ownerOpenid: OpenId;
  readonly schoolId: SchoolId;
  readonly childName: string;
  readonly idNumber: string;
  readonly birthDate: CstDate;
  readonly gender: Gender;
  readonly form: RegistrationForm;
  readonly tier: TierAssessment;
  readonly flags: readonly string[];
  readonly documents: Readonly<Record<string, DocumentRef>>;
  /** 一房一学位 key of the property used, if any. */
  readonly propertyKey: string | null;
  /** Exact-match search keys (child name, last 4 of the ID, guardians' mobiles' last 4). */
  readonly searchKeys: readonly string[];
  /** The published placement: school (or 统筹) and how it was decided. */
  readonly placement?: PlacementOutcome | null;
  readonly status: RegistrationStatus;
  /** Incremented on every change; updates name the version they saw. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly history: readonly StatusChange[];
}

/** What a family sees of the draw that placed their child. */
export interface PlacementOutcome {
  readonly runId: string;
  readonly schoolId: SchoolId | null;
  readonly lottery: number;
  readonly tierLabel: string;
  /** The school's cut-off: the last admitted tier and lottery number, or null if seats were left. */
  readonly cutoff: { readonly tier: number; readonly lottery: number } | null;
  readonly explanation: string;
}

/** Fields a status change may replace at the same time (a resubmission brings a new form). */
export type RegistrationPatch = Partial<
  Pick<
    Registration,
    'form' | 'tier' | 'flags' | 'documents' | 'propertyKey' | 'searchKeys' | 'childName' | 'placement'
  >
>;

/** A family's draft, saved as it is typed (one per child being registered). */
export interface Draft {
  readonly id: string;
  readonly ownerOpenid: OpenId;
  readonly form: RegistrationForm;
  readonly documents: Readonly<Record<string, DocumentRef>>;
  readonly updatedAt: string;
}

/** An uploaded file's record: who uploaded it is who may attach it. */
export interface StoredFile {
  readonly id: string;
  readonly ownerOpenid: OpenId;
  readonly sha256: string;
  readonly mime: string;
  readonly size: number;
  readonly createdAt: string;
}

/** An in-app notice: the record of every message sent to a family (and the fallback channel). */
export interface Notice {
  readonly id: string;
  readonly ownerOpenid: OpenId;
  readonly at: string;
  readonly title: string;
  readonly body: string;
  readonly registrationId: RegistrationId | null;
  /** Whether it was also pushed as a WeChat subscribe message. */
  readonly pushed?: boolean;
}

export type { RegistrationFlag };
