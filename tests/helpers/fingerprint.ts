/** A digest of every table's rows in a PGlite database: equal before and after = nothing changed. */
import type { PGlite } from '@electric-sql/pglite';

export async function dbFingerprint(db: PGlite): Promise<string> {
  const tables = await db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const parts: string[] = [];
  for (const { tablename } of tables.rows) {
    const r = await db.query<{ d: string | null }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS d FROM "${tablename}" t`,
    );
    parts.push(`${tablename}:${r.rows[0]?.d ?? ''}`);
  }
  return parts.join(',');
}
