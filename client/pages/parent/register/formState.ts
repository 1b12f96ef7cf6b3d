/**
 * Form state helpers: immutable updates by path ('guardians.0.mobile'), and the draft kept on the
 * phone as it is typed (and on the server, debounced) so nothing is lost to a bad network.
 */
import Taro from '@tarojs/taro';
import { emptyForm, type RegistrationForm } from '@shared/registration/form';

type Json = Record<string, unknown> | unknown[];

/** A copy of `obj` with the value at `path` replaced. */
export function setAt<T>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return obj;
  const container = obj as unknown as Json;
  const cur = Array.isArray(container) ? container[Number(head)] : container[head];
  const next = rest.length === 0 ? value : setAt(cur, rest.join('.'), value);
  if (Array.isArray(container)) {
    const copy = container.slice();
    copy[Number(head)] = next;
    return copy as unknown as T;
  }
  return { ...container, [head]: next } as T;
}

const KEY = 'junheng.registration.local';

export interface LocalDraft {
  readonly draftId: string;
  readonly form: RegistrationForm;
}

export function localDraftLoad(): LocalDraft {
  const d = Taro.getStorageSync<LocalDraft | ''>(KEY);
  if (d && typeof d === 'object' && typeof d.draftId === 'string')
    return { draftId: d.draftId, form: { ...emptyForm, ...d.form } };
  return {
    draftId: `draft-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
    form: emptyForm,
  };
}

export const localDraftSave = (d: LocalDraft): void => Taro.setStorageSync(KEY, d);
export const localDraftClear = (): void => Taro.removeStorageSync(KEY);
