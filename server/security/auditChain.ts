/**
 * The audit log as a hash chain: each entry's hash covers the previous entry's hash and the
 * entry's own fields (canonical JSON, so the database's key order does not matter). Changing,
 * removing or reordering any entry breaks the chain from there on; the verification names the
 * first entry that does not fit. Removing entries from the very end leaves a shorter valid chain,
 * so the verification also prints the head (count and last hash) for the bureau to record
 * outside the system and compare next time (`--expect-head`); the bureau's overview shows the
 * day's head and every backup manifest carries it. Nothing chains rows after the fact: entries
 * from before the chain were chained once by a recorded migration (migrations.ts, version 14).
 *
 * The local host keeps one chain (chain 0). The CloudBase adapter keeps many (1…K, an entity's
 * entries always in one of them): one chain is one serial point, and a county submitting
 * hundreds of registrations a second needs many. Then the head is a digest of every chain's head
 * (auditHeadsDigest), and the store keeps each published digest's chain heads as a checkpoint, so
 * a later verification can check that no chain lost entries from before it.
 */
import { canonicalJson } from '../../shared/placement/canonical';
import { sha256Hex } from '../../shared/sha256';
import { utf8Encode } from '../../shared/utf8';
import type { AuditEntry } from '../store/auditEntry';

export const AUDIT_GENESIS = '0'.repeat(64);

export interface ChainedAudit {
  /** The chain (0: the local host's one chain; 1…K on CloudBase). */
  readonly chain: number;
  /** The entry's number in its chain, from 1. */
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

/** A chain's head: its last entry's number and hash. */
export type ChainHead = readonly [chain: number, seq: number, hash: string];

/** The chain heads a published head (a digest) stood for, kept by the store (see auditCheckpoint). */
export interface AuditCheckpoint {
  readonly heads: readonly ChainHead[];
}

/**
 * The head of a log kept in many chains: one hash over every chain's head, in chain order (the
 * genesis hash when there is no entry yet). What the bureau writes down.
 */
export function auditHeadsDigest(heads: readonly ChainHead[]): string {
  if (heads.length === 0) return AUDIT_GENESIS;
  const lines = [...heads].sort((a, b) => a[0] - b[0]).map(([c, n, h]) => `${c} ${n} ${h}`);
  return sha256Hex(utf8Encode(`junheng/audit-heads/v1\n${lines.join('\n')}`));
}

/** A row's place in the log, in chain order then sequence (the cursor of auditChainPage). */
export const auditPosition = (r: Pick<ChainedAudit, 'chain' | 'seq'>): number => r.chain * 2 ** 32 + r.seq;

/** Checks one chain's entries (ascending seq) from the genesis hash; its head, or the problem. */
function chainCheck(rows: readonly ChainedAudit[], label: (r: ChainedAudit) => string) {
  let prev = AUDIT_GENESIS;
  for (const r of rows) {
    // A row without a hash was written outside the chain or had its hash wiped; the store never
    // fills one in afterwards (no re-chaining on open), so it is a break like any other.
    if (!r.hash || !r.prevHash)
      return { head: prev, problem: `${label(r)}：没有哈希（不在链上写入，或哈希被清除）。` };
    if (r.prevHash !== prev)
      return { head: prev, problem: `${label(r)}：与上一条记录衔接不上（其前有记录被删除、插入或改动）。` };
    if (auditHash(r.prevHash, r.entry) !== r.hash)
      return { head: prev, problem: `${label(r)}：内容与其哈希不符（记录被改动）。` };
    prev = r.hash;
  }
  return { head: prev, problem: null };
}

/**
 * Checks entries in chain order (by chain, then ascending seq), each chain from the genesis hash.
 * One chain (the local host): the head is its last hash, and an earlier head must be one of its
 * hashes. Many chains: the head is the digest of their heads, and an earlier head needs its
 * checkpoint (from the store): the digest must match, and every chain must still hold the entry
 * the checkpoint names.
 */
export function auditVerify(
  rows: readonly ChainedAudit[],
  expectHead?: string,
  checkpoint?: AuditCheckpoint | null,
): AuditVerification {
  const problems: string[] = [];
  const headCompared = expectHead !== undefined && expectHead !== '';
  const sharded = rows.some((r) => r.chain !== 0) || checkpoint != null;
  let prev = AUDIT_GENESIS;
  if (!sharded) {
    const res = chainCheck(rows, (r) => `第${r.seq}条`);
    prev = res.head;
    if (res.problem) problems.push(res.problem);
    if (
      problems.length === 0 &&
      headCompared &&
      expectHead !== prev &&
      !rows.some((r) => r.hash === expectHead)
    )
      problems.push('记录中找不到上次核对时的末条哈希：日志被截断或替换。');
  } else {
    const chains = new Map<number, ChainedAudit[]>();
    for (const r of rows) {
      const list = chains.get(r.chain);
      if (list) list.push(r);
      else chains.set(r.chain, [r]);
    }
    const heads: ChainHead[] = [];
    for (const [chain, list] of [...chains].sort((a, b) => a[0] - b[0])) {
      const res = chainCheck(list, (r) => `第${chain}链第${r.seq}条`);
      if (res.problem) {
        problems.push(res.problem);
        break;
      }
      heads.push([chain, list[list.length - 1]?.seq ?? 0, res.head]);
    }
    prev = auditHeadsDigest(heads);
    if (problems.length === 0 && headCompared && expectHead !== prev) {
      const at = new Map(rows.map((r) => [`${r.chain} ${r.seq}`, r.hash]));
      const kept =
        checkpoint &&
        auditHeadsDigest(checkpoint.heads) === expectHead &&
        checkpoint.heads.every(([c, n, h]) => at.get(`${c} ${n}`) === h);
      if (!kept) problems.push('记录中找不到上次核对时的末条哈希：日志被截断或替换。');
    }
  }
  return {
    ok: problems.length === 0,
    count: rows.length,
    head: prev,
    headCompared,
    problems,
    ...(headCompared ? {} : { note: AUDIT_NO_HEAD_NOTE }),
  };
}
