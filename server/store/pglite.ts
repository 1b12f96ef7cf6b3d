/**
 * Embedded adapter: PGlite (PostgreSQL compiled to WASM) with a data directory on disk. Records
 * are JSONB documents with the columns that queries and constraints need pulled out beside them.
 * Same SQL runs on a PostgreSQL server for self-hosting. One file per area of the port
 * (pglite/*.ts) over shared helpers (pglite/sql.ts); start-up in pgliteStart.ts.
 */
import { PGlite } from '@electric-sql/pglite';
import { pgliteAudit } from './pglite/audit';
import { pgliteCensus } from './pglite/census';
import { pgliteClassing } from './pglite/classing';
import { pgliteCounty } from './pglite/county';
import { pgliteDrafts } from './pglite/drafts';
import { pgliteIdentity } from './pglite/identity';
import { pgliteNotices } from './pglite/notices';
import { pglitePlacement } from './pglite/placement';
import { pgliteRegistrations } from './pglite/registrations';
import { pgliteRotation } from './pglite/rotation';
import { pgDocs } from './pglite/sql';
import { pgliteStart } from './pgliteStart';
import { pgliteStatements, type SqlDb } from './pgliteStatements';
import { pgliteWorkerOpen } from './pgliteWorker';
import type { Store } from './port';

/**
 * Opens (creating if needed) a PGlite store. On disk the database runs in its own worker thread
 * (pgliteWorker.ts); `dataDir` null means memory only, in this thread (tests).
 */
export async function pgliteStoreOpen(dataDir: string | null): Promise<Store> {
  if (dataDir !== null) {
    const worker = await pgliteWorkerOpen(dataDir);
    return pgliteStoreOn(worker.sql, () => worker.close());
  }
  const db = await PGlite.create();
  await pgliteStart(db);
  return pgliteStore(db);
}

/** A store on a PGlite instance of this thread (already started: pgliteStart). */
export function pgliteStore(db: PGlite): Store {
  return pgliteStoreOn(pgliteStatements(db), () => db.close());
}

/** The store's logic over statements sent to PGlite, in this thread or the worker's. */
export function pgliteStoreOn(pg: SqlDb, close: () => Promise<void>): Store {
  const sql = pgDocs(pg);
  return {
    kind: 'pglite',
    ...pgliteCounty(sql),
    ...pgliteIdentity(sql),
    ...pgliteRegistrations(sql),
    ...pgliteDrafts(sql),
    ...pgliteNotices(sql),
    ...pglitePlacement(sql),
    ...pgliteClassing(sql),
    ...pgliteRotation(sql),
    ...pgliteCensus(sql),
    ...pgliteAudit(sql),
    close,
  };
}
