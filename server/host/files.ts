/**
 * Local document storage: uploads kept as files in the data directory, opened only through
 * short-lived HMAC-signed links that the registration function hands to permitted callers.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OpenId } from '../../shared/brand';
import { fail, ok, type Envelope, type Fail } from '../../shared/errors';
import { documentSniff, type DocumentMime } from '../../shared/registration/documents';
import type { StoredFile } from '../../shared/registration/types';
import type { FileLinks } from '../runtime/context';
import type { Store } from '../store/port';

export const FILE_LINK_TTL_MS = 5 * 60 * 1000;
const ID_RE = /^lf-[0-9a-f-]{36}$/;

/** An upload that passed the checks and is not written yet. */
export interface CheckedUpload {
  readonly bytes: Buffer;
  readonly mime: DocumentMime;
  readonly sha256: string;
}

export interface LocalFiles extends FileLinks {
  /** Checks an upload's type by its first bytes and hashes it; nothing is written. */
  check(bytes: Buffer): CheckedUpload | Fail;
  /** Writes a checked upload; the record is for the store (the caller removes the file if that fails). */
  save(owner: OpenId, upload: CheckedUpload, now: Date): Promise<StoredFile>;
  /** The path of a file if the link's signature and expiry hold. */
  resolve(id: string, exp: string, sig: string, now: Date): string | null;
}

export function localFiles(dataDir: string, secret: Buffer): LocalFiles {
  const dir = join(dataDir, 'files');
  mkdirSync(dir, { recursive: true });
  const sign = (id: string, exp: number) =>
    createHmac('sha256', secret).update(`file|${id}|${exp}`).digest('base64url');
  return {
    check(bytes) {
      const mime = documentSniff(bytes.subarray(0, 8));
      if (!mime) return fail('INVALID_INPUT', '只支持 JPG、PNG 图片或 PDF 文件，请重新选择。');
      return { bytes, mime, sha256: createHash('sha256').update(bytes).digest('hex') };
    },
    async save(owner, upload, now) {
      const id = `lf-${randomUUID()}`;
      // Off the main thread: creating a file costs ~0.3–0.5 ms of system time here, on every upload.
      await writeFile(join(dir, id), upload.bytes, { mode: 0o600 });
      return {
        id,
        ownerOpenid: owner,
        sha256: upload.sha256,
        mime: upload.mime,
        size: upload.bytes.length,
        createdAt: now.toISOString(),
      };
    },
    async link(fileId, now) {
      const exp = now.getTime() + FILE_LINK_TTL_MS;
      return `/api/files/${fileId}?exp=${exp}&sig=${sign(fileId, exp)}`;
    },
    async remove(fileId) {
      if (!ID_RE.test(fileId) || !existsSync(join(dir, fileId))) return false;
      rmSync(join(dir, fileId));
      return true;
    },
    resolve(id, exp, sig, now) {
      if (!ID_RE.test(id) || !/^\d{10,16}$/.test(exp) || Number(exp) <= now.getTime()) return null;
      const want = Buffer.from(sign(id, Number(exp)));
      const got = Buffer.from(sig);
      if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
      const path = join(dir, id);
      return existsSync(path) ? path : null;
    },
  };
}

/**
 * An upload taken in-process (the host seeding its demo season through the functions): checked
 * and stored as the /api/files endpoint does, the record written so the uploader can attach it.
 */
export async function uploadAccept(
  files: LocalFiles,
  store: Pick<Store, 'putFile'>,
  owner: OpenId,
  bytes: Buffer,
  now: Date,
): Promise<Envelope<{ fileId: string; sha256: string; size: number; mime: string }>> {
  const checked = files.check(bytes);
  if ('ok' in checked) return checked;
  const saved = await files.save(owner, checked, now);
  try {
    await store.putFile(saved);
  } catch (e) {
    await files.remove(saved.id);
    throw e;
  }
  return ok({ fileId: saved.id, sha256: saved.sha256, size: saved.size, mime: saved.mime });
}
