/**
 * The slice of the wx-server-sdk 4.0.2 database API the CloudBase adapter uses, written out so the
 * adapter can be type-checked and tested against a double offline (the real SDK cannot reach a
 * database without cloud credentials). Shapes follow the SDK's wrappers (wx-server-sdk's
 * src/api/database) over @cloudbase/database 1.4.3.
 */
export type Data = Record<string, unknown>;

export interface WxQuery {
  /** Replaces the query's condition (it does not add to an earlier where()). */
  where(condition: Data): WxQuery;
  orderBy(field: string, order: 'asc' | 'desc'): WxQuery;
  skip(n: number): WxQuery;
  /** At most 1000 in cloud functions (larger values are clamped silently); 100 when not given. */
  limit(n: number): WxQuery;
  /** Only these fields (and `_id`) come back. */
  field(projection: Readonly<Record<string, boolean>>): WxQuery;
  get(): Promise<{ data: Data[] }>;
  count(): Promise<{ total: number }>;
  /** `updated` counts documents whose content changed, not documents matched. */
  update(options: { data: Data }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface WxDocument {
  /** Throws when the document does not exist ("document with _id … does not exist"). */
  get(): Promise<{ data: Data }>;
  set(options: { data: Data }): Promise<unknown>;
  update(options: { data: Data }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface WxAggregate {
  match(condition: Data): WxAggregate;
  group(spec: Data): WxAggregate;
  project(spec: Data): WxAggregate;
  sort(spec: Readonly<Record<string, 1 | -1>>): WxAggregate;
  skip(n: number): WxAggregate;
  /** Without it an aggregation returns 20 results. */
  limit(n: number): WxAggregate;
  end(): Promise<{ list: Data[] }>;
}

export interface WxCollection extends WxQuery {
  doc(id: string): WxDocument;
  /** One document, or an array of documents (a batch insert, server side only). */
  add(options: { data: Data | Data[] }): Promise<{ _id?: string | number; _ids?: (string | number)[] }>;
  aggregate(): WxAggregate;
}

/** Inside a transaction only documents by id and add() are available. */
export interface WxTransaction {
  collection(name: string): {
    doc(id: string): WxDocument;
    add(options: { data: Data }): Promise<{ _id?: string | number }>;
  };
}

/** A query command; range commands combine with `.and()`, e.g. `_.gte(a).and(_.lt(b))`. */
export interface WxQueryCommand {
  and(other: unknown): WxQueryCommand;
}

export interface WxCommand {
  gt(value: unknown): WxQueryCommand;
  gte(value: unknown): WxQueryCommand;
  lt(value: unknown): WxQueryCommand;
  lte(value: unknown): WxQueryCommand;
  neq(value: unknown): WxQueryCommand;
  in(values: unknown[]): WxQueryCommand;
  nin(values: unknown[]): WxQueryCommand;
  /** Replaces a field's value whole (update() would merge nested objects field by field). */
  set(value: unknown): unknown;
  inc(n: number): unknown;
  push(values: unknown[]): unknown;
  /** In update(): deletes the field. */
  remove(): unknown;
}

export interface WxDatabase {
  collection(name: string): WxCollection;
  readonly command: WxCommand;
  /**
   * Runs `run` in a transaction and commits it; retried by the SDK up to `times` more times when
   * the commit reports a conflict. Rolled back when `run` throws.
   */
  runTransaction<T>(run: (t: WxTransaction) => Promise<T>, times?: number): Promise<T>;
}
