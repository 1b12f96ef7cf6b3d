/**
 * Document-level helpers of the CloudBase adapter, each one network-safe (cloudbaseCalls.ts):
 * reads by id, unique inserts that recognise their own lost write, conditional single-document
 * updates that report whether the condition matched, and batched writes for imports.
 */
import {
  inParallel,
  read,
  readAllById,
  retrying,
  WRITE_TOKEN,
  writeToken,
  type Attempt,
} from './cloudbaseCalls';
import type { CollectionName } from './cloudbaseCollections';
import type { CreateResult } from './port';
import type { Data, WxCollection, WxDatabase } from './wxApi';

/** A record as stored, without `_id` and the write token. */
export const strip = <T>(d: Data): T => {
  const { _id: _ignored, [WRITE_TOKEN]: _token, ...rest } = d;
  return rest as T;
};

/** Documents per batch insert: well under the request limit for the records we store. */
const ADD_BATCH = 200;
/** Parallel calls one function keeps in flight for bulk work. */
export const FAN_OUT = 20;

export interface CloudDocs {
  readonly col: (name: CollectionName) => WxCollection;
  byId<T>(name: CollectionName, id: string): Promise<T | null>;
  /** Raw document (with `_w`), or null. */
  rawById(name: CollectionName, id: string): Promise<Data | null>;
  /** add() with a chosen _id: 'duplicate' when someone else's document has that id. */
  addUnique(name: CollectionName, id: string, data: Data): Promise<CreateResult>;
  /**
   * A conditional update of one document (`where` includes its `_id`): true when the condition
   * matched and the update landed (a lost reply is settled by looking for the write token).
   */
  updateOne(name: CollectionName, id: string, where: Data, data: Data): Promise<boolean>;
  /** Replaces (or creates) one document whole. */
  setDoc(name: CollectionName, id: string, data: Data): Promise<void>;
  removeDoc(name: CollectionName, id: string): Promise<void>;
  /** Inserts many new documents in batches (ids must be new; an existing one is overwritten). */
  addMany(name: CollectionName, docs: readonly (Data & { _id: string })[]): Promise<void>;
  /** Removes documents by id, a batch per call. */
  removeMany(name: CollectionName, ids: readonly string[]): Promise<void>;
  /** Replaces (or creates) many documents whole, in parallel. */
  setMany(name: CollectionName, docs: readonly (Data & { _id: string })[]): Promise<void>;
  /**
   * Makes the documents `scope` selects exactly `items`, in a few calls: unchanged ones are left
   * alone, new ones added in batches, changed ones replaced in parallel, and only then the ones
   * no longer listed removed — a failure half-way leaves extra records, never missing ones.
   */
  replaceAll(name: CollectionName, scope: Data, items: readonly (Data & { _id: string })[]): Promise<void>;
  /**
   * Every document `where` matches (only `fields`, when given), read by `_id` in pages of 1000:
   * each of `ranges` (`_id` from its lower bound, below its upper) is read at the same time.
   */
  scan(
    name: CollectionName,
    where: Data,
    fields?: Readonly<Record<string, boolean>>,
    ranges?: readonly IdRange[],
  ): Promise<Data[]>;
  /** Documents by id (missing ones left out), a hundred per call, the calls at once. */
  byIds(name: CollectionName, ids: readonly string[]): Promise<Data[]>;
}

/** A part of the `_id` space: from `lo` (inclusive) to `hi` (exclusive); null: unbounded. */
export type IdRange = readonly [string | null, string | null];

/**
 * Ranges splitting ids that start with `prefix` followed by one of `chars` (registration ids are
 * `r<year>-<hex>`), plus the ids before and after them, so nothing is missed.
 */
export function idRanges(prefix: string, chars: string): IdRange[] {
  const bounds = [...chars].map((c) => prefix + c);
  const after = prefix + String.fromCharCode(chars.charCodeAt(chars.length - 1) + 1);
  return [
    [null, bounds[0] ?? null],
    ...bounds.map((b, i): IdRange => [b, bounds[i + 1] ?? after]),
    [after, null],
  ];
}

export function cloudDocs(db: WxDatabase): CloudDocs {
  const _ = db.command;
  const col = (name: CollectionName) => db.collection(name);
  const rawById = async (name: CollectionName, id: string): Promise<Data | null> => {
    const res = await read(() => col(name).where({ _id: id }).limit(1).get());
    return res.data[0] ?? null;
  };
  const docs: CloudDocs = {
    col,
    rawById,
    async byId<T>(name: CollectionName, id: string) {
      const d = await rawById(name, id);
      return d ? strip<T>(d) : null;
    },
    async addUnique(name, id, data) {
      const token = writeToken();
      for (let attempt = 0; ; attempt++) {
        try {
          await retrying(() => col(name).add({ data: { ...data, _id: id, [WRITE_TOKEN]: token } }), false);
          return { status: 'created' };
        } catch (e) {
          // A duplicate, or a reply lost: the document tells which (our token means it is ours).
          const now = await rawById(name, id);
          if (now) return { status: now[WRITE_TOKEN] === token ? 'created' : 'duplicate' };
          if (attempt >= 2) throw e;
        }
      }
    },
    async updateOne(name, id, where, data) {
      const token = writeToken();
      const state: Attempt = { ambiguous: false };
      const res = await retrying(
        () =>
          col(name)
            .where({ ...where, _id: id })
            .update({ data: { ...data, [WRITE_TOKEN]: token } }),
        true,
        state,
      );
      if (res.stats.updated > 0) return true;
      // The first try may have landed before its reply was lost: then the document carries our token.
      return state.ambiguous && (await rawById(name, id))?.[WRITE_TOKEN] === token;
    },
    async setDoc(name, id, data) {
      await retrying(
        () =>
          col(name)
            .doc(id)
            .set({ data: { ...data, [WRITE_TOKEN]: writeToken() } }),
        true,
      );
    },
    async removeDoc(name, id) {
      await retrying(() => col(name).doc(id).remove(), true);
    },
    async addMany(name, list) {
      const batches: (Data & { _id: string })[][] = [];
      for (let i = 0; i < list.length; i += ADD_BATCH) batches.push(list.slice(i, i + ADD_BATCH));
      await inParallel(batches, FAN_OUT, async (batch) => {
        try {
          await retrying(() => col(name).add({ data: batch }), false);
        } catch {
          // A batch stops at its first existing id, and a lost reply leaves an unknown part
          // written: finish it one document at a time (set is safe to repeat).
          await inParallel(batch, FAN_OUT, ({ _id, ...d }) => docs.setDoc(name, _id, d));
        }
      });
    },
    async setMany(name, list) {
      await inParallel(list, FAN_OUT, ({ _id, ...d }) => docs.setDoc(name, _id, d));
    },
    async replaceAll(name, scope, items) {
      const stored = await readAllById((after) =>
        col(name)
          .where(after === null ? scope : { ...scope, _id: _.gt(after) })
          .orderBy('_id', 'asc'),
      );
      const before = new Map(stored.map((d) => [String(d['_id']), JSON.stringify(strip(d))]));
      const fresh = items.filter((x) => !before.has(x._id));
      const changed = items.filter((x) => {
        const old = before.get(x._id);
        return old !== undefined && old !== JSON.stringify(strip(x));
      });
      await docs.addMany(name, fresh);
      await docs.setMany(name, changed);
      const keep = new Set(items.map((x) => x._id));
      await docs.removeMany(
        name,
        [...before.keys()].filter((id) => !keep.has(id)),
      );
    },
    async scan(name, where, fields, ranges = [[null, null]]) {
      const parts = await inParallel(ranges, FAN_OUT, ([lo, hi]) =>
        readAllById((after) => {
          const from = after ?? lo;
          const idCond =
            from !== null && hi !== null
              ? (after === null ? _.gte(from) : _.gt(from)).and(_.lt(hi))
              : from !== null
                ? after === null
                  ? _.gte(from)
                  : _.gt(from)
                : hi !== null
                  ? _.lt(hi)
                  : null;
          const q = col(name)
            .where(idCond === null ? where : { ...where, _id: idCond })
            .orderBy('_id', 'asc');
          return fields ? q.field(fields) : q;
        }),
      );
      return parts.flat();
    },
    async byIds(name, ids) {
      const chunks: string[][] = [];
      for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
      const parts = await inParallel(chunks, FAN_OUT, (chunk) =>
        read(() =>
          col(name)
            .where({ _id: _.in(chunk) })
            .limit(1000)
            .get(),
        ),
      );
      return parts.flatMap((p) => p.data);
    },
    async removeMany(name, ids) {
      const batches: string[][] = [];
      for (let i = 0; i < ids.length; i += ADD_BATCH) batches.push(ids.slice(i, i + ADD_BATCH));
      await inParallel(batches, FAN_OUT, (batch) =>
        retrying(
          () =>
            col(name)
              .where({ _id: _.in(batch) })
              .remove(),
          true,
        ),
      );
    },
  };
  return docs;
}
