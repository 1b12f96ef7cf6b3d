/**
 * npm run bench:load — registration day on this machine. Starts the local host as its own process
 * on loopback (embedded database on a fresh data directory) and drives a bounded, self-stopping
 * load of simulated parents: sign in, save a draft, upload a small photo, attach it, submit (with
 * a requestId); 10 % of submits are retried with the same requestId (must return the same
 * registration) and 10 % are followed by another family submitting the same child (must be
 * refused as a duplicate). Prints throughput, latency percentiles, errors and the count check,
 * first for one client (the baseline), then for many. Figures are printed, never asserted.
 *
 *   npm run bench:load [-- --parents 2000 --concurrency 64]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formMake } from '../tests/helpers/forms';
import { idNumberMake } from '../tests/helpers/ids';

const root = resolve(__dirname, '..');
const argv = process.argv.slice(2);
const opt = (name: string, d: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : d;
};
const PARENTS = opt('parents', 2000);
const CONCURRENCY = opt('concurrency', 64);
const BASELINE_PARENTS = opt('baseline', 150);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);

interface Host {
  readonly child: ChildProcess;
  readonly url: string;
}

function hostStart(dataDir: string, accounts: number): Promise<Host> {
  // BENCH_HOST_NODE_ARGS="--cpu-prof" profiles the host while it is under load.
  const extra = (process.env['BENCH_HOST_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'server/host/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      JUNHENG_DATA_DIR: dataDir,
      JUNHENG_PORT: '0',
      JUNHENG_H5_DIR: join(dataDir, 'no-h5'),
      JUNHENG_LOAD_ACCOUNTS: String(accounts),
      // An empty demo county: the benchmark's families are the only ones.
      JUNHENG_EMPTY_COUNTY: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((ok, ko) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) ok({ child, url: m[1] as string });
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => ko(new Error(`host exited ${code}: ${out}`)));
  });
}

/** Peak resident memory of a process (Linux), in MB. */
function peakMb(pid: number | undefined): number | null {
  const path = `/proc/${pid}/status`;
  if (!pid || !existsSync(path)) return null;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(path, 'utf8'));
  return m ? Number(m[1]) / 1024 : null;
}

/** CPU time a process has used, user and system, in ms; Linux only. */
function cpuMs(pid: number | undefined): { user: number; system: number } | null {
  const path = `/proc/${pid}/stat`;
  if (!pid || !existsSync(path)) return null;
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const rest = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const [user, system] = [Number(rest[11]) * 10, Number(rest[12]) * 10]; // USER_HZ is 100 on Linux
  return Number.isFinite(user) && Number.isFinite(system) ? { user, system } : null;
}

type Kind = 'signin' | 'draft' | 'upload' | 'attach' | 'submit' | 'retry' | 'duplicate';

class Stats {
  readonly lat = new Map<Kind, number[]>();
  readonly errors = new Map<string, number>();
  add(kind: Kind, ms: number) {
    (this.lat.get(kind) ?? this.lat.set(kind, []).get(kind))?.push(ms);
  }
  error(what: string) {
    this.errors.set(what, (this.errors.get(what) ?? 0) + 1);
  }
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};

async function timed<T>(stats: Stats, kind: Kind, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await run();
  } finally {
    stats.add(kind, performance.now() - t0);
  }
}

// The simulated phones speak plain node:http over kept-alive connections: fetch costs about twice
// the CPU per request, and on two cores every cycle the load generator burns is taken from the host.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function request(url: string, body: Uint8Array, headers: Record<string, string>): Promise<unknown> {
  return new Promise((ok, ko) => {
    const req = httpRequest(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            ok(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (e) {
            ko(e instanceof Error ? e : new Error(String(e)));
          }
        });
        res.on('error', ko);
      },
    );
    req.on('error', ko);
    req.end(body);
  });
}

async function post(
  url: string,
  body: unknown,
  token?: string,
): Promise<{ ok: boolean; code?: string; data?: never }> {
  return (await request(url, Buffer.from(JSON.stringify(body)), {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  })) as { ok: boolean; code?: string; data?: never };
}

interface Outcome {
  accepted: Set<string>;
  retriesSame: number;
  retriesDifferent: number;
  duplicatesRefused: number;
  duplicatesAccepted: number;
}

/** One simulated family's registration, start to end. */
async function family(url: string, i: number, base: number, stats: Stats, out: Outcome): Promise<void> {
  const n = base + i;
  const login = await timed(stats, 'signin', () => post(`${url}/api/demo/signin`, { key: `load-${n}` }));
  if (!login.ok) return stats.error(`signin ${login.code}`);
  const token = (login.data as unknown as { token: string }).token;
  const call = (fn: string, action: string, payload: unknown, requestId?: string) =>
    post(`${url}/api/fn/${fn}`, { action, payload, ...(requestId ? { requestId } : {}) }, token);
  // A distinct valid child per family: 999 sequence numbers per birth day.
  const birth = `2020-03-${String(1 + Math.floor(n / 999)).padStart(2, '0')}`;
  // …and its own home: families do not share one property certificate (that would be the
  // 一房一学位 case, which the submit checks against every earlier use of the property).
  const made = formMake({ idNumber: idNumberMake(birth, (n % 999) + 1) }, birth);
  const form = {
    ...made,
    property: made.property && {
      ...made.property,
      certificateNo: `浙(2024)青山县不动产权第${String(100000 + n).padStart(7, '0')}号`,
      address: `城关镇和平路${n + 1}号`,
    },
  };
  const draftId = `draft-load-${n}`;
  const saved = await timed(stats, 'draft', () => call('registration', 'saveDraft', { draftId, form }));
  if (!saved.ok) stats.error(`saveDraft ${saved.code}`);
  const up = await timed(stats, 'upload', async () => {
    return (await request(`${url}/api/files`, JPEG, { authorization: `Bearer ${token}` })) as {
      ok: boolean;
      code?: string;
      data?: { fileId: string };
    };
  });
  if (!up.ok || !up.data) return stats.error(`upload ${up.code}`);
  const fileId = up.data.fileId;
  const att = await timed(stats, 'attach', () =>
    call('registration', 'attachDocument', { draftId, slot: 'hukou_front', fileId }),
  );
  if (!att.ok) stats.error(`attach ${att.code}`);
  const requestId = `load-req-${n}-0001`;
  const submit = () =>
    call('registration', 'submit', { draftId, form, schoolTypeConfirmed: true }, requestId);
  const r = await timed(stats, 'submit', submit);
  if (!r.ok) return stats.error(`submit ${r.code}`);
  const id = (r.data as unknown as { id: string }).id;
  out.accepted.add(id);
  if (n % 10 === 3) {
    // The phone lost the answer and sends the same request again.
    const again = await timed(stats, 'retry', submit);
    if (again.ok && (again.data as unknown as { id: string }).id === id) out.retriesSame++;
    else out.retriesDifferent++;
  }
  if (n % 10 === 7) {
    // Another family (the next account) types in the same child: refused as a duplicate.
    const other = await post(`${url}/api/demo/signin`, {
      key: `load-${(n + 1) % (PARENTS + BASELINE_PARENTS)}`,
    });
    const t2 = (other.data as unknown as { token: string }).token;
    const dup = await timed(stats, 'duplicate', () =>
      post(
        `${url}/api/fn/registration`,
        { action: 'submit', payload: { draftId: `draft-dup-${n}`, form, schoolTypeConfirmed: true } },
        t2,
      ),
    );
    if (!dup.ok && dup.code === 'DUPLICATE_REGISTRATION') out.duplicatesRefused++;
    else out.duplicatesAccepted++;
  }
}

async function run(url: string, parents: number, base: number, concurrency: number, hostPid?: number) {
  const stats = new Stats();
  const out: Outcome = {
    accepted: new Set(),
    retriesSame: 0,
    retriesDifferent: 0,
    duplicatesRefused: 0,
    duplicatesAccepted: 0,
  };
  let next = 0;
  const hostCpu0 = cpuMs(hostPid);
  const ownCpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < parents; i = next++) await family(url, i, base, stats, out);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const hostCpu1 = cpuMs(hostPid);
  const own = process.cpuUsage(ownCpu0);
  const cpu = {
    hostMs:
      hostCpu0 !== null && hostCpu1 !== null
        ? hostCpu1.user + hostCpu1.system - hostCpu0.user - hostCpu0.system
        : null,
    hostSystemMs: hostCpu0 !== null && hostCpu1 !== null ? hostCpu1.system - hostCpu0.system : null,
    clientMs: (own.user + own.system) / 1000,
  };
  return { stats, out, seconds, cpu };
}

/** Registrations actually stored for the accounts of a run, counted through each family's list. */
async function storedCount(url: string, base: number, parents: number): Promise<number> {
  let n = 0;
  for (let i = base; i < base + parents; i++) {
    const login = await post(`${url}/api/demo/signin`, { key: `load-${i}` });
    const token = (login.data as unknown as { token: string }).token;
    const r = await post(`${url}/api/fn/registration`, { action: 'listMine', payload: {} }, token);
    n += (r.data as unknown as { items: unknown[] }).items.length;
  }
  return n;
}

function report(label: string, r: Awaited<ReturnType<typeof run>>, stored: number, parents: number) {
  const submits = r.stats.lat.get('submit') ?? [];
  const allSubmitCalls =
    submits.length + (r.stats.lat.get('retry')?.length ?? 0) + (r.stats.lat.get('duplicate')?.length ?? 0);
  const calls = [...r.stats.lat.values()].reduce((a, x) => a + x.length, 0);
  const row = (k: Kind) => {
    const xs = r.stats.lat.get(k) ?? [];
    return `${k.padEnd(9)} n=${String(xs.length).padStart(5)}  p50 ${pct(xs, 50).toFixed(1).padStart(6)} ms  p95 ${pct(xs, 95).toFixed(1).padStart(6)} ms  p99 ${pct(xs, 99).toFixed(1).padStart(6)} ms`;
  };
  console.log(`\n== ${label}: ${parents} families in ${r.seconds.toFixed(1)} s ==`);
  console.log(
    `throughput: ${(submits.length / r.seconds).toFixed(0)} accepted submits/s, ${(allSubmitCalls / r.seconds).toFixed(0)} submit calls/s (with retries and duplicates), ${(calls / r.seconds).toFixed(0)} requests/s in all`,
  );
  for (const k of ['signin', 'draft', 'upload', 'attach', 'submit', 'retry', 'duplicate'] as const)
    console.log(`  ${row(k)}`);
  const perFamily = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / parents).toFixed(1)} ms`);
  console.log(
    `cpu per family: host ${perFamily(r.cpu.hostMs)} (of it in the kernel ${perFamily(r.cpu.hostSystemMs)}; busy ${r.cpu.hostMs === null ? 'n/a' : ((100 * r.cpu.hostMs) / 1000 / r.seconds).toFixed(0)} % of one core), simulated phones ${perFamily(r.cpu.clientMs)}`,
  );
  console.log(
    `errors: ${r.stats.errors.size === 0 ? 'none' : JSON.stringify(Object.fromEntries(r.stats.errors))}`,
  );
  console.log(
    `count check: stored ${stored} = accepted ${r.out.accepted.size} ${stored === r.out.accepted.size && r.out.accepted.size === parents ? '✓' : '✗ MISMATCH or failures'}; retries answered with the same registration ${r.out.retriesSame} (different ${r.out.retriesDifferent}); duplicates refused ${r.out.duplicatesRefused} (accepted ${r.out.duplicatesAccepted})`,
  );
  return { submitsPerSecond: submits.length / r.seconds, p99: pct(submits, 99) };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'junheng-load-'));
  const host = await hostStart(join(dir, 'data'), PARENTS + BASELINE_PARENTS);
  try {
    console.log(`bench:load — node ${process.version}; host on ${host.url} (own process, PGlite on disk)`);
    const base = await run(host.url, BASELINE_PARENTS, PARENTS, 1, host.child.pid);
    report(
      'baseline: one client',
      base,
      await storedCount(host.url, PARENTS, BASELINE_PARENTS),
      BASELINE_PARENTS,
    );
    const load = await run(host.url, PARENTS, 0, CONCURRENCY, host.child.pid);
    const f = report(`load: ${CONCURRENCY} clients`, load, await storedCount(host.url, 0, PARENTS), PARENTS);
    console.log(
      `\ntarget ≥ 200 submits/s with p99 ≤ 250 ms: ${f.submitsPerSecond.toFixed(0)} submits/s, p99 ${f.p99.toFixed(0)} ms — ${f.submitsPerSecond >= 200 && f.p99 <= 250 ? 'met' : 'NOT met'}`,
    );
    const mb = peakMb(host.child.pid);
    if (mb !== null) console.log(`host peak RSS: ${mb.toFixed(0)} MB`);
  } finally {
    host.child.kill('SIGTERM');
    await new Promise((r) => host.child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
