/**
 * Schema migrations for the embedded (PostgreSQL) store, applied in order and recorded in
 * schema_version. Never edit a released migration: add a new one.
 */
import type { Transaction } from '@electric-sql/pglite';
import { AUDIT_GENESIS, auditHash } from '../security/auditChain';
import { auditRowEntry, type AuditRow } from './pglite/auditRow';

export interface Migration {
  readonly version: number;
  readonly sql: string;
  /** A data step after the SQL, in the same transaction (runs once, like the SQL). */
  readonly run?: (tx: Transaction) => Promise<void>;
}

/**
 * Chains audit entries written before the hash chain existed (schema 9), once, and records it in
 * the log itself. Until schema 14 the store did this on every open, so a rewrite that blanked the
 * hashes was silently chained again (issue #16); now a row without a hash stays without one and
 * `audit-verify` names it. Only a log with no hash at all is chained: once any entry is chained,
 * the old on-open step had chained everything before it, so an unhashed row is not pre-chain.
 */
async function auditChainOnce(tx: Transaction): Promise<void> {
  const rows = await tx.query<Omit<AuditRow, 'prev_hash'>>(
    'SELECT seq, at, actor, action, entity, detail, hash FROM audit ORDER BY seq',
  );
  if (rows.rows.length === 0 || rows.rows.some((r) => r.hash !== null)) return;
  let prev = AUDIT_GENESIS;
  for (const r of rows.rows) {
    const hash = auditHash(prev, auditRowEntry(r));
    await tx.query('UPDATE audit SET prev_hash = $2, hash = $3 WHERE seq = $1', [r.seq, prev, hash]);
    prev = hash;
  }
  const record = {
    at: new Date().toISOString(),
    actor: 'system',
    action: 'audit.chainStart',
    entity: 'audit',
    detail: { chained: rows.rows.length, migration: 14 },
  };
  await tx.query(
    'INSERT INTO audit (at, actor, action, entity, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [
      record.at,
      record.actor,
      record.action,
      record.entity,
      JSON.stringify(record.detail),
      prev,
      auditHash(prev, record),
    ],
  );
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE settings (key text PRIMARY KEY, value jsonb NOT NULL);
      CREATE TABLE schools (id text PRIMARY KEY, doc jsonb NOT NULL);
      CREATE TABLE zones (id text PRIMARY KEY, doc jsonb NOT NULL);
      CREATE TABLE teachers (id text PRIMARY KEY, school_id text NOT NULL, doc jsonb NOT NULL);
      CREATE INDEX teachers_school ON teachers (school_id, id);
      CREATE TABLE bindings (openid text PRIMARY KEY, doc jsonb NOT NULL);
      CREATE TABLE invites (
        code text PRIMARY KEY, doc jsonb NOT NULL, used_by text, expires_at timestamptz NOT NULL
      );
      CREATE TABLE registrations (
        id text PRIMARY KEY,
        owner text NOT NULL,
        school_id text NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        year integer NOT NULL,
        created_at timestamptz NOT NULL,
        doc jsonb NOT NULL
      );
      CREATE INDEX registrations_owner ON registrations (owner, created_at DESC, id);
      CREATE INDEX registrations_queue ON registrations (school_id, status, created_at, id);
      CREATE TABLE audit (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        entity text NOT NULL,
        detail jsonb NOT NULL
      );
      CREATE INDEX audit_entity ON audit (entity, seq);
    `,
  },
  {
    version: 2,
    sql: `
      ALTER TABLE registrations
        ADD COLUMN stage text NOT NULL DEFAULT 'primary',
        ADD COLUMN tier integer,
        ADD COLUMN flags text[] NOT NULL DEFAULT '{}',
        ADD COLUMN search_keys text[] NOT NULL DEFAULT '{}',
        ADD COLUMN property_key text;
      UPDATE registrations SET stage = doc->>'stage';
      CREATE INDEX registrations_property ON registrations (property_key, stage, year)
        WHERE property_key IS NOT NULL;
      CREATE TABLE drafts (
        owner text NOT NULL, id text NOT NULL, updated_at timestamptz NOT NULL, doc jsonb NOT NULL,
        PRIMARY KEY (owner, id)
      );
      CREATE TABLE files (id text PRIMARY KEY, owner text NOT NULL, doc jsonb NOT NULL);
      CREATE TABLE notices (
        seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, owner text NOT NULL,
        at timestamptz NOT NULL, doc jsonb NOT NULL
      );
      CREATE INDEX notices_owner ON notices (owner, seq DESC);
    `,
  },
  {
    version: 3,
    sql: `
      CREATE TABLE subscriptions (
        openid text NOT NULL, template_id text NOT NULL, quota integer NOT NULL CHECK (quota >= 0),
        PRIMARY KEY (openid, template_id)
      );
    `,
  },
  {
    version: 4,
    sql: `
      CREATE TABLE placement_freezes (id text PRIMARY KEY, doc jsonb NOT NULL);
      CREATE TABLE placement_runs (id text PRIMARY KEY, freeze_id text NOT NULL, doc jsonb NOT NULL);
      CREATE INDEX registrations_placement ON registrations (year, stage, status, id);
    `,
  },
  {
    version: 5,
    sql: `
      CREATE TABLE placement_responses (
        id text PRIMARY KEY, year integer NOT NULL, version integer NOT NULL,
        appeal_state text NOT NULL, appealed_at timestamptz, doc jsonb NOT NULL
      );
      CREATE INDEX placement_responses_appeals ON placement_responses (year, appeal_state, appealed_at, id);
    `,
  },
  {
    version: 6,
    sql: `
      CREATE TABLE classing_plans (
        id text PRIMARY KEY, school_id text NOT NULL, year integer NOT NULL, version integer NOT NULL,
        doc jsonb NOT NULL
      );
    `,
  },
  {
    version: 7,
    sql: `
      CREATE TABLE rotation_records (id text PRIMARY KEY, version integer NOT NULL, doc jsonb NOT NULL);
    `,
  },
  {
    version: 8,
    sql: `
      CREATE TABLE rotation_nominations (
        id text PRIMARY KEY, year integer NOT NULL, version integer NOT NULL, doc jsonb NOT NULL
      );
      CREATE INDEX rotation_nominations_year ON rotation_nominations (year);
      CREATE INDEX bindings_teacher ON bindings ((doc->>'teacherId'));
    `,
  },
  {
    // The audit hash chain; entries written before it are chained once by migration 14.
    version: 9,
    sql: `
      ALTER TABLE audit ADD COLUMN prev_hash text;
      ALTER TABLE audit ADD COLUMN hash text;
    `,
  },
  {
    version: 10,
    sql: `
      CREATE TABLE idempotency (
        key text PRIMARY KEY, payload_hash text NOT NULL, state text NOT NULL,
        response jsonb, at timestamptz NOT NULL
      );
      CREATE INDEX idempotency_at ON idempotency (at);
    `,
  },
  {
    version: 11,
    sql: `
      CREATE TABLE census (
        id text PRIMARY KEY, year integer NOT NULL, township text NOT NULL, version integer NOT NULL,
        doc jsonb NOT NULL
      );
      CREATE INDEX census_year ON census (year, township, id);
    `,
  },
  {
    // The child key (decision 0002): until now a registration's id was its child's key, so a
    // withdrawn registration kept the child for the year. Existing rows keep their ids, which are
    // their child keys. One registration holding a child per key: a unique partial index, so a
    // withdrawn or voided one releases the child and the database itself refuses a second holder.
    version: 12,
    sql: `
      ALTER TABLE registrations ADD COLUMN child_key text;
      UPDATE registrations SET child_key = id,
        doc = doc || jsonb_build_object('childKey', id, 'previousId', NULL::text);
      ALTER TABLE registrations ALTER COLUMN child_key SET NOT NULL;
      CREATE UNIQUE INDEX registrations_child_active ON registrations (child_key)
        WHERE status NOT IN ('withdrawn', 'voided');
      CREATE INDEX registrations_child ON registrations (child_key, created_at, id);
    `,
  },
  {
    // The upload quota sums an identity's files on every upload.
    version: 13,
    sql: `CREATE INDEX files_owner ON files (owner);`,
  },
  {
    // The audit chain is never re-chained on open again; entries from before the chain are chained
    // here, once, with an entry saying so (see auditChainOnce).
    version: 14,
    sql: '',
    run: auditChainOnce,
  },
  {
    // Admitted children are listed by the school the published result placed them at.
    version: 15,
    sql: `
      CREATE INDEX registrations_admitted ON registrations ((doc->'placement'->>'schoolId'), year, id)
        WHERE status IN ('admitted', 'reported');
    `,
  },
];
