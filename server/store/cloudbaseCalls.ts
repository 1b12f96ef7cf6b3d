/**
 * How the CloudBase adapter survives the network: throttling is retried after a short random
 * back-off; a call whose reply was lost (a timeout, a dropped connection) may or may not have run,
 * so only calls that are safe to repeat are repeated, and every write carries a fresh write token
 * (`_w`) by which a retry recognises its own earlier write instead of taking it for someone
 * else's. The token also makes every update change the document, so `stats.updated` (documents
 * whose content changed) counts the documents the condition matched.
 */
import { randomBytes } from 'node:crypto';
import type { Data, WxQuery } from './wxApi';

/** The field holding the last writer's token; never part of a record. */
export const WRITE_TOKEN = '_w';

export const writeToken = (): string => randomBytes(9).toString('base64url');

const THROTTLED = new Set([-501003, -501004]);
/** Failures that say for certain the call did nothing, or that retrying cannot help. */
const DEFINITE = new Set([-502005, -502002, -502003, -501007, -504003, 47003]);

export const errCodeOf = (e: unknown): number | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { errCode?: unknown }).errCode === 'number'
    ? (e as { errCode: number }).errCode
    : undefined;

export const isThrottled = (e: unknown): boolean => THROTTLED.has(errCodeOf(e) ?? 0);

/** A failure after which the call may have run (its reply was lost). */
export const isAmbiguous = (e: unknown): boolean => {
  const code = errCodeOf(e);
  if (code !== undefined && (DEFINITE.has(code) || THROTTLED.has(code))) return false;
  // A timeout of the function itself is not the network's: the function is gone.
  return !(e instanceof Error && /timed out after/.test(e.message));
};

const ATTEMPTS = 6;
const pause = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.min(400, 20 * 2 ** attempt) * (0.5 + Math.random())));

export interface Attempt {
  /** Set once a try failed in a way that may have left its write behind. */
  ambiguous: boolean;
}

/**
 * Runs a call, repeating it after throttling and, when `repeatable`, after an ambiguous failure.
 * `state.ambiguous` tells the caller a repeated write may find its own earlier write.
 */
export async function retrying<T>(
  op: () => Promise<T>,
  repeatable: boolean,
  state: Attempt = { ambiguous: false },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (e) {
      const again = isThrottled(e) || (repeatable && isAmbiguous(e));
      if (!again || attempt >= ATTEMPTS - 1) throw e;
      if (isAmbiguous(e)) state.ambiguous = true;
      await pause(attempt);
    }
  }
}

/** A read: always safe to repeat. */
export const read = <T>(op: () => Promise<T>): Promise<T> => retrying(op, true);

/** Reads every document a query matches, a page at a time by `_id` (never a growing skip). */
export async function readAllById(q: (after: string | null) => WxQuery, pageSize = 1000): Promise<Data[]> {
  const out: Data[] = [];
  for (let after: string | null = null; ;) {
    const res = await read(() => q(after).limit(pageSize).get());
    out.push(...res.data);
    if (res.data.length < pageSize) return out;
    after = String(res.data[res.data.length - 1]?.['_id']);
  }
}

export { inParallel } from '../runtime/parallel';
