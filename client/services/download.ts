/** Saves an exported Excel file: a download in H5, a document the phone can open in WeChat. */
import Taro from '@tarojs/taro';
import { usesLocalHost } from './session';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function excelSave(fileName: string, base64: string): Promise<void> {
  if (usesLocalHost()) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: XLSX }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return;
  }
  const path = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  Taro.getFileSystemManager().writeFileSync(path, base64, 'base64');
  await Taro.openDocument({ filePath: path, fileType: 'xlsx', showMenu: true });
}

/** Saves a JSON record (frozen list, draw record) for auditors: a download in H5. */
export async function jsonSave(fileName: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value, null, 2);
  if (usesLocalHost()) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return;
  }
  const path = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  Taro.getFileSystemManager().writeFileSync(path, text, 'utf8');
  await Taro.openDocument({ filePath: path, showMenu: true });
}
