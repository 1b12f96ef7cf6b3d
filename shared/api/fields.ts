/** Payload field schemas several functions use (zod; the server validates every payload with them). */
import * as z from 'zod';

/** A bounded plain string: length limits keep huge inputs out. */
export const text = (max: number) => z.string().max(max);

/**
 * A record id (registration, school, teacher): letters, digits, `_` and `-` only, so nothing
 * query-like (operators, quotes, SQL fragments) ever reaches the store as an id.
 */
export const idText = (max: number) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`), '编号格式不正确');
