/**
 * Saves files the user asked for (Excel lists, draw records): a download in H5, a document the
 * phone can open in WeChat.
 */
import Taro from '@tarojs/taro';
import { usesLocalHost } from './session';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Content {
  /** For the browser download. */
  readonly blob: () => Blob;
  /** For the WeChat file system. */
  readonly data: string;
  readonly encoding: 'base64' | 'utf8';
  readonly fileType?: 'xlsx';
}

async function save(fileName: string, c: Content): Promise<void> {
  if (usesLocalHost()) {
    const url = URL.createObjectURL(c.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return;
  }
  const path = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  Taro.getFileSystemManager().writeFileSync(path, c.data, c.encoding);
  await Taro.openDocument(
    c.fileType
      ? { filePath: path, fileType: c.fileType, showMenu: true }
      : { filePath: path, showMenu: true },
  );
}

export const excelSave = (fileName: string, base64: string): Promise<void> =>
  save(fileName, {
    blob: () => new Blob([Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))], { type: XLSX }),
    data: base64,
    encoding: 'base64',
    fileType: 'xlsx',
  });

/** A JSON record (frozen list, draw record) for auditors. */
export function jsonSave(fileName: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value, null, 2);
  return save(fileName, {
    blob: () => new Blob([text], { type: 'application/json' }),
    data: text,
    encoding: 'utf8',
  });
}
