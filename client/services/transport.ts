/**
 * The one way the client reaches the backend: call(fn, action, payload) → envelope.
 * WeChat: Taro.cloud.callFunction (identity from WeChat). H5: HTTP to the local cloud host with
 * the session token. Network failures become an envelope too, so pages handle one shape.
 */
import Taro from '@tarojs/taro';
import { fail, type Envelope } from '@shared/errors';
import { sessionClear, sessionGet, usesLocalHost } from './session';

export type FunctionName =
  'auth' | 'registration' | 'county' | 'reports' | 'placement' | 'classing' | 'rotation';

const NETWORK_MESSAGE = '网络连接失败，已填写的内容已保留，请检查网络后重试。';

async function callCloud<T>(fn: FunctionName, action: string, payload: object): Promise<Envelope<T>> {
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: { action, payload } });
    return res.result as Envelope<T>;
  } catch {
    return fail('INTERNAL', NETWORK_MESSAGE);
  }
}

async function callLocal<T>(fn: FunctionName, action: string, payload: object): Promise<Envelope<T>> {
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
      data: { action, payload },
    });
    if (res.statusCode === 401) onSignedOut();
    return res.data;
  } catch {
    return fail('INTERNAL', NETWORK_MESSAGE);
  }
}

function onSignedOut(): void {
  sessionClear();
  void Taro.reLaunch({ url: '/pages/login/index' });
}

export function call<T>(fn: FunctionName, action: string, payload: object = {}): Promise<Envelope<T>> {
  return usesLocalHost() ? callLocal<T>(fn, action, payload) : callCloud<T>(fn, action, payload);
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
