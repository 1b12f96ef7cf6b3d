/**
 * TEST DOUBLE of the wx-server-sdk database API — not the real CloudBase. The real SDK cannot
 * reach a database offline (its calls crash node with "missing secretId or secretKey"), so the
 * CloudBase adapter is checked against this in-memory imitation, made as strict as the service
 * (wx-server-sdk 4.0.2 / @cloudbase/database 1.4.3 sources and the official limits):
 *
 * - every call is a round trip on the invocation's clock (wxClock.ts); a function is killed at
 *   its timeout, and optional real latency lets a benchmark measure throughput;
 * - a collection must exist before use (-502005); `add` with an existing `_id` fails;
 * - `update`/`remove` report documents whose content changed (an update with identical values
 *   reports 0), not documents matched;
 * - `get()` returns 100 documents without `limit()`, and `limit()` above 1000 is clamped
 *   silently; aggregations return 20 groups without `limit()`; `where()` replaces the condition;
 * - a document is at most 16 MB; a write request at most 6 MB;
 * - transactions (`runTransaction`) take `doc()` reads and writes and `add()` only — `where`,
 *   `orderBy`, `count`, `aggregate` refuse — and conflict when two of them write one document;
 * - faults on demand or at a seeded rate: throttling (-501003, nothing done), a write that lands
 *   while its reply is lost (-501002), a network failure before the write (nothing done);
 * - with `indexes` given, a query no declared index serves is refused (the real service would
 *   scan the collection), so docs/cloud.md's indexes are checked against every query the tests make.
 *
 * Anything the adapter does not use throws, so the double never silently passes an unsupported call.
 */
import type {
  WxAggregate,
  WxCollection,
  WxCommand,
  WxDatabase,
  WxDocument,
  WxQuery,
  WxTransaction,
} from '../../server/store/wxApi';
import { roundTrip, type RoundTripOptions } from './wxClock';
import {
  applyUpdate,
  at,
  clone,
  compare,
  indexServes,
  isOp,
  matches,
  needsIndex,
  op,
  plainData,
  project,
  queryShape,
  type Data,
  type IndexSpec,
  type QueryShape,
} from './wxQuery';

export const WX_DOCUMENT_MAX_BYTES = 16 * 1024 * 1024;
export const WX_REQUEST_MAX_BYTES = 6 * 1024 * 1024;
const READ_DEFAULT = 100;
const READ_MAX = 1000;
const AGGREGATE_DEFAULT = 20;

export interface WxDatabaseOptions {
  /** Collections that exist; others answer -502005. 'any': each is created on first use. */
  readonly collections: readonly string[] | 'any';
  /** Declared indexes: a query none of them serves is refused. Absent: not checked. */
  readonly indexes?: readonly IndexSpec[];
  /** Simulated round trip (ms) charged to the invocation's clock. */
  readonly roundTripMs?: number;
  /** Real delay per call (ms). */
  readonly latencyMs?: number;
  /** Share of calls refused by throttling before they run (seeded, deterministic). */
  readonly throttleRate?: number;
  /** Share of writes that land but whose reply is lost. */
  readonly lostReplyRate?: number;
  readonly seed?: number;
}

export interface WxDatabaseDouble extends WxDatabase {
  /** Test hook: raw documents of a collection (ordered by _id). */
  dump(name: string): Data[];
  /** Test hook: writes documents directly (no round trip, no faults): seeding large counties. */
  load(name: string, docs: readonly Data[]): void;
  /** Test hook: the next write to `name` fails before it lands (a network error). */
  failNextWrite(name: string): void;
  /** Test hook: the next write to `name` lands, and its reply is lost. */
  loseNextReply(name: string): void;
  /** Test hook: the next `n` calls are refused by throttling. */
  throttleNext(n?: number): void;
  /** Test hook: the next `n` transaction commits land, and their replies are lost. */
  loseNextCommits(n?: number): void;
  /** Test hook: changes the shares of throttled calls and lost replies from now on. */
  faultRates(rates: { readonly throttleRate?: number; readonly lostReplyRate?: number }): void;
  /** Creates a collection (as the county's engineer does in the console). */
  createCollection(name: string): Promise<void>;
  /** Round trips made so far, and faults injected. */
  readonly stats: { calls: number; throttled: number; lostReplies: number; conflicts: number };
  /** The declared indexes some query used (`collection(a, b)`). */
  readonly indexesUsed: Set<string>;
}

type Doc = Data & { _id: string };

interface TxState {
  readonly id: number;
  /** Revision of each document when this transaction first saw it (-1: absent). */
  readonly seen: Map<string, number>;
  /** Pending writes: the document after the transaction, or null when removed. */
  readonly writes: Map<string, { coll: string; id: string; doc: Doc | null }>;
  open: boolean;
}

const wxError = (errCode: number, errMsg: string) => Object.assign(new Error(errMsg), { errCode, errMsg });
const conflictError = () =>
  Object.assign(wxError(-501001, 'database transaction conflict'), { code: 'DATABASE_TRANSACTION_CONFLICT' });

/**
 * The JSON text of a document, kept beside it once made: a stored document is never changed in
 * place (an update stores a new object), so its text stays true. Replies are parsed from it (a
 * fresh deep copy, as over the wire), changes are found by comparing texts, and the 16 MB limit
 * is measured on it — one serialisation per write instead of three.
 */
const texts = new WeakMap<object, string>();
const textOf = (d: object): string => {
  let t = texts.get(d);
  if (t === undefined) texts.set(d, (t = JSON.stringify(d)));
  return t;
};
const copyOf = <T extends object>(d: T): T => JSON.parse(textOf(d)) as T;
/** Whether a JSON text is over `max` bytes in UTF-8 (at most 3 bytes a UTF-16 unit: short ones are not). */
const over = (text: string, max: number): boolean =>
  text.length * 3 > max && Buffer.byteLength(text, 'utf8') > max;

/** A small seeded generator (mulberry32): fault injection repeats run to run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function wxDatabaseDouble(options: WxDatabaseOptions): WxDatabaseDouble {
  const o: RoundTripOptions = { roundTripMs: options.roundTripMs ?? 30, latencyMs: options.latencyMs ?? 0 };
  const random = seeded(options.seed ?? 20270501);
  const collections = new Map<string, Map<string, Doc>>();
  const revs = new Map<string, number>();
  const locks = new Map<string, number>();
  /** Equality lookup tables on the first field of each declared index (speed only). */
  const lookups = new Map<string, Map<string, Map<string, Set<string>>>>();
  const sortedIds = new Map<string, string[]>();
  const failing = new Set<string>();
  const losing = new Set<string>();
  let throttleCount = 0;
  let losingCommits = 0;
  const rates = { throttleRate: options.throttleRate ?? 0, lostReplyRate: options.lostReplyRate ?? 0 };
  let rev = 0;
  let autoId = 0;
  let txSeq = 0;
  const stats = { calls: 0, throttled: 0, lostReplies: 0, conflicts: 0 };
  const indexesUsed = new Set<string>();

  for (const name of options.collections === 'any' ? [] : options.collections)
    collections.set(name, new Map());
  for (const ix of options.indexes ?? []) {
    const byField = lookups.get(ix.collection) ?? new Map<string, Map<string, Set<string>>>();
    byField.set(ix.fields[0] as string, new Map());
    lookups.set(ix.collection, byField);
  }

  const coll = (name: string): Map<string, Doc> => {
    let c = collections.get(name);
    if (!c) {
      if (options.collections !== 'any')
        throw wxError(
          -502005,
          `database collection not exists: ${name} (create it first; see docs/cloud.md)`,
        );
      collections.set(name, (c = new Map()));
    }
    return c;
  };
  const keyOf = (name: string, id: string) => `${name}\u0000${id}`;
  const valueKeys = (v: unknown): string[] =>
    (Array.isArray(v) ? v : [v]).map((x) => JSON.stringify(x ?? null));

  /** Stores (or removes) a document, keeping revisions and lookup tables current. */
  function put(name: string, id: string, doc: Doc | null, text = doc && textOf(doc)): void {
    const c = coll(name);
    if (text && over(text, WX_DOCUMENT_MAX_BYTES))
      throw wxError(-501007, `document ${name}/${id} exceeds the 16 MB document limit`);
    const old = c.get(id);
    const tables = lookups.get(name);
    if (tables)
      for (const [field, table] of tables) {
        if (old) for (const k of valueKeys(at(old, field))) table.get(k)?.delete(id);
        if (doc)
          for (const k of valueKeys(at(doc, field))) {
            let s = table.get(k);
            if (!s) table.set(k, (s = new Set()));
            s.add(id);
          }
      }
    if (doc) {
      if (!old) sortedIds.delete(name);
      c.set(id, doc);
    } else if (old) {
      c.delete(id);
      sortedIds.delete(name);
    }
    revs.set(keyOf(name, id), ++rev);
  }

  function candidates(
    name: string,
    cond: Data,
    order: readonly (readonly [string, string])[],
  ): Iterable<Doc> {
    const c = coll(name);
    const idCond = cond['_id'];
    if (typeof idCond === 'string') {
      const d = c.get(idCond);
      return d ? [d] : [];
    }
    if (isOp(idCond) && idCond.__op === 'in')
      return (idCond.value as string[]).flatMap((id) => (c.has(id) ? [c.get(id) as Doc] : []));
    const tables = lookups.get(name);
    if (tables)
      for (const [field, want] of Object.entries(cond)) {
        const table = tables.get(field);
        if (!table) continue;
        const keys = isOp(want) ? (want.__op === 'in' ? valueKeys(want.value) : null) : valueKeys(want);
        if (!keys) continue;
        const ids = new Set<string>();
        for (const k of keys) for (const id of table.get(k) ?? []) ids.add(id);
        return [...ids].map((id) => c.get(id) as Doc);
      }
    if (order.length === 1 && order[0]?.[0] === '_id') {
      let ids = sortedIds.get(name);
      if (!ids) sortedIds.set(name, (ids = [...c.keys()].sort()));
      return ids.map((id) => c.get(id) as Doc);
    }
    return c.values();
  }

  function checkIndex(shape: QueryShape): void {
    if (!options.indexes || !needsIndex(shape)) return;
    const served = options.indexes.find((ix) => indexServes(ix, shape));
    if (served) {
      indexesUsed.add(`${served.collection}(${served.fields.join(', ')})`);
      return;
    }
    throw new Error(
      `double: no declared index serves ${shape.collection} where (${[...shape.equal, ...shape.range].join(', ')})` +
        (shape.sort.length ? ` order by (${shape.sort.join(', ')})` : '') +
        ' — add one to docs/cloud.md',
    );
  }

  /** The lower bound of an `_id` range condition (gt/gte, alone or in an and()). */
  const idFloor = (v: unknown): string | null => {
    if (!isOp(v)) return null;
    if (v.__op === 'gt' || v.__op === 'gte') return String(v.value);
    if (v.__op === 'and') for (const w of v.value as unknown[]) if (idFloor(w) !== null) return idFloor(w);
    return null;
  };

  function select(
    name: string,
    cond: Data,
    order: readonly (readonly [string, 'asc' | 'desc'])[],
    enough = Infinity,
  ): Doc[] {
    // Reading by _id in order from a floor (paging by _id): walk the sorted ids, stop when enough.
    const floor = idFloor(cond['_id']);
    if (floor !== null && order.length === 1 && order[0]?.[0] === '_id' && order[0][1] === 'asc') {
      const c = coll(name);
      let ids = sortedIds.get(name);
      if (!ids) sortedIds.set(name, (ids = [...c.keys()].sort()));
      let lo = 0;
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((ids[mid] as string) < floor) lo = mid + 1;
        else hi = mid;
      }
      const out: Doc[] = [];
      for (let i = lo; i < ids.length && out.length < enough; i++) {
        const d = c.get(ids[i] as string) as Doc;
        if (matches(d, cond)) out.push(d);
      }
      return out;
    }
    const rows = [...candidates(name, cond, order)].filter((d) => matches(d, cond));
    if (order.length > 0)
      rows.sort((a, b) => {
        for (const [f, dir] of order) {
          const x = compare(at(a, f), at(b, f));
          if (x !== 0) return dir === 'asc' ? x : -x;
        }
        return 0;
      });
    return rows;
  }

  /** The service's side of every call: throttling first, then the operation. */
  const call = <T>(name: string | null, work: () => T, write = false): Promise<T> =>
    roundTrip(o, 'db', () => {
      stats.calls++;
      if (name !== null) coll(name);
      if (throttleCount > 0 || rates.throttleRate > random()) {
        if (throttleCount > 0) throttleCount--;
        stats.throttled++;
        throw wxError(-501003, 'exceed request limit (throttled)');
      }
      if (write && name !== null && failing.delete(name))
        throw wxError(-1, 'double: simulated network failure');
      const result = work();
      if (write && name !== null && (losing.delete(name) || rates.lostReplyRate > random())) {
        stats.lostReplies++;
        throw wxError(-501002, 'resource server timeout (the write landed; its reply was lost)');
      }
      return result;
    });

  /** The request's JSON text, refused over 6 MB. */
  const requestCheck = (data: unknown): string => {
    const text = JSON.stringify(data) ?? '';
    if (over(text, WX_REQUEST_MAX_BYTES)) throw wxError(-501007, 'request exceeds 6 MB');
    return text;
  };

  /** The document stored for `data` under `id` (a deep copy, `_id` last unless `data` had it). */
  const docOf = (data: Data, id: string, text = JSON.stringify(data)): Doc => {
    const doc = JSON.parse(text) as Data;
    if (doc['_id'] === id) texts.set(doc, text);
    else if (!('_id' in doc)) {
      doc['_id'] = id;
      texts.set(doc, `${text.slice(0, -1)}${text === '{}' ? '' : ','}"_id":${JSON.stringify(id)}}`);
    } else doc['_id'] = id;
    return doc as Doc;
  };

  function insert(name: string, data: Data, tx: TxState | null, text?: string): string {
    plainData(data, 'add()');
    const id = typeof data['_id'] === 'string' ? data['_id'] : `auto-${++autoId}`;
    const key = keyOf(name, id);
    const pending = tx?.writes.get(key);
    if (coll(name).has(id) || (pending && pending.doc !== null))
      throw wxError(-502001, `database.addDocument:fail -502001 duplicate key _id: ${id}`);
    if (tx) {
      lockFor(tx, key);
      tx.seen.set(key, tx.seen.get(key) ?? -1);
      tx.writes.set(key, { coll: name, id, doc: docOf(data, id, text) });
    } else put(name, id, docOf(data, id, text));
    return id;
  }

  /**
   * A query; each step returns a new one (where() replaces the condition, as in
   * @cloudbase/database). A class, so a step makes one object rather than ten closures: registration
   * day makes tens of thousands of them.
   */
  class Query implements WxQuery {
    constructor(
      protected readonly name: string,
      private readonly cond: Data = {},
      private readonly order: [string, 'asc' | 'desc'][] = [],
      private readonly skipN = 0,
      private readonly limitN: number | null = null,
      private readonly fields: Record<string, boolean> | null = null,
    ) {}
    private shape(): QueryShape {
      return queryShape(this.name, this.cond, this.order);
    }
    where(c: Data): WxQuery {
      return new Query(this.name, { ...c }, this.order, this.skipN, this.limitN, this.fields);
    }
    orderBy(f: string, d: 'asc' | 'desc'): WxQuery {
      return new Query(this.name, this.cond, [...this.order, [f, d]], this.skipN, this.limitN, this.fields);
    }
    skip(n: number): WxQuery {
      return new Query(this.name, this.cond, this.order, n, this.limitN, this.fields);
    }
    /** Limits above 1000 are clamped silently in cloud functions. */
    limit(n: number): WxQuery {
      return new Query(this.name, this.cond, this.order, this.skipN, Math.min(n, READ_MAX), this.fields);
    }
    field(f: Readonly<Record<string, boolean>>): WxQuery {
      return new Query(this.name, this.cond, this.order, this.skipN, this.limitN, { ...f });
    }
    get(): Promise<{ data: Data[] }> {
      const { name, cond, order, skipN: skip, limitN: limit, fields } = this;
      return call(name, () => {
        checkIndex(this.shape());
        const rows = select(name, cond, order, skip + (limit ?? READ_DEFAULT)).slice(
          skip,
          skip + (limit ?? READ_DEFAULT),
        );
        return { data: rows.map((d) => (fields ? clone(project(d, fields)) : copyOf(d))) };
      });
    }
    count(): Promise<{ total: number }> {
      return call(this.name, () => {
        checkIndex(this.shape());
        return { total: select(this.name, this.cond, []).length };
      });
    }
    update({ data }: { data: Data }): Promise<{ stats: { updated: number } }> {
      const { name, cond } = this;
      return call(
        name,
        () => {
          requestCheck(data);
          if (Object.keys(cond).length > 0) checkIndex(this.shape());
          let updated = 0;
          for (const d of select(name, cond, [])) {
            const next = applyUpdate(d, data) as Doc;
            if (textOf(next) === textOf(d)) continue;
            put(name, d._id, next);
            updated++;
          }
          return { stats: { updated } };
        },
        true,
      );
    }
    remove(): Promise<{ stats: { removed: number } }> {
      const { name, cond } = this;
      return call(
        name,
        () => {
          if (Object.keys(cond).length > 0) checkIndex(this.shape());
          const rows = select(name, cond, []);
          for (const d of rows) put(name, d._id, null);
          return { stats: { removed: rows.length } };
        },
        true,
      );
    }
  }

  class Collection extends Query implements WxCollection {
    doc(id: string | number): WxDocument {
      return documentRef(this.name, String(id), null);
    }
    aggregate(): WxAggregate {
      return aggregate(this.name, []);
    }
    add({ data }: { data: Data | Data[] }): Promise<{ _id?: string; _ids?: string[] }> {
      const name = this.name;
      return call(
        name,
        () => {
          const text = requestCheck(data);
          // A batch stops at the first duplicate (MongoDB's ordered insertMany).
          if (Array.isArray(data)) return { _ids: data.map((d) => insert(name, d as Data, null)) };
          return { _id: insert(name, data, null, text) };
        },
        true,
      );
    }
  }

  const missing = (id: string) => wxError(-1, `document.get:fail document with _id ${id} does not exist`);

  function documentRef(name: string, id: string, tx: TxState | null): WxDocument {
    const key = keyOf(name, id);
    const current = (): Doc | undefined => {
      const p = tx?.writes.get(key);
      if (p) return p.doc ?? undefined;
      return coll(name).get(id);
    };
    const see = () => {
      if (tx && !tx.seen.has(key)) tx.seen.set(key, coll(name).has(id) ? (revs.get(key) ?? 0) : -1);
    };
    const write = (doc: Doc | null) => {
      if (!tx) return put(name, id, doc);
      lockFor(tx, key);
      see();
      tx.writes.set(key, { coll: name, id, doc });
    };
    const guard = () => {
      if (tx && !tx.open) throw wxError(-1, 'double: transaction already ended');
    };
    return {
      get: () =>
        call(name, () => {
          guard();
          see();
          const d = current();
          if (!d) throw missing(id);
          return { data: copyOf(d) };
        }),
      set: ({ data }) =>
        call(
          name,
          () => {
            guard();
            const text = requestCheck(data);
            plainData(data, 'set()');
            if ('_id' in data) throw new Error('double: set() data must not contain _id');
            const existed = current() !== undefined;
            write(docOf(data, id, text));
            return { _id: id, stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 } };
          },
          true,
        ),
      update: ({ data }) =>
        call(
          name,
          () => {
            guard();
            requestCheck(data);
            const d = current();
            if (!d) return { stats: { updated: 0 } };
            const next = applyUpdate(d, data) as Doc;
            if (textOf(next) === textOf(d)) return { stats: { updated: 0 } };
            write(next);
            return { stats: { updated: 1 } };
          },
          true,
        ),
      remove: () =>
        call(
          name,
          () => {
            guard();
            const existed = current() !== undefined;
            if (existed) write(null);
            return { stats: { removed: existed ? 1 : 0 } };
          },
          true,
        ),
    };
  }

  /** A transaction writing a document another open transaction has written conflicts at once. */
  function lockFor(tx: TxState, key: string): void {
    const holder = locks.get(key);
    if (holder !== undefined && holder !== tx.id) {
      stats.conflicts++;
      abort(tx);
      throw conflictError();
    }
    const seen = tx.seen.get(key);
    const now = revs.get(key);
    if (seen !== undefined && seen !== -1 && now !== seen) {
      stats.conflicts++;
      abort(tx);
      throw conflictError();
    }
    locks.set(key, tx.id);
  }

  function abort(tx: TxState): void {
    tx.open = false;
    for (const [key, holder] of locks) if (holder === tx.id) locks.delete(key);
  }

  function aggregate(name: string, stages: [string, unknown][]): WxAggregate {
    const next = (stage: string) => (v: unknown) => aggregate(name, [...stages, [stage, v]]);
    return {
      match: next('match'),
      group: next('group'),
      project: next('project'),
      sort: next('sort'),
      skip: next('skip'),
      limit: next('limit'),
      end: () =>
        call(name, () => {
          let rows: Data[] | null = null;
          let limited = false;
          for (const [stage, v] of stages) {
            if (stage === 'match') {
              const cond = v as Data;
              if (rows === null) checkIndex(queryShape(name, cond, []));
              rows = rows === null ? select(name, cond, []) : rows.filter((d) => matches(d, cond));
              continue;
            }
            rows ??= [...coll(name).values()];
            if (stage === 'group') rows = group(rows, v as Data);
            else if (stage === 'project') rows = rows.map((d) => projectStage(d, v as Data));
            else if (stage === 'sort') {
              const spec = Object.entries(v as Record<string, 1 | -1>);
              rows = [...rows].sort((a, b) => {
                for (const [f, dir] of spec) {
                  const x = compare(at(a, f), at(b, f));
                  if (x !== 0) return x * dir;
                }
                return 0;
              });
            } else if (stage === 'skip') rows = rows.slice(v as number);
            else if (stage === 'limit') {
              rows = rows.slice(0, v as number);
              limited = true;
            } else throw new Error(`double: aggregate stage ${stage} is not supported`);
          }
          rows ??= [...coll(name).values()];
          return { list: clone(limited ? rows : rows.slice(0, AGGREGATE_DEFAULT)) };
        }),
    };
  }

  const txCollection = (tx: TxState) => (name: string) => {
    const refuse = (what: string) => () => {
      throw wxError(-501007, `double: ${what} is not available inside a transaction (doc() and add() only)`);
    };
    return {
      doc: (id: string) => documentRef(name, id, tx),
      add: ({ data }: { data: Data }) =>
        call(
          name,
          () => {
            if (!tx.open) throw wxError(-1, 'double: transaction already ended');
            if (Array.isArray(data)) throw new Error('double: add() of many documents inside a transaction');
            return { _id: insert(name, data, tx, requestCheck(data)) };
          },
          true,
        ),
      where: refuse('where()'),
      orderBy: refuse('orderBy()'),
      count: refuse('count()'),
      aggregate: refuse('aggregate()'),
      get: refuse('collection get()'),
    };
  };

  async function commit(tx: TxState): Promise<void> {
    await call(null, () => {
      if (!tx.open) throw conflictError();
      for (const [key, w] of tx.writes) {
        const seen = tx.seen.get(key);
        const now = coll(w.coll).has(w.id) ? (revs.get(key) ?? 0) : -1;
        if (seen !== undefined && seen !== now) {
          stats.conflicts++;
          abort(tx);
          throw conflictError();
        }
      }
      for (const w of tx.writes.values()) {
        if (w.doc && over(textOf(w.doc), WX_DOCUMENT_MAX_BYTES)) {
          abort(tx);
          throw wxError(-501007, `document ${w.coll}/${w.id} exceeds the 16 MB document limit`);
        }
      }
      for (const w of tx.writes.values()) put(w.coll, w.id, w.doc);
      abort(tx);
      if (losingCommits > 0 || rates.lostReplyRate > random()) {
        if (losingCommits > 0) losingCommits--;
        stats.lostReplies++;
        throw wxError(-501002, 'resource server timeout (the commit landed; its reply was lost)');
      }
    });
  }

  async function runTransaction<T>(run: (t: WxTransaction) => Promise<T>, times = 3): Promise<T> {
    const tx: TxState = { id: ++txSeq, seen: new Map(), writes: new Map(), open: true };
    await call(null, () => undefined); // database.startTransaction
    try {
      const res = await run({ collection: txCollection(tx) as unknown as WxTransaction['collection'] });
      await commit(tx);
      return res;
    } catch (e) {
      if (tx.open) {
        abort(tx);
        await call(null, () => undefined).catch(() => undefined); // database.abortTransaction
      }
      const conflict = (e as { code?: string }).code === 'DATABASE_TRANSACTION_CONFLICT';
      if (conflict && times > 0) return runTransaction(run, times - 1);
      throw e;
    }
  }

  const command: WxCommand = {
    gt: (v) => op('gt', v),
    gte: (v) => op('gte', v),
    lt: (v) => op('lt', v),
    lte: (v) => op('lte', v),
    neq: (v) => op('neq', v),
    in: (values) => op('in', values),
    nin: (values) => op('nin', values),
    set: (v) => op('set', v),
    remove: () => op('remove', null),
    inc: (n) => op('inc', n),
    push: (values) => op('push', values),
  };

  return {
    command,
    collection: (name): WxCollection => new Collection(name),
    runTransaction,
    async createCollection(name) {
      if (!collections.has(name)) collections.set(name, new Map());
    },
    dump: (name) =>
      [...(collections.get(name)?.values() ?? [])].sort((a, b) => compare(a._id, b._id)).map(copyOf),
    load(name, docs) {
      // Seeding: the text is not kept (a large county's would double its memory).
      for (const d of docs) {
        const text = JSON.stringify(d);
        put(name, String(d['_id']), JSON.parse(text) as Doc, text);
      }
    },
    failNextWrite: (name) => failing.add(name),
    loseNextReply: (name) => losing.add(name),
    throttleNext: (n = 1) => (throttleCount += n),
    faultRates: (r) => Object.assign(rates, r),
    loseNextCommits: (n = 1) => (losingCommits += n),
    stats,
    indexesUsed,
  };
}

function group(rows: readonly Data[], spec: Data): Data[] {
  const keyOf = (d: Data): unknown => {
    const id = spec['_id'];
    if (id === null) return null;
    if (typeof id === 'string') return id.startsWith('$') ? (at(d, id.slice(1)) ?? null) : id;
    if (typeof id === 'object')
      return Object.fromEntries(
        Object.entries(id as Data).map(([k, v]) => [
          k,
          typeof v === 'string' && v.startsWith('$') ? (at(d, v.slice(1)) ?? null) : v,
        ]),
      );
    throw new Error('double: unsupported group _id');
  };
  const out = new Map<string, Data>();
  for (const d of rows) {
    const key = keyOf(d);
    const k = JSON.stringify(key);
    let g = out.get(k);
    if (!g) out.set(k, (g = { _id: key }));
    for (const [field, acc] of Object.entries(spec)) {
      if (field === '_id') continue;
      const a = acc as Data;
      if ('$sum' in a) {
        const v = a['$sum'];
        const add = typeof v === 'number' ? v : Number(at(d, String(v).slice(1)) ?? 0);
        g[field] = ((g[field] as number) ?? 0) + add;
      } else if ('$push' in a) {
        const v = a['$push'];
        (g[field] ??= [] as unknown[]) as unknown[];
        (g[field] as unknown[]).push(typeof v === 'string' && v.startsWith('$') ? at(d, v.slice(1)) : v);
      } else throw new Error(`double: accumulator ${Object.keys(a).join()} is not supported`);
    }
  }
  return [...out.values()];
}

function projectStage(d: Data, spec: Data): Data {
  const out: Data = {};
  if (spec['_id'] !== 0 && spec['_id'] !== false) out['_id'] = d['_id'];
  for (const [k, v] of Object.entries(spec)) {
    if (k === '_id') continue;
    if (v === 1 || v === true) out[k] = at(d, k);
    else if (typeof v === 'string' && v.startsWith('$')) out[k] = at(d, v.slice(1));
    else throw new Error('double: unsupported $project expression');
  }
  return out;
}

export type { Data, IndexSpec };
