/** CloudBase: the audit log in many chains (cloudbaseAudit.ts) and idempotency records (AuditStore). */
import { createHash } from 'node:crypto';
import type { ChainedAudit, ChainHead } from '../../security/auditChain';
import { auditEntryId, auditHeadOf, auditHeadRead, auditWrites, txGet } from '../cloudbaseAudit';
import { read, WRITE_TOKEN, writeToken } from '../cloudbaseCalls';
import { strip } from '../cloudbaseDocs';
import type { AuditEntry, AuditStore } from '../ports/audit';
import { WX_READ_LIMIT, type CloudStoreBase } from './common';

/** The idempotency document of a request key (keys are long; ids are kept short and uniform). */
export const idempotencyDocId = (key: string): string =>
  `idem-${createHash('sha256').update(key).digest('hex')}`;

export function cloudbaseAudit({ _, docs, chains, transact }: CloudStoreBase): AuditStore {
  const { col, byId, addUnique, updateOne } = docs;
  return {
    async appendAudit(e: AuditEntry) {
      // A transaction: the entity's chain's head read, the entry and the new head written. After a
      // lost reply the retry first looks for its own entry where the last attempt put it.
      const token = writeToken();
      let tried: string | null = null;
      await transact(async (t) => {
        if (tried && (await txGet(t, 'audit', tried))?.[WRITE_TOKEN] === token) return;
        const head = await auditHeadRead(t, e.entity, chains);
        tried = auditEntryId(head.chain, head.seq + 1);
        await Promise.all(auditWrites(t, e, head, token));
      });
    },
    async idempotencyClaim(key, payloadHash, now, staleMs) {
      const id = idempotencyDocId(key);
      for (;;) {
        const res = await addUnique('idempotency', id, {
          payloadHash,
          state: 'pending',
          at: now.toISOString(),
        });
        if (res.status === 'created') return { status: 'claimed' };
        const row = await byId<{ payloadHash: string; state: string; response?: unknown; at: string }>(
          'idempotency',
          id,
        );
        if (!row) continue;
        if (row.payloadHash !== payloadHash) return { status: 'mismatch' };
        if (row.state === 'done') return { status: 'done', response: row.response };
        if (now.getTime() - new Date(row.at).getTime() < staleMs) return { status: 'pending' };
        const took = await updateOne(
          'idempotency',
          id,
          { state: 'pending', at: row.at },
          { at: now.toISOString() },
        );
        return took ? { status: 'claimed' } : { status: 'pending' };
      }
    },
    async idempotencyFinish(key, response) {
      await updateOne('idempotency', idempotencyDocId(key), {}, { state: 'done', response: _.set(response) });
    },
    async idempotencyRelease(key) {
      const id = idempotencyDocId(key);
      // Only this request holds a pending claim on its key, so a read then a remove is safe.
      const row = await byId<{ state: string }>('idempotency', id);
      if (row?.state === 'pending') await docs.removeDoc('idempotency', id);
    },
    async auditHead() {
      // The digest of every chain's head; the chain heads it stands for are kept with it, so a
      // later check against this head can tell whether any chain lost entries.
      const { count, head, checkpoint } = auditHeadOf(await docs.scan('auditHeads', {}));
      if (count > 0)
        await docs.setDoc('auditCheckpoints', head, { heads: checkpoint.heads.map((h) => [...h]) });
      return { count, head };
    },
    async auditCheckpoint(head) {
      const d = await byId<{ heads: ChainHead[] }>('auditCheckpoints', head);
      return d ? { heads: d.heads } : null;
    },
    async auditChainPage(after, limit) {
      // Entries' ids sort by chain, then sequence: a page is the next ids in order.
      const chain = Math.floor(after / 2 ** 32);
      const seq = after - chain * 2 ** 32;
      // Entries from before the log had many chains (chain 0) kept their ids, `audit-<seq>`, which
      // sort before every chain's.
      const from = chain === 0 ? `audit-${String(seq).padStart(12, '0')}` : auditEntryId(chain, seq);
      const res = await read(() =>
        col('audit')
          .where({ _id: _.gt(from) })
          .orderBy('_id', 'asc')
          .limit(Math.min(limit, WX_READ_LIMIT))
          .get(),
      );
      return res.data.map((d) => {
        const {
          chain: c,
          seq,
          prevHash,
          hash,
          at,
          actor,
          action,
          entity,
          detail,
        } = d as unknown as ChainedAudit['entry'] & {
          chain?: number;
          seq: number;
          prevHash: string;
          hash: string;
        };
        // Entries written before the log had many chains have no chain: they are chain 0.
        return { chain: c ?? 0, seq, prevHash, hash, entry: { at, actor, action, entity, detail } };
      });
    },
    async listAudit(entity) {
      // An entity's entries are all in one chain: in sequence order.
      const res = await read(() =>
        col('audit').where({ entity }).orderBy('seq', 'asc').limit(WX_READ_LIMIT).get(),
      );
      return res.data.map((d) => {
        const {
          chain: _c,
          seq: _s,
          prevHash: _p,
          hash: _h,
          ...entry
        } = strip<AuditEntry & Record<string, unknown>>(d);
        return entry as AuditEntry;
      });
    },
  };
}
