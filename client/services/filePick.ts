/** Picks a spreadsheet and returns it as base64 (H5: a file input; WeChat: a chat file). */
import Taro from '@tarojs/taro';
import { usesLocalHost } from './session';

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
    const path = r.tempFiles[0]?.path;
    return path ? (Taro.getFileSystemManager().readFileSync(path, 'base64') as string) : null;
  } catch {
    return null;
  }
}
