/** PGlite: the audit log (one hash chain) and idempotency records (AuditStore). */
import { AUDIT_GENESIS, type ChainedAudit } from '../../security/auditChain';
import type { AuditEntry } from '../auditEntry';
import type { AuditStore, IdempotencyClaim } from '../ports/audit';
import type { Statement } from '../pgliteStatements';
import type { PgDocs } from './sql';

interface AuditRow {
  seq: number | string;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  detail: Record<string, unknown>;
  prev_hash: string | null;
  hash: string | null;
}

const chainedOf = (r: AuditRow): ChainedAudit => ({
  // The local host keeps one chain.
  chain: 0,
  seq: Number(r.seq),
  prevHash: r.prev_hash ?? '',
  hash: r.hash ?? '',
  entry: {
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    detail: r.detail,
  },
});

/** The entry's INSERT; the runner adds prev_hash and hash when it runs (see pgliteRunner). */
export const auditStatement = (e: AuditEntry): Statement => ({
  sql: 'INSERT INTO audit (at, actor, action, entity, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
  params: [e.at, e.actor, e.action, e.entity, JSON.stringify(e.detail)],
  audit: e,
});

/** A request's answer kept for its retries (also sent with a new registration). */
export const idempotencyDone = (key: string, response: unknown): Statement => ({
  sql: "UPDATE idempotency SET state = 'done', response = $2 WHERE key = $1",
  params: [key, JSON.stringify(response)],
});

export function pgliteAudit({ pg }: PgDocs): AuditStore {
  const idempotencyClaim = async (
    key: string,
    payloadHash: string,
    now: Date,
    staleMs: number,
  ): Promise<IdempotencyClaim> => {
    const ins = await pg.query(
      `INSERT INTO idempotency (key, payload_hash, state, at) VALUES ($1, $2, 'pending', $3)
       ON CONFLICT (key) DO NOTHING`,
      [key, payloadHash, now.toISOString()],
    );
    if ((ins.affectedRows ?? 0) === 1) return { status: 'claimed' };
    const row = (
      await pg.query<{ payload_hash: string; state: string; response: unknown; at: Date }>(
        'SELECT payload_hash, state, response, at FROM idempotency WHERE key = $1',
        [key],
      )
    ).rows[0];
    if (!row) return idempotencyClaim(key, payloadHash, now, staleMs);
    if (row.payload_hash !== payloadHash) return { status: 'mismatch' };
    if (row.state === 'done') return { status: 'done', response: row.response };
    if (now.getTime() - new Date(row.at).getTime() < staleMs) return { status: 'pending' };
    // The first attempt died mid-way (a crash): take it over, once.
    const took = await pg.query(
      "UPDATE idempotency SET at = $2 WHERE key = $1 AND state = 'pending' AND at = $3",
      [key, now.toISOString(), row.at],
    );
    return (took.affectedRows ?? 0) === 1 ? { status: 'claimed' } : { status: 'pending' };
  };

  return {
    async appendAudit(e) {
      await pg.batch([auditStatement(e)]);
    },
    async listAudit(entity) {
      const res = await pg.query<{
        at: Date;
        actor: string;
        action: string;
        entity: string;
        detail: Record<string, unknown>;
      }>('SELECT at, actor, action, entity, detail FROM audit WHERE entity = $1 ORDER BY seq', [entity]);
      return res.rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
    },
    async auditChainPage(afterSeq, limit) {
      const res = await pg.query<AuditRow>(
        'SELECT seq, at, actor, action, entity, detail, prev_hash, hash FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2',
        [afterSeq, limit],
      );
      return res.rows.map(chainedOf);
    },
    // One chain: a published head is the hash of an entry, found in the chain itself.
    auditCheckpoint: async () => null,
    async auditHead() {
      const res = await pg.query<{ n: number; h: string | null }>(
        'SELECT count(*)::int AS n, (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1) AS h FROM audit',
      );
      return { count: res.rows[0]?.n ?? 0, head: res.rows[0]?.h ?? AUDIT_GENESIS };
    },

    idempotencyClaim,
    async idempotencyFinish(key, response) {
      const { sql, params } = idempotencyDone(key, response);
      await pg.query(sql, params);
    },
    async idempotencyRelease(key) {
      await pg.query("DELETE FROM idempotency WHERE key = $1 AND state = 'pending'", [key]);
    },
  };
}
