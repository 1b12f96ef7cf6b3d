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
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.id = 'xlsx-picker';
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      if (file.size > IMPORT_MAX_BYTES) return resolve(tooBig());
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(',')[1] ?? null);
      reader.onerror = () => resolve(null);
      reader.readAsDataURL(file);
    };
    document.body.appendChild(input);
    input.click();
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
