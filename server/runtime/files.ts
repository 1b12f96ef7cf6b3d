/** File helpers every action uses the same way, whatever the deployment. */
import type { FileDownload } from '../../shared/download';
import type { FnContext } from './context';

/** A file for the caller: a link to cloud storage where there is one, inline otherwise. */
export function downloadOf(
  ctx: Pick<FnContext, 'downloads' | 'now'>,
  fileName: string,
  bytes: Buffer,
): Promise<FileDownload> {
  return ctx.downloads
    ? ctx.downloads.publish(fileName, bytes, ctx.now)
    : Promise.resolve({ fileName, base64: bytes.toString('base64') });
}

/** Deletes files' bytes in as few calls as storage takes; how many existed. */
export async function filesRemove(
  ctx: Pick<FnContext, 'files'>,
  fileIds: readonly string[],
): Promise<number> {
  if (fileIds.length === 0) return 0;
  if (ctx.files.removeMany) return ctx.files.removeMany(fileIds);
  let n = 0;
  for (const id of fileIds) if (await ctx.files.remove(id)) n++;
  return n;
}
