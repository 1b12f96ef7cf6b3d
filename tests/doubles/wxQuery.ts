/**
 * TEST DOUBLE helpers: how the CloudBase document database (MongoDB underneath) matches, sorts,
 * projects and updates documents, for the SDK double in wxDatabase.ts. Only the operators the
 * adapter uses are imitated; anything else throws, so the double never silently passes a call the
 * real service would treat differently.
 */
export type Data = Record<string, unknown>;

export type OpName =
  'gt' | 'gte' | 'lt' | 'lte' | 'neq' | 'in' | 'nin' | 'and' | 'inc' | 'push' | 'set' | 'remove';

/** A command value (`db.command.gt(1)` …); query commands combine with `.and()` as in the SDK. */
export interface Op {
  readonly __op: OpName;
  readonly value: unknown;
  and(other: unknown): Op;
}

export const op = (name: OpName, value: unknown): Op => ({
  __op: name,
  value,
  and: (other) => op('and', [op(name, value), other]),
});

export const isOp = (v: unknown): v is Op => typeof v === 'object' && v !== null && '__op' in v;
export const plain = (v: unknown): v is Data =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isOp(v);
export const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** A dotted path ('tier.tier') reads inside nested objects, as CloudBase queries do. */
export const at = (doc: Data, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Data)[k] : undefined), doc);

const rangeOps = new Set<OpName>(['gt', 'gte', 'lt', 'lte', 'neq', 'nin', 'and']);

function opMatches(have: unknown, want: Op): boolean {
  const v = want.value as number | string;
  const values = Array.isArray(have) ? have : [have];
  switch (want.__op) {
    case 'neq':
      return Array.isArray(have) ? !have.includes(v) : have !== v;
    case 'in':
      return values.some((x) => (want.value as unknown[]).includes(x));
    case 'nin':
      return !values.some((x) => (want.value as unknown[]).includes(x));
    case 'and':
      return (want.value as unknown[]).every((w) => (isOp(w) ? opMatches(have, w) : have === w));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return values.some((x) => {
        if (typeof x !== typeof v || x === null) return false;
        const a = x as number | string;
        return want.__op === 'gt'
          ? a > v
          : want.__op === 'gte'
            ? a >= v
            : want.__op === 'lt'
              ? a < v
              : a <= v;
      });
    default:
      throw new Error(`double: ${want.__op} is not a query operator`);
  }
}

export function matches(doc: Data, cond: Data): boolean {
  return Object.entries(cond).every(([k, want]) => {
    const have = at(doc, k);
    if (isOp(want)) return opMatches(have, want);
    if (want === null) return have === null || have === undefined;
    // CloudBase reads `{ a: { b: 1 } }` as a nested-field match, not object equality; the adapter
    // writes dotted paths instead, and the double refuses the ambiguous form.
    if (typeof want === 'object') throw new Error('double: nested query objects are not supported');
    // As in CloudBase (MongoDB): equality on an array field matches an element.
    if (Array.isArray(have)) return have.includes(want);
    return have === want;
  });
}

/** MongoDB's order for the values the adapter sorts on: missing/null first, then numbers/strings. */
export function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

/** `field({ a: true, 'b.c': true })`: only those fields (and `_id`) come back. */
export function project(doc: Data, fields: Readonly<Record<string, boolean>> | null): Data {
  if (!fields) return doc;
  const out: Data = {};
  if (fields['_id'] !== false) out['_id'] = doc['_id'];
  for (const [path, on] of Object.entries(fields)) {
    if (!on || path === '_id') continue;
    if (Object.values(fields).some((x) => x === false) && path !== '_id')
      throw new Error('double: mixed include/exclude projections are not supported');
    const value = at(doc, path);
    if (value === undefined) continue;
    const keys = path.split('.');
    let cur = out;
    keys.slice(0, -1).forEach((k) => (cur = (cur[k] ??= {}) as Data));
    cur[keys[keys.length - 1] as string] = value;
  }
  return out;
}

/**
 * update(): a plain object merges into the stored one field by field (use _.set to replace a
 * nested object whole); _.set and _.remove work at any depth; _.inc and _.push at the top level.
 */
function merge(old: unknown, next: unknown): unknown {
  if (isOp(next) && next.__op === 'set') return clone(next.value);
  if (!plain(old) || !plain(next)) return clone(next);
  const out: Data = { ...old };
  for (const [k, v] of Object.entries(next)) {
    if (isOp(v) && v.__op === 'remove') delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}

export function applyUpdate(doc: Data, data: Data): Data {
  const d: Data = { ...doc };
  for (const [k, v] of Object.entries(data)) {
    if (k === '_id') throw new Error('double: _id cannot be updated');
    if (k.includes('.')) throw new Error('double: dotted update paths are not supported; nest objects');
    if (isOp(v) && v.__op === 'inc') d[k] = ((d[k] as number) ?? 0) + (v.value as number);
    else if (isOp(v) && v.__op === 'push')
      d[k] = [...((d[k] as unknown[]) ?? []), ...clone(v.value as unknown[])];
    else if (isOp(v) && v.__op === 'set') d[k] = clone(v.value);
    else if (isOp(v) && v.__op === 'remove') delete d[k];
    else if (isOp(v)) throw new Error(`double: ${v.__op} is not an update operator`);
    else d[k] = merge(d[k], v);
  }
  return d;
}

/** Rejects command objects where plain data is expected (add/set take data, not operators). */
export function plainData(data: unknown, where: string): void {
  const walk = (v: unknown): void => {
    if (isOp(v)) throw new Error(`double: ${where} data must not contain update operators`);
    if (Array.isArray(v)) v.forEach(walk);
    else if (plain(v)) Object.values(v).forEach(walk);
  };
  walk(data);
}

export interface IndexSpec {
  readonly collection: string;
  readonly fields: readonly string[];
}

/** The shape of a query, as an index sees it. */
export interface QueryShape {
  readonly collection: string;
  /** The condition names documents by `_id` (equality or `in`): the `_id` index serves it. */
  readonly byId: boolean;
  readonly equal: readonly string[];
  readonly range: readonly string[];
  readonly sort: readonly string[];
}

export function queryShape(
  collection: string,
  cond: Data,
  order: readonly (readonly [string, string])[],
): QueryShape {
  const equal: string[] = [];
  const range: string[] = [];
  for (const [k, v] of Object.entries(cond)) {
    if (k === '_id') continue;
    if (isOp(v) && rangeOps.has(v.__op)) range.push(k);
    else equal.push(k);
  }
  const sort = order.map(([f]) => f);
  while (sort.length > 0 && sort[sort.length - 1] === '_id') sort.pop();
  const id = cond['_id'];
  const byId = typeof id === 'string' || (isOp(id) && id.__op === 'in');
  return { collection, byId, equal, range, sort };
}

/**
 * Whether an index serves a query (the rule MongoDB's planner follows, simplified): its leading
 * fields are equality fields of the query (at least one, if the query has any), and the sort, if
 * any, follows right after them. Other
 * conditions are filtered on the documents the index leads to. A query on `_id` alone (or none)
 * uses the `_id` index every collection has.
 */
export function indexServes(index: IndexSpec, q: QueryShape): boolean {
  if (index.collection !== q.collection) return false;
  let k = 0;
  while (k < index.fields.length && q.equal.includes(index.fields[k] as string)) k++;
  // An index that leads with none of the equality fields would be scanned whole.
  if (q.equal.length > 0 && k === 0) return false;
  if (q.sort.length > 0) {
    const after = index.fields.slice(k, k + q.sort.length);
    if (after.length !== q.sort.length || after.some((f, i) => f !== q.sort[i])) return false;
    return true;
  }
  return k > 0 || q.range.includes(index.fields[0] as string);
}

export const needsIndex = (q: QueryShape): boolean =>
  !q.byId && (q.equal.length > 0 || q.range.length > 0 || q.sort.length > 0);

/** JSON size of a value in bytes (what the service measures documents and requests by, roughly). */
export const byteSize = (v: unknown): number => Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8');
