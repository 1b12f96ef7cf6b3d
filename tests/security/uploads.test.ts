/**
 * Every way bytes come in — the local host's upload route, the cloud path (the phone uploads to
 * cloud storage, `registerCloudFile` records it), attaching an upload, the Excel imports — and
 * every way each can be refused: a refused upload stores nothing (no file on disk or in cloud
 * storage, no record, no other row changed).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import ExcelJS from 'exceljs';
import { asOpenId } from '../../shared/brand';
import { hostStart, type Host } from '../../server/host/app';
import { uploadGuard } from '../../server/security/uploadLimits';
import { pgliteStore } from '../../server/store/pglite';
import { pgliteMigrate } from '../../server/store/pgliteStart';
import { dbFingerprint } from '../helpers/fingerprint';
import { formMake } from '../helpers/forms';
import { ADMIN, harnessOpen, OTHER_PARENT, PARENT, PRINCIPAL, type Harness } from '../helpers/harness';
import { signIn } from '../helpers/http';

const now = new Date('2027-05-10T02:00:00Z');
const jpeg = (n: number, fill = 7) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(n, fill)]);

describe('the local host’s upload route', () => {
  let dir: string;
  let host: Host;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'junheng-uploads-'));
    mkdirSync(join(dir, 'h5'));
    writeFileSync(join(dir, 'h5', 'index.html'), '<!doctype html>');
    host = await hostStart({
      dataDir: join(dir, 'data'),
      h5Dir: join(dir, 'h5'),
      port: 0,
      host: '127.0.0.1',
      clock: () => now,
      loadAccounts: 20,
      uploads: { burst: 2, perMinute: 1, quotaBytes: 6000 },
    });
  }, 60_000);
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = async (n: number) => ({
    onDisk: readdirSync(join(dir, 'data', 'files')).length,
    bytes: await host.store.fileBytesOwned(asOpenId(`load-parent-${n}`)),
  });
  const send = (
    token: string,
    body: Uint8Array<ArrayBuffer> | string,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${host.url}/api/files`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}`, ...headers } : headers,
      body,
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean; code?: string } }));

  // Each refusal on its own account, so the rate limit of one case cannot hide another.
  const cases: [
    string,
    (t: string) => Promise<{ status: number; body: { ok: boolean; code?: string } }>,
    string,
  ][] = [
    ['no token', () => send('', new Uint8Array(jpeg(100))), 'UNAUTHENTICATED'],
    ['a forged token', () => send('x.y', new Uint8Array(jpeg(100))), 'UNAUTHENTICATED'],
    ['an empty body', (t) => send(t, new Uint8Array()), 'INVALID_INPUT'],
    ['not an image or PDF', (t) => send(t, '<script>alert(1)</script>'), 'INVALID_INPUT'],
    [
      'a photo claiming another checksum',
      (t) => send(t, new Uint8Array(jpeg(100)), { 'x-content-sha256': '0'.repeat(64) }),
      'INVALID_INPUT',
    ],
    ['over 5 MB', (t) => send(t, new Uint8Array(jpeg(5 * 1024 * 1024 + 1))), 'INVALID_INPUT'],
    [
      'over the quota',
      async (t) => {
        await send(t, new Uint8Array(jpeg(4000, 1)));
        return send(t, new Uint8Array(jpeg(4000, 2)));
      },
      'QUOTA_EXCEEDED',
    ],
    [
      'too many at once',
      async (t) => {
        await send(t, new Uint8Array(jpeg(10, 1)));
        await send(t, new Uint8Array(jpeg(10, 2)));
        return send(t, new Uint8Array(jpeg(10, 3)));
      },
      'RATE_LIMITED',
    ],
  ];
  test.each(cases.map((c, i) => [c[0], i] as const))('%s: refused, nothing stored', async (_name, i) => {
    const [, run, code] = cases[i]!;
    const token = await signIn(host.url, `load-${i}`);
    const before = await stored(i);
    // The setup uploads of the last two cases are allowed ones: count from just before the refusal.
    const r = await run(token);
    expect(r.body).toMatchObject({ ok: false, code });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    const after = await stored(i);
    if (code === 'QUOTA_EXCEEDED') expect(after).toEqual({ onDisk: before.onDisk + 1, bytes: 4004 });
    else if (code === 'RATE_LIMITED') expect(after).toEqual({ onDisk: before.onDisk + 2, bytes: 28 });
    else expect(after).toEqual(before);
  });
});

describe('the functions that record or take uploads', () => {
  let h: Harness;
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
    await pgliteMigrate(db);
    h = await harnessOpen(now, pgliteStore(db));
    await h.data(PARENT, 'registration', 'saveDraft', { draftId: 'draft-up', form: formMake() });
    await h.data(OTHER_PARENT, 'registration', 'registerCloudFile', {
      fileId: 'cloud://env/li.jpg',
      sha256: 'b'.repeat(64),
      size: 1000,
      mime: 'image/jpeg',
    });
  });
  afterAll(async () => {
    await h.store.close();
  });

  const unchanged = async (call: () => Promise<unknown>, code: string) => {
    const before = await dbFingerprint(db);
    const removed = h.removed.length;
    const r = (await call()) as { ok: boolean; code?: string };
    expect(r).toMatchObject({ ok: false, code });
    expect(await dbFingerprint(db)).toBe(before);
    return h.removed.slice(removed);
  };
  const register = (fileId: string, size = 1000, over: Record<string, unknown> = {}) =>
    h.call(PARENT, 'registration', 'registerCloudFile', {
      fileId,
      sha256: 'a'.repeat(64),
      size,
      mime: 'image/jpeg',
      ...over,
    });

  test('registerCloudFile: bad fields are refused before anything is written', async () => {
    for (const over of [
      { sha256: 'not-a-hash' },
      { size: 0 },
      { size: 5 * 1024 * 1024 + 1 },
      { mime: 'text/html' },
      { fileId: '/etc/passwd' },
    ])
      expect(await unchanged(() => register('cloud://env/x.jpg', 1000, over), 'INVALID_INPUT')).toEqual([]);
  });

  test('registerCloudFile: over the rate or the quota, refused and deleted from cloud storage', async () => {
    h.uploads = uploadGuard({ burst: 1, perMinute: 1, quotaBytes: 1_000_000 });
    try {
      expect(await register('cloud://env/one.jpg')).toMatchObject({ ok: true });
      expect(await unchanged(() => register('cloud://env/two.jpg'), 'RATE_LIMITED')).toEqual([
        'cloud://env/two.jpg',
      ]);
      h.uploads = uploadGuard({ burst: 10, perMinute: 10, quotaBytes: 1500 });
      const removed = await unchanged(() => register('cloud://env/three.jpg', 600), 'QUOTA_EXCEEDED');
      expect(removed).toEqual(['cloud://env/three.jpg']);
    } finally {
      h.uploads = undefined;
    }
  });

  test('registerCloudFile: another family’s file is neither taken over nor deleted', async () => {
    expect(await unchanged(() => register('cloud://env/li.jpg'), 'NOT_FOUND')).toEqual([]);
    expect((await h.store.getFile('cloud://env/li.jpg'))?.ownerOpenid).toBe(OTHER_PARENT);
  });

  test('attachDocument: another family’s upload, or none, attaches nothing', async () => {
    for (const fileId of ['cloud://env/li.jpg', 'lf-00000000-0000-0000-0000-000000000000'])
      await unchanged(
        () =>
          h.call(PARENT, 'registration', 'attachDocument', {
            draftId: 'draft-up',
            slot: 'hukou_front',
            fileId,
          }),
        'NOT_FOUND',
      );
  });

  const book = async (sheets: Record<string, (string | number)[][]>) => {
    const b = new ExcelJS.Workbook();
    for (const [name, rows] of Object.entries(sheets)) b.addWorksheet(name).addRows(rows);
    return Buffer.from(await b.xlsx.writeBuffer()).toString('base64');
  };

  test('the Excel imports: an unreadable file or a bad row stores nothing', async () => {
    const garbage = Buffer.from('PK\u0003\u0004 not a workbook').toString('base64');
    const badRows = await book({ 学校: [['学校代码'], ['???']], 教师: [['教师编号'], ['???']] });
    const imports: [string, string, string, Record<string, unknown>][] = [
      [ADMIN, 'reports', 'zonesImport', {}],
      [ADMIN, 'reports', 'staffImport', {}],
      [ADMIN, 'reports', 'censusImport', {}],
      [PRINCIPAL, 'reports', 'classingImport', { version: 0 }],
    ];
    for (const [who, f, action, extra] of imports) {
      await unchanged(() => h.call(who, f, action, { ...extra, base64: garbage }), 'INVALID_INPUT');
      const before = await dbFingerprint(db);
      const r = await h.call<{ imported?: number; problems: unknown[] }>(who, f, action, {
        ...extra,
        base64: badRows,
      });
      // A workbook that reads but does not fit is answered with its problems, and nothing stored.
      if (r.ok) expect(r.data.problems.length).toBeGreaterThan(0);
      expect(await dbFingerprint(db)).toBe(before);
    }
  });
});
