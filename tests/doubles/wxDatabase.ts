/**
 * TEST DOUBLE of the wx-server-sdk database API — not the real CloudBase. The real SDK cannot
 * reach a database offline (its calls crash node with "missing secretId or secretKey"), so the
 * CloudBase adapter is checked against this in-memory imitation of the calls it makes. It copies
 * the documented semantics the adapter relies on: add() with an existing _id fails, where() +
 * update() is one conditional write reporting stats.updated, `{ field: null }` matches a null or
 * missing field, limit() is capped at 1000 in cloud functions, data is serialised (no shared
 * references). Anything else throws, so the double never silently passes an unsupported call.
 */
import type { WxCollection, WxCommand, WxDatabase, WxQuery } from '../../server/store/cloudbase';

type Data = Record<string, unknown>;
type Op = {
  readonly __op: 'gt' | 'gte' | 'neq' | 'in' | 'nin' | 'inc' | 'push' | 'set' | 'remove';
  readonly value: unknown;
};

/** A dotted path ('tier.tier') reads inside nested objects, as CloudBase queries do. */
const at = (doc: Data, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Data)[k] : undefined), doc);

const isOp = (v: unknown): v is Op => typeof v === 'object' && v !== null && '__op' in v;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function matches(doc: Data, cond: Data): boolean {
  return Object.entries(cond).every(([k, want]) => {
    const have = at(doc, k);
    if (isOp(want)) {
      const v = want.value as number | string;
      if (want.__op === 'neq') return have !== v;
      if (want.__op === 'in') return (want.value as unknown[]).includes(have);
      if (want.__op === 'nin') return !(want.value as unknown[]).includes(have);
      const comparable = typeof have === typeof v;
      if (want.__op === 'gt') return comparable && (have as number | string) > v;
      if (want.__op === 'gte') return comparable && (have as number | string) >= v;
      throw new Error(`double: ${want.__op} is not a query operator`);
    }
    if (want === null) return have === null || have === undefined;
    if (typeof want === 'object') throw new Error('double: nested query objects are not supported');
    // As in CloudBase (MongoDB): equality on an array field matches an element.
    if (Array.isArray(have)) return have.includes(want);
    return have === want;
  });
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

const plain = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * CloudBase update() merges a plain object into the stored one field by field (use _.set to
 * replace); _.set and _.remove work at any depth.
 */
function merge(old: unknown, next: unknown): unknown {
  if (isOp(next) && next.__op === 'set') return clone(next.value);
  if (!plain(old) || !plain(next) || isOp(next)) return next;
  const out: Data = { ...old };
  for (const [k, v] of Object.entries(next)) {
    if (isOp(v) && v.__op === 'remove') delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}

export interface WxDatabaseDouble extends WxDatabase {
  /** Test hook: raw documents of a collection. */
  dump(name: string): Data[];
  /** Test hook: the next write to `name` fails (simulates a network error). */
  failNextWrite(name: string): void;
}

export function wxDatabaseDouble(): WxDatabaseDouble {
  const collections = new Map<string, Map<string, Data>>();
  const failing = new Set<string>();
  let autoId = 0;
  const coll = (name: string) => {
    let c = collections.get(name);
    if (!c) collections.set(name, (c = new Map()));
    return c;
  };
  const maybeFail = (name: string) => {
    if (failing.delete(name))
      throw Object.assign(new Error('double: simulated network failure'), { errCode: -1 });
  };

  const query = (
    name: string,
    cond: Data,
    order: [string, 'asc' | 'desc'][],
    skip: number,
    limit: number | null,
  ): WxQuery => ({
    where: (c) => query(name, { ...cond, ...c }, order, skip, limit),
    orderBy: (f, o) => query(name, cond, [...order, [f, o]], skip, limit),
    skip: (n) => query(name, cond, order, n, limit),
    limit: (n) => {
      if (n > 1000) throw new Error('double: limit() above 1000 is refused in cloud functions');
      return query(name, cond, order, skip, n);
    },
    async get() {
      const rows = [...coll(name).values()].filter((d) => matches(d, cond));
      rows.sort((a, b) => {
        for (const [f, o] of order) {
          const c = compare(a[f], b[f]);
          if (c !== 0) return o === 'asc' ? c : -c;
        }
        return 0;
      });
      // The server SDK returns at most 100 documents when no limit is given.
      return { data: clone(rows.slice(skip, skip + (limit ?? 100))) };
    },
    async count() {
      return { total: [...coll(name).values()].filter((d) => matches(d, cond)).length };
    },
    async update({ data }) {
      maybeFail(name);
      let updated = 0;
      for (const d of coll(name).values()) {
        if (!matches(d, cond)) continue;
        for (const [k, v] of Object.entries(data)) {
          if (k === '_id') throw new Error('double: _id cannot be updated');
          if (isOp(v) && v.__op === 'inc') d[k] = ((d[k] as number) ?? 0) + (v.value as number);
          else if (isOp(v) && v.__op === 'push')
            d[k] = [...((d[k] as unknown[]) ?? []), ...clone(v.value as unknown[])];
          else if (isOp(v) && v.__op === 'set') d[k] = clone(v.value);
          else if (isOp(v) && v.__op === 'remove') delete d[k];
          else if (isOp(v)) throw new Error(`double: ${v.__op} is not an update operator`);
          else d[k] = merge(d[k], clone(v));
        }
        updated++;
      }
      return { stats: { updated } };
    },
  });

  const command: WxCommand = {
    gt: (value) => ({ __op: 'gt', value }),
    gte: (value) => ({ __op: 'gte', value }),
    neq: (value) => ({ __op: 'neq', value }),
    in: (values) => ({ __op: 'in', value: values }),
    nin: (values) => ({ __op: 'nin', value: values }),
    set: (value) => ({ __op: 'set', value }),
    remove: () => ({ __op: 'remove', value: null }),
    inc: (n) => ({ __op: 'inc', value: n }),
    push: (values) => ({ __op: 'push', value: values }),
  };

  return {
    command,
    collection(name): WxCollection {
      return {
        ...query(name, {}, [], 0, null),
        doc: (id) => ({
          async set({ data }) {
            maybeFail(name);
            if ('_id' in data) throw new Error('double: set() data must not contain _id');
            coll(name).set(id, { ...clone(data), _id: id });
            return { stats: { updated: 1 } };
          },
          async remove() {
            maybeFail(name);
            return { stats: { removed: coll(name).delete(id) ? 1 : 0 } };
          },
        }),
        async add({ data }) {
          maybeFail(name);
          const id = typeof data['_id'] === 'string' ? data['_id'] : `auto-${++autoId}`;
          if (coll(name).has(id)) {
            throw Object.assign(new Error(`database.addDocument:fail -502001 duplicate key _id: ${id}`), {
              errCode: -502001,
            });
          }
          coll(name).set(id, { ...clone(data), _id: id });
          return { _id: id };
        },
      };
    },
    dump: (name) => clone([...coll(name).values()]),
    failNextWrite: (name) => failing.add(name),
  };
}
