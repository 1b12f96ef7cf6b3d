/**
 * `npm start`'s demo county in full season (issue 17): at first start the host plays the season
 * through its own functions — here two zones of it, so the test stays short — leaving
 * registrations in every state, the primary draw published with an admitted cohort ready to
 * split into classes and the junior draw waiting (the demo families' own registrations are at the
 * town schools, outside these zones); a restart does not play it again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostStart } from '../../server/host/app';
import { fn, signIn } from '../helpers/http';

const dir = mkdtempSync(join(tmpdir(), 'junheng-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('first start seeds a season in progress; a restart keeps it', async () => {
  const start = () =>
    hostStart({
      dataDir: dir,
      h5Dir: join(dir, 'no-h5'),
      port: 0,
      host: '127.0.0.1',
      clock: () => new Date('2027-05-20T02:00:00Z'),
      demoSeason: { zoneIds: ['zp-sq-lx', 'zj-yl'] },
    });
  const host = await start();
  try {
    const bureau = await signIn(host.url, 'bureau-admin');
    const o = (await fn(host.url, bureau, 'county', 'overview', {})).body.data as unknown as {
      snapshot: { registrationsByStatus: Record<string, number> };
    };
    const by = o.snapshot.registrationsByStatus;
    for (const status of ['pending_review', 'needs_more', 'approved', 'rejected', 'withdrawn', 'admitted'])
      expect([status, (by[status] ?? 0) > 0]).toEqual([status, true]);
    const primary = (await fn(host.url, bureau, 'placement', 'status', { stage: 'primary' })).body
      .data as unknown as { final: { publishedAt: string | null } | null };
    expect(primary.final?.publishedAt).toBeTruthy();
    const junior = (await fn(host.url, bureau, 'placement', 'status', { stage: 'junior' })).body
      .data as unknown as { approved: number; freeze: unknown };
    expect(junior.freeze).toBeNull();
    expect(junior.approved).toBeGreaterThan(150); // 云岭乡初级中学 oversubscribed, waiting for its draw
    // The village school's admitted cohort is ready to split into classes (one class of 45).
    const plan = (await fn(host.url, bureau, 'classing', 'plan', { schoolId: 'p09' })).body
      .data as unknown as { cohortSize: number; status: string };
    expect(plan).toMatchObject({ cohortSize: 45, status: 'draft' });
  } finally {
    await host.close();
  }
  const again = await start();
  try {
    expect(again.seeded).toBe(false);
  } finally {
    await again.close();
  }
});
