/**
 * The on-disk PGlite in a worker thread. PostgreSQL (WASM) was over half of the host's main thread
 * on registration day; in its own thread it runs beside the HTTP handling and the cloud functions
 * instead of taking turns with them. The main thread keeps the store's logic and sends statements
 * (SqlDb); the worker runs them in the order sent.
 *
 * Order is the contract: requests are answered in turn, so statements sent while no transaction
 * is open can be in flight together, and while a transaction is open everything else waits here
 * until it ends (it would otherwise run inside it).
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Sql, SqlDb, SqlResult, Statement } from './pgliteStatements';

type RequestBody =
  | { readonly op: 'run'; readonly statements: readonly Statement[] }
  | { readonly op: 'simple'; readonly sql: 'BEGIN' | 'COMMIT' | 'ROLLBACK' }
  | { readonly op: 'close' };

export type WorkerRequest = RequestBody & { readonly id: number };

interface ErrorShape {
  readonly message: string;
  readonly code?: string;
  readonly detail?: string;
  readonly constraint?: string;
  readonly table?: string;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: ErrorShape };

/** The database error again, with its SQLSTATE `code` (the store tells duplicates by it). */
const errorOf = (e: ErrorShape): Error =>
  Object.assign(new Error(e.message), {
    code: e.code,
    detail: e.detail,
    constraint: e.constraint,
    table: e.table,
  });

export interface PgliteWorker {
  readonly sql: SqlDb;
  close(): Promise<void>;
}

export function pgliteWorkerOpen(dataDir: string): Promise<PgliteWorker> {
  // execArgv []: the entry registers TypeScript itself (the parent's `--import tsx` would register
  // it twice; under jest the parent has no tsx at all).
  const worker = new Worker(join(__dirname, 'pgliteWorkerEntry.mjs'), {
    workerData: { dataDir },
    execArgv: [],
  });
  const waiting = new Map<number, { ok: (v: unknown) => void; ko: (e: unknown) => void }>();
  let nextId = 0;
  let dead: Error | null = null;
  let ready: ((e: Error | null) => void) | null = null;

  worker.on('message', (m: WorkerReply | { ready: boolean; error?: ErrorShape }) => {
    if ('ready' in m)
      return ready?.(m.ready ? null : errorOf(m.error ?? { message: 'PGlite worker failed' }));
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.ok) w?.ok(m.value);
    else w?.ko(errorOf(m.error));
  });
  const fail = (e: Error) => {
    dead ??= e;
    ready?.(e);
    for (const w of waiting.values()) w.ko(e);
    waiting.clear();
  };
  let closing = false;
  worker.on('error', fail);
  worker.on('exit', (code) => {
    const e = new Error(`PGlite worker stopped (exit ${code})`);
    // Every later store call fails (INTERNAL to the caller); say why once, where operators look.
    if (!closing) console.error('[store]', e.message);
    fail(e);
  });

  const send = <T>(req: RequestBody): Promise<T> => {
    if (dead) return Promise.reject(dead);
    const id = ++nextId;
    return new Promise<T>((ok, ko) => {
      waiting.set(id, { ok: ok as (v: unknown) => void, ko });
      worker.postMessage({ ...req, id });
    });
  };
  const run = (statements: readonly Statement[]) => send<SqlResult<unknown>[]>({ op: 'run', statements });

  // Transactions one at a time; while one is open, other statements wait for it to end.
  let txTail: Promise<unknown> = Promise.resolve();
  let txOpen: Promise<unknown> | null = null;
  const outside = async (statements: readonly Statement[]) => {
    while (txOpen) await txOpen.catch(() => undefined);
    return run(statements);
  };

  const sql: SqlDb = {
    query: async <T>(text: string, params: readonly unknown[] = []) =>
      (await outside([{ sql: text, params }]))[0] as SqlResult<T>,
    batch: (statements) => outside(statements),
    transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const mine = txTail.then(async () => {
        let end: () => void = () => undefined;
        txOpen = new Promise<void>((r) => (end = r));
        try {
          await send({ op: 'simple', sql: 'BEGIN' });
          const tx: Sql = {
            query: async <R>(text: string, params: readonly unknown[] = []) =>
              (await run([{ sql: text, params }]))[0] as SqlResult<R>,
          };
          try {
            const out = await fn(tx);
            await send({ op: 'simple', sql: 'COMMIT' });
            return out;
          } catch (e) {
            await send({ op: 'simple', sql: 'ROLLBACK' });
            throw e;
          }
        } finally {
          txOpen = null;
          end();
        }
      });
      txTail = mine.catch(() => undefined);
      return mine;
    },
  };

  return new Promise<PgliteWorker>((resolve, reject) => {
    ready = (e) => {
      ready = null;
      if (e) {
        void worker.terminate();
        reject(e);
      } else
        resolve({
          sql,
          async close() {
            closing = true;
            if (!dead) await send({ op: 'close' });
            await worker.terminate();
            fail(new Error('PGlite worker stopped (closed)'));
          },
        });
    };
  });
}
