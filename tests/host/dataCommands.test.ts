/**
 * The data-directory commands as the bureau's technician uses them, through `npx junheng`:
 * the audit chain verifies, and a changed, removed or truncated entry is caught (exit 1, the
 * entry named); a backup restores into a new directory that a host serves with the same
 * registrations, documents and audit head; a damaged backup or a non-empty target is refused.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { hostStart, type Host } from '../../server/host/app';
import { formMake } from '../helpers/forms';
import { fn, post, signIn } from '../helpers/http';

const root = resolve(__dirname, '..', '..');
const junheng = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin', 'junheng.js'), ...args], { encoding: 'utf8' });

let dir: string;
let h5: string;
const now = new Date('2027-05-10T02:00:00Z');
const start = (dataDir: string) =>
  hostStart({ dataDir, h5Dir: h5, port: 0, host: '127.0.0.1', clock: () => now });
let regId = '';
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000, 7)]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'junheng-data-'));
  h5 = join(dir, 'h5');
  mkdirSync(h5);
  writeFileSync(join(h5, 'index.html'), '<!doctype html>');
  const host: Host = await start(join(dir, 'a'));
  try {
    const parent = await signIn(host.url, 'parent-wang');
    const up = await fetch(`${host.url}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${parent}` },
      body: new Uint8Array(jpeg),
    });
    const fileId = ((await up.json()) as { data: { fileId: string } }).data.fileId;
    await fn(host.url, parent, 'registration', 'saveDraft', { draftId: 'draft-doc', form: formMake() });
    await fn(host.url, parent, 'registration', 'attachDocument', {
      draftId: 'draft-doc',
      slot: 'hukou_front',
      fileId,
    });
    const r = await fn(host.url, parent, 'registration', 'submit', {
      draftId: 'draft-backup',
      form: formMake(),
      schoolTypeConfirmed: true,
    });
    regId = (r.body.data as unknown as { id: string }).id;
    const principal = await signIn(host.url, 'principal-p01');
    const q = await fn(host.url, principal, 'registration', 'get', { id: regId });
    const version = (q.body.data as unknown as { version: number }).version;
    await fn(host.url, principal, 'registration', 'review', { id: regId, version, decision: 'approve' });
    const bureau = await signIn(host.url, 'bureau-admin');
    for (const twoLevel of [true, false, true, false])
      await fn(host.url, bureau, 'county', 'setReviewLevels', { twoLevel });
  } finally {
    await host.close();
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const verify = (data: string, ...more: string[]) => {
  const r = junheng('audit-verify', '--data', data, ...more);
  return {
    status: r.status,
    out: JSON.parse(r.stdout || '{}') as { ok: boolean; count: number; head: string; problems: string[] },
    err: r.stderr,
  };
};

test('backup → restore into a new directory: same registrations and the same audit head', async () => {
  const v = verify(join(dir, 'a'));
  expect(v.status).toBe(0);
  expect(v.out.ok).toBe(true);
  expect(v.out.count).toBeGreaterThanOrEqual(4);

  const b = junheng('backup', '--data', join(dir, 'a'), '--out', join(dir, 'backup'));
  expect(b.stderr).toBe('');
  expect(b.status).toBe(0);
  const manifest = JSON.parse(readFileSync(join(dir, 'backup', 'manifest.json'), 'utf8')) as {
    audit: { head: string; count: number };
    files: Record<string, string>;
  };
  expect(manifest.audit).toEqual({ head: v.out.head, count: v.out.count });
  expect(Object.keys(manifest.files)).toEqual(expect.arrayContaining(['pg.tar.gz', 'session.key']));

  const r = junheng('restore', '--from', join(dir, 'backup'), '--data', join(dir, 'b'));
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(verify(join(dir, 'b'), '--expect-head', v.out.head).out).toMatchObject({
    ok: true,
    head: v.out.head,
  });

  const host = await start(join(dir, 'b'));
  try {
    const parent = await signIn(host.url, 'parent-wang');
    const got = await fn(host.url, parent, 'registration', 'get', { id: regId });
    expect(got.body).toMatchObject({ ok: true, data: { id: regId, status: 'approved' } });
    // The uploaded document came back too, byte for byte, behind a link signed with the restored key.
    const link = await fn(host.url, parent, 'registration', 'documentLink', {
      draftId: 'draft-doc',
      slot: 'hukou_front',
    });
    const file = await fetch(`${host.url}${(link.body.data as unknown as { url: string }).url}`);
    expect(Buffer.from(await file.arrayBuffer()).equals(jpeg)).toBe(true);
    expect((await post(`${host.url}/api/health`, {})).status).toBeLessThan(500);
  } finally {
    await host.close();
  }
}, 60_000);

test('a damaged backup, or a directory that is not empty, is refused before anything is written', () => {
  const damaged = junheng('restore', '--from', join(dir, 'backup'), '--data', join(dir, 'b'));
  expect(damaged.status).toBe(2);
  expect(damaged.stderr).toMatch(/not empty/);
  writeFileSync(join(dir, 'backup', 'session.key'), 'changed');
  const r = junheng('restore', '--from', join(dir, 'backup'), '--data', join(dir, 'c'));
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/backup damaged: session.key/);
});

test('a changed, a removed and a truncated audit entry are each caught and named', async () => {
  const before = verify(join(dir, 'a')).out;
  const db = await PGlite.create(join(dir, 'a', 'pg'));
  await db.query(`UPDATE audit SET detail = '{"forged": true}' WHERE seq = 2`);
  await db.close();
  const changed = verify(join(dir, 'a'));
  expect(changed.status).toBe(1);
  expect(changed.out.problems).toEqual(['第2条：内容与其哈希不符（记录被改动）。']);

  const db2 = await PGlite.create(join(dir, 'a', 'pg'));
  await db2.query('DELETE FROM audit WHERE seq = 2');
  await db2.close();
  expect(verify(join(dir, 'a')).out.problems).toEqual([
    '第3条：与上一条记录衔接不上（其前有记录被删除、插入或改动）。',
  ]);

  // Put the chain back from the backup's copy, then cut the last entry: only the head shows it.
  const db3 = await PGlite.create(join(dir, 'b', 'pg'));
  await db3.query('DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)');
  await db3.close();
  const cut = verify(join(dir, 'b'), '--expect-head', before.head);
  expect(cut.status).toBe(1);
  expect(cut.out.problems).toEqual(['记录中找不到上次核对时的末条哈希：日志被截断或替换。']);
});
