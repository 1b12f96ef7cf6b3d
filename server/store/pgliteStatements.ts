/**
 * The store's way of talking to PGlite: named prepared statements, one protocol round trip each.
 *
 * `PGlite.query` runs six separate protocol exchanges per statement (parse, describe statement,
 * bind, describe portal, execute, sync) and parses and plans the SQL every time. On registration
 * day that was half the host's CPU (bench:load profile). Here each distinct SQL text is parsed
 * once per session under its own name, and every call sends bind + describe + execute + sync in
 * one buffer (pgWire.ts): about half the cost per statement (0.40 → 0.22 ms for a draft upsert
 * and read, measured on this machine). Parameters go as text, typed by the server from the SQL —
 * the same inference `PGlite.query` asks for with its extra describe round trip.
 */
import { messages as pgMessages, protocol, type PGlite } from '@electric-sql/pglite';
import { wirePipeline, type WireStatement } from './pgWire';
import { AUDIT_GENESIS, auditHash } from '../security/auditChain';
import type { AuditEntry } from './port';

type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];

const { serialize } = protocol;

export interface SqlResult<T> {
  readonly rows: T[];
  readonly affectedRows: number;
}

export interface Sql {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<T>>;
}

export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
  /**
   * An audit entry's INSERT: the runner appends the chain's previous hash and the entry's own hash
   * to `params` as it runs the statement. The runner is the one place statements run in order, so
   * it keeps the chain's head: it moves only when the unit holding the entry commits.
   */
  readonly audit?: AuditEntry;
}

export interface SqlDb extends Sql {
  /** Several statements in one round trip, all or nothing (one implicit transaction). */
  batch(statements: readonly Statement[]): Promise<SqlResult<unknown>[]>;
  /** Runs `fn` between BEGIN and COMMIT (ROLLBACK when it throws); nothing else runs meanwhile. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

const escapeArrayItem = (s: string): string => `"${s.replace(/[\\"]/g, '\\$&')}"`;

/**
 * A JavaScript value as PostgreSQL text input. Arrays become array literals (every item quoted,
 * so commas, braces, quotes and the word NULL inside items stay data); plain objects become JSON.
 */
export function pgParamText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v))
    return `{${v.map((x: unknown) => (x === null || x === undefined ? 'NULL' : escapeArrayItem(pgParamText(x) as string))).join(',')}}`;
  return JSON.stringify(v);
}

/** The rows and count of one statement's messages; PGlite's parsers turn column text into values. */
function resultOf<T>(msgs: readonly BackendMessage[], parsers: PGlite['parsers']): SqlResult<T> {
  let fields: { name: string; dataTypeID: number }[] = [];
  const rows: T[] = [];
  let affectedRows = 0;
  for (const m of msgs) {
    if (m instanceof pgMessages.RowDescriptionMessage) fields = m.fields;
    else if (m instanceof pgMessages.DataRowMessage) {
      const row: Record<string, unknown> = {};
      m.fields.forEach((v, i) => {
        const f = fields[i] as { name: string; dataTypeID: number };
        const parse = parsers[f.dataTypeID];
        row[f.name] = v === null ? null : parse ? parse(v, f.dataTypeID) : v;
      });
      rows.push(row as T);
    } else if (m instanceof pgMessages.CommandCompleteMessage) {
      const words = m.text.split(' ');
      // As PGlite counts: rows written; a SELECT's tag counts rows read, which are not "affected".
      const n =
        words[0] === 'INSERT'
          ? words[2]
          : ['UPDATE', 'DELETE', 'MERGE', 'COPY'].includes(words[0] ?? '')
            ? words[1]
            : '0';
      affectedRows = Number(n) || 0;
    }
  }
  return { rows, affectedRows };
}

/** Runs statements on a PGlite instance with no locking: for a caller that owns it alone. */
export interface SqlRunner {
  run(statements: readonly Statement[]): Promise<SqlResult<unknown>[]>;
  simple(sql: 'BEGIN' | 'COMMIT' | 'ROLLBACK'): Promise<void>;
}

export function pgliteRunner(db: PGlite): SqlRunner {
  const names = new Map<string, string>();
  let counter = 0;

  // The audit chain's head as of the last committed entry (null: read it when next needed).
  let head: string | null = null;
  /**
   * Statements in one buffer ending in one Sync: PostgreSQL runs them as one implicit transaction
   * (all or nothing) unless an explicit one is open. The caller has the database to itself.
   */
  const run = async (statements: readonly Statement[]): Promise<SqlResult<unknown>[]> => {
    const audited = statements.some((x) => x.audit);
    let chain = head;
    if (chain === null && audited) {
      const [last] = await run([{ sql: 'SELECT hash FROM audit ORDER BY seq DESC LIMIT 1', params: [] }]);
      chain = (last?.rows[0] as { hash?: string } | undefined)?.hash ?? AUDIT_GENESIS;
    }
    const wire: WireStatement[] = [];
    const parsed: [string, string][] = [];
    const fresh = new Map<string, string>();
    for (const statement of statements) {
      const { sql } = statement;
      let params = statement.params;
      if (statement.audit && chain !== null) {
        const hash = auditHash(chain, statement.audit);
        params = [...params, chain, hash];
        chain = hash;
      }
      let name = names.get(sql) ?? fresh.get(sql);
      let parse: string | null = null;
      if (name === undefined) {
        name = `jh_${++counter}`;
        fresh.set(sql, name);
        parsed.push([sql, name]);
        parse = sql;
      }
      wire.push({ parse, name, values: params.map(pgParamText) });
    }
    // throwOnError false: every message comes back, so statements parsed before a later step
    // failed are remembered (their names are taken on the server either way).
    const msgs = await db.execProtocolStream(wirePipeline(wire), { syncToFs: false, throwOnError: false });
    let parses = 0;
    const results: SqlResult<unknown>[] = [];
    let from = 0;
    let error: unknown = null;
    msgs.forEach((m, i) => {
      if (m.name === 'parseComplete') {
        const [sql, name] = parsed[parses++] as [string, string];
        names.set(sql, name);
      } else if (m.name === 'commandComplete') {
        results.push(resultOf(msgs.slice(from, i + 1), db.parsers));
        from = i + 1;
      } else if (m.name === 'error') error ??= m;
    });
    if (error) throw error;
    // Committed (or, inside an explicit transaction, to be committed with it — a rollback there
    // clears the head below).
    if (audited) head = chain;
    return results;
  };
  const simple = async (sql: 'BEGIN' | 'COMMIT' | 'ROLLBACK'): Promise<void> => {
    // A rolled-back transaction may have moved the head: read it again when next needed.
    if (sql === 'ROLLBACK') head = null;
    await db.execProtocolStream(serialize.query(sql), { syncToFs: false });
  };
  return { run, simple };
}

/** In this thread, sharing the instance with PGlite's own methods (so taking PGlite's locks). */
export function pgliteStatements(db: PGlite): SqlDb {
  const { run, simple } = pgliteRunner(db);
  const one = async <T>(sql: string, params: readonly unknown[]): Promise<SqlResult<T>> =>
    (await run([{ sql, params }]))[0] as SqlResult<T>;
  // PGlite's own order: the transaction lock (so no statement lands inside someone else's
  // transaction), then the query lock.
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> =>
    db._runExclusiveTransaction(() => db._runExclusiveQuery(fn));

  return {
    query: (sql, params = []) => exclusive(() => one(sql, params)),
    batch: (statements) => exclusive(() => run(statements)),
    transaction: (fn) =>
      db._runExclusiveTransaction(async () => {
        await db._runExclusiveQuery(() => simple('BEGIN'));
        const tx: Sql = { query: (sql, params = []) => db._runExclusiveQuery(() => one(sql, params)) };
        try {
          const out = await fn(tx);
          await db._runExclusiveQuery(() => simple('COMMIT'));
          return out;
        } catch (e) {
          await db._runExclusiveQuery(() => simple('ROLLBACK'));
          throw e;
        }
      }),
  };
}
