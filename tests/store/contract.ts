/**
 * The store contract: one suite every adapter must pass (PGlite for real; CloudBase against the
 * SDK double). It pins the behaviours the functions rely on: uniqueness by key, conditional
 * status changes, one-winner invite redemption, ordered paginated reads, append-only audit.
 */
import { asOpenId, asRegistrationId, asSchoolId } from '../../shared/brand';
import type { StatusChange } from '../../shared/registration/types';
import { policyDefaults } from '../../shared/settings';
import type { Store } from '../../server/store/port';
import { invite, registration, school, T0, teacher } from '../helpers/fixtures';

const change = (from: StatusChange['from'], to: StatusChange['to'], at = T0): StatusChange => ({
  from,
  to,
  at: at.toISOString(),
  by: { kind: 'user', openid: asOpenId('principal-1'), role: 'principal' },
  reason: null,
});

export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    test('settings round-trip and start empty', async () => {
      expect(await store.getSettings()).toBeNull();
      const s = policyDefaults(2027);
      await store.putSettings(s);
      expect(await store.getSettings()).toEqual(s);
    });

    test('schools, zones and teachers upsert and read back', async () => {
      await store.putSchools([school('s2'), school('s1')]);
      await store.putSchools([{ ...school('s1'), name: '改名学校' }]);
      expect((await store.listSchools()).map((s) => s.id)).toEqual(['s1', 's2']);
      expect((await store.getSchool(asSchoolId('s1')))?.name).toBe('改名学校');
      expect(await store.getSchool(asSchoolId('nope'))).toBeNull();
      await store.putTeachers(Array.from({ length: 5 }, (_, i) => teacher(`t${i}`, i < 3 ? 's1' : 's2')));
      const p1 = await store.listTeachersBySchool(asSchoolId('s1'), { offset: 0, limit: 2 });
      expect(p1.items.map((t) => t.id)).toEqual(['t0', 't1']);
      expect(p1.next).toBe(2);
      const p2 = await store.listTeachersBySchool(asSchoolId('s1'), { offset: 2, limit: 2 });
      expect(p2.items.map((t) => t.id)).toEqual(['t2']);
      expect(p2.next).toBeNull();
      const snap = await store.countySnapshot();
      expect(snap).toMatchObject({ schools: 2, teachers: 5 });
    });

    test('a second registration with the same key is refused, the first is kept', async () => {
      expect(await store.createRegistration(registration('r1'))).toEqual({ status: 'created' });
      const again = registration('r1', { childName: '另一个名字', ownerOpenid: asOpenId('parent-b') });
      expect(await store.createRegistration(again)).toEqual({ status: 'duplicate' });
      const kept = await store.getRegistration(asRegistrationId('r1'));
      expect(kept?.childName).toBe('测试儿童');
      expect(kept?.ownerOpenid).toBe('parent-a');
    });

    test('status changes apply only at the expected version and status', async () => {
      await store.createRegistration(registration('r1'));
      const ok = await store.transitionRegistration(
        asRegistrationId('r1'),
        1,
        change('pending_review', 'approved'),
      );
      expect(ok.status).toBe('ok');
      const got = await store.getRegistration(asRegistrationId('r1'));
      expect(got).toMatchObject({ status: 'approved', version: 2 });
      expect(got?.history.at(-1)).toMatchObject({ from: 'pending_review', to: 'approved' });
      // The same (now stale) request again changes nothing.
      const stale = await store.transitionRegistration(
        asRegistrationId('r1'),
        1,
        change('pending_review', 'rejected'),
      );
      expect(stale.status).toBe('stale');
      expect(await store.getRegistration(asRegistrationId('r1'))).toMatchObject({
        status: 'approved',
        version: 2,
      });
      const missing = await store.transitionRegistration(
        asRegistrationId('zz'),
        1,
        change('pending_review', 'approved'),
      );
      expect(missing.status).toBe('not_found');
    });

    test('of two concurrent changes at one version exactly one wins', async () => {
      await store.createRegistration(registration('r1'));
      const id = asRegistrationId('r1');
      const results = await Promise.all([
        store.transitionRegistration(id, 1, change('pending_review', 'approved')),
        store.transitionRegistration(id, 1, change('pending_review', 'rejected')),
      ]);
      expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
      expect((await store.getRegistration(id))?.version).toBe(2);
    });

    test('queues are per school, filtered by status, ordered by time, paginated', async () => {
      for (let i = 0; i < 5; i++) {
        await store.createRegistration(
          registration(`r${i}`, {
            schoolId: asSchoolId(i === 4 ? 's2' : 's1'),
            createdAt: new Date(T0.getTime() + (10 - i) * 1000).toISOString(),
            status: i === 3 ? 'approved' : 'pending_review',
          }),
        );
      }
      const pending = await store.listSchoolQueue(asSchoolId('s1'), 'pending_review', {
        offset: 0,
        limit: 2,
      });
      expect(pending.items.map((r) => r.id)).toEqual(['r2', 'r1']);
      expect(pending.next).toBe(2);
      const rest = await store.listSchoolQueue(asSchoolId('s1'), 'pending_review', { offset: 2, limit: 2 });
      expect(rest.items.map((r) => r.id)).toEqual(['r0']);
      const all = await store.listSchoolQueue(asSchoolId('s1'), null, { offset: 0, limit: 10 });
      expect(all.items).toHaveLength(4);
    });

    test('owners see only their own registrations, newest first', async () => {
      await store.createRegistration(registration('a1', { createdAt: '2027-05-01T00:00:00.000Z' }));
      await store.createRegistration(registration('a2', { createdAt: '2027-05-02T00:00:00.000Z' }));
      await store.createRegistration(registration('b1', { ownerOpenid: asOpenId('parent-b') }));
      const mine = await store.listRegistrationsByOwner(asOpenId('parent-a'), { offset: 0, limit: 10 });
      expect(mine.items.map((r) => r.id)).toEqual(['a2', 'a1']);
    });

    test('an invite is redeemed once, by one caller, before it expires', async () => {
      expect(await store.createInvite(invite('CODE234567'))).toEqual({ status: 'created' });
      expect(await store.createInvite(invite('CODE234567'))).toEqual({ status: 'duplicate' });
      const [a, b] = await Promise.all([
        store.redeemInvite('CODE234567', asOpenId('u1'), T0),
        store.redeemInvite('CODE234567', asOpenId('u2'), T0),
      ]);
      expect([a.status, b.status].sort()).toEqual(['redeemed', 'used']);
      expect((await store.redeemInvite('CODE234567', asOpenId('u3'), T0)).status).toBe('used');
      expect((await store.redeemInvite('NOSUCHCODE', asOpenId('u3'), T0)).status).toBe('not_found');
      await store.createInvite(invite('OLDCODE234', { expiresAt: T0.toISOString() }));
      expect((await store.redeemInvite('OLDCODE234', asOpenId('u3'), T0)).status).toBe('expired');
    });

    test('a binding is created once per OPENID', async () => {
      const b = {
        openid: asOpenId('u1'),
        role: 'teacher' as const,
        schoolId: asSchoolId('s1'),
        teacherId: null,
        displayName: '老师',
        createdAt: T0.toISOString(),
        via: 'invite' as const,
      };
      expect(await store.createBinding(b)).toEqual({ status: 'created' });
      expect(await store.createBinding({ ...b, role: 'bureau' })).toEqual({ status: 'duplicate' });
      expect((await store.getBinding(asOpenId('u1')))?.role).toBe('teacher');
      expect(await store.getBinding(asOpenId('u2'))).toBeNull();
    });

    test('audit entries append in order per entity', async () => {
      await store.appendAudit({
        at: T0.toISOString(),
        actor: 'a',
        action: 'x.one',
        entity: 'e1',
        detail: { n: 1 },
      });
      await store.appendAudit({
        at: new Date(T0.getTime() + 1).toISOString(),
        actor: 'a',
        action: 'x.two',
        entity: 'e1',
        detail: { n: 2 },
      });
      await store.appendAudit({ at: T0.toISOString(), actor: 'a', action: 'y', entity: 'e2', detail: {} });
      const log = await store.listAudit('e1');
      expect(log.map((e) => e.action)).toEqual(['x.one', 'x.two']);
      expect(log[1]).toMatchObject({
        actor: 'a',
        detail: { n: 2 },
        at: new Date(T0.getTime() + 1).toISOString(),
      });
    });
  });
}
