/**
 * Cloud functions as data: a function is a set of named actions, each with the roles allowed to
 * call it, a payload schema and a run step. `dispatch` is the one path every call takes, in
 * WeChat and on the local host alike: resolve the caller from the trusted OPENID → check the role
 * → validate the payload → run → envelope. Expected failures are values; a thrown error is a bug
 * and becomes INTERNAL without leaking details.
 */
import * as z from 'zod';
import type { OpenId } from '../../shared/brand';
import { fail, type Envelope } from '../../shared/errors';
import type { Caller, Role } from '../../shared/identity/roles';
import type { ActionSpec, ResponseOf } from '../../shared/api/contract';
import type { Store } from '../store/port';
import type { DeployConfig, Downloads, FileLinks, FnContext, IdempotencyHandle, Messenger } from './context';
import { canonicalHash } from '../../shared/placement/canonical';
import type { RateLimiter } from '../security/rateLimit';
import type { UploadGuard } from '../security/uploadLimits';
import { payloadParse } from './payload';

export interface ActionDef<S extends z.ZodType, R> {
  readonly roles: readonly Role[];
  readonly input: S;
  /**
   * A state change a retry must not repeat (from the contract's `change`): with a `requestId` in
   * the event, the first response is kept and a retried request gets it back instead of acting twice.
   */
  readonly idempotent: boolean;
  run(ctx: FnContext, input: z.infer<S>): Promise<Envelope<R>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous action table
export type AnyAction = ActionDef<any, unknown>;

export interface FunctionDef {
  readonly name: string;
  readonly actions: Readonly<Record<string, AnyAction>>;
}

/** What a handler adds to an action's contract: who may call it and what it does. */
export interface ActionImpl<S extends z.ZodType, R> {
  readonly roles: readonly Role[];
  /** Its answer is checked against the contract's (never widened to whatever it returns). */
  run(ctx: FnContext, input: z.infer<S>): Promise<Envelope<NoInfer<R>>>;
}

/**
 * An action as its contract in shared/api/ describes it (response type, state change) with its
 * payload schema: a `run` answering anything but the contract's response type does not compile.
 */
export const defineAction = <S extends z.ZodType, R>(
  spec: ActionSpec<R>,
  input: S,
  impl: ActionImpl<S, R>,
): ActionDef<S, R> => ({ roles: impl.roles, input, idempotent: spec.change, run: impl.run });

/**
 * A function whose action table is exactly its contract's: an action missing on either side, or
 * one with another name, does not compile.
 */
export const defineFunction = <C extends Readonly<Record<string, ActionSpec>>>(
  name: string,
  _contract: C,
  actions: { readonly [A in keyof C]: ActionDef<z.ZodType, ResponseOf<C[A]>> },
): FunctionDef => ({ name, actions });

/** The event shape. WeChat adds `userInfo` to events; it is ignored, never used as identity. */
const eventSchema = z.object({
  action: z.string().max(64),
  payload: z.unknown().optional(),
  /** Chosen by the client per user action and reused on retries (see ActionDef.idempotent). */
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
});

/** A claim left pending this long belongs to a request that died (a crash); it may be taken over. */
const IDEMPOTENCY_STALE_MS = 60_000;
const IDEMPOTENCY_WAIT_MS = 5_000;

export interface DispatchEnv {
  readonly store: Store;
  readonly files: FileLinks;
  /** Cloud storage for files handed out (WeChat); absent on the local host (inline). */
  readonly downloads?: Downloads;
  readonly messenger: Messenger;
  readonly openid: OpenId;
  readonly now: Date;
  readonly config: DeployConfig;
  /** Per-OPENID limits (the local host); absent where the platform limits calls. */
  readonly limiter?: RateLimiter;
  /** Per-identity upload limits (see server/security/uploadLimits.ts). */
  readonly uploads?: UploadGuard;
}

/** Resolves who is calling: a bound staff role, the configured first admin, or a parent. */
export async function callerResolve(store: Store, openid: OpenId, config: DeployConfig): Promise<Caller> {
  const binding = await store.getBinding(openid);
  if (binding) return { openid, role: binding.role, binding };
  if (config.firstAdminOpenid !== null && openid === config.firstAdminOpenid) {
    return { openid, role: 'bureau', binding: null };
  }
  return { openid, role: 'parent', binding: null };
}

/**
 * Runs an idempotent action once per key: a retry gets the first response back; while the first
 * still runs, a retry waits a little for it; a failed first attempt frees the key.
 */
async function runOnce(
  env: DispatchEnv,
  key: string,
  payload: unknown,
  run: (handle: IdempotencyHandle) => Promise<Envelope<unknown>>,
): Promise<Envelope<unknown>> {
  const hash = canonicalHash(payload);
  for (let waited = 0; ; waited += 50) {
    const claim = await env.store.idempotencyClaim(key, hash, env.now, IDEMPOTENCY_STALE_MS);
    if (claim.status === 'done') return claim.response as Envelope<unknown>;
    if (claim.status === 'mismatch')
      return fail('INVALID_INPUT', '请求编号已用于另一项内容不同的操作，请刷新后重试。');
    if (claim.status === 'claimed') break;
    if (waited >= IDEMPOTENCY_WAIT_MS) return fail('TIMEOUT', '这项操作正在处理中，请稍后刷新查看结果。');
    await new Promise((r) => setTimeout(r, 50));
  }
  let result: Envelope<unknown>;
  let stored: unknown = undefined;
  try {
    result = await run({ key, finishedWith: (response) => (stored = response) });
  } catch (e) {
    await env.store.idempotencyRelease(key);
    throw e;
  }
  // An answer the action kept with its own last write needs nothing more (a read to release a
  // claim that is no longer pending would be a round trip for nothing on registration day).
  if (result.ok && stored === result) return result;
  if (result.ok) await env.store.idempotencyFinish(key, result);
  else await env.store.idempotencyRelease(key);
  return result;
}

export async function dispatch(
  fn: FunctionDef,
  env: DispatchEnv,
  event: unknown,
  onBug: (e: unknown) => void = (e) => console.error(`[${fn.name}]`, e),
): Promise<Envelope<unknown>> {
  try {
    if (env.limiter && !env.limiter.take(env.openid, env.now.getTime())) return fail('RATE_LIMITED');
    const ev = payloadParse(eventSchema, event);
    if (!ev.ok) return ev;
    const action = Object.prototype.hasOwnProperty.call(fn.actions, ev.value.action)
      ? fn.actions[ev.value.action]
      : undefined;
    if (!action) return fail('UNKNOWN_ACTION', `不支持的操作：${ev.value.action}`);
    const caller = await callerResolve(env.store, env.openid, env.config);
    if (!action.roles.includes(caller.role)) return fail('FORBIDDEN');
    const input = payloadParse(action.input, ev.value.payload ?? {});
    if (!input.ok) return input;
    const requestId = ev.value.requestId;
    if (!action.idempotent || requestId === undefined)
      return await action.run({ ...env, caller }, input.value);
    return await runOnce(
      env,
      `${env.openid}|${fn.name}.${ev.value.action}|${requestId}`,
      input.value,
      (idempotency) => action.run({ ...env, caller, idempotency }, input.value),
    );
  } catch (e) {
    onBug(e);
    return fail('INTERNAL');
  }
}
