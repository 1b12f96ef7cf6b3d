/** What every area of the store port shares: pages and the answers of conditional writes. */

export interface Page<T> {
  readonly items: readonly T[];
  /** Offset of the next page, or null when this was the last. */
  readonly next: number | null;
}

export interface PageRequest {
  readonly offset: number;
  /** At most MAX_PAGE (CloudBase functions read ≤ 1000 per call; we stay far below). */
  readonly limit: number;
}

export const MAX_PAGE = 100;

export type CreateResult = { readonly status: 'created' } | { readonly status: 'duplicate' };

/** A conditional write: 'conflict' when the record was created or changed by someone else first. */
export type SaveResult = { readonly status: 'ok' } | { readonly status: 'conflict' };

/** Clamps a page request to sane bounds. */
export function pageClamp(p: PageRequest): PageRequest {
  return {
    offset: Math.max(0, Math.floor(p.offset)),
    limit: Math.min(MAX_PAGE, Math.max(1, Math.floor(p.limit))),
  };
}

/** Builds a page from `limit + 1` fetched rows (the extra row tells whether more exist). */
export function pageOf<T>(rows: readonly T[], p: PageRequest): Page<T> {
  const more = rows.length > p.limit;
  return { items: more ? rows.slice(0, p.limit) : rows, next: more ? p.offset + p.limit : null };
}
