/**
 * The PGlite adapter's shared helpers over its statement runner: reads of JSONB documents, unique
 * inserts, whole-table upserts and the one versioned save every versioned record goes through.
 */
import type { SqlDb } from '../pgliteStatements';
import type { CreateResult, SaveResult } from '../ports/common';

/** A row holding one record as its JSONB document. */
export type Doc<T> = { doc: T };

export const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';

export interface PgDocs {
  readonly pg: SqlDb;
  /** The `doc` column of every row the query returns. */
  docs<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  one<T>(sql: string, params: readonly unknown[]): Promise<T | null>;
  /** An INSERT that a unique key may refuse: 'duplicate' then. */
  insert(sql: string, params: readonly unknown[]): Promise<CreateResult>;
  /** Upserts records by id (document plus the named extra columns), in one transaction. */
  putAll<T extends { id: string }>(
    table: string,
    items: readonly T[],
    extra?: (t: T) => unknown[],
    extraCols?: string[],
  ): Promise<void>;
  /**
   * Creates (expectedVersion null; refused if the id exists) or updates at the version read a
   * versioned record: its id, version, document and the given query columns, all set from `next`.
   */
  saveVersioned(
    table: string,
    next: { readonly id: string; readonly version: number },
    expectedVersion: number | null,
    columns?: Readonly<Record<string, unknown>>,
  ): Promise<SaveResult>;
}

export function pgDocs(pg: SqlDb): PgDocs {
  const docs = async <T>(sql: string, params: readonly unknown[] = []): Promise<T[]> =>
    (await pg.query<Doc<T>>(sql, params)).rows.map((r) => r.doc);
  const insert = async (sql: string, params: readonly unknown[]): Promise<CreateResult> => {
    try {
      await pg.query(sql, params);
      return { status: 'created' };
    } catch (e) {
      if (isUniqueViolation(e)) return { status: 'duplicate' };
      throw e;
    }
  };
  return {
    pg,
    docs,
    one: async <T>(sql: string, params: readonly unknown[]) => (await docs<T>(sql, params))[0] ?? null,
    insert,
    async putAll(table, items, extra = () => [], extraCols = []) {
      await pg.transaction(async (tx) => {
        for (const item of items) {
          const cols = ['id', 'doc', ...extraCols];
          const ph = cols.map((_, i) => `$${i + 1}`).join(', ');
          const set = cols
            .slice(1)
            .map((c) => `${c} = EXCLUDED.${c}`)
            .join(', ');
          await tx.query(
            `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${ph}) ON CONFLICT (id) DO UPDATE SET ${set}`,
            [item.id, JSON.stringify(item), ...extra(item)],
          );
        }
      });
    },
    async saveVersioned(table, next, expectedVersion, columns = {}) {
      const cols = { id: next.id, version: next.version, ...columns, doc: JSON.stringify(next) };
      const names = Object.keys(cols);
      const values = Object.values(cols);
      if (expectedVersion === null) {
        const res = await insert(
          `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
          values,
        );
        return { status: res.status === 'created' ? 'ok' : 'conflict' };
      }
      // The WHERE clause is the guard: a concurrent save moved the version first.
      const set = names
        .slice(1)
        .map((c, i) => `${c} = $${i + 2}`)
        .join(', ');
      const res = await pg.query(
        `UPDATE ${table} SET ${set} WHERE id = $1 AND version = $${names.length + 1}`,
        [...values, expectedVersion],
      );
      return { status: res.affectedRows === 1 ? 'ok' : 'conflict' };
    },
  };
}
