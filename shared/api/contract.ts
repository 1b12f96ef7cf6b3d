/**
 * One contract between the pages and the cloud functions. Each function has a contract
 * (`shared/api/<function>.ts`: every action's response type and whether it changes state) and its
 * payload schemas (`<function>Payloads.ts`, zod). The server's defineAction is typed by both, so a
 * handler answering something else does not compile; the client's calls are derived from them
 * (payload and response types, and which calls carry a retry key); the tests use the same types.
 */

/** An action: what it answers (type only) and whether it changes state. */
export interface ActionSpec<R = unknown> {
  /**
   * A state change (submit, approve, publish, save a plan, import…): the client sends a retry key
   * (`requestId`) and retries once on a dropped connection; the server acts at most once per key
   * and answers a retry with the first response. A read is simply sent again.
   */
  readonly change: boolean;
  /** Never set: carries the response type. */
  readonly response?: R;
}

/** An action that only reads. */
export const read = <R>(): ActionSpec<R> => ({ change: false });

/** An action that changes state (sent with a retry key). */
export const change = <R>(): ActionSpec<R> => ({ change: true });

/** What an action answers (the `data` of its ok envelope). */
export type ResponseOf<A> = A extends ActionSpec<infer R> ? R : never;
