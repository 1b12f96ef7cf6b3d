/**
 * One host per data directory. PGlite is a single-process database: two processes writing the
 * same directory would corrupt it. The lock file holds the owner's pid; a lock left by a process
 * that no longer exists (kill -9, power loss) is stale and is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正在被另一个本地服务（进程 ${pid}）使用，为防止数据损坏，本次启动已取消。` +
        `请先停止该进程，或设置 JUNHENG_DATA_DIR 使用另一个目录。\n` +
        `The data directory ${dataDir} is in use by another Junheng host (pid ${pid}); refusing to start.`,
    );
    this.name = 'DataDirLockedError';
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the lock or throws DataDirLockedError; returns a release function. */
export function dataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'junheng.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DataDirLockedError(dataDir, pid);
      }
      unlinkSync(path); // stale: its owner is gone
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
