/**
 * An audit row as PGlite returns it, and the entry it stands for: the one reading both the store
 * (pglite/audit.ts) and the migration that first chained the log (migrations.ts) hash, so the
 * chain they build and check is over the same entries.
 */
import type { AuditEntry } from '../auditEntry';

export interface AuditRow {
  seq: number | string;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  detail: Record<string, unknown>;
  prev_hash: string | null;
  hash: string | null;
}

export const auditRowEntry = (r: Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>): AuditEntry => ({
  at: new Date(r.at).toISOString(),
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  detail: r.detail,
});
