/**
 * The one way the client reaches the backend: call(fn, action, payload) → envelope.
 * WeChat: Taro.cloud.callFunction (identity from WeChat). H5: HTTP to the local cloud host with
 * the session token. Network failures become an envelope too, so pages handle one shape.
 */
import Taro from '@tarojs/taro';
import { fail, type Envelope } from '@shared/errors';
import {
  contracts,
  type ActionName,
  type AnswerOf,
  type FunctionName,
  type PayloadOf,
} from '@shared/api/functions';
import { sessionClear, sessionGet, usesLocalHost } from './session';

export type { FunctionName };

const NETWORK_MESSAGE = '网络连接失败，已填写的内容已保留，请检查网络后重试。';

/** The event a function receives; `requestId` makes a state change safe to retry. */
interface FnEvent {
  readonly action: string;
  readonly payload: object;
  readonly requestId?: string;
}

/** Thrown inside the transports when the request may not have arrived (retry is safe with a key). */
const NETWORK = Symbol('network');

async function callCloud<T>(fn: FunctionName, event: FnEvent): Promise<Envelope<T>> {
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: { ...event } });
    return res.result as Envelope<T>;
  } catch {
    throw NETWORK;
  }
}

async function callLocal<T>(fn: FunctionName, event: FnEvent): Promise<Envelope<T>> {
  const session = sessionGet();
  if (!session) {
    onSignedOut();
    return fail('UNAUTHENTICATED');
  }
  try {
    const res = await Taro.request<Envelope<T>>({
      url: `/api/fn/${fn}`,
      method: 'POST',
      header: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      data: event,
    });
    if (res.statusCode === 401) onSignedOut();
    return res.data;
  } catch {
    throw NETWORK;
  }
}

function onSignedOut(): void {
  sessionClear();
  void Taro.reLaunch({ url: '/pages/login/index' });
}

const sendEvent = <T>(fn: FunctionName, event: FnEvent): Promise<Envelope<T>> =>
  usesLocalHost() ? callLocal<T>(fn, event) : callCloud<T>(fn, event);

export async function call<T>(fn: FunctionName, action: string, payload: object = {}): Promise<Envelope<T>> {
  try {
    return await sendEvent<T>(fn, { action, payload });
  } catch {
    return fail('INTERNAL', NETWORK_MESSAGE);
  }
}

/** A key for one user action (not a secret; it only has to be unique per user). */
function requestIdNew(): string {
  const rand = Math.random().toString(36).slice(2, 12);
  return `r${Date.now().toString(36)}-${rand}`;
}

/**
 * A state change (submit, approve, publish…): sent with a fresh requestId and, if the network
 * drops, sent again once with the same id — the server acts at most once and answers the retry
 * with the first response.
 */
export async function callOnce<T>(
  fn: FunctionName,
  action: string,
  payload: object = {},
): Promise<Envelope<T>> {
  const event: FnEvent = { action, payload, requestId: requestIdNew() };
  for (let attempt = 0; ; attempt++) {
    try {
      return await sendEvent<T>(fn, event);
    } catch {
      if (attempt >= 1) return fail('INTERNAL', NETWORK_MESSAGE);
      await new Promise((r) => setTimeout(r, 800));
    }
  }
}

/**
 * A call as the function's contract in shared/api/ describes it: the payload and the answer are
 * typed by the contract, and a state change goes with a retry key (callOnce) while a read does not.
 */
export function send<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  payload: PayloadOf<F, A>,
): Promise<Envelope<AnswerOf<F, A>>> {
  const spec = contracts[fn][action] as { readonly change: boolean };
  return spec.change
    ? callOnce<AnswerOf<F, A>>(fn, action, payload as object)
    : call<AnswerOf<F, A>>(fn, action, payload as object);
}

/** Local host only: the demo accounts and sign-in (outside the function envelope path). */
export async function localGet<T>(url: string): Promise<Envelope<T>> {
  try {
    return (await Taro.request<Envelope<T>>({ url, method: 'GET' })).data;
  } catch {
    return fail('INTERNAL', NETWORK_MESSAGE);
  }
}

export async function localPost<T>(url: string, data: object): Promise<Envelope<T>> {
  try {
    return (
      await Taro.request<Envelope<T>>({
        url,
        method: 'POST',
        header: { 'content-type': 'application/json' },
        data,
      })
    ).data;
  } catch {
    return fail('INTERNAL', NETWORK_MESSAGE);
  }
}
