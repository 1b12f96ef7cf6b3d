/**
 * The audit log on CloudBase: many hash chains instead of one. Appending to a chain means reading
 * its head and writing after it, so a chain takes one append at a time; with 30 ms round trips one
 * chain manages a few dozen a second for the whole county, and registration day needs hundreds.
 * So the log is kept in K chains (collection `auditHeads`, one head document per chain; entries in
 * `audit` with `_id` = `audit-<chain>-<seq>`), an entity's entries always in the same chain (by a
 * hash of the entity), each append a transaction that reads the chain's head and writes the entry
 * and the new head — and a registration's entry goes in the same transaction as the registration.
 * Two appends to one chain at once conflict; the later is retried. The head the bureau publishes
 * is the digest of all chain heads (auditHeadsDigest), kept as a checkpoint for later checks.
 */
import {
  AUDIT_GENESIS,
  auditHash,
  auditHeadsDigest,
  type AuditCheckpoint,
  type ChainHead,
} from '../security/auditChain';
import { WRITE_TOKEN } from './cloudbaseCalls';
import type { AuditEntry } from './port';
import type { Data, WxTransaction } from './wxApi';

/**
 * Chains of a county's log: enough that registration day's appends rarely meet on one (300
 * submits in flight at once: 64 chains made more than one conflict per submit on the double,
 * 1,024 one in ten).
 */
export const AUDIT_CHAINS = 1024;

const pad = (n: number, w: number) => String(n).padStart(w, '0');
export const auditHeadId = (chain: number) => `chain-${pad(chain, 4)}`;
export const auditEntryId = (chain: number, seq: number) => `audit-${pad(chain, 4)}-${pad(seq, 12)}`;

/** The chain of an entity (1…chains): FNV-1a of its name, so its entries stay in order. */
export function auditChainOf(entity: string, chains: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < entity.length; i++) h = Math.imul(h ^ entity.charCodeAt(i), 0x01000193) >>> 0;
  return 1 + (h % chains);
}

/** A document read inside a transaction, or null when it does not exist. */
export async function txGet(t: WxTransaction, name: string, id: string): Promise<Data | null> {
  try {
    return (await t.collection(name).doc(id).get()).data;
  } catch (e) {
    if (e instanceof Error && /does not exist/.test(e.message)) return null;
    if (typeof e === 'string' && /does not exist/.test(e)) return null;
    throw e;
  }
}

/** What an append reads first: the chain and its head (in the transaction that will write after it). */
export interface ChainRead {
  readonly chain: number;
  readonly seq: number;
  readonly hash: string;
}

export async function auditHeadRead(t: WxTransaction, entity: string, chains: number): Promise<ChainRead> {
  const chain = auditChainOf(entity, chains);
  const head = await txGet(t, 'auditHeads', auditHeadId(chain));
  return { chain, seq: Number(head?.['seq'] ?? 0), hash: String(head?.['hash'] ?? AUDIT_GENESIS) };
}

/** The entry after the head read, and the new head, written in the same transaction. */
export function auditWrites(
  t: WxTransaction,
  e: AuditEntry,
  at: ChainRead,
  token: string,
): Promise<unknown>[] {
  const seq = at.seq + 1;
  const hash = auditHash(at.hash, e);
  return [
    t.collection('audit').add({
      data: {
        _id: auditEntryId(at.chain, seq),
        ...e,
        detail: { ...e.detail },
        chain: at.chain,
        seq,
        prevHash: at.hash,
        hash,
        [WRITE_TOKEN]: token,
      },
    }),
    t
      .collection('auditHeads')
      .doc(auditHeadId(at.chain))
      .set({ data: { chain: at.chain, seq, hash, [WRITE_TOKEN]: token } }),
  ];
}

/** The published head of the chains' heads, and the checkpoint to keep for it. */
export function auditHeadOf(heads: readonly Data[]): {
  count: number;
  head: string;
  checkpoint: AuditCheckpoint;
} {
  const list: ChainHead[] = heads
    .map((h): ChainHead => [Number(h['chain']), Number(h['seq']), String(h['hash'])])
    .sort((a, b) => a[0] - b[0]);
  return {
    count: list.reduce((a, [, n]) => a + n, 0),
    head: auditHeadsDigest(list),
    checkpoint: { heads: list },
  };
}
