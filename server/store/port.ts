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
import type { Registration, StatusChange } from '../../shared/registration/types';
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

export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export type { CountySnapshot };

export type CreateResult = { readonly status: 'created' } | { readonly status: 'duplicate' };

export type TransitionResult =
  | { readonly status: 'ok'; readonly registration: Registration }
  | { readonly status: 'stale'; readonly current: Registration }
  | { readonly status: 'not_found' };

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
  putTeachers(teachers: readonly Teacher[]): Promise<void>;
  getTeacher(id: TeacherId): Promise<Teacher | null>;
  listTeachersBySchool(schoolId: SchoolId, page: PageRequest): Promise<Page<Teacher>>;
  countySnapshot(): Promise<CountySnapshot>;

  getBinding(openid: OpenId): Promise<Binding | null>;
  /** Creates a binding unless the OPENID already has one. */
  createBinding(binding: Binding): Promise<CreateResult>;
  createInvite(invite: Invite): Promise<CreateResult>;
  /** Marks an unused, unexpired invite as used by `openid`, atomically (one winner). */
  redeemInvite(code: string, openid: OpenId, now: Date): Promise<RedeemResult>;

  /** Inserts a registration; its id is the uniqueness key (child + year). */
  createRegistration(registration: Registration): Promise<CreateResult>;
  getRegistration(id: RegistrationId): Promise<Registration | null>;
  listRegistrationsByOwner(owner: OpenId, page: PageRequest): Promise<Page<Registration>>;
  listSchoolQueue(
    schoolId: SchoolId,
    status: RegistrationStatus | null,
    page: PageRequest,
  ): Promise<Page<Registration>>;
  /** Applies a status change only if the record still has `expectedVersion` and `change.from`. */
  transitionRegistration(
    id: RegistrationId,
    expectedVersion: number,
    change: StatusChange,
  ): Promise<TransitionResult>;

  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(entity: string): Promise<readonly AuditEntry[]>;

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
export function registrationApply(r: Registration, change: StatusChange): Registration {
  return {
    ...r,
    status: change.to,
    version: r.version + 1,
    updatedAt: change.at,
    history: [...r.history, change],
  };
}
