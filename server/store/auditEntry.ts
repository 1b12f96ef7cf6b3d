/** One audit-log entry as an action writes it (the chain adds its place and hashes: auditChain.ts). */
export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly detail: Readonly<Record<string, unknown>>;
}
