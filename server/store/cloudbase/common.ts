/**
 * The CloudBase adapter's shared helpers over its document calls (cloudbaseDocs.ts): whole
 * collections and pages, records keyed by their id, the one versioned save every versioned record
 * goes through, and transactions that retry.
 */
import { isAmbiguous, isThrottled, readAllById, read } from '../cloudbaseCalls';
import type { CollectionName } from '../cloudbaseCollections';
import { cloudDocs, strip, type CloudDocs } from '../cloudbaseDocs';
import { pageClamp, pageOf, type Page, type PageRequest, type SaveResult } from '../ports/common';
import type { Data, WxDatabase, WxTransaction } from '../wxApi';

/** Largest page CloudBase lets a function read in one call. */
export const WX_READ_LIMIT = 1000;

/** Attempts of a transaction that conflicts, is throttled or loses its reply. */
const TX_ATTEMPTS = 12;

/** `_.set` for every field: update() would merge nested objects field by field. */
export const setAll = (_: WxDatabase['command'], data: Data): Data =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, _.set(v)]));

/** A decision taken inside a transaction (a duplicate): rolls it back and is the answer. */
export class TxAnswer<T> {
  constructor(readonly answer: T) {}
}

export interface CloudStoreBase {
  readonly db: WxDatabase;
  readonly _: WxDatabase['command'];
  readonly docs: CloudDocs;
  /** How many chains the audit log is kept in (see cloudbaseAudit.ts). */
  readonly chains: number;
  /** Every document of a collection, a page at a time by `_id`. */
  all<T>(name: CollectionName): Promise<T[]>;
  /** One page of `where`, ordered, read as limit + 1 rows so the caller learns if more exist. */
  pageQuery<T>(
    name: CollectionName,
    where: Data,
    order: readonly (readonly [string, 'asc' | 'desc'])[],
    page: PageRequest,
  ): Promise<Page<T>>;
  /** Records as documents keyed by their id (with extra fields beside them). */
  withIds<T extends { id: string }>(items: readonly T[], extra?: (t: T) => Data): (Data & { _id: string })[];
  /** Creates (expected version null) or updates a versioned record at the version read. */
  saveVersioned(
    name: CollectionName,
    id: string,
    data: Data,
    expectedVersion: number | null,
  ): Promise<SaveResult>;
  /**
   * Runs `run` in a transaction, again after a conflict (another transaction wrote a document
   * this one did), throttling or a lost reply, after a short random back-off. A TxAnswer thrown
   * inside rolls back and is returned. `run` must tell from what it reads whether an earlier
   * attempt committed before its reply was lost (the write token).
   */
  transact<T>(run: (t: WxTransaction) => Promise<T>): Promise<T>;
}

export function cloudStoreBase(db: WxDatabase, chains: number): CloudStoreBase {
  const _ = db.command;
  const docs = cloudDocs(db);
  const { col, addUnique, updateOne } = docs;
  return {
    db,
    _,
    docs,
    chains,
    all: async <T>(name: CollectionName): Promise<T[]> =>
      (
        await readAllById((after) =>
          (after === null ? col(name) : col(name).where({ _id: _.gt(after) })).orderBy('_id', 'asc'),
        )
      ).map((d) => strip<T>(d)),
    async pageQuery<T>(
      name: CollectionName,
      where: Data,
      order: readonly (readonly [string, 'asc' | 'desc'])[],
      page: PageRequest,
    ): Promise<Page<T>> {
      const p = pageClamp(page);
      const res = await read(() => {
        let q = col(name).where(where);
        for (const [field, dir] of order) q = q.orderBy(field, dir);
        return q
          .skip(p.offset)
          .limit(p.limit + 1)
          .get();
      });
      return pageOf(
        res.data.map((d) => strip<T>(d)),
        p,
      );
    },
    withIds: <T extends { id: string }>(items: readonly T[], extra: (t: T) => Data = () => ({})) =>
      items.map((t) => ({ ...(t as unknown as Data), ...extra(t), _id: t.id })),
    async saveVersioned(name, id, data, expectedVersion) {
      if (expectedVersion === null) {
        const res = await addUnique(name, id, data);
        return { status: res.status === 'created' ? 'ok' : 'conflict' };
      }
      const ok = await updateOne(name, id, { version: expectedVersion }, setAll(_, data));
      return { status: ok ? 'ok' : 'conflict' };
    },
    async transact<T>(run: (t: WxTransaction) => Promise<T>): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.runTransaction(run, 0);
        } catch (e) {
          if (e instanceof TxAnswer) return e.answer as T;
          const conflict =
            (e as { code?: string }).code === 'DATABASE_TRANSACTION_CONFLICT' ||
            (e instanceof Error && /transaction conflict/i.test(e.message));
          if (!(conflict || isThrottled(e) || isAmbiguous(e)) || attempt >= TX_ATTEMPTS - 1) throw e;
          await new Promise((r) => setTimeout(r, Math.min(200, 10 * 2 ** attempt) * (0.5 + Math.random())));
        }
      }
    },
  };
}
