/**
 * What makes the record trustworthy: the hash-chained audit log, and the idempotency records by
 * which a retried request gets its first answer instead of running twice.
 */
import type { AuditCheckpoint, AuditHead, ChainedAudit } from '../../security/auditChain';
import type { AuditEntry } from '../auditEntry';

export type { AuditEntry };

/** What a retried request finds under its idempotency key. */
export type IdempotencyClaim =
  | { readonly status: 'claimed' }
  | { readonly status: 'done'; readonly response: unknown }
  | { readonly status: 'pending' }
  | { readonly status: 'mismatch' };

export interface AuditStore {
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
}
