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
import type { Store } from '../store/port';
import type { DeployConfig, FileLinks, FnContext, Messenger } from './context';
import { payloadParse } from './payload';

export interface ActionDef<S extends z.ZodType, R> {
  readonly roles: readonly Role[];
  readonly input: S;
  run(ctx: FnContext, input: z.infer<S>): Promise<Envelope<R>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous action table
export type AnyAction = ActionDef<any, unknown>;

export interface FunctionDef {
  readonly name: string;
  readonly actions: Readonly<Record<string, AnyAction>>;
}

export const defineAction = <S extends z.ZodType, R>(a: ActionDef<S, R>): ActionDef<S, R> => a;

/** The event shape. WeChat adds `userInfo` to events; it is ignored, never used as identity. */
const eventSchema = z.object({
  action: z.string().max(64),
  payload: z.unknown().optional(),
});

export interface DispatchEnv {
  readonly store: Store;
  readonly files: FileLinks;
  readonly messenger: Messenger;
  readonly openid: OpenId;
  readonly now: Date;
  readonly config: DeployConfig;
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

export async function dispatch(
  fn: FunctionDef,
  env: DispatchEnv,
  event: unknown,
  onBug: (e: unknown) => void = (e) => console.error(`[${fn.name}]`, e),
): Promise<Envelope<unknown>> {
  try {
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
    return await action.run({ ...env, caller }, input.value);
  } catch (e) {
    onBug(e);
    return fail('INTERNAL');
  }
}
