/**
 * Saves files the user asked for (Excel lists, frozen lists, draw records): a download in H5, a
 * document the phone can open in WeChat.
 */
import Taro from '@tarojs/taro';
import type { FileDownload } from '@shared/download';
import type { Envelope } from '@shared/errors';
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

/**
 * A file a function handed out (shared/download.ts): inline from the local host, or a temporary
 * link to cloud storage in WeChat, which the phone downloads and opens.
 */
export async function fileSave(file: FileDownload): Promise<void> {
  const xlsx = file.fileName.endsWith('.xlsx');
  if (file.url !== undefined) {
    if (usesLocalHost()) {
      const a = document.createElement('a');
      a.href = file.url;
      a.download = file.fileName;
      a.click();
      return;
    }
    const got = await Taro.downloadFile({ url: file.url });
    await Taro.openDocument(
      xlsx
        ? { filePath: got.tempFilePath, fileType: 'xlsx', showMenu: true }
        : { filePath: got.tempFilePath, showMenu: true },
    );
    return;
  }
  const base64 = file.base64;
  return save(file.fileName, {
    blob: () =>
      new Blob([Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))], {
        type: xlsx ? XLSX : 'application/json',
      }),
    data: base64,
    encoding: 'base64',
    ...(xlsx ? { fileType: 'xlsx' as const } : {}),
  });
}

/**
 * Asks a function for a file (an export, a template) and saves it; a refusal goes to `onError`
 * (the page's error banner).
 */
export async function fileFetchSave<T extends FileDownload>(
  call: () => Promise<Envelope<T>>,
  onError: (message: string) => void,
): Promise<void> {
  const r = await call();
  if (!r.ok) return onError(r.message);
  await fileSave(r.data);
}
