/**
 * Enrollment against the running local host: 200 simultaneous submits of 100 children (each
 * twice) give exactly 100 registrations and 100 DUPLICATE_REGISTRATION answers; bad uploads and
 * bad requests get their stable codes and Chinese messages and change nothing.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostStart, type Host } from '../../server/host/app';
import { anyQueue } from '../../server/store/port';
import { formMake } from '../helpers/forms';
import { fn, signIn } from '../helpers/http';
import { idNumberMake } from '../helpers/ids';

const NOW = new Date('2027-05-10T02:00:00Z');
let host: Host;
let dir: string;
let parent: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'junheng-enrol-'));
  host = await hostStart({
    dataDir: dir,
    h5Dir: join(dir, 'none'),
    port: 0,
    host: '127.0.0.1',
    clock: () => NOW,
    // This suite tests raw concurrency on two identities; the per-OPENID limit is tested apart.
    rateLimit: null,
  });
  parent = await signIn(host.url, 'parent-wang');
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const submit = (token: string, idNumber: string, draftId = 'draft-conc') =>
  fn(host.url, token, 'registration', 'submit', {
    draftId,
    form: formMake({ idNumber }),
    schoolTypeConfirmed: true,
  });

const upload = (token: string, body: Buffer, headers: Record<string, string> = {}) =>
  fetch(`${host.url}/api/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
    body: new Uint8Array(body),
  }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as { ok: boolean; code?: string; message?: string; data?: { fileId: string } },
  }));

test('200 simultaneous submits of 100 children: 100 registrations, 100 DUPLICATE_REGISTRATION', async () => {
  const other = await signIn(host.url, 'parent-li');
  const ids = Array.from({ length: 100 }, (_, i) => idNumberMake('2020-01-15', 300 + i));
  // Each child is submitted twice at once, once by each of two families.
  const results = await Promise.all(ids.flatMap((id) => [submit(parent, id), submit(other, id)]));
  const codes = results.map((r) => (r.body.ok ? 'ok' : r.body.code));
  expect(codes.filter((c) => c === 'ok')).toHaveLength(100);
  expect(codes.filter((c) => c === 'DUPLICATE_REGISTRATION')).toHaveLength(100);
  const stored = await host.store.listSchoolQueue('p01' as never, anyQueue, { offset: 0, limit: 100 });
  const more = await host.store.listSchoolQueue('p01' as never, anyQueue, { offset: 100, limit: 100 });
  const all = [...stored.items, ...more.items].filter((r) => r.birthDate === '2020-01-15');
  expect(all).toHaveLength(100);
  expect(new Set(all.map((r) => r.idNumber)).size).toBe(100);
});

describe('uploads', () => {
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000, 7)]);

  test('a JPEG is stored with its checksum; only a signed link opens it', async () => {
    const r = await upload(parent, jpeg, {
      'x-content-sha256': createHash('sha256').update(jpeg).digest('hex'),
    });
    expect(r.body).toMatchObject({ ok: true, data: { mime: 'image/jpeg', size: jpeg.length } });
    const fileId = r.body.data!.fileId;
    expect((await fetch(`${host.url}/api/files/${fileId}`)).status).toBe(403);
    expect((await fetch(`${host.url}/api/files/${fileId}?exp=9999999999999&sig=forged`)).status).toBe(403);
    await fn(host.url, parent, 'registration', 'saveDraft', { draftId: 'draft-up', form: formMake() });
    await fn(host.url, parent, 'registration', 'attachDocument', {
      draftId: 'draft-up',
      slot: 'hukou_front',
      fileId,
    });
    const link = await fn(host.url, parent, 'registration', 'documentLink', {
      draftId: 'draft-up',
      slot: 'hukou_front',
    });
    const url = (link.body.data as unknown as { url: string }).url;
    const got = await fetch(`${host.url}${url}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await got.arrayBuffer()).equals(jpeg)).toBe(true);
  });

  test.each([
    ['an executable', Buffer.from('MZ\x90\x00 not an image'), {}, '只支持 JPG、PNG 图片或 PDF 文件'],
    ['an empty body', Buffer.alloc(0), {}, '没有收到文件内容'],
    [
      'a damaged upload (checksum mismatch)',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(10)]),
      { 'x-content-sha256': 'a'.repeat(64) },
      '损坏',
    ],
  ])('%s is refused with INVALID_INPUT', async (_what, body, headers, text) => {
    const r = await upload(parent, body, headers);
    expect(r.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(r.body.message).toContain(text);
  });

  test('an oversized upload is refused', async () => {
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024 + 10)]);
    const r = await upload(parent, big);
    expect(r.body).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '文件超过5MB，请压缩后重新上传。',
    });
  });

  test('without a session nothing is stored', async () => {
    const r = await fetch(`${host.url}/api/files`, { method: 'POST', body: new Uint8Array(jpeg) });
    expect(r.status).toBe(401);
  });
});

describe('bad input changes nothing', () => {
  test("another family's registration id, a future birth date, a malformed ID", async () => {
    const idNumber = idNumberMake('2020-03-03', 777);
    const mine = await submit(parent, idNumber, 'draft-mine');
    expect(mine.body.ok).toBe(true);
    const id = (mine.body.data as unknown as { id: string; version: number }).id;
    const other = await signIn(host.url, 'parent-li');
    expect((await fn(host.url, other, 'registration', 'get', { id })).body).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await fn(host.url, other, 'registration', 'withdraw', { id, version: 1 })).body).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await submit(parent, idNumberMake('2027-06-01', 5))).body).toMatchObject({
      code: 'INVALID_ID_NUMBER',
    });
    expect((await submit(parent, '3301022020')).body).toMatchObject({
      code: 'INVALID_ID_NUMBER',
      message: '身份证号码应为18位，您输入了10位。',
    });
    const after = await fn(host.url, parent, 'registration', 'get', { id });
    expect(after.body).toMatchObject({ ok: true, data: { status: 'pending_review', version: 1 } });
  });
});
