/** The local (H5) session token. In WeChat there is none: the cloud SDK carries identity. */
import Taro from '@tarojs/taro';

const KEY = 'junheng.session';

export interface LocalSession {
  readonly token: string;
  readonly expiresAt: string;
  readonly displayName: string;
}

export function sessionGet(): LocalSession | null {
  const s = Taro.getStorageSync<LocalSession | ''>(KEY);
  if (!s || typeof s !== 'object' || typeof s.token !== 'string') return null;
  return Date.parse(s.expiresAt) > Date.now() ? s : null;
}

export function sessionSet(s: LocalSession): void {
  Taro.setStorageSync(KEY, s);
}

export function sessionClear(): void {
  Taro.removeStorageSync(KEY);
}

export const usesLocalHost = (): boolean => process.env.TARO_ENV !== 'weapp';
