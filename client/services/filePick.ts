/**
 * Picks a spreadsheet and returns it as base64 (H5: a file input; WeChat: a chat file). A file
 * over the import limit is refused here, with the reason, before it is sent: WeChat would refuse
 * the request itself and the user would only see a network error (shared/importLimits.ts).
 */
import Taro from '@tarojs/taro';
import { IMPORT_MAX_BYTES, IMPORT_TOO_BIG } from '@shared/importLimits';
import { usesLocalHost } from './session';

function tooBig(): null {
  void Taro.showModal({ title: '文件太大', content: IMPORT_TOO_BIG, showCancel: false });
  return null;
}

function pickInBrowser(): Promise<string | null> {
  return new Promise((resolve) => {
    // A picker left behind by an earlier attempt is never reused.
    document.getElementById('xlsx-picker')?.remove();
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.id = 'xlsx-picker';
    input.style.display = 'none';
    let settled = false;
    const settle = (v: string | null) => {
      if (settled) return;
      settled = true;
      input.remove();
      window.removeEventListener('focus', onFocus);
      resolve(v);
    };
    // Closing the dialog without a file fires no change event: the page would wait for ever
    // (its import buttons stuck on 正在读取文件…). Browsers fire `cancel` (Chromium, Firefox,
    // Safari 16.4+); older ones only give the window its focus back, so that counts as a cancel
    // when no file arrives shortly after.
    const onFocus = () => setTimeout(() => !input.files?.length && settle(null), 1000);
    input.addEventListener('cancel', () => settle(null));
    input.onchange = () => {
      const file = input.files?.[0];
      if (!file) return settle(null);
      if (file.size > IMPORT_MAX_BYTES) return settle(tooBig());
      const reader = new FileReader();
      reader.onload = () => settle(String(reader.result).split(',')[1] ?? null);
      reader.onerror = () => settle(null);
      reader.readAsDataURL(file);
    };
    document.body.appendChild(input);
    input.click();
    window.addEventListener('focus', onFocus);
  });
}

export async function spreadsheetPick(): Promise<string | null> {
  if (usesLocalHost()) return pickInBrowser();
  try {
    const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
    const picked = r.tempFiles[0];
    if (!picked) return null;
    if (picked.size > IMPORT_MAX_BYTES) return tooBig();
    return Taro.getFileSystemManager().readFileSync(picked.path, 'base64') as string;
  } catch {
    return null;
  }
}
