/**
 * Fuzzing the local host with fast-check: arbitrary methods, paths (percent-encoding valid and
 * broken, unicode, traversal, queries), headers (tokens good and bad, Host names, content types,
 * checksums) and bodies (any JSON, events for every real action with mutated payloads, non-JSON,
 * bytes, empty, over the limits) against every route. Whatever arrives:
 *   - the host never answers 5xx;
 *   - every answer under /api/ is the envelope ({ ok: true, data } or { ok: false, code, message }
 *     with a known code), also 404s, 405s and refusals of the Host name;
 *   - a refused call (4xx, or ok: false) leaves the database byte-for-byte as it was and no file
 *     behind in the upload directory;
 *   - the host stays up (it answers its health check after every run).
 * `npm test` runs a bounded number of cases (JUNHENG_FUZZ_RUNS, default 150, ≈ 10 s); `npm run
 * fuzz` runs 5,000. A failure prints fast-check's seed and the shrunk request; replay it with
 * JUNHENG_FUZZ_SEED=<seed>. The rate limits are off on this host so cases reach the actions
 * (they have their own tests).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { isErrorCode } from '../../shared/errors';
import { hostStart, type Host } from '../../server/host/app';
import { hostedFunctions } from '../../server/host/functions';
import { pgliteStore } from '../../server/store/pglite';
import { pgliteMigrate } from '../../server/store/pgliteStart';
import { dbFingerprint } from '../helpers/fingerprint';
import { signIn } from '../helpers/http';
import type { World } from '../helpers/world';
import { samples } from './matrixSamples';

const RUNS = Number(process.env['JUNHENG_FUZZ_RUNS'] ?? 150);
const now = new Date('2027-05-10T02:00:00Z');

let dir: string;
let host: Host;
let db: PGlite;
let port = '';
const tokens: Record<string, string> = {};

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | null;
}
interface Got {
  readonly status: number;
  readonly body: Buffer;
  /**
   * The connection was reset while a body over the host's limits was still being sent: the host
   * answered and closed before reading the rest, and the answer was lost on the way. A refusal.
   */
  readonly reset?: true;
}
const LIMIT = 1024 * 1024;

const pathOf = (raw: string): string => {
  try {
    return new URL(raw, 'http://local').pathname;
  } catch {
    return raw.split(/[?#]/)[0] as string;
  }
};

const send = (r: Sent): Promise<Got> =>
  new Promise((ok, ko) => {
    const req = request(
      // A connection per request: one the host closed after a refused body is never reused.
      { host: '127.0.0.1', port, method: r.method, path: r.path, headers: r.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', ko);
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      (e.code === 'ECONNRESET' || e.code === 'EPIPE') && (r.body?.length ?? 0) > LIMIT
        ? ok({ status: 0, body: Buffer.alloc(0), reset: true })
        : ko(e),
    );
    req.end(r.body ?? undefined);
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'junheng-fuzz-'));
  const h5 = join(dir, 'h5');
  mkdirSync(join(h5, 'assets'), { recursive: true });
  writeFileSync(join(h5, 'index.html'), '<!doctype html><title>h5</title>');
  writeFileSync(join(h5, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not for the web');
  db = await PGlite.create();
  await pgliteMigrate(db);
  host = await hostStart({
    dataDir: join(dir, 'data'),
    h5Dir: h5,
    port: 0,
    host: '127.0.0.1',
    clock: () => now,
    store: pgliteStore(db),
    // Limits off so the cases reach the actions instead of stopping at 请稍后再试.
    rateLimit: null,
    uploads: { burst: 1e9, perMinute: 1e9, quotaBytes: 1e12 },
  });
  port = new URL(host.url).port;
  for (const key of ['parent-wang', 'principal-p01', 'reviewer-p01', 'teacher-p01', 'bureau-admin'])
    tokens[key] = await signIn(host.url, key);
}, 60_000);
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---- what is sent ----------------------------------------------------------------------------

/** Printable ASCII without space (what a request line may carry), plus broken escapes. */
const pathChar = fc.constantFrom(..."abcxyz019-._~!$&'()*+,;=:@/?#%[]".split(''));
const escapes = fc.constantFrom(
  '%',
  '%2',
  '%zz',
  '%E0%A4%A',
  '%ff',
  '%c0%ae',
  '%00',
  '%2e%2e',
  '%2f',
  '%5c',
  '%25',
  '%u0041',
  '%E4%BD%A0',
);
const unicodeSegment = fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => encodeURIComponent(s));
const segment = fc.oneof(
  fc.constantFrom(
    '..',
    '.',
    '',
    'api',
    'fn',
    'files',
    'demo',
    'assets',
    'index.html',
    'app.js',
    'secret.txt',
  ),
  fc.string({ unit: pathChar, maxLength: 8 }),
  escapes,
  unicodeSegment,
);
const fnNames = [...hostedFunctions().keys()];
const knownPath = fc.constantFrom(
  '/',
  '/index.html',
  '/assets/app.js',
  '/api/health',
  '/api/demo/accounts',
  '/api/demo/signin',
  '/api/files',
  '/api/files/lf-00000000-0000-0000-0000-000000000000?exp=9999999999999&sig=abc',
  ...fnNames.map((f) => `/api/fn/${f}`),
);
const path = fc.oneof(
  { arbitrary: knownPath, weight: 4 },
  { arbitrary: fc.array(segment, { maxLength: 5 }).map((s) => `/${s.join('/')}`), weight: 2 },
  {
    arbitrary: fc
      .tuple(
        knownPath,
        fc.oneof(escapes, unicodeSegment, fc.constantFrom('/..', '/../..', '%2f..', '?x=%', '#frag')),
      )
      .map(([p, tail]) => `${p}${tail}`),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom(
      '/api/',
      '/api',
      '//api/fn/auth',
      '/api/fn/',
      '/API/FN/AUTH',
      '/api/fn/%61uth',
    ),
    weight: 1,
  },
);
const method = fc.oneof(
  { arbitrary: fc.constantFrom('GET', 'POST'), weight: 6 },
  { arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND'), weight: 1 },
);

/** Header values as a client may send them (visible ASCII and spaces). */
const headerValue = fc.string({
  unit: fc.constantFrom(...'abcXYZ0189 -_./:;=,"{}[]$'.split('')),
  maxLength: 40,
});
const signedIn = fc
  .constantFrom('parent-wang', 'principal-p01', 'reviewer-p01', 'teacher-p01', 'bureau-admin')
  .map((k) => `Bearer ${tokens[k]}`);
const authorization = fc.oneof(
  fc.constant(undefined),
  signedIn,
  fc.constantFrom('Bearer ', 'Bearer garbage', 'Basic YWRtaW46YWRtaW4=', 'bearer x.y'),
  headerValue,
);
const headers = fc.record(
  {
    authorization,
    'content-type': fc.oneof(
      fc.constantFrom(
        'application/json',
        'text/plain',
        'application/octet-stream',
        'multipart/form-data; boundary=x',
      ),
      headerValue,
    ),
    'x-content-sha256': fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 64, maxLength: 64 }),
      headerValue,
    ),
    host: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 8 },
      {
        arbitrary: fc.constantFrom('localhost', 'rebind.attacker.example', '127.0.0.1:1', '[::1]', ''),
        weight: 1,
      },
    ),
    'x-openid': fc.constantFrom('demo-bureau-admin', 'x'),
    cookie: headerValue,
  },
  { requiredKeys: [] },
);

/** A payload from the action's sample, with fields replaced, removed or added. */
const fakeWorld = {
  own: { id: 'r-1', childName: '王小明', idNumber: '11010519491231002X', fileIds: [] },
  sameSchool: { id: 'r-2', childName: '', idNumber: '', fileIds: [] },
  otherSchool: { id: 'r-3', childName: '', idNumber: '', fileIds: [] },
  teachers: { ownSchool: 'p01-t001', otherSchool: 'p02-t001' },
} as unknown as World;
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    { $ne: null },
    { $gt: '' },
    '__proto__',
    JSON.parse('{"__proto__":{"admin":true}}') as unknown,
    "'; DROP TABLE registrations; --",
    '../../etc/passwd',
    'cloud://env/x.jpg',
    -1,
    1e308,
    '\u0000',
    '𠀀'.repeat(50),
  ),
);
const event = fc
  .constantFrom(...Object.keys(samples))
  .chain((key) => {
    const [fn, action] = key.split('.') as [string, string];
    const base = samples[key]!.payload(fakeWorld);
    const edit = fc.array(
      fc.tuple(fc.constantFrom(...Object.keys(base), '$where', 'constructor', 'extra'), fc.option(nasty)),
      { maxLength: 3 },
    );
    return fc.record({
      fn: fc.constant(fn),
      action: fc.oneof({ arbitrary: fc.constant(action), weight: 8 }, { arbitrary: fc.string(), weight: 1 }),
      edits: edit,
      requestId: fc.option(fc.constantFrom('fuzz-request-0001', 'x', '')),
      base: fc.constant(base),
    });
  })
  .map(({ fn, action, edits, requestId, base }) => {
    const payload: Record<string, unknown> = { ...base };
    for (const [k, v] of edits)
      if (v === null) delete payload[k];
      else payload[k] = v;
    return { fn, body: { action, payload, ...(requestId === null ? {} : { requestId }) } };
  });

const big = Buffer.alloc(1024 * 1024 + 10, 0x61);
const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5 * 1024 * 1024, 1)]);
const body = fc.oneof(
  { arbitrary: fc.constant(null), weight: 2 },
  {
    arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    weight: 3,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s)), weight: 2 },
  { arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)), weight: 1 },
  {
    arbitrary: fc
      .uint8Array({ minLength: 1, maxLength: 2000 })
      .map((b) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(b)])),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(Buffer.from('{"action":'), Buffer.from('null'), Buffer.from('[]')),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(big, huge), weight: 1 },
);

const requestArb: fc.Arbitrary<Sent> = fc.oneof(
  // Anything, anywhere.
  {
    arbitrary: fc.record({ method, path, headers, body }).map((r) => ({
      method: r.method,
      path: r.path,
      headers: Object.fromEntries(Object.entries(r.headers).filter(([, v]) => v !== undefined)) as Record<
        string,
        string
      >,
      body: r.method === 'GET' || r.method === 'HEAD' ? null : r.body,
    })),
    weight: 3,
  },
  // A real action's event, signed in as someone, with its payload mutated.
  {
    arbitrary: fc
      .record({
        e: event,
        headers,
        auth: fc.oneof({ arbitrary: signedIn, weight: 9 }, { arbitrary: authorization, weight: 1 }),
        method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 9 }, { arbitrary: method, weight: 1 }),
      })
      .map((r) => ({
        method: r.method,
        path: `/api/fn/${r.e.fn}`,
        headers: {
          ...(Object.fromEntries(Object.entries(r.headers).filter(([, v]) => v !== undefined)) as Record<
            string,
            string
          >),
          ...(r.auth === undefined ? {} : { authorization: r.auth }),
          'content-type': 'application/json',
        },
        body: r.method === 'GET' || r.method === 'HEAD' ? null : Buffer.from(JSON.stringify(r.e.body)),
      })),
    weight: 4,
  },
);

// ---- what must hold ---------------------------------------------------------------------------

/** How the answers spread (JUNHENG_FUZZ_SPREAD=1 prints it, to tune the generators). */
const spread = new Map<string, number>();
type Envelopeish = { ok?: unknown; code?: unknown; message?: unknown };
const uploads = () => readdirSync(join(dir, 'data', 'files')).length;

test('whatever arrives: no 5xx, the envelope on /api/, refused calls change nothing, the host stays up', async () => {
  let fingerprint = await dbFingerprint(db);
  let files = uploads();
  await fc.assert(
    fc.asyncProperty(requestArb, async (r) => {
      const got = await send(r);
      if (got.reset) {
        expect(await dbFingerprint(db)).toBe(fingerprint);
        expect(uploads()).toBe(files);
        return;
      }
      expect(got.status).toBeGreaterThanOrEqual(200);
      expect(got.status).toBeLessThan(500);
      // The path as the host sees it: dot segments resolved (`/api/files/../..` is `/`).
      const pathname = pathOf(r.path);
      const api = pathname.startsWith('/api/') || pathname === '/api' || got.status === 421;
      let envelope: Envelopeish | null = null;
      if (r.method !== 'HEAD' && (api || got.status >= 400)) {
        const fileServed = /^\/api\/files\/[^/]+$/.test(pathname) && got.status === 200;
        if (!fileServed && (api || got.body.length > 0)) {
          envelope = JSON.parse(got.body.toString('utf8')) as Envelopeish | null;
          expect(typeof envelope?.ok).toBe('boolean');
          if (envelope?.ok === false) {
            expect(isErrorCode(envelope.code)).toBe(true);
            expect(typeof envelope.message).toBe('string');
          }
        }
      }
      const refused = got.status >= 400 || envelope?.ok === false;
      const answer = `${got.status} ${String(envelope?.code ?? envelope?.ok ?? '')}`;
      spread.set(answer, (spread.get(answer) ?? 0) + 1);
      const next = await dbFingerprint(db);
      const nextFiles = uploads();
      if (refused) {
        expect(next).toBe(fingerprint);
        expect(nextFiles).toBe(files);
      }
      fingerprint = next;
      files = nextFiles;
    }),
    {
      numRuns: RUNS,
      verbose: 1,
      ...(process.env['JUNHENG_FUZZ_SEED'] ? { seed: Number(process.env['JUNHENG_FUZZ_SEED']) } : {}),
    },
  );
  if (process.env['JUNHENG_FUZZ_SPREAD']) console.log([...spread].sort((a, b) => b[1] - a[1]));
  const health = await send({ method: 'GET', path: '/api/health', headers: {}, body: null });
  expect(health.status).toBe(200);
}, 600_000);
