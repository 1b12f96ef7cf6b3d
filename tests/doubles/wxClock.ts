/**
 * TEST DOUBLE: time as a cloud function sees it. Every call to the database or storage is a
 * network round trip; a function is killed at its config.json timeout. An invocation carries a
 * virtual clock: each round trip starts at the invocation's current time and ends one round trip
 * later, and calls made in parallel overlap (the clock advances to the latest end), so the clock
 * measures the round trips on the critical path. When it passes the budget, the call that crossed
 * it still lands (the database does not know the caller died) but the function never sees its
 * reply, and every later call fails: what a real timeout leaves behind.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Invocation {
  /** Function name (for messages). */
  readonly fn: string;
  /** The function's timeout in ms (config.json); Infinity: no budget. */
  readonly budgetMs: number;
  /** Virtual time spent, ms. */
  t: number;
  /** Database round trips made. */
  calls: number;
  /** Other platform calls made: storage (upload, temporary links, delete) and openapi. */
  apiCalls: number;
  /** The caller's OPENID, as getWXContext() reports it inside this invocation. */
  readonly openid: string | undefined;
  /** Set when the budget ran out. */
  killed: boolean;
  /** Real time spent inside the double's own work (to tell the function's CPU time apart). */
  doubleMs: number;
}

const store = new AsyncLocalStorage<Invocation>();

export const invocationNew = (fn: string, budgetMs: number, openid?: string): Invocation => ({
  fn,
  budgetMs,
  t: 0,
  calls: 0,
  apiCalls: 0,
  openid,
  killed: false,
  doubleMs: 0,
});

export function invocationRun<T>(inv: Invocation, run: () => Promise<T>): Promise<T> {
  return store.run(inv, run);
}

export const invocationCurrent = (): Invocation | undefined => store.getStore();

/** What the platform reports when it kills a function at its timeout. */
export class FunctionTimeout extends Error {
  readonly errCode = -504003;
  constructor(inv: Invocation) {
    super(`double: ${inv.fn} timed out after ${inv.budgetMs} ms (${inv.calls} database round trips)`);
  }
}

export interface RoundTripOptions {
  /** Simulated round trip charged to the invocation's clock (ms). */
  readonly roundTripMs: number;
  /** Real delay per call (ms), for benchmarks that measure throughput under latency. */
  readonly latencyMs: number;
}

/**
 * Runs one remote call: `op` is the work the service does (it lands when it runs); the caller
 * sees its result one round trip later, unless the function was killed meanwhile.
 */
export async function roundTrip<T>(
  o: RoundTripOptions,
  kind: 'db' | 'api',
  op: () => T | Promise<T>,
): Promise<T> {
  const inv = store.getStore();
  if (inv?.killed) throw new FunctionTimeout(inv);
  const start = inv ? inv.t : 0;
  // Yield (or wait) so concurrent callers interleave as they would over a network.
  if (o.latencyMs > 0) await new Promise((r) => setTimeout(r, o.latencyMs));
  else await Promise.resolve();
  if (inv?.killed) throw new FunctionTimeout(inv);
  // Only the double's own synchronous work is timed (awaiting would count other callers' work).
  const began = performance.now();
  let pending: T | Promise<T>;
  try {
    pending = op();
  } finally {
    if (inv) inv.doubleMs += performance.now() - began;
  }
  const result = await pending;
  if (inv) {
    if (kind === 'db') inv.calls++;
    else inv.apiCalls++;
    inv.t = Math.max(inv.t, start + o.roundTripMs);
    if (inv.t > inv.budgetMs) {
      inv.killed = true;
      throw new FunctionTimeout(inv);
    }
  }
  return result;
}
