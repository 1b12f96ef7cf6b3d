import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostStart, type Host } from '../../server/host/app';
import { fn, post, signIn } from '../helpers/http';

let now = new Date('2027-05-10T02:00:00Z');
let host: Host;
let dir: string;
let firstStartSeeded = false;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'junheng-host-'));
  const h5 = join(dir, 'h5');
  mkdirSync(h5);
  writeFileSync(join(h5, 'index.html'), '<!doctype html><title>h5</title>');
  writeFileSync(join(dir, 'secret.txt'), 'not for the web');
  host = await hostStart({
    dataDir: join(dir, 'data'),
    h5Dir: h5,
    port: 0,
    host: '127.0.0.1',
    clock: () => now,
  });
  firstStartSeeded = host.seeded;
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('local identity', () => {
  test('a request without a token is refused with UNAUTHENTICATED', async () => {
    const r = await post(`${host.url}/api/fn/auth`, { action: 'whoami' });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录。' });
  });

  test('a signed token identifies the demo account', async () => {
    const t = await signIn(host.url, 'principal-p01');
    const r = await fn(host.url, t, 'auth', 'whoami');
    expect(r.body).toMatchObject({ ok: true, data: { role: 'principal', schoolId: 'p01' } });
  });

  test('a token edited to name someone else is refused', async () => {
    const t = await signIn(host.url, 'parent-wang');
    const [body, sig] = t.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...claims, sub: 'demo-bureau-admin' })).toString('base64url')}.${sig}`;
    expect((await fn(host.url, forged, 'county', 'overview')).status).toBe(401);
    expect((await fn(host.url, `${body}.${'A'.repeat(sig.length)}`, 'auth', 'whoami')).status).toBe(401);
    expect((await fn(host.url, 'garbage', 'auth', 'whoami')).status).toBe(401);
  });

  test('a token past its expiry is refused', async () => {
    const t = await signIn(host.url, 'parent-wang');
    now = new Date(now.getTime() + 13 * 3600_000);
    try {
      expect((await fn(host.url, t, 'auth', 'whoami')).body).toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      now = new Date('2027-05-10T02:00:00Z');
    }
  });

  test('a token replayed after sign-out is refused, also after a restart; other sessions go on', async () => {
    const t = await signIn(host.url, 'parent-wang');
    const other = await signIn(host.url, 'parent-wang');
    expect((await fn(host.url, t, 'auth', 'whoami')).status).toBe(200);
    expect((await post(`${host.url}/api/signout`, {}, { authorization: `Bearer ${t}` })).status).toBe(200);
    expect((await fn(host.url, t, 'auth', 'whoami')).body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await fn(host.url, other, 'auth', 'whoami')).status).toBe(200);
    // The revocation is on disk: a restarted host still refuses the token.
    await host.close();
    host = await hostStart({
      dataDir: join(dir, 'data'),
      h5Dir: join(dir, 'h5'),
      port: 0,
      host: '127.0.0.1',
      clock: () => now,
    });
    expect((await fn(host.url, t, 'auth', 'whoami')).status).toBe(401);
    expect((await fn(host.url, other, 'auth', 'whoami')).status).toBe(200);
  });

  test('one OPENID flooding gets RATE_LIMITED (请稍后再试); another family is not slowed', async () => {
    const flood = await signIn(host.url, 'parent-li');
    const calm = await signIn(host.url, 'parent-wang');
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => fn(host.url, flood, 'auth', 'whoami')),
    );
    const limited = answers.filter((r) => r.body.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThanOrEqual(20);
    expect(limited[0]!.body).toMatchObject({ ok: false, message: '操作太频繁，请稍后再试。' });
    expect((await fn(host.url, calm, 'auth', 'whoami')).body).toMatchObject({ ok: true });
    // The bucket refills with time (the host's clock).
    now = new Date(now.getTime() + 5_000);
    try {
      expect((await fn(host.url, flood, 'auth', 'whoami')).body).toMatchObject({ ok: true });
    } finally {
      now = new Date('2027-05-10T02:00:00Z');
    }
  });

  test('headers or body fields naming an identity change nothing', async () => {
    const t = await signIn(host.url, 'parent-wang');
    const headers = {
      'x-openid': 'demo-bureau-admin',
      'x-wx-openid': 'demo-bureau-admin',
      'x-role': 'bureau',
    };
    const r = await fn(host.url, t, 'county', 'overview', {}, headers);
    expect(r.body).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const r2 = await post(
      `${host.url}/api/fn/auth`,
      { action: 'whoami', openid: 'demo-bureau-admin' },
      { authorization: `Bearer ${t}` },
    );
    expect(r2.body).toMatchObject({ ok: true, data: { role: 'parent' } });
  });

  test('an unknown demo account cannot be signed in', async () => {
    const r = await post(`${host.url}/api/demo/signin`, { key: 'demo-bureau-admin' });
    expect(r.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

describe('the host', () => {
  test('bad JSON is INVALID_INPUT, not a crash', async () => {
    const t = await signIn(host.url, 'parent-wang');
    const r = await post(`${host.url}/api/fn/auth`, '{"action":', { authorization: `Bearer ${t}` });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  test('an over-large body is refused', async () => {
    const t = await signIn(host.url, 'parent-wang');
    const big = JSON.stringify({ action: 'whoami', payload: { x: 'a'.repeat(2 * 1024 * 1024) } });
    const r = await post(`${host.url}/api/fn/auth`, big, { authorization: `Bearer ${t}` });
    expect(r.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  test('serves the H5 build and nothing outside it', async () => {
    expect(await (await fetch(`${host.url}/`)).text()).toContain('<title>h5</title>');
    const res = await fetch(`${host.url}/%2e%2e/secret.txt`);
    expect(await res.text()).not.toContain('not for the web');
    expect((await fetch(`${host.url}/api/fn/nope`, { method: 'POST' })).status).toBe(404);
  });

  test('seeded the demo county on first start', () => {
    expect(firstStartSeeded).toBe(true);
  });
});
