/**
 * The audit log as a hash chain: each entry's hash covers the previous entry's hash and the
 * entry's own fields (canonical JSON, so the database's key order does not matter). Changing,
 * removing or reordering any entry breaks the chain from there on; the verification names the
 * first entry that does not fit. Removing entries from the very end leaves a shorter valid chain,
 * so the verification also prints the head (count and last hash) for the bureau to record
 * outside the system and compare next time (`--expect-head`).
 */
import { canonicalJson } from '../../shared/placement/canonical';
import { sha256Hex } from '../../shared/sha256';
import { utf8Encode } from '../../shared/utf8';
import type { AuditEntry } from '../store/port';

export const AUDIT_GENESIS = '0'.repeat(64);

export interface ChainedAudit {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
  readonly entry: AuditEntry;
}

export function auditHash(prevHash: string, e: AuditEntry): string {
  const body = canonicalJson({
    at: new Date(e.at).toISOString(),
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    detail: e.detail,
  });
  return sha256Hex(utf8Encode(`${prevHash}\n${body}`));
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly count: number;
  readonly head: string;
  /** Chinese, naming the entry (sequence number) where the chain first breaks. */
  readonly problems: readonly string[];
}

/** Checks entries in chain order (ascending seq), from the genesis hash. */
export function auditVerify(rows: readonly ChainedAudit[], expectHead?: string): AuditVerification {
  const problems: string[] = [];
  let prev = AUDIT_GENESIS;
  for (const r of rows) {
    if (r.prevHash !== prev) {
      problems.push(`第${r.seq}条：与上一条记录衔接不上（其前有记录被删除、插入或改动）。`);
      break;
    }
    if (auditHash(r.prevHash, r.entry) !== r.hash) {
      problems.push(`第${r.seq}条：内容与其哈希不符（记录被改动）。`);
      break;
    }
    prev = r.hash;
  }
  if (problems.length === 0 && expectHead && expectHead !== prev && !rows.some((r) => r.hash === expectHead))
    problems.push('记录中找不到上次核对时的末条哈希：日志被截断或替换。');
  return { ok: problems.length === 0, count: rows.length, head: prev, problems };
}
