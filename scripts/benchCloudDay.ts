/**
 * Registration day on the strict CloudBase double (part of `npm run bench:cloud`): families submit
 * at once through the registration function, each call with 30 ms of real latency per round trip
 * and the function's 5 s timeout, for a fixed number of submits; then every stored registration is
 * checked for what must come with it (its claim, notice, audit entry, kept answer, removed draft)
 * and the audit chain is verified. Printed beside a baseline in the same run: the same day with
 * one audit chain for the whole county (what the old design amounted to).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { registrationFunction } from '../cloudfunctions/registration/handler';
import { DEMO_ADMIN_OPENID } from '../server/host/seed';
import { dispatch } from '../server/runtime/define';
import { wxEnv } from '../server/runtime/wx';
import { auditVerify } from '../server/security/auditChain';
import { auditChainAll } from '../server/security/auditRead';
import { cloudbaseStore, type CloudbaseOptions } from '../server/store/cloudbase';
import type { WxDatabase } from '../server/store/wxApi';
import { asOpenId } from '../shared/brand';
import type { Envelope } from '../shared/errors';
import { countyBuild, COUNTY_NOW } from '../tests/cloud/county';
import { formMake } from '../tests/helpers/forms';
import { idNumberMake } from '../tests/helpers/ids';

const SUBMITS = Number(process.env['BENCH_DAY_SUBMITS'] ?? 1500);
const PHONES = Number(process.env['BENCH_DAY_PHONES'] ?? 300);

interface DayResult {
  readonly label: string;
  /** Submits answered ok per second (a refused or failed one is not a registration). */
  readonly perSecond: number;
  /** Every answer per second, ok or not. */
  readonly answeredPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: Record<string, number>;
  readonly stored: number;
  readonly missing: Record<string, number>;
  readonly chain: string;
  /** CPU time of this process during the day (user + system), ms. */
  readonly cpuMs: number;
  /** Of it, the phones' own work (making each family's form and event; wall time, an upper bound), ms. */
  readonly phonesMs: number;
  /** Load average (1 min) when the day began and when it ended. */
  readonly load: readonly [number, number];
}

async function day(label: string, store: CloudbaseOptions): Promise<DayResult> {
  const county = await countyBuild(
    { schools: 60, teachers: 800, registrations: 20_000, census: 0 },
    { latencyMs: 30, roundTripMs: 30 },
    store,
  );
  const zones = await county.store.listZones();
  const p01Community = zones.find((z) => z.schoolIds.includes('p01' as never))?.communities[0] as string;
  let bugs = 0;
  const main = (openid: string) => (e: unknown) =>
    dispatch(
      registrationFunction,
      {
        ...wxEnv(county.cloud.sdk, asOpenId(openid), new Date(COUNTY_NOW.getTime() + 1000), {
          firstAdminOpenid: DEMO_ADMIN_OPENID,
          subscribeTemplateId: 'TPL-REVIEW',
          rotationTemplateId: null,
        }),
        // The store as this day's design keeps it (the baseline: one audit chain).
        store: cloudbaseStore(county.cloud.sdk.database() as WxDatabase, store),
      },
      e,
      // The first bug in full; the rest are counted in the answers (INTERNAL).
      (err) => {
        if (bugs++ === 0) console.error('[registration.submit]', err);
      },
    );
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let next = 0;
  let phonesMs = 0;
  const loadBefore = loadavg()[0] ?? 0;
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  await Promise.all(
    Array.from({ length: PHONES }, async () => {
      while (next < SUBMITS) {
        const i = next++;
        const made0 = performance.now();
        const openid = `day-parent-${i}`;
        const made = formMake({
          // A distinct child per submit: a birth date in the primary intake's year, up to 999 a
          // day, from a region the county's own registrations do not use.
          idNumber: idNumberMake(
            new Date(Date.UTC(2020, 8, 1) + (i % 360) * 86_400_000).toISOString().slice(0, 10),
            1 + Math.floor(i / 360),
            '330110',
          ),
          // Names take no digits: the serial number in Han numerals.
          childName: `报名${[...String(i)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`,
          schoolId: 'p01',
          community: p01Community,
        });
        // A family's own home: every family sharing one certificate would make each submit read
        // every earlier one as a use of that property (and flag them all as 一房多用).
        const form = {
          ...made,
          property: made.property && {
            ...made.property,
            certificateNo: `浙(2024)青山县不动产权第${String(900_000 + i).padStart(7, '0')}号`,
          },
        };
        const event = {
          action: 'submit',
          payload: { draftId: `day-draft-${i}`, form, schoolTypeConfirmed: true },
          requestId: `day-${String(i).padStart(8, '0')}`,
        };
        const t = performance.now();
        phonesMs += t - made0;
        const res = await county.cloud.invoke('registration', main(openid), event, openid);
        latencies.push(performance.now() - t);
        const code = res.error
          ? `platform ${res.error.errCode}`
          : (res.result as Envelope<unknown>).ok
            ? 'ok'
            : (res.result as { code: string }).code;
        errors[code] = (errors[code] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const loadAfter = loadavg()[0] ?? 0;
  console.log(
    `  (${county.cloud.db.stats.conflicts} transaction conflicts, ${county.cloud.db.stats.calls} database calls)`,
  );
  latencies.sort((a, b) => a - b);
  // What must come with every stored registration.
  const db = county.cloud.db;
  const regs = db.dump('registrations').filter((r) => String(r['ownerOpenid']).startsWith('day-parent-'));
  const audit = db.dump('audit');
  const notices = new Set(db.dump('notices').map((n) => String(n['registrationId'])));
  const claims = new Map(
    db.dump('registrationClaims').map((c) => [String(c['_id']), String(c['registrationId'])]),
  );
  const audited = new Set(audit.map((a) => String(a['entity'])));
  const idem = db.dump('idempotency');
  const missing: Record<string, number> = { claim: 0, notice: 0, audit: 0, draft: 0 };
  for (const r of regs) {
    if (claims.get(String(r['childKey'])) !== r['_id']) missing['claim']!++;
    if (!notices.has(String(r['_id']))) missing['notice']!++;
    if (!audited.has(`registration:${String(r['_id'])}`)) missing['audit']!++;
  }
  missing['draft'] = db.dump('drafts').filter((d) => String(d['_id']).startsWith('day-parent-')).length;
  missing['answer pending'] = idem.filter((d) => d['state'] === 'pending').length;
  const reader = cloudbaseStore(db as unknown as WxDatabase, store);
  const rows = await auditChainAll(reader);
  const v = auditVerify(rows);
  const chains = new Set(rows.map((r) => r.chain)).size;
  return {
    label,
    perSecond: (errors['ok'] ?? 0) / seconds,
    answeredPerSecond: SUBMITS / seconds,
    p50: latencies[Math.floor(latencies.length / 2)] ?? 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    errors,
    stored: regs.length,
    missing,
    cpuMs: (cpu.user + cpu.system) / 1000,
    phonesMs,
    load: [loadBefore, loadAfter],
    chain: `${v.ok ? 'intact' : `BROKEN: ${v.problems.join(' ')}`} (${rows.length} entries in ${chains} chains)`,
  };
}

export async function registrationDay(): Promise<void> {
  console.log(
    `\nregistration day: ${SUBMITS} submits from ${PHONES} phones at once, 30 ms real latency per round trip, 5 s timeout (target ≥ 200 submits/s county-wide)`,
  );
  const designs: (readonly [string, CloudbaseOptions])[] = [
    ['sharded audit chains (this design)', {}],
    ['baseline: one audit chain for the county', { auditChains: 1 }],
  ];
  // BENCH_DAY_CHAINS=n: only the design with n chains (for trying chain counts).
  const only = Number(process.env['BENCH_DAY_CHAINS'] ?? 0);
  for (const [label, options] of only > 0 ? [[`${only} chains`, { auditChains: only }] as const] : designs) {
    const r = await day(label, options);
    console.log(
      `  ${label}: ${r.perSecond.toFixed(0)} accepted submits/s (${r.answeredPerSecond.toFixed(0)} answered/s), p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms; CPU ${(r.cpuMs / 1000).toFixed(1)} s (${(r.cpuMs / SUBMITS).toFixed(2)} ms a submit, of which the phones' own ${(r.phonesMs / SUBMITS).toFixed(2)} ms), load average ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}; answers ${JSON.stringify(r.errors)}; stored ${r.stored}; missing ${JSON.stringify(r.missing)}; audit chain ${r.chain}`,
    );
  }
}

if (require.main === module)
  registrationDay().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
