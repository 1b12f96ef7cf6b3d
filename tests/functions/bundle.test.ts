/**
 * Runs the deployable bundles (esbuild output, what WeChat DevTools uploads) with `wx-server-sdk`
 * replaced by a fake cloud (tests/doubles/wxCloud.ts): getWXContext() supplies OPENID as WeChat
 * would, and database() is the TEST DOUBLE of the SDK's database API, not real CloudBase. Each
 * call is an invocation with its function's timeout and the platform's size limits.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Envelope } from '../../shared/errors';
import { demoSeed, DEMO_ADMIN_OPENID } from '../../server/host/seed';
import { cloudbaseStore } from '../../server/store/cloudbase';
import { cloudDouble } from '../doubles/wxCloud';
import { formMake } from '../helpers/forms';

const root = resolve(__dirname, '..', '..');
const outDir = join(root, 'tests', 'artifacts', 'bundles');
const mockCloud = cloudDouble();
const db = mockCloud.db;
let openid: string | undefined;

jest.mock('wx-server-sdk', () => mockCloud.sdk);

type Main = (event: unknown) => Promise<Envelope<Record<string, unknown>>>;
const bundles: Record<string, Main> = {};
/** Calls a bundle's main as the platform does, as `openid`. */
const mains = new Proxy(bundles, {
  get: (t, fn: string) => async (event: unknown) => {
    const res = await mockCloud.invoke(fn, t[fn] as Main, event, openid);
    if (res.error) throw new Error(`platform: ${res.error.errMsg}`);
    return res.result as Envelope<Record<string, unknown>>;
  },
});

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  // The rotation bundle loads HiGHS's WebAssembly from beside it, as build:functions ships it.
  copyFileSync(join(root, 'node_modules', 'highs', 'build', 'highs.wasm'), join(outDir, 'highs.wasm'));
  for (const fn of ['auth', 'registration', 'county', 'rotation']) {
    const outfile = join(outDir, `${fn}.js`);
    await build({
      entryPoints: [join(root, 'cloudfunctions', fn, 'index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node16',
      external: ['wx-server-sdk'],
      logLevel: 'silent',
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the built bundle
    bundles[fn] = (require(outfile) as { main: Main }).main;
  }
  // Demo data through the same adapter; "now" in the demo window of the real clock.
  await demoSeed(cloudbaseStore(db), new Date());
});

describe('deployable cloud-function bundles', () => {
  test('one OPENID flooding an instance is slowed down with 请稍后再试; another is not', async () => {
    openid = 'wx-flood';
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await mains['county']!({ action: 'schools', payload: {} }));
    const limited = answers.filter((a) => !a.ok && a.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(0);
    expect(JSON.stringify(limited[0])).toContain('请稍后再试');
    openid = 'wx-calm';
    expect(await mains['county']!({ action: 'schools', payload: {} })).toMatchObject({ ok: true });
  });

  test('a parent submits through the registration bundle; the store keys it by _id', async () => {
    openid = 'wx-parent-1';
    const r = await mains['registration']!({
      action: 'submit',
      payload: { draftId: 'draft-1', form: formMake({}, '2015-05-10'), schoolTypeConfirmed: true },
      userInfo: { appId: 'wx-test', openId: 'wx-parent-1' },
    });
    expect(r).toMatchObject({ ok: true, data: { status: 'pending_review' } });
    expect(db.dump('registrations').map((d) => d['_id'])).toEqual([
      (r as unknown as { data: { id: string } }).data.id,
    ]);
  });

  test('identity is getWXContext().OPENID: an openId in the event does not make a bureau admin', async () => {
    openid = 'wx-parent-2';
    const r = await mains['county']!({
      action: 'overview',
      payload: {},
      userInfo: { openId: 'demo-bureau-admin' },
    });
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  test('no OPENID (not called from WeChat) is UNAUTHENTICATED', async () => {
    openid = undefined;
    expect(await mains['auth']!({ action: 'whoami' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  test('a bound principal reviews through the bundle', async () => {
    openid = 'demo-principal-p01';
    const q = await mains['registration']!({ action: 'queue', payload: {} });
    expect(q.ok).toBe(true);
    const items = (q as unknown as { data: { items: { id: string; version: number }[] } }).data.items;
    expect(items).toHaveLength(1);
    const r = await mains['registration']!({
      action: 'review',
      payload: { id: items[0]!.id, version: items[0]!.version, decision: 'approve' },
    });
    expect(r).toMatchObject({ ok: true, data: { status: 'approved' } });
  });

  test('the rotation bundle plans with HiGHS loaded from beside it: a proven bound and the gap', async () => {
    // The deployment's first bureau admin (its environment variable, as in WeChat).
    process.env['JUNHENG_FIRST_ADMIN_OPENID'] = DEMO_ADMIN_OPENID;
    openid = DEMO_ADMIN_OPENID;
    const r = await mains['rotation']!({ action: 'preview', payload: { seed: '2027' } });
    delete process.env['JUNHENG_FIRST_ADMIN_OPENID'];
    expect(r).toMatchObject({ ok: true });
    const q = (
      r as unknown as { data: { quality: { sumAfter: number; lowerBound: number; solver: string } } }
    ).data.quality;
    expect(q.solver).toBe('highs-1.15.3');
    expect(q.lowerBound).toBeGreaterThan(0);
    expect(q.lowerBound).toBeLessThanOrEqual(q.sumAfter);
  });
});
