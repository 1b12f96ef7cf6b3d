/**
 * The holes a hostile tester found against a fresh local host (issue #16), one test each, so none
 * of them comes back: a reviewer exporting another school's list, 500s on bad input, a refused
 * upload left on disk, uploads without a per-identity limit or quota, an open demo sign-in and any
 * Host header accepted. (Squatting by withdrawal and the audit chain have their own files:
 * `squatting.test.ts`, `auditChain.test.ts`.)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostStart, type Host } from '../../server/host/app';
import { communityOf, formMake } from '../helpers/forms';
import { fn, post, signIn } from '../helpers/http';

const now = new Date('2027-05-10T02:00:00Z');
let dir: string;
let h5: string;
let host: Host;
const jpeg = (n: number, fill = 7) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(n, fill)]);
const filesOnDisk = (data: string) => readdirSync(join(data, 'files')).length;

const upload = (h: Host, token: string, body: Buffer, headers: Record<string, string> = {}) =>
  fetch(`${h.url}/api/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
    body: new Uint8Array(body),
  }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as { ok: boolean; code?: string; message?: string },
  }));

/** A raw request: node's http client sends the path exactly as written (fetch would normalise it). */
const raw = (
  base: string,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
) =>
  new Promise<{ status: number; text: string }>((ok, ko) => {
    const u = new URL(base);
    const req = request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', ko);
    if (body !== undefined) req.write(body);
    req.end();
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'junheng-hostile-'));
  h5 = join(dir, 'h5');
  mkdirSync(join(h5, 'assets'), { recursive: true });
  writeFileSync(join(h5, 'index.html'), '<!doctype html><title>h5</title>');
  writeFileSync(join(h5, 'assets', 'app.js'), 'console.log(1)');
  host = await hostStart({
    dataDir: join(dir, 'data'),
    h5Dir: h5,
    port: 0,
    host: '127.0.0.1',
    clock: () => now,
  });
}, 60_000);
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('1. scope comes from the caller’s binding, for every role but the bureau', () => {
  test('a reviewer cannot export another school’s registration list', async () => {
    const family = await signIn(host.url, 'parent-li');
    const r = await fn(host.url, family, 'registration', 'submit', {
      draftId: 'draft-p02',
      form: formMake({ schoolId: 'p02', community: communityOf('p02'), childName: '他校儿童' }),
      schoolTypeConfirmed: true,
    });
    expect(r.body).toMatchObject({ ok: true });
    const reviewer = await signIn(host.url, 'reviewer-p01');
    for (const list of ['all', 'approved', 'admitted']) {
      const x = await fn(host.url, reviewer, 'reports', 'exportList', { schoolId: 'p02', list });
      expect(x.body).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(JSON.stringify(x.body)).not.toContain('base64');
    }
    // Their own school's list still comes out; the bureau names any school.
    expect((await fn(host.url, reviewer, 'reports', 'exportList', { list: 'all' })).body).toMatchObject({
      ok: true,
    });
    const bureau = await signIn(host.url, 'bureau-admin');
    const county = await fn(host.url, bureau, 'reports', 'exportList', { schoolId: 'p02', list: 'all' });
    expect(county.body).toMatchObject({ ok: true, data: { rows: 1 } });
  });
});

describe('2. bad input gets a 4xx with a code, never a 500', () => {
  test.each(['null', '[]', '"parent-wang"', '42', 'true', '{"key":{"toString":1}}'])(
    'POST /api/demo/signin with body %s',
    async (body) => {
      const r = await raw(host.url, 'POST', '/api/demo/signin', body, { 'content-type': 'application/json' });
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    },
  );

  test.each(['/%', '/%E0%A4%A', '/assets/%ff.js', '/%c0%ae%c0%ae/secret', '/api/%'])(
    'GET %s (malformed percent-encoding)',
    async (path) => {
      const r = await raw(host.url, 'GET', path);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(JSON.parse(r.text)).toMatchObject({ ok: false, code: expect.any(String) });
    },
  );

  test('GET /api (the API root, found by the fuzz) answers the envelope, not the web page', async () => {
    const r = await raw(host.url, 'GET', '/api');
    expect(r.status).toBe(404);
    expect(JSON.parse(r.text)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  test('POST /api/fn with a JSON body that is not an object', async () => {
    const t = await signIn(host.url, 'parent-wang');
    for (const body of ['null', '[]', '"x"', '7']) {
      const r = await post(`${host.url}/api/fn/auth`, body, { authorization: `Bearer ${t}` });
      expect(r.status).toBeLessThan(500);
      expect(r.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
  });
});

describe('3. a refused upload leaves nothing behind', () => {
  test('checksum mismatch: 400, no file on disk, no record', async () => {
    const t = await signIn(host.url, 'parent-wang');
    const before = filesOnDisk(join(dir, 'data'));
    const r = await upload(host, t, jpeg(2000), { 'x-content-sha256': 'a'.repeat(64) });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '文件在上传过程中损坏，请重新上传。',
    });
    expect(filesOnDisk(join(dir, 'data'))).toBe(before);
  });

  test('a matching checksum is stored once', async () => {
    const t = await signIn(host.url, 'parent-wang');
    const bytes = jpeg(2000, 9);
    const before = filesOnDisk(join(dir, 'data'));
    const r = await upload(host, t, bytes, {
      'x-content-sha256': createHash('sha256').update(bytes).digest('hex'),
    });
    expect(r.body).toMatchObject({ ok: true });
    expect(filesOnDisk(join(dir, 'data'))).toBe(before + 1);
  });
});

describe('4. uploads are limited per identity', () => {
  test('45 uploads back to back from one account: the burst passes, then 请稍后再试; another family is not slowed', async () => {
    const flood = await signIn(host.url, 'parent-li');
    const answers: { status: number; body: { ok: boolean; code?: string; message?: string } }[] = [];
    for (let i = 0; i < 45; i++) answers.push(await upload(host, flood, jpeg(500, i)));
    const accepted = answers.filter((a) => a.body.ok).length;
    const limited = answers.filter((a) => a.body.code === 'RATE_LIMITED');
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(accepted).toBeLessThan(45);
    expect(limited.length).toBe(45 - accepted);
    expect(limited[0]).toMatchObject({
      status: 429,
      body: { ok: false, message: '上传太频繁，请稍后再试。' },
    });
    const calm = await signIn(host.url, 'parent-wang');
    expect((await upload(host, calm, jpeg(500))).body).toMatchObject({ ok: true });
  });

  test('an identity cannot store more than its quota (a setting); the refused file is not kept', async () => {
    const data = join(dir, 'quota');
    const h = await hostStart({
      dataDir: data,
      h5Dir: h5,
      port: 0,
      host: '127.0.0.1',
      clock: () => now,
      uploads: { burst: 100, perMinute: 100, quotaBytes: 10_000 },
    });
    try {
      const t = await signIn(h.url, 'parent-wang');
      expect((await upload(h, t, jpeg(4000, 1))).body).toMatchObject({ ok: true });
      expect((await upload(h, t, jpeg(4000, 2))).body).toMatchObject({ ok: true });
      const before = filesOnDisk(data);
      const over = await upload(h, t, jpeg(4000, 3));
      expect(over.status).toBe(413);
      expect(over.body).toMatchObject({ ok: false, code: 'QUOTA_EXCEEDED' });
      expect(over.body.message).toMatch(/上传的材料已达上限/);
      expect(filesOnDisk(data)).toBe(before);
      // Another family has its own quota.
      const other = await signIn(h.url, 'parent-li');
      expect((await upload(h, other, jpeg(4000, 4))).body).toMatchObject({ ok: true });
      // Reviewing or attaching is untouched by the quota; only new bytes are refused.
      expect((await fn(h.url, t, 'auth', 'whoami')).body).toMatchObject({ ok: true });
    } finally {
      await h.close();
    }
  });
});

describe('7. demo sign-in only in demo mode, on loopback; the Host header must name this host', () => {
  test('demo mode refuses to bind an address others can reach, before touching the data directory', async () => {
    const data = join(dir, 'exposed');
    for (const bind of ['0.0.0.0', '::', '192.168.1.20'])
      await expect(
        hostStart({ dataDir: data, h5Dir: h5, port: 0, host: bind, clock: () => now }),
      ).rejects.toThrow(/演示模式下不能监听/);
    // Nothing was locked or created: the same directory starts at once on loopback.
    const h = await hostStart({ dataDir: data, h5Dir: h5, port: 0, host: '127.0.0.1', clock: () => now });
    await h.close();
  });

  test('npm start with a non-loopback JUNHENG_HOST stops with the reason', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/host/main.ts'], {
      cwd: join(__dirname, '..', '..'),
      env: {
        ...process.env,
        JUNHENG_DATA_DIR: join(dir, 'spawned'),
        JUNHENG_HOST: '0.0.0.0',
        JUNHENG_PORT: '0',
        JUNHENG_EMPTY_COUNTY: '1',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/演示模式下不能监听 0\.0\.0\.0/);
    expect(r.stderr).toMatch(/JUNHENG_DEMO=off/);
  });

  test('with demo mode off there is no demo sign-in', async () => {
    const h = await hostStart({
      dataDir: join(dir, 'nodemo'),
      h5Dir: h5,
      port: 0,
      host: '127.0.0.1',
      clock: () => now,
      demo: false,
    });
    try {
      const accounts = await raw(h.url, 'GET', '/api/demo/accounts');
      expect(accounts.status).toBe(404);
      expect(JSON.parse(accounts.text)).toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
        message: '本服务未开启演示登录。',
      });
      const signin = await post(`${h.url}/api/demo/signin`, { key: 'bureau-admin' });
      expect(signin.status).toBe(404);
      expect(JSON.stringify(signin.body)).not.toContain('token');
    } finally {
      await h.close();
    }
  });

  test('a request naming another host (DNS rebinding) is refused, for pages and API alike', async () => {
    const port = new URL(host.url).port;
    for (const path of ['/', '/assets/app.js', '/api/demo/accounts', '/api/health']) {
      const evil = await raw(host.url, 'GET', path, undefined, { host: `rebind.attacker.example:${port}` });
      expect(evil.status).toBe(421);
      expect(JSON.parse(evil.text)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    const signin = await raw(host.url, 'POST', '/api/demo/signin', '{"key":"bureau-admin"}', {
      host: `rebind.attacker.example:${port}`,
      'content-type': 'application/json',
    });
    expect(signin.status).toBe(421);
    expect(signin.text).not.toContain('token');
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost'])
      expect((await raw(host.url, 'GET', '/api/health', undefined, { host: name })).status).toBe(200);
  });

  test('listening on every address needs the names clients use; other names are refused', async () => {
    await expect(
      hostStart({
        dataDir: join(dir, 'wild'),
        h5Dir: h5,
        port: 0,
        host: '0.0.0.0',
        clock: () => now,
        demo: false,
      }),
    ).rejects.toThrow(/JUNHENG_ALLOWED_HOSTS/);
    const h = await hostStart({
      dataDir: join(dir, 'wild'),
      h5Dir: h5,
      port: 0,
      host: '0.0.0.0',
      clock: () => now,
      demo: false,
      allowedHosts: ['enroll.county.example'],
    });
    try {
      const base = `http://127.0.0.1:${new URL(h.url).port}`;
      expect(
        (await raw(base, 'GET', '/api/health', undefined, { host: 'enroll.county.example' })).status,
      ).toBe(200);
      expect((await raw(base, 'GET', '/api/health', undefined, { host: 'other.example' })).status).toBe(421);
    } finally {
      await h.close();
    }
  });
});
