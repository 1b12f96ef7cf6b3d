/**
 * The worker thread that owns an on-disk PGlite (see pgliteWorker.ts): opens it, brings the
 * schema up to date, then runs what the main thread sends, strictly one request after another in
 * the order sent — so a transaction's statements, sent in order, run in order.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pgliteStart } from './pgliteStart';
import { pgliteRunner } from './pgliteStatements';
import type { WorkerReply, WorkerRequest } from './pgliteWorker';

function portOf(): MessagePort {
  if (!parentPort) throw new Error('pgliteWorkerMain runs only as a worker thread');
  return parentPort;
}
const port = portOf();

/** A database error as plain data (class and extra fields do not survive the thread boundary). */
const errorShape = (e: unknown) => {
  const x = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof x[k] === 'string' ? (x[k] as string) : undefined);
  return {
    message: e instanceof Error ? e.message : String(e),
    code: str('code'),
    detail: str('detail'),
    constraint: str('constraint'),
    table: str('table'),
  };
};

async function main(): Promise<void> {
  const { dataDir } = workerData as { dataDir: string };
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
    await pgliteStart(db);
  } catch (e) {
    port.postMessage({ ready: false, error: errorShape(e) });
    return;
  }
  const runner = pgliteRunner(db);
  let chain: Promise<unknown> = Promise.resolve();
  port.on('message', (req: WorkerRequest) => {
    chain = chain.then(async () => {
      let reply: WorkerReply;
      try {
        const value =
          req.op === 'run'
            ? await runner.run(req.statements)
            : req.op === 'simple'
              ? await runner.simple(req.sql)
              : await db.close();
        reply = { id: req.id, ok: true, value };
      } catch (e) {
        reply = { id: req.id, ok: false, error: errorShape(e) };
      }
      port.postMessage(reply);
      if (req.op === 'close') port.close();
    });
  });
  port.postMessage({ ready: true });
}

void main();
