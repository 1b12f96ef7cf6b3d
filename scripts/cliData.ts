/**
 * Data-directory commands for the local host (the embedded database and uploaded files):
 *   junheng audit-verify --data DIR [--expect-head HASH]
 *   junheng backup --data DIR --out BACKUP_DIR
 *   junheng restore --from BACKUP_DIR --data NEW_DIR
 * Each takes the data directory's lock, so it never runs beside a host on the same directory.
 * A backup is a directory: the database dump (PGlite tarball), the uploaded files, the session
 * key and revocations, and a manifest with every file's SHA-256 and the audit head; `restore`
 * checks the manifest before writing anything, restores into an empty directory only, and then
 * verifies the restored audit chain against the recorded head.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { auditVerify, type AuditVerification } from '../server/security/auditChain';
import { auditChainAll, auditVerifyStore } from '../server/security/auditRead';
import { dataDirLock } from '../server/host/lock';
import { pgliteStoreOpen } from '../server/store/pglite';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const EXTRA_FILES = ['session.key', 'revoked-sessions.json'];

export interface Manifest {
  readonly format: 'junheng-backup-1';
  readonly createdAt: string;
  readonly audit: { readonly count: number; readonly head: string };
  /** Relative path → SHA-256 of every file in the backup (except this manifest). */
  readonly files: Readonly<Record<string, string>>;
}

function withLock<T>(dataDir: string, run: () => Promise<T>): Promise<T> {
  const release = dataDirLock(dataDir);
  return run().finally(release);
}

export function auditVerifyDir(dataDir: string, expectHead?: string): Promise<AuditVerification> {
  if (!existsSync(join(dataDir, 'pg'))) throw new Error(`no database in ${dataDir}`);
  return withLock(dataDir, async () => {
    const store = await pgliteStoreOpen(join(dataDir, 'pg'));
    try {
      return auditVerifyStore(store, expectHead);
    } finally {
      await store.close();
    }
  });
}

export function backupDir(dataDir: string, out: string, now: Date): Promise<Manifest> {
  if (!existsSync(join(dataDir, 'pg'))) throw new Error(`no database in ${dataDir}`);
  if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`${out} is not empty`);
  return withLock(dataDir, async () => {
    mkdirSync(join(out, 'files'), { recursive: true });
    const db = await PGlite.create(join(dataDir, 'pg'));
    let verification: AuditVerification;
    try {
      const dump = await db.dumpDataDir('gzip');
      writeFileSync(join(out, 'pg.tar.gz'), Buffer.from(await dump.arrayBuffer()));
    } finally {
      await db.close();
    }
    const store = await pgliteStoreOpen(join(dataDir, 'pg'));
    try {
      verification = auditVerify(await auditChainAll(store));
    } finally {
      await store.close();
    }
    if (!verification.ok)
      throw new Error(`audit chain broken, not backing up: ${verification.problems.join(' ')}`);
    const files: Record<string, string> = { 'pg.tar.gz': sha(join(out, 'pg.tar.gz')) };
    const fileDir = join(dataDir, 'files');
    if (existsSync(fileDir))
      for (const name of readdirSync(fileDir)) {
        if (!statSync(join(fileDir, name)).isFile()) continue;
        copyFileSync(join(fileDir, name), join(out, 'files', name));
        files[`files/${name}`] = sha(join(out, 'files', name));
      }
    for (const name of EXTRA_FILES)
      if (existsSync(join(dataDir, name))) {
        copyFileSync(join(dataDir, name), join(out, name));
        files[name] = sha(join(out, name));
      }
    const manifest: Manifest = {
      format: 'junheng-backup-1',
      createdAt: now.toISOString(),
      audit: { count: verification.count, head: verification.head },
      files,
    };
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  });
}

export async function restoreDir(from: string, dataDir: string): Promise<AuditVerification> {
  const manifest = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8')) as Manifest;
  if (manifest.format !== 'junheng-backup-1') throw new Error('not a junheng backup');
  for (const [rel, want] of Object.entries(manifest.files))
    if (!existsSync(join(from, rel)) || sha(join(from, rel)) !== want)
      throw new Error(`backup damaged: ${rel} is missing or changed`);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new Error(`${dataDir} is not empty: restore into a new directory`);
  mkdirSync(join(dataDir, 'files'), { recursive: true });
  return withLock(dataDir, async () => {
    const dump = new Blob([readFileSync(join(from, 'pg.tar.gz'))]);
    const db = await PGlite.create(join(dataDir, 'pg'), { loadDataDir: dump });
    await db.close();
    for (const rel of Object.keys(manifest.files))
      if (rel !== 'pg.tar.gz') copyFileSync(join(from, rel), join(dataDir, rel));
    const store = await pgliteStoreOpen(join(dataDir, 'pg'));
    try {
      const v = await auditVerifyStore(store, manifest.audit.head);
      if (v.head !== manifest.audit.head || v.count !== manifest.audit.count)
        return { ...v, ok: false, problems: [...v.problems, '恢复后的审计日志与备份记录的末条不一致。'] };
      return v;
    } finally {
      await store.close();
    }
  });
}
