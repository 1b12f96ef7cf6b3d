/**
 * The local cloud host: one node process that serves the H5 build and runs the same cloud
 * function code in-process on the embedded PGlite store, with local signed-session identity.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { asOpenId } from '../../shared/brand';
import { fail, type Envelope } from '../../shared/errors';
import { roleLabels } from '../../shared/identity/roles';
import { noMessenger } from '../runtime/context';
import { dispatch } from '../runtime/define';
import { pgliteStoreOpen } from '../store/pglite';
import type { Store } from '../store/port';
import { DOCUMENT_MAX_BYTES } from '../../shared/registration/documents';
import { localFiles } from './files';
import { hostedFunctions } from './functions';
import { hostHeaderAllowed, hostNamesAllowed } from './hostCheck';
import { dataDirLock } from './lock';
import { demoSeasonSeed } from './season';
import { demoCounty, demoSeed, DEMO_ADMIN_OPENID } from './seed';
import { HOST_RATE_BURST, HOST_RATE_PER_SECOND, rateLimiter } from '../security/rateLimit';
import {
  UPLOAD_DEFAULTS,
  uploadGuard,
  uploadQuotaRefusal,
  uploadRateRefusal,
  type UploadLimits,
} from '../security/uploadLimits';
import { revocationsLoad, SESSION_TTL_MS, sessionSecretLoad, sessionSign, sessionVerify } from './tokens';

export interface HostOptions {
  readonly dataDir: string;
  readonly h5Dir: string;
  readonly port: number;
  readonly host: string;
  /** The clock; tests pass a fixed one. */
  readonly clock?: () => Date;
  /**
   * Benchmarks and crash tests only (JUNHENG_LOAD_ACCOUNTS): this many extra parent accounts,
   * `load-0` … `load-(n-1)`, may sign in on the demo page. Off (0) by default.
   */
  readonly loadAccounts?: number;
  /** Per-OPENID limits; default HOST_RATE_*; null turns them off (tests of raw concurrency). */
  readonly rateLimit?: { readonly burst: number; readonly perSecond: number } | null;
  /** Per-identity upload rate and stored-bytes quota; default UPLOAD_DEFAULTS (settings: main.ts). */
  readonly uploads?: UploadLimits;
  /**
   * Demo mode (default on): the demo sign-in page lists accounts anyone may take, so it is
   * served only in demo mode and demo mode refuses a non-loopback address (hostCheck.ts).
   */
  readonly demo?: boolean;
  /** Host names clients may use besides the bound address (a proxy's name); see hostCheck.ts. */
  readonly allowedHosts?: readonly string[];
  /**
   * Tests only: a store to serve instead of the data directory's database (the fuzz test reads
   * the database beside the host to check that refused calls changed nothing). The host closes it.
   */
  readonly store?: Store;
  /**
   * At first start, play the demo county's season through the functions (server/host/season.ts):
   * registrations in every state, a published draw and one waiting. `npm start` sets it unless
   * JUNHENG_EMPTY_COUNTY=1; tests start an empty county (or a few zones' season).
   */
  readonly demoSeason?: boolean | { readonly zoneIds: readonly string[] };
}

export interface Host {
  readonly url: string;
  readonly store: Store;
  readonly seeded: boolean;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(data),
  });
  res.end(data);
}

async function readRaw(req: IncomingMessage, max: number, tooLarge: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new BodyError(tooLarge);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads and drops a body (up to `max`), so a refusal sent before reading keeps the connection usable. */
async function drain(req: IncomingMessage, max: number): Promise<void> {
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new BodyError('请求内容过大。');
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readRaw(req, MAX_BODY, '请求内容过大。');
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BodyError('请求内容不是有效的 JSON。');
  }
}

class BodyError extends Error {}

const withTimeout = <T>(p: Promise<T>, ms: number, onTimeout: () => T): Promise<T> =>
  new Promise<T>((resolvePromise, reject) => {
    const timer = setTimeout(() => resolvePromise(onTimeout()), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolvePromise(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });

export async function hostStart(opts: HostOptions): Promise<Host> {
  const clock = opts.clock ?? (() => new Date());
  const demo = opts.demo ?? true;
  // Before anything is opened: a host that would expose demo sign-in does not start at all.
  const hostNames = hostNamesAllowed(opts.host, demo, opts.allowedHosts ?? []);
  const release = dataDirLock(opts.dataDir);
  let store: Store;
  try {
    store = opts.store ?? (await pgliteStoreOpen(join(opts.dataDir, 'pg')));
  } catch (e) {
    release();
    throw e;
  }
  const seeded = await demoSeed(store, clock());
  const secret = sessionSecretLoad(opts.dataDir);
  const revoked = revocationsLoad(opts.dataDir, clock().getTime());
  const files = localFiles(opts.dataDir, secret);
  if (seeded && opts.demoSeason) {
    try {
      await demoSeasonSeed(
        store,
        files,
        clock,
        typeof opts.demoSeason === 'object' ? opts.demoSeason.zoneIds : undefined,
      );
    } catch (e) {
      await store.close();
      release();
      throw e;
    }
  }
  const functions = hostedFunctions();
  const accounts = demoCounty().accounts;
  const config = { firstAdminOpenid: DEMO_ADMIN_OPENID, subscribeTemplateId: null, rotationTemplateId: null };
  const h5Root = resolve(opts.h5Dir);
  const limits =
    opts.rateLimit === undefined
      ? { burst: HOST_RATE_BURST, perSecond: HOST_RATE_PER_SECOND }
      : opts.rateLimit;
  const limiter = limits ? rateLimiter(limits.burst, limits.perSecond) : undefined;
  const uploads = uploadGuard(opts.uploads ?? UPLOAD_DEFAULTS);
  // One upload of an identity at a time between its quota check and its record, so two uploads
  // sent at once cannot both pass the check.
  const uploading = new Map<string, Promise<unknown>>();
  const serially = <T>(owner: string, run: () => Promise<T>): Promise<T> => {
    const prev = uploading.get(owner) ?? Promise.resolve();
    const next = prev.then(run, run);
    const tail = next.catch(() => undefined);
    uploading.set(owner, tail);
    void tail.then(() => uploading.get(owner) === tail && uploading.delete(owner));
    return next;
  };
  const loadAccount = (key: unknown) => {
    const m = typeof key === 'string' ? /^load-(\d{1,6})$/.exec(key) : null;
    const n = m ? Number(m[1]) : -1;
    if (n < 0 || n >= (opts.loadAccounts ?? 0)) return undefined;
    return { openid: asOpenId(`load-parent-${n}`), displayName: `压测家长 ${n}`, role: 'parent' as const };
  };

  const serveStatic = (pathname: string, res: ServerResponse): void => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      // Malformed percent-encoding (`/%`, `/%E0%A4%A`): no file has such a name.
      sendJson(res, 400, fail('INVALID_INPUT', '网址格式不正确。'));
      return;
    }
    if (decoded.includes('\0')) {
      sendJson(res, 400, fail('INVALID_INPUT', '网址格式不正确。'));
      return;
    }
    const rel = normalize(decoded).replace(/^([/\\])+/, '');
    const file = resolve(h5Root, rel === '' ? 'index.html' : rel);
    if (file !== h5Root && !file.startsWith(h5Root + sep)) {
      sendJson(res, 404, fail('NOT_FOUND'));
      return;
    }
    const target = existsSync(file) && statSync(file).isFile() ? file : join(h5Root, 'index.html');
    if (!existsSync(target)) {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<meta charset="utf-8"><p>H5 页面尚未构建：请先运行 <code>npm run build:h5</code>。</p>');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(target)] ?? 'application/octet-stream',
      'cache-control': target.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
    });
    res.end(readFileSync(target));
  };

  const hostNamesOk = (header: string | undefined) => hostHeaderAllowed(header, hostNames);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://local');
    } catch {
      return sendJson(res, 400, fail('INVALID_INPUT', '网址格式不正确。'));
    }
    const path = url.pathname;
    // DNS rebinding: a page on another site resolving its own name to this machine carries that
    // name in Host. Only this host's names are served, pages and API alike.
    if (!hostNamesOk(req.headers.host))
      return sendJson(res, 421, fail('FORBIDDEN', '请通过本服务的地址访问（请求中的主机名不符）。'));
    if (path === '/api/health') return sendJson(res, 200, { ok: true, data: { status: 'up' } });

    if (path.startsWith('/api/demo/') && !demo)
      return sendJson(res, 404, fail('NOT_FOUND', '本服务未开启演示登录。'));

    if (path === '/api/demo/accounts' && req.method === 'GET') {
      return sendJson(res, 200, {
        ok: true,
        data: accounts.map((a) => ({
          key: a.key,
          role: a.role,
          roleLabel: roleLabels[a.role],
          displayName: a.displayName,
          hint: a.hint,
        })),
      });
    }

    if (path === '/api/demo/signin' && req.method === 'POST') {
      const body = await readBody(req);
      // The demo sign-in page: an identity is chosen only from the seeded demo list.
      const key = body !== null && typeof body === 'object' ? (body as { key?: unknown }).key : undefined;
      const account =
        typeof key === 'string' ? (accounts.find((a) => a.key === key) ?? loadAccount(key)) : undefined;
      if (!account) return sendJson(res, 400, fail('INVALID_INPUT', '没有这个演示账号。'));
      const now = clock().getTime();
      const token = sessionSign(secret, {
        sub: account.openid,
        name: account.displayName,
        iat: now,
        exp: now + SESSION_TTL_MS,
        jti: randomUUID(),
      });
      return sendJson(res, 200, {
        ok: true,
        data: {
          token,
          expiresAt: new Date(now + SESSION_TTL_MS).toISOString(),
          displayName: account.displayName,
          role: account.role,
        },
      });
    }

    const caller = () => {
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      const claims = token ? sessionVerify(secret, token, clock()) : null;
      return claims && !revoked.has(claims.jti) ? claims : null;
    };

    if (path === '/api/signout' && req.method === 'POST') {
      const claims = caller();
      if (claims?.jti) revoked.revoke(claims.jti, claims.exp, clock().getTime());
      return sendJson(res, 200, { ok: true, data: { signedOut: true } });
    }

    if (path === '/api/files' && req.method === 'POST') {
      const claims = caller();
      if (!claims) return sendJson(res, 401, fail('UNAUTHENTICATED'));
      const owner = asOpenId(claims.sub);
      if (!uploads.take(owner, clock().getTime())) {
        await drain(req, DOCUMENT_MAX_BYTES);
        return sendJson(res, 429, uploadRateRefusal());
      }
      const bytes = await readRaw(req, DOCUMENT_MAX_BYTES, '文件超过5MB，请压缩后重新上传。');
      if (bytes.length === 0)
        return sendJson(res, 400, fail('INVALID_INPUT', '没有收到文件内容，请重新上传。'));
      // Every check comes before the first byte is written: a refused upload leaves nothing behind.
      const checked = files.check(bytes);
      if ('ok' in checked) return sendJson(res, 400, checked);
      // The phone's checksum, when sent, must match what arrived (a damaged upload is refused).
      const claimed = req.headers['x-content-sha256'];
      if (claimed !== undefined && claimed !== checked.sha256) {
        return sendJson(res, 400, fail('INVALID_INPUT', '文件在上传过程中损坏，请重新上传。'));
      }
      const saved = await serially(owner, async () => {
        const over = await uploadQuotaRefusal(store, owner, bytes.length, uploads.limits);
        if (over) return over;
        const file = await files.save(owner, checked, clock());
        try {
          await store.putFile(file);
        } catch (e) {
          await files.remove(file.id);
          throw e;
        }
        return file;
      });
      if ('ok' in saved) return sendJson(res, 413, saved);
      return sendJson(res, 200, {
        ok: true,
        data: { fileId: saved.id, sha256: saved.sha256, size: saved.size, mime: saved.mime },
      });
    }

    const fileMatch = /^\/api\/files\/([a-z0-9-]{1,60})$/.exec(path);
    if (fileMatch && req.method === 'GET') {
      const filePath = files.resolve(
        fileMatch[1] as string,
        url.searchParams.get('exp') ?? '',
        url.searchParams.get('sig') ?? '',
        clock(),
      );
      if (!filePath) return sendJson(res, 403, fail('FORBIDDEN', '链接无效或已过期，请重新打开。'));
      const file = await store.getFile(fileMatch[1] as string);
      res.writeHead(200, {
        'content-type': file?.mime ?? 'application/octet-stream',
        'cache-control': 'private, max-age=300',
        'x-content-type-options': 'nosniff',
        'content-disposition': 'inline',
      });
      res.end(readFileSync(filePath));
      return;
    }

    const fnMatch = /^\/api\/fn\/([a-z][a-zA-Z0-9_-]{0,40})$/.exec(path);
    if (fnMatch) {
      if (req.method !== 'POST') return sendJson(res, 405, fail('INVALID_INPUT', '请使用 POST。'));
      const fn = functions.get(fnMatch[1] as string);
      if (!fn) return sendJson(res, 404, fail('NOT_FOUND', '没有这个云函数。'));
      const claims = caller();
      if (!claims) return sendJson(res, 401, fail('UNAUTHENTICATED'));
      const event = await readBody(req);
      const result: Envelope<unknown> = await withTimeout(
        dispatch(
          fn.def,
          {
            store,
            files,
            messenger: noMessenger,
            openid: asOpenId(claims.sub),
            now: clock(),
            config,
            uploads,
            ...(limiter ? { limiter } : {}),
          },
          event,
        ),
        fn.timeoutMs,
        () => fail('TIMEOUT'),
      );
      return sendJson(res, 200, result);
    }

    if (path === '/api' || path.startsWith('/api/')) return sendJson(res, 404, fail('NOT_FOUND'));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('INVALID_INPUT'));
    serveStatic(path, res);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof BodyError) {
        // The rest of an unread body would poison a kept-alive connection: close it.
        res.setHeader('connection', 'close');
        return sendJson(res, 400, fail('INVALID_INPUT', e.message));
      }
      console.error('[host]', e);
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL'));
    });
  });

  try {
    await new Promise<void>((ok, ko) => {
      server.once('error', ko);
      server.listen(opts.port, opts.host, () => ok());
    });
  } catch (e) {
    await store.close();
    release();
    throw e;
  }
  const addr = server.address() as AddressInfo;
  const hostName = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;

  let closed = false;
  return {
    url: `http://${hostName}:${addr.port}`,
    store,
    seeded,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      await store.close();
      release();
    },
  };
}
