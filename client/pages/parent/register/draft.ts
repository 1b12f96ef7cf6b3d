/** The form's draft, kept on the phone as it is typed so nothing is lost to a bad network. */
import Taro from '@tarojs/taro';
import type { RegistrationDraft } from '@shared/registration/types';

const KEY = 'junheng.registration.draft';

export const emptyDraft: RegistrationDraft = { stage: 'primary', schoolId: '', childName: '', idNumber: '' };

export function draftLoad(): RegistrationDraft {
  const d = Taro.getStorageSync<RegistrationDraft | ''>(KEY);
  return d && typeof d === 'object' ? { ...emptyDraft, ...d } : emptyDraft;
}

export const draftSave = (d: RegistrationDraft): void => Taro.setStorageSync(KEY, d);
export const draftClear = (): void => Taro.removeStorageSync(KEY);
