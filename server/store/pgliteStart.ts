/**
 * Bringing a PGlite database up before the store uses it: its parser table trimmed, its notices
 * quietened and its schema migrated — in this thread (memory, tests) or in the on-disk worker
 * (pgliteWorkerMain.ts).
 */
import { types as pgTypes, type PGlite } from '@electric-sql/pglite';
import { migrations } from './migrations';

/** Applies pending migrations in order, each in its own transaction, recording the version. */
export async function pgliteMigrate(db: PGlite): Promise<number> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const res = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
  let current = res.rows[0]?.v ?? 0;
  for (const m of migrations) {
    if (m.version <= current) continue;
    await db.transaction(async (tx) => {
      if (m.sql) await tx.exec(m.sql);
      if (m.run) await m.run(tx);
      await tx.query('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
    });
    current = m.version;
  }
  return current;
}

/**
 * Array types this schema reads (text[] columns such as flags and search keys, and a few more so a
 * query that returns another common array type still parses).
 */
const ARRAY_TYPE_OIDS = new Set([1000, 1007, 1009, 1015, 1016, 1022, 1185, 1231, 199, 3807]);

/**
 * PGlite copies its per-instance parser table (≈ 320 entries: an array parser for every type in
 * the catalogue) into a fresh object on every `PGlite.query` result — ≈ 0.1 ms a query. The
 * store's own statements (pgliteStatements.ts) look parsers up without copying; this keeps
 * PGlite's own queries (migrations, backfill, backups) cheap too. Keeping the base types plus the
 * array types this schema uses parses the same values. The base entries must stay: an array
 * parser looks its element parser up in this same table when it runs.
 */
export function pgliteParsersTrim(db: PGlite): void {
  db.parsers = {
    ...pgTypes.parsers,
    ...Object.fromEntries(Object.entries(db.parsers).filter(([oid]) => ARRAY_TYPE_OIDS.has(Number(oid)))),
  };
}

/**
 * PGlite starts its session with client_min_messages = debug3: every statement sends the client
 * "parse …" and "bind … to …" notices, which PGlite then decodes in JavaScript (≈ 10 % of a
 * statement's cost). The store reads no notices; warnings and errors still come through.
 */
export async function pgliteQuiet(db: PGlite): Promise<void> {
  await db.exec('SET client_min_messages = warning; SET log_min_messages = warning');
}

/** Everything a freshly opened database needs before the store's first statement. */
export async function pgliteStart(db: PGlite): Promise<void> {
  pgliteParsersTrim(db);
  await pgliteQuiet(db);
  await pgliteMigrate(db);
}
