/**
 * `npm start`'s demo county in full season: at first start the host plays a season plan through
 * its own functions (in-process, the dispatch path): registrations in every state (待审核, 需补充
 * 材料, 审核通过, 未通过, 已撤回, 已作废, 已录取, 统筹中), the primary draw published (城关第一小学's
 * admitted cohort ready to split into classes) and the junior one waiting for the bureau (青山县
 * 实验中学 oversubscribed), the demo families' own registrations, and the teacher roster for
 * rotation. JUNHENG_EMPTY_COUNTY=1 starts the empty county instead.
 */
import { seasonPlanBuild } from '../../shared/season/plan';
import { settingsWithDefaults } from '../../shared/settings';
import { seasonRun } from '../season/run';
import { seasonInProcess } from '../season/transport';
import type { Store } from '../store/port';
import type { LocalFiles } from './files';
import { demoCounty } from './seed';

export const DEMO_SEASON_SEED = 'junheng-demo-season-v1';

/** `zoneIds`: only these zones take part (tests); the whole county when absent. */
export async function demoSeasonSeed(
  store: Store,
  files: LocalFiles,
  clock: () => Date,
  zoneIds?: readonly string[],
): Promise<void> {
  const county = demoCounty();
  const stored = await store.getSettings();
  if (!stored) return;
  const s = settingsWithDefaults(stored);
  const plan = seasonPlanBuild({
    seed: DEMO_SEASON_SEED,
    year: s.enrollmentYear,
    schools: county.schools,
    zones: county.zones,
    seats: Object.fromEntries(county.schools.map((x) => [x.id, x.entryClasses * s.classCap[x.stage]])),
    demoFamilies: true,
    ...(zoneIds ? { zoneIds } : {}),
  });
  const openids = Object.fromEntries(county.accounts.map((a) => [a.key, a.openid as string]));
  const report = await seasonRun({
    transport: seasonInProcess(store, files, clock, openids),
    store,
    clock: { now: clock, advanceDays: () => undefined },
    plan,
    placement: { primary: 'published', junior: 'waiting' },
    afterPlacement: true,
    checks: false,
    concurrency: 8,
  });
  if (report.surprises.length > 0)
    console.warn(
      `[seed] 演示县报名季有 ${report.surprises.length} 处意外：\n  ${report.surprises.slice(0, 10).join('\n  ')}`,
    );
}
