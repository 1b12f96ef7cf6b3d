/**
 * Production adapter: CloudBase document database through wx-server-sdk (`cloud.database()`).
 * Uniqueness comes from choosing the document `_id`; status changes are conditional updates on
 * `{ _id, status, version }`; every read has an explicit `.limit()` (functions read ≤ 1000).
 * Every call is network-safe (cloudbaseCalls.ts): throttling is retried, and a write whose reply
 * was lost is recognised by its write token rather than taken for someone else's. One file per
 * area of the port (cloudbase/*.ts) over shared helpers (cloudbase/common.ts).
 *
 * wxApi.ts holds the slice of the SDK's database API this adapter uses, written out so the
 * adapter can be type-checked and tested against a double offline (the real SDK cannot reach a
 * database without cloud credentials).
 */
import { AUDIT_CHAINS } from './cloudbaseAudit';
import { cloudbaseAudit } from './cloudbase/audit';
import { cloudbaseCensus } from './cloudbase/census';
import { cloudbaseClassing } from './cloudbase/classing';
import { cloudStoreBase } from './cloudbase/common';
import { cloudbaseCounty } from './cloudbase/county';
import { cloudbaseDrafts } from './cloudbase/drafts';
import { cloudbaseIdentity } from './cloudbase/identity';
import { cloudbaseNotices } from './cloudbase/notices';
import { cloudbasePlacement } from './cloudbase/placement';
import { cloudbaseRegistrations } from './cloudbase/registrations';
import { cloudbaseRotation } from './cloudbase/rotation';
import type { Store } from './port';
import type { WxDatabase } from './wxApi';

export interface CloudbaseOptions {
  /** How many chains the audit log is kept in (see cloudbaseAudit.ts); 1 is one serial point. */
  readonly auditChains?: number;
}

export function cloudbaseStore(db: WxDatabase, options: CloudbaseOptions = {}): Store {
  const base = cloudStoreBase(db, options.auditChains ?? AUDIT_CHAINS);
  return {
    kind: 'cloudbase',
    ...cloudbaseCounty(base),
    ...cloudbaseIdentity(base),
    ...cloudbaseRegistrations(base),
    ...cloudbaseDrafts(base),
    ...cloudbaseNotices(base),
    ...cloudbasePlacement(base),
    ...cloudbaseClassing(base),
    ...cloudbaseRotation(base),
    ...cloudbaseCensus(base),
    ...cloudbaseAudit(base),
    close: async () => undefined,
  };
}
