/**
 * Document uploads. The photo is resized on the phone to a legible size (long side ≤ 2000 px,
 * JPEG quality 0.85: readable, not over-compressed), checksummed, and sent; a failed upload is
 * retried. WeChat: to cloud storage, then recorded by the function. H5: to the local host.
 */
import Taro from '@tarojs/taro';
import type { UploadedFile } from '@shared/api';
import { fail, ok, type Envelope } from '@shared/errors';
import {
  DOCUMENT_MAX_BYTES,
  DOCUMENT_RESIZE_MAX_PX,
  DOCUMENT_RESIZE_QUALITY,
} from '@shared/registration/documents';
import { sha256Hex } from '@shared/sha256';
import { sessionGet, usesLocalHost } from './session';
import { call } from './transport';

const RETRIES = 2;
const TOO_BIG = '文件超过5MB，请换一张或拍摄时靠近一些。';

async function withRetry<T>(attempt: () => Promise<Envelope<T>>): Promise<Envelope<T>> {
  let last: Envelope<T> = fail('INTERNAL');
  for (let i = 0; i <= RETRIES; i++) {
    last = await attempt();
    // Only transport failures are retried; a refusal (bad type, too big) would be refused again.
    if (last.ok || last.code !== 'INTERNAL') return last;
  }
  return last;
}

/** H5: draw the picked image onto a canvas no larger than the target and export JPEG. */
async function resizeInBrowser(src: string): Promise<Blob> {
  const img = await new Promise<HTMLImageElement>((resolve, reject) => {
    const el = new Image();
    el.onload = () => resolve(el);
    el.onerror = () => reject(new Error('image'));
    el.src = src;
  });
  const scale = Math.min(1, DOCUMENT_RESIZE_MAX_PX / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(img.naturalWidth * scale);
  canvas.height = Math.round(img.naturalHeight * scale);
  canvas.getContext('2d')?.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('encode'))),
      'image/jpeg',
      DOCUMENT_RESIZE_QUALITY,
    ),
  );
}

async function uploadLocal(path: string): Promise<Envelope<UploadedFile>> {
  const session = sessionGet();
  if (!session) return fail('UNAUTHENTICATED');
  let blob: Blob;
  try {
    blob =
      path.startsWith('blob:') || path.startsWith('data:')
        ? await resizeInBrowser(path)
        : await (await fetch(path)).blob();
  } catch {
    return fail('INVALID_INPUT', '无法读取这张图片，请换一张。');
  }
  if (blob.size > DOCUMENT_MAX_BYTES) return fail('INVALID_INPUT', TOO_BIG);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return withRetry(async () => {
    try {
      const res = await fetch('/api/files', {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'x-content-sha256': sha256Hex(bytes) },
        body: bytes,
      });
      return (await res.json()) as Envelope<UploadedFile>;
    } catch {
      return fail('INTERNAL', '网络连接失败，请重试上传。');
    }
  });
}

async function uploadCloud(path: string): Promise<Envelope<UploadedFile>> {
  const compressed = await Taro.compressImage({
    src: path,
    quality: Math.round(DOCUMENT_RESIZE_QUALITY * 100),
  });
  const fs = Taro.getFileSystemManager();
  const data = fs.readFileSync(compressed.tempFilePath) as ArrayBuffer;
  if (data.byteLength > DOCUMENT_MAX_BYTES) return fail('INVALID_INPUT', TOO_BIG);
  const sha256 = sha256Hex(new Uint8Array(data));
  return withRetry(async () => {
    try {
      const up = await Taro.cloud.uploadFile({
        cloudPath: `registrations/${sha256}.jpg`,
        filePath: compressed.tempFilePath,
      });
      const rec = await call<{ fileId: string }>('registration', 'registerCloudFile', {
        fileId: up.fileID,
        sha256,
        size: data.byteLength,
        mime: 'image/jpeg',
      });
      return rec.ok ? ok({ fileId: up.fileID, sha256, size: data.byteLength, mime: 'image/jpeg' }) : rec;
    } catch {
      return fail('INTERNAL', '网络连接失败，请重试上传。');
    }
  });
}

/** Lets the user pick a photo and uploads it; resolves null if they cancel. */
export async function documentPickAndUpload(): Promise<Envelope<UploadedFile> | null> {
  let picked: Taro.chooseImage.SuccessCallbackResult;
  try {
    picked = await Taro.chooseImage({ count: 1, sizeType: ['original'], sourceType: ['album', 'camera'] });
  } catch {
    return null;
  }
  const path = picked.tempFilePaths[0];
  if (!path) return null;
  return usesLocalHost() ? uploadLocal(path) : uploadCloud(path);
}
