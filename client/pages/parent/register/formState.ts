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

/**
 * The device's drafts: one for a new registration, and one per withdrawn registration being
 * registered again (重新报名) — so starting a 重新报名 never replaces another child's unsent draft.
 */
const keyOf = (againId: string | null): string => (againId ? `${KEY}.again.${againId}` : KEY);

/** The stored draft, or null when this device has none for it. */
export function localDraftFind(againId: string | null = null): LocalDraft | null {
  const d = Taro.getStorageSync<LocalDraft | ''>(keyOf(againId));
  if (d && typeof d === 'object' && typeof d.draftId === 'string')
    return { draftId: d.draftId, form: { ...emptyForm, ...d.form } };
  return null;
}

export function localDraftLoad(againId: string | null = null): LocalDraft {
  return (
    localDraftFind(againId) ?? {
      draftId: `draft-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
      form: emptyForm,
    }
  );
}

export const localDraftSave = (d: LocalDraft, againId: string | null = null): void =>
  Taro.setStorageSync(keyOf(againId), d);
export const localDraftClear = (againId: string | null = null): void =>
  Taro.removeStorageSync(keyOf(againId));
