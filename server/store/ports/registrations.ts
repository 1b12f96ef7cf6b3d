/**
 * Registrations: one per child and stage, created once, then moved through their statuses by
 * conditional updates; and the queries the schools, the bureau and the draw read them by.
 */
import type { OpenId, RegistrationId, SchoolId } from '../../../shared/brand';
import type { RegistrationStatus } from '../../../shared/registration/status';
import type { RegistrationSummary } from '../../../shared/registration/summary';
import type {
  Notice,
  Registration,
  RegistrationPatch,
  StatusChange,
} from '../../../shared/registration/types';
import type { Stage } from '../../../shared/settings';
import type { AuditEntry } from '../auditEntry';
import type { CreateResult, Page, PageRequest } from './common';

/** What a new registration takes along (see RegistrationStore.createRegistration). */
export interface RegistrationCreateAlso {
  readonly draft?: { readonly owner: OpenId; readonly id: string };
  readonly notice?: Notice;
  /** The request's idempotency record marked done with this answer (see FnContext.idempotency). */
  readonly idempotency?: { readonly key: string; readonly response: unknown };
  readonly audit?: AuditEntry;
}

/** Filters of a school's review queue (all optional; null = any). */
export interface QueueFilter {
  readonly status: RegistrationStatus | null;
  readonly tier: number | null;
  readonly flag: string | null;
  /** The registration route: 'resident' (户籍/房产) or 'migrant' (随迁子女). */
  readonly route: 'resident' | 'migrant' | null;
  /** Exact match on one of the registration's search keys. */
  readonly search: string | null;
}

export const anyQueue: QueueFilter = { status: null, tier: null, flag: null, route: null, search: null };

/** An earlier registration that used a property (for 一房一学位). */
export interface PropertyUse {
  readonly registrationId: RegistrationId;
  readonly year: number;
  readonly guardianIdNumbers: readonly string[];
}

export interface TierStatusCount {
  readonly tier: number;
  readonly status: RegistrationStatus;
  readonly count: number;
}

export type TransitionResult =
  | { readonly status: 'ok'; readonly registration: Registration }
  | { readonly status: 'stale'; readonly current: Registration }
  | { readonly status: 'not_found' };

/** One registration's change in a batch (see RegistrationStore.transitionMany). */
export interface TransitionItem {
  readonly id: RegistrationId;
  readonly change: StatusChange;
  readonly patch?: RegistrationPatch;
  /** When given, only the registration still at this version changes (otherwise: still in change.from). */
  readonly version?: number;
}

export interface RegistrationStore {
  /**
   * Inserts a registration. Refused ('duplicate') when its id exists, or when another registration
   * that holds a child (registrationHoldsChild: not withdrawn or voided) carries the same
   * `childKey` — decided by the store itself (a unique partial index on PGlite, a claim document
   * keyed by the child key on CloudBase), so of two accounts racing for one child exactly one wins.
   * A registration that moves to withdrawn or voided releases its child. `also` goes with it: the
   * draft it came from is removed, the family's notice and the audit entry appended, the request's
   * answer kept for retries — in the same transaction on PGlite (nothing of it on a duplicate), one
   * after another on CloudBase.
   */
  createRegistration(registration: Registration, also?: RegistrationCreateAlso): Promise<CreateResult>;
  getRegistration(id: RegistrationId): Promise<Registration | null>;
  /** Every registration ever made for a child key (withdrawn and voided ones too), oldest first. */
  listRegistrationsByChild(childKey: string): Promise<readonly Registration[]>;
  listRegistrationsByOwner(owner: OpenId, page: PageRequest): Promise<Page<Registration>>;
  listSchoolQueue(schoolId: SchoolId, filter: QueueFilter, page: PageRequest): Promise<Page<Registration>>;
  /** How many registrations the same queue filter matches (the count shown above its pages). */
  countSchoolQueue(schoolId: SchoolId, filter: QueueFilter): Promise<number>;
  /**
   * Applies a status change (and any patch of form-derived fields) only if the record still has
   * `expectedVersion` and `change.from`.
   */
  transitionRegistration(
    id: RegistrationId,
    expectedVersion: number,
    change: StatusChange,
    patch?: RegistrationPatch,
  ): Promise<TransitionResult>;
  /** How many registrations of a school and year sit in each tier (0 = 统筹) and status. */
  countByTierStatus(schoolId: SchoolId, year: number): Promise<readonly TierStatusCount[]>;
  /** Registrations of a stage from `minYear` on that used this property (withdrawn and voided ones excluded). */
  findPropertyUses(propertyKey: string, stage: Stage, minYear: number): Promise<readonly PropertyUse[]>;

  /**
   * The year's registrations as summaries (optionally of one stage and status), in a few reads
   * whatever their number: the county views and the frozen list are computed from these.
   */
  registrationSummaries(
    year: number,
    filter?: { readonly stage?: Stage; readonly status?: RegistrationStatus },
  ): Promise<readonly RegistrationSummary[]>;
  /** How many registrations of a year and stage are in a status. */
  countRegistrations(year: number, stage: Stage, status: RegistrationStatus): Promise<number>;
  /** Registrations by id, in the order asked (missing ones left out). */
  getRegistrations(ids: readonly RegistrationId[]): Promise<readonly Registration[]>;
  /**
   * A school's registrations of a year (of one status, or all), oldest first, at most `max`: the
   * lists a school exports.
   */
  listSchoolRegistrations(
    schoolId: SchoolId,
    year: number,
    status: RegistrationStatus | null,
    max: number,
  ): Promise<readonly Registration[]>;
  /**
   * Applies status changes to many registrations at once, each only while it is still in its
   * change's `from` status (and at `version`, when given), without reading them first; the ids
   * that changed. Items with the same change and patch are written together.
   */
  transitionMany(items: readonly TransitionItem[]): Promise<readonly RegistrationId[]>;
  /** Registrations of a year and stage in a status, by id (for freezing the applicant list). */
  listRegistrationsByStatus(
    year: number,
    stage: Stage,
    status: RegistrationStatus,
    page: PageRequest,
  ): Promise<Page<Registration>>;
  /**
   * Registrations of a year admitted at a school by the published result (admittedSchoolOf:
   * 已录取 or 已报到 with `placement.schoolId` = the school, wherever they applied), by id.
   */
  listAdmittedAt(schoolId: SchoolId, year: number, page: PageRequest): Promise<Page<Registration>>;
}

/** The registration after a status change (shared by both adapters). */
export function registrationApply(
  r: Registration,
  change: StatusChange,
  patch: RegistrationPatch = {},
): Registration {
  return {
    ...r,
    ...patch,
    status: change.to,
    version: r.version + 1,
    updatedAt: change.at,
    history: [...r.history, change],
  };
}
