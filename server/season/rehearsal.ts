/**
 * The season rehearsal: a fresh local host (empty demo county, its own clock), the season plan
 * played over the host's HTTP API with the checks after every stage. `npm run season` runs the
 * whole county; the test suite runs a few zones of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seasonPlanBuild, type SeasonPlan } from '../../shared/season/plan';
import { hostStart } from '../host/app';
import { demoCounty } from '../host/seed';
import { seasonRun, type SeasonReport } from './run';
import { seasonHttp } from './transport';

export interface RehearsalOptions {
  readonly seed: string;
  /** Only these zones take part (all when absent). */
  readonly zoneIds?: readonly string[];
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
  /** The first day of the rehearsal (the registration window is open around it). */
  readonly start?: Date;
}

export interface RehearsalResult {
  readonly plan: SeasonPlan;
  readonly report: SeasonReport;
  readonly ms: number;
}

export async function seasonRehearsal(o: RehearsalOptions): Promise<RehearsalResult> {
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'junheng-season-'));
  let now = o.start ?? new Date('2027-05-10T02:00:00Z');
  const county = demoCounty();
  // Generated families and one principal per school sign in as the host's numbered test accounts.
  const families = 20_000;
  const host = await hostStart({
    dataDir: dir,
    h5Dir: join(dir, 'no-h5'),
    port: 0,
    host: '127.0.0.1',
    clock: () => now,
    loadAccounts: families + county.schools.length,
    // A season compressed into a minute: people's per-second limits would only slow it down.
    rateLimit: null,
  });
  try {
    const probe = seasonHttp(host.url, families, []);
    const overview = await probe.as({ kind: 'bureau' }).call<{
      settings: { enrollmentYear: number };
      schools: { id: string; seats: number }[];
    }>('county', 'overview', {});
    if (!overview.ok) throw new Error(`season: ${overview.message}`);
    const plan = seasonPlanBuild({
      seed: o.seed,
      year: overview.data.settings.enrollmentYear,
      schools: county.schools,
      zones: county.zones,
      seats: Object.fromEntries(overview.data.schools.map((s) => [s.id, s.seats])),
      ...(o.zoneIds ? { zoneIds: o.zoneIds } : {}),
      demoFamilies: true,
    });
    if (plan.accounts > families) throw new Error(`season: ${plan.accounts} accounts needed`);
    const schoolIds = county.schools.map((s) => s.id as string);
    const report = await seasonRun({
      transport: seasonHttp(host.url, families, schoolIds),
      store: host.store,
      clock: {
        now: () => now,
        advanceDays: (d) => {
          now = new Date(now.getTime() + d * 86_400_000);
        },
      },
      plan,
      placement: { primary: 'published', junior: 'published' },
      afterPlacement: true,
      checks: true,
      concurrency: o.concurrency ?? 16,
      ...(o.log ? { log: o.log } : {}),
    });
    return { plan, report, ms: performance.now() - t0 };
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
