/**
 * The data-layer port: a small, domain-shaped interface the cloud functions use, one part per
 * area (ports/*.ts) composed into one `Store`. Adapters: PGlite (embedded, local default;
 * pglite.ts composing pglite/*.ts) and CloudBase (wx-server-sdk, production; cloudbase.ts composing
 * cloudbase/*.ts). Uniqueness and status transitions are enforced by the store itself (a unique
 * key; a conditional update on status + version), never by count-then-insert in the caller.
 */
import type { AuditStore } from './ports/audit';
import type { CensusStore } from './ports/census';
import type { ClassingStore } from './ports/classing';
import type { CountyStore } from './ports/county';
import type { DraftStore } from './ports/drafts';
import type { IdentityStore } from './ports/identity';
import type { NoticeStore } from './ports/notices';
import type { PlacementStore } from './ports/placement';
import type { RegistrationStore } from './ports/registrations';
import type { RotationStore } from './ports/rotation';

export * from './ports/common';
export type { AuditEntry, AuditStore, IdempotencyClaim } from './ports/audit';
export type { CensusStore } from './ports/census';
export type { ClassSizes, ClassingStore } from './ports/classing';
export type { CountySnapshot, CountyStore } from './ports/county';
export type { DraftStore } from './ports/drafts';
export type { IdentityStore, RedeemResult } from './ports/identity';
export type { NoticeStore } from './ports/notices';
export type {
  PlacementFreeze,
  PlacementRunHead,
  PlacementRunRecord,
  PlacementStore,
} from './ports/placement';
export {
  anyQueue,
  registrationApply,
  type PropertyUse,
  type QueueFilter,
  type RegistrationCreateAlso,
  type RegistrationStore,
  type TierStatusCount,
  type TransitionItem,
  type TransitionResult,
} from './ports/registrations';
export type { RotationStore } from './ports/rotation';

export interface Store
  extends
    CountyStore,
    IdentityStore,
    RegistrationStore,
    DraftStore,
    NoticeStore,
    PlacementStore,
    ClassingStore,
    RotationStore,
    CensusStore,
    AuditStore {
  readonly kind: 'pglite' | 'cloudbase';
  close(): Promise<void>;
}
