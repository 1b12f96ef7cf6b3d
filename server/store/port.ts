/**
 * The data-layer port: a small, domain-shaped interface the cloud functions use. Adapters:
 * PGlite (embedded, local default) and CloudBase (wx-server-sdk, production). Uniqueness and
 * status transitions are enforced by the store itself (a unique key; a conditional update on
 * status + version), never by count-then-insert in the caller.
 */
import type { CountySnapshot } from '../../shared/apiTypes';
import type { OpenId, RegistrationId, SchoolId, TeacherId } from '../../shared/brand';
import type { School, Teacher, Zone } from '../../shared/county/types';
import type { Binding, Invite } from '../../shared/identity/roles';
import type { RegistrationStatus } from '../../shared/registration/status';
import type { RegistrationForm } from '../../shared/registration/form';
import type { RegistrationSummary } from '../../shared/registration/summary';
import type {
  DocumentRef,
  Draft,
  Notice,
  Registration,
  RegistrationPatch,
  StatusChange,
  StoredFile,
} from '../../shared/registration/types';
import type { ClassingPlan } from '../../shared/classing/plan';
import type { CensusChild, CensusRecord } from '../../shared/oversight/census';
import type { RotationNominations } from '../../shared/rotation/nominations';
import type { RotationRecord } from '../../shared/rotation/record';
import type { AuditCheckpoint, AuditHead, ChainedAudit } from '../security/auditChain';
import type { AuditEntry } from './auditEntry';
import type { AppealState, PlacementResponse } from '../../shared/placement/response';
import type { PlacementInput, PlacementResult } from '../../shared/placement/types';
import type { Stage } from '../../shared/settings';
import type { PolicySettings } from '../../shared/settings';

export interface Page<T> {
  readonly items: readonly T[];
  /** Offset of the next page, or null when this was the last. */
  readonly next: number | null;
}

export interface PageRequest {
  readonly offset: number;
  /** At most MAX_PAGE (CloudBase functions read ≤ 1000 per call; we stay far below). */
  readonly limit: number;
}

export const MAX_PAGE = 100;

export type { AuditEntry } from './auditEntry';

export type { CountySnapshot };

/** What a retried request finds under its idempotency key. */
export type IdempotencyClaim =
  | { readonly status: 'claimed' }
  | { readonly status: 'done'; readonly response: unknown }
  | { readonly status: 'pending' }
  | { readonly status: 'mismatch' };

/** Filters of a school's review queue (all optional; null = any). */
/** What a new registration takes along (see Store.createRegistration). */
export interface RegistrationCreateAlso {
  readonly draft?: { readonly owner: OpenId; readonly id: string };
  readonly notice?: Notice;
  /** The request's idempotency record marked done with this answer (see FnContext.idempotency). */
  readonly idempotency?: { readonly key: string; readonly response: unknown };
  readonly audit?: AuditEntry;
}

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

/** The frozen applicant list of a stage and year: its canonical hash is published before the draw. */
export interface PlacementFreeze {
  readonly id: string;
  readonly year: number;
  readonly stage: Stage;
  readonly frozenAt: string;
  readonly by: string;
  readonly inputHash: string;
  readonly count: number;
  readonly input: PlacementInput;
  /** Each child's name by registration id, for the bureau's pages (not part of the hashed list). */
  readonly names?: Readonly<Record<string, string>>;
}

/** One draw on a frozen list (dry runs may repeat; the formal run happens once). */
export interface PlacementRunRecord {
  readonly id: string;
  readonly freezeId: string;
  readonly dryRun: boolean;
  readonly at: string;
  readonly by: string;
  readonly result: PlacementResult;
  /** 统筹: for each child left without a seat, the nearest school with spare seats (or none). */
  readonly coordination: Readonly<
    Record<string, { readonly schoolId: string | null; readonly distanceKm: number | null }>
  >;
  readonly publishedAt: string | null;
}

export type PlacementRunHead = Omit<PlacementRunRecord, 'result' | 'coordination'>;

export type CreateResult = { readonly status: 'created' } | { readonly status: 'duplicate' };

/** A conditional write: 'conflict' when the record was created or changed by someone else first. */
export type SaveResult = { readonly status: 'ok' } | { readonly status: 'conflict' };

export type TransitionResult =
  | { readonly status: 'ok'; readonly registration: Registration }
  | { readonly status: 'stale'; readonly current: Registration }
  | { readonly status: 'not_found' };

/** One registration's change in a batch (see Store.transitionMany). */
export interface TransitionItem {
  readonly id: RegistrationId;
  readonly change: StatusChange;
  readonly patch?: RegistrationPatch;
  /** When given, only the registration still at this version changes (otherwise: still in change.from). */
  readonly version?: number;
}

/** A school's class split as sizes (the dashboard's class facts). */
export interface ClassSizes {
  readonly planId: string;
  readonly schoolId: string;
  readonly stage: Stage;
  readonly sizes: readonly number[];
}

export type RedeemResult =
  | { readonly status: 'redeemed'; readonly invite: Invite }
  | { readonly status: 'not_found' | 'used' | 'expired' };

export interface Store {
  readonly kind: 'pglite' | 'cloudbase';

  getSettings(): Promise<PolicySettings | null>;
  putSettings(settings: PolicySettings): Promise<void>;

  putSchools(schools: readonly School[]): Promise<void>;
  listSchools(): Promise<readonly School[]>;
  getSchool(id: SchoolId): Promise<School | null>;
  putZones(zones: readonly Zone[]): Promise<void>;
  listZones(): Promise<readonly Zone[]>;
  /** Replaces the whole zone table (an import): zones not in the new table are removed. */
  replaceZones(zones: readonly Zone[]): Promise<void>;
  putTeachers(teachers: readonly Teacher[]): Promise<void>;
  /** The whole roster: teachers not in the list are removed (an imported staff table). */
  replaceTeachers(teachers: readonly Teacher[]): Promise<void>;
  getTeacher(id: TeacherId): Promise<Teacher | null>;
  /** The county's whole staff, by id, in a few reads. */
  listTeachers(): Promise<readonly Teacher[]>;
  listTeachersBySchool(schoolId: SchoolId, page: PageRequest): Promise<Page<Teacher>>;
  countySnapshot(): Promise<CountySnapshot>;

  getBinding(openid: OpenId): Promise<Binding | null>;
  /** Creates a binding unless the OPENID already has one. */
  createBinding(binding: Binding): Promise<CreateResult>;
  /** The accounts bound to these teachers (to tell them of their rotation). */
  listTeacherBindings(teacherIds: readonly TeacherId[]): Promise<readonly Binding[]>;
  createInvite(invite: Invite): Promise<CreateResult>;
  /** Marks an unused, unexpired invite as used by `openid`, atomically (one winner). */
  redeemInvite(code: string, openid: OpenId, now: Date): Promise<RedeemResult>;

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
  /** One freeze per id: a second is refused (duplicate). */
  createFreeze(freeze: PlacementFreeze): Promise<CreateResult>;
  getFreeze(id: string): Promise<PlacementFreeze | null>;
  /** Append-only: a run id is used once (the formal run's id is fixed per freeze). */
  createPlacementRun(run: PlacementRunRecord): Promise<CreateResult>;
  getPlacementRun(id: string): Promise<PlacementRunRecord | null>;
  /** A run without its result (a county's is megabytes): when it ran and whether it is published. */
  getPlacementRunHead(id: string): Promise<PlacementRunHead | null>;
  markRunPublished(id: string, at: string): Promise<void>;
  getPlacementResponse(id: RegistrationId): Promise<PlacementResponse | null>;
  /**
   * Writes a family's response if nobody wrote first: `expectedVersion` null creates it (refused
   * if it exists); a number updates only the record still at that version. The stored version is
   * the given record's.
   */
  savePlacementResponse(next: PlacementResponse, expectedVersion: number | null): Promise<SaveResult>;
  getClassingPlan(id: string): Promise<ClassingPlan | null>;
  /** Every school's class split of a year as class sizes (plans not yet split are left out). */
  listClassSizes(year: number): Promise<readonly ClassSizes[]>;
  /** Like savePlacementResponse: null creates (refused if it exists), a number updates that version. */
  saveClassingPlan(next: ClassingPlan, expectedVersion: number | null): Promise<SaveResult>;
  getRotationRecord(id: string): Promise<RotationRecord | null>;
  /** Like saveClassingPlan: null creates (refused if it exists), a number updates that version. */
  saveRotationRecord(next: RotationRecord, expectedVersion: number | null): Promise<SaveResult>;
  /**
   * Writes children onto a year's roster in one call: a new child gets a record with no
   * follow-ups, a child already on it gets the new fields and the next version — its follow-ups
   * are never touched, so a note recorded while an import runs is not lost.
   */
  mergeCensus(
    year: number,
    rows: readonly { readonly id: string; readonly child: CensusChild }[],
  ): Promise<void>;
  /** Takes children off the roster (a confirmed replace; the caller audits each one first). */
  removeCensus(ids: readonly string[]): Promise<void>;
  /** A year's whole roster by township, then id, in a few reads. */
  censusAll(year: number): Promise<readonly CensusRecord[]>;
  /** A year's roster by township, then id. */
  listCensus(year: number, page: PageRequest): Promise<Page<CensusRecord>>;
  getCensus(id: string): Promise<CensusRecord | null>;
  /** Updates a child's record at the version read (follow-ups); otherwise a conflict. */
  saveCensus(next: CensusRecord, expectedVersion: number): Promise<SaveResult>;
  getRotationNominations(id: string): Promise<RotationNominations | null>;
  /** Creates (expectedVersion null) or updates at the version read; otherwise a conflict. */
  saveRotationNominations(next: RotationNominations, expectedVersion: number | null): Promise<SaveResult>;
  /** Every school's nominations of a year (one document per school). */
  listRotationNominations(year: number): Promise<readonly RotationNominations[]>;
  /** Review requests of a cycle, oldest first; `state` null = open and answered. */
  listAppeals(
    year: number,
    state: Exclude<AppealState, 'none'> | null,
    page: PageRequest,
  ): Promise<Page<PlacementResponse>>;

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

  appendNotice(notice: Notice): Promise<void>;
  /**
   * Appends many notices at once (a draw's results, a class split, a rotation plan); one whose id
   * is already stored (a repeated step) is not written twice.
   */
  appendNotices(notices: readonly Notice[]): Promise<void>;
  /** One more message the user accepted for a subscribe-message template (one tap = one message). */
  subscriptionGrant(openid: OpenId, templateId: string): Promise<number>;
  /** How many accepted messages are left (read before sending: a message is sent only then). */
  subscriptionQuota(openid: OpenId, templateId: string): Promise<number>;
  /** subscriptionQuota for many users at once, in the order asked. */
  subscriptionQuotas(openids: readonly OpenId[], templateId: string): Promise<readonly number[]>;
  /**
   * Uses one accepted message if any is left (atomic); false when the quota is spent. Called
   * after WeChat accepted a message, so a refused send does not use the family's allowance.
   */
  subscriptionConsume(openid: OpenId, templateId: string): Promise<boolean>;
  listNotices(owner: OpenId, page: PageRequest): Promise<Page<Notice>>;

  /**
   * Claims an idempotency key for a request (its payload's hash recorded): `claimed` when this
   * request is the first (or takes over one left pending longer than `staleMs`), `done` with the
   * first response, `pending` while the first still runs, `mismatch` when the key came with a
   * different payload.
   */
  idempotencyClaim(key: string, payloadHash: string, now: Date, staleMs: number): Promise<IdempotencyClaim>;
  idempotencyFinish(key: string, response: unknown): Promise<void>;
  /** Frees a claim whose request failed (an expected failure changed nothing; a retry may run). */
  idempotencyRelease(key: string): Promise<void>;

  /** Appends to the hash chain (see server/security/auditChain.ts); appends are serialised. */
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(entity: string): Promise<readonly AuditEntry[]>;
  /**
   * The whole log in chain order (by chain, then sequence), a page at a time after a position
   * (auditPosition of the last row read; 0 to start), for verification and backups.
   */
  auditChainPage(after: number, limit: number): Promise<readonly ChainedAudit[]>;
  /** The chain heads a head published earlier stood for (many chains); null when unknown or one chain. */
  auditCheckpoint(head: string): Promise<AuditCheckpoint | null>;
  /** The chain's head as stored: entries and the last entry's hash (published on the bureau's page). */
  auditHead(): Promise<AuditHead>;

  close(): Promise<void>;
}

/** Clamps a page request to sane bounds. */
export function pageClamp(p: PageRequest): PageRequest {
  return {
    offset: Math.max(0, Math.floor(p.offset)),
    limit: Math.min(MAX_PAGE, Math.max(1, Math.floor(p.limit))),
  };
}

/** Builds a page from `limit + 1` fetched rows (the extra row tells whether more exist). */
export function pageOf<T>(rows: readonly T[], p: PageRequest): Page<T> {
  const more = rows.length > p.limit;
  return { items: more ? rows.slice(0, p.limit) : rows, next: more ? p.offset + p.limit : null };
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
