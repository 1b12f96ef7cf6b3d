/**
 * First-start seeding of the demo county: schools, zones, teachers, policy settings, and staff
 * bindings for the demo accounts made through the same invite-code path real staff use.
 * Idempotent: a start interrupted half-way seeds again; settings are written last and mark done.
 */
import { asCstDate } from '../../shared/brand';
import { demoCountyGenerate, type DemoCounty } from '../../shared/county/demoCounty';
import type { Invite } from '../../shared/identity/roles';
import { rngFromSeed } from '../../shared/random';
import { policyDefaults, type PolicySettings } from '../../shared/settings';
import { cstDateOf } from '../../shared/time';
import { inviteCodeNew } from '../runtime/inviteCode';
import type { Store } from '../store/port';

export const DEMO_SEED = 'junheng-demo-county-v1';
export const DEMO_ADMIN_OPENID = 'demo-bureau-admin';

/** The demo county, same for every machine (reference year fixed so it never drifts). */
export const demoCounty = (): DemoCounty => demoCountyGenerate(rngFromSeed(DEMO_SEED), 2026);

const DAY = 24 * 60 * 60 * 1000;

/**
 * Demo policy: the cycle whose registration is under way at `now` (entry in September), with
 * the window open from two weeks ago to two months ahead so the demo can be tried at once.
 */
export function demoSettings(now: Date): PolicySettings {
  const today = cstDateOf(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const base = policyDefaults(m >= 9 ? y + 1 : y);
  const closes = asCstDate(cstDateOf(new Date(now.getTime() + 60 * DAY)));
  return {
    ...base,
    registrationOpens: asCstDate(cstDateOf(new Date(now.getTime() - 14 * DAY))),
    registrationCloses: closes,
    // The demo county allows 缺件先报 until the window closes (a county's choice; the default is no).
    missingDocumentsUntil: closes,
    enrollmentHotline: '0571-8800 1234',
  };
}

/** Seeds the store if it has no policy settings yet. Returns whether it seeded. */
export async function demoSeed(store: Store, now: Date): Promise<boolean> {
  if (await store.getSettings()) return false;
  const county = demoCounty();
  await store.putSchools(county.schools);
  await store.putZones(county.zones);
  await store.putTeachers(county.teachers);
  for (const a of county.accounts) {
    if (a.role === 'parent' || a.role === 'bureau') continue;
    if (await store.getBinding(a.openid)) continue;
    const invite: Invite = {
      code: inviteCodeNew(),
      role: a.role,
      schoolId: a.schoolId,
      teacherId: a.teacherId,
      displayName: a.displayName,
      createdBy: DEMO_ADMIN_OPENID as Invite['createdBy'],
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + DAY).toISOString(),
      usedBy: null,
      usedAt: null,
    };
    await store.createInvite(invite);
    const res = await store.redeemInvite(invite.code, a.openid, now);
    if (res.status !== 'redeemed') throw new Error(`demo invite for ${a.key}: ${res.status}`);
    await store.createBinding({
      openid: a.openid,
      role: a.role,
      schoolId: a.schoolId,
      teacherId: a.teacherId,
      displayName: a.displayName,
      createdAt: now.toISOString(),
      via: 'invite',
    });
  }
  await store.putSettings(demoSettings(now));
  return true;
}
