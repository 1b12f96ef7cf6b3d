/**
 * The audit log as a hash chain: each entry's hash covers the previous entry's hash and the
 * entry's own fields (canonical JSON, so the database's key order does not matter). Changing,
 * removing or reordering any entry breaks the chain from there on; the verification names the
 * first entry that does not fit. Removing entries from the very end leaves a shorter valid chain,
 * so the verification also prints the head (count and last hash) for the bureau to record
 * outside the system and compare next time (`--expect-head`); the bureau's overview shows the
 * day's head and every backup manifest carries it. Nothing chains rows after the fact: entries
 * from before the chain were chained once by a recorded migration (migrations.ts, version 14).
 */
import { canonicalJson } from '../../shared/placement/canonical';
import { sha256Hex } from '../../shared/sha256';
import { utf8Encode } from '../../shared/utf8';
import type { AuditEntry } from '../store/auditEntry';

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
  /** Whether an earlier head was given and compared (only that catches entries cut from the end). */
  readonly headCompared: boolean;
  /** Chinese, naming the entry (sequence number) where the chain first breaks. */
  readonly problems: readonly string[];
  /** Chinese: said when no earlier head was given, so nobody reads "ok" as more than it is. */
  readonly note?: string;
}

/** What a verification without an earlier head cannot tell (issue #16). */
export const AUDIT_NO_HEAD_NOTE =
  '没有提供上次记录的末条哈希（--expect-head），只核对了记录之间的衔接：末尾被删除的记录发现不了。请把本次的 head 记在系统之外，下次核对时提供。';

/** The head as published (the bureau's overview, a backup manifest): entries and last hash. */
export interface AuditHead {
  readonly count: number;
  readonly head: string;
}

/** Checks entries in chain order (ascending seq), from the genesis hash. */
export function auditVerify(rows: readonly ChainedAudit[], expectHead?: string): AuditVerification {
  const problems: string[] = [];
  let prev = AUDIT_GENESIS;
  for (const r of rows) {
    // A row without a hash was written outside the chain or had its hash wiped; the store never
    // fills one in afterwards (no re-chaining on open), so it is a break like any other.
    if (!r.hash || !r.prevHash) {
      problems.push(`第${r.seq}条：没有哈希（不在链上写入，或哈希被清除）。`);
      break;
    }
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
  const headCompared = expectHead !== undefined && expectHead !== '';
  if (
    problems.length === 0 &&
    headCompared &&
    expectHead !== prev &&
    !rows.some((r) => r.hash === expectHead)
  )
    problems.push('记录中找不到上次核对时的末条哈希：日志被截断或替换。');
  return {
    ok: problems.length === 0,
    count: rows.length,
    head: prev,
    headCompared,
    problems,
    ...(headCompared ? {} : { note: AUDIT_NO_HEAD_NOTE }),
  };
}
