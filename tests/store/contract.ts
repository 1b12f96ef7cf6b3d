/**
 * The store contract: one suite every adapter must pass (PGlite for real; CloudBase against the
 * SDK double). It pins the behaviours the functions rely on: uniqueness by key, conditional
 * status changes, one-winner invite redemption, ordered paginated reads, append-only audit.
 */
import { auditPosition, auditVerify } from '../../server/security/auditChain';
import { asOpenId, asRegistrationId, asSchoolId } from '../../shared/brand';
import type { StatusChange } from '../../shared/registration/types';
import { policyDefaults } from '../../shared/settings';
import { anyQueue, type Store } from '../../server/store/port';
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

    test('one registration holds a child: another for the same child is refused until it is withdrawn or voided', async () => {
      const child = { childKey: 'child-x' };
      const first = registration('x1', { ...child });
      expect(await store.createRegistration(first)).toEqual({ status: 'created' });
      // Another account, another id, the same child: refused; so is a refused (未通过) holder's child.
      const other = registration('x2', { ...child, ownerOpenid: asOpenId('parent-b') });
      expect(await store.createRegistration(other)).toEqual({ status: 'duplicate' });
      const rej = await store.transitionRegistration(first.id, 1, change('pending_review', 'rejected'));
      expect(rej.status).toBe('ok');
      expect(await store.createRegistration(other)).toEqual({ status: 'duplicate' });
      // Voided (作废): the child is free; the voided record stays, with its history.
      const voided = await store.transitionRegistration(first.id, 2, change('rejected', 'voided'));
      expect(voided.status).toBe('ok');
      expect(await store.createRegistration({ ...other, previousId: first.id })).toEqual({
        status: 'created',
      });
      expect(await store.getRegistration(first.id)).toMatchObject({ status: 'voided', version: 3 });
      // Withdrawn: free again; a third holder while the second holds is refused.
      const third = registration('x3', { ...child, previousId: other.id });
      expect(await store.createRegistration(third)).toEqual({ status: 'duplicate' });
      await store.transitionRegistration(other.id, 1, change('pending_review', 'withdrawn'));
      expect(await store.createRegistration(third)).toEqual({ status: 'created' });
      const all = await store.listRegistrationsByChild('child-x');
      expect(all.map((r) => [r.id, r.status, r.previousId])).toEqual([
        ['x1', 'voided', null],
        ['x2', 'withdrawn', 'x1'],
        ['x3', 'pending_review', 'x2'],
      ]);
      expect(all[0]?.history.map((h) => h.to)).toEqual(['rejected', 'voided']);
      expect(await store.listRegistrationsByChild('child-none')).toEqual([]);
      // The withdrawn one is still its family's.
      const mine = await store.listRegistrationsByOwner(asOpenId('parent-b'), { offset: 0, limit: 10 });
      expect(mine.items.map((r) => r.id)).toEqual(['x2']);
    });

    test('of registrations racing for one child from several accounts exactly one is created', async () => {
      const racers = Array.from({ length: 6 }, (_, i) =>
        registration(`race-${i}`, { childKey: 'child-race', ownerOpenid: asOpenId(`parent-${i}`) }),
      );
      const results = await Promise.all(racers.map((r) => store.createRegistration(r)));
      expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
      const held = (await store.listRegistrationsByChild('child-race')).filter(
        (r) => r.status !== 'withdrawn',
      );
      expect(held).toHaveLength(1);
      // Released by withdrawal, raced for again: again exactly one.
      const holder = held[0]!;
      await store.transitionRegistration(holder.id, 1, change('pending_review', 'withdrawn'));
      const again = racers
        .filter((r) => r.id !== holder.id)
        .map((r, i) => ({ ...r, id: asRegistrationId(`race-again-${i}`), previousId: holder.id }));
      const second = await Promise.all(again.map((r) => store.createRegistration(r)));
      expect(second.filter((r) => r.status === 'created')).toHaveLength(1);
      const holding = (await store.listRegistrationsByChild('child-race')).filter(
        (r) => r.status === 'pending_review',
      );
      expect(holding).toHaveLength(1);
    });

    test('admitted children are listed at the school the published result placed them, wherever they applied', async () => {
      const placed = (schoolId: string) => ({
        runId: 'run-1',
        schoolId: asSchoolId(schoolId),
        lottery: 1,
        tierLabel: '一类',
        cutoff: null,
        explanation: '',
      });
      await store.createRegistration(registration('a1', { status: 'admitted', placement: placed('s2') }));
      await store.createRegistration(registration('a2', { status: 'admitted', placement: placed('s1') }));
      await store.createRegistration(registration('a3', { status: 'reported', placement: placed('s2') }));
      await store.createRegistration(registration('a4', { status: 'coordinating', placement: placed('s2') }));
      await store.createRegistration(
        registration('a5', { status: 'admitted', placement: placed('s2'), year: 2026 }),
      );
      await store.createRegistration(registration('a6', { schoolId: asSchoolId('s2') }));
      const s2 = await store.listAdmittedAt(asSchoolId('s2'), 2027, { offset: 0, limit: 1 });
      expect(s2.items.map((r) => r.id)).toEqual(['a1']);
      expect(s2.next).toBe(1);
      const rest = await store.listAdmittedAt(asSchoolId('s2'), 2027, { offset: 1, limit: 10 });
      expect(rest.items.map((r) => r.id)).toEqual(['a3']);
      const s1 = await store.listAdmittedAt(asSchoolId('s1'), 2027, { offset: 0, limit: 10 });
      expect(s1.items.map((r) => r.id)).toEqual(['a2']);
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
      const pendingOnly = { ...anyQueue, status: 'pending_review' as const };
      const pending = await store.listSchoolQueue(asSchoolId('s1'), pendingOnly, { offset: 0, limit: 2 });
      expect(pending.items.map((r) => r.id)).toEqual(['r2', 'r1']);
      expect(pending.next).toBe(2);
      const rest = await store.listSchoolQueue(asSchoolId('s1'), pendingOnly, { offset: 2, limit: 2 });
      expect(rest.items.map((r) => r.id)).toEqual(['r0']);
      // The count above the pages is what the pages reach.
      expect(await store.countSchoolQueue(asSchoolId('s1'), pendingOnly)).toBe(3);
      const all = await store.listSchoolQueue(asSchoolId('s1'), anyQueue, { offset: 0, limit: 10 });
      expect(all.items).toHaveLength(4);
      expect(await store.countSchoolQueue(asSchoolId('s1'), anyQueue)).toBe(4);
      expect(await store.countSchoolQueue(asSchoolId('s2'), pendingOnly)).toBe(1);
    });

    test('queues filter by tier (0 = 统筹), flag and exact search key', async () => {
      const s1 = asSchoolId('s1');
      await store.createRegistration(registration('t1'));
      await store.createRegistration(
        registration('t3', {
          tier: { status: 'eligible', tier: 3, label: '三类', reasons: [] },
          flags: ['property_reused', 'missing_documents'],
          searchKeys: ['李四', '1234'],
        }),
      );
      await store.createRegistration(registration('t0', { tier: { status: 'ineligible', reasons: [] } }));
      const ids = async (f: Partial<typeof anyQueue>) =>
        (await store.listSchoolQueue(s1, { ...anyQueue, ...f }, { offset: 0, limit: 10 })).items.map(
          (r) => r.id,
        );
      expect(await ids({ tier: 3 })).toEqual(['t3']);
      expect(await ids({ tier: 0 })).toEqual(['t0']);
      expect(await ids({ flag: 'property_reused' })).toEqual(['t3']);
      expect(await ids({ flag: 'over_age' })).toEqual([]);
      expect(await ids({ search: '1234' })).toEqual(['t3']);
      expect(await ids({ search: '123' })).toEqual([]);
      expect(await ids({ route: 'resident' })).toEqual(['t0', 't1', 't3']); // same time: by id
      expect(await ids({ route: 'migrant' })).toEqual([]);
      for (const f of [{ tier: 3 }, { tier: 0 }, { flag: 'property_reused' }, { search: '1234' }, {}])
        expect(await store.countSchoolQueue(s1, { ...anyQueue, ...f })).toBe((await ids(f)).length);
    });

    test('a status change can carry a new form, replacing (not merging) nested fields', async () => {
      const doc = (fileId: string) => ({ fileId, sha256: 'x', mime: 'image/png', size: 1, at: 't' });
      await store.createRegistration(registration('p1', { documents: { a: doc('f1') } }));
      const id = asRegistrationId('p1');
      const res = await store.transitionRegistration(id, 1, change('pending_review', 'needs_more'), {
        documents: { b: doc('f2') },
        flags: ['missing_documents'],
        tier: { status: 'eligible', tier: 2, label: '二类', reasons: [] },
      });
      expect(res.status).toBe('ok');
      const got = await store.getRegistration(id);
      expect(Object.keys(got?.documents ?? {})).toEqual(['b']);
      expect(got?.flags).toEqual(['missing_documents']);
      const byTier = await store.listSchoolQueue(
        asSchoolId('s1'),
        { ...anyQueue, tier: 2 },
        { offset: 0, limit: 5 },
      );
      expect(byTier.items.map((r) => r.id)).toEqual(['p1']);
    });

    test('property uses by key, stage and year; withdrawn and voided ones do not count', async () => {
      await store.createRegistration(registration('u1', { propertyKey: 'K1', year: 2022 }));
      await store.createRegistration(registration('u2', { propertyKey: 'K1', year: 2019 }));
      await store.createRegistration(registration('u3', { propertyKey: 'K1', stage: 'junior' }));
      await store.createRegistration(registration('u4', { propertyKey: 'K1', status: 'withdrawn' }));
      await store.createRegistration(registration('u6', { propertyKey: 'K1', status: 'voided' }));
      await store.createRegistration(registration('u5', { propertyKey: 'K2' }));
      const uses = await store.findPropertyUses('K1', 'primary', 2021);
      expect(uses.map((u) => [u.registrationId, u.year])).toEqual([['u1', 2022]]);
    });

    test('drafts are per owner and can be replaced and removed', async () => {
      const owner = asOpenId('parent-a');
      const form = registration('x').form;
      await store.saveDraftForm(owner, 'd1', form, T0.toISOString());
      await store.saveDraftForm(
        owner,
        'd1',
        { ...form, childName: '改过' },
        new Date(T0.getTime() + 1).toISOString(),
      );
      expect((await store.getDraft(owner, 'd1'))?.form.childName).toBe('改过');
      expect(await store.getDraft(asOpenId('parent-b'), 'd1')).toBeNull();
      expect(await store.listDrafts(owner)).toHaveLength(1);
      await store.deleteDraft(owner, 'd1');
      expect(await store.getDraft(owner, 'd1')).toBeNull();
    });

    test('a draft keeps its documents when the form is saved; slots change one at a time', async () => {
      const owner = asOpenId('parent-a');
      const form = registration('x').form;
      const ref = (n: string) => ({
        fileId: `f-${n}`,
        sha256: n.repeat(64).slice(0, 64),
        mime: 'image/jpeg' as const,
        size: 10,
        at: T0.toISOString(),
      });
      const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();
      expect(await store.setDraftDocument(owner, 'd1', 'hukou_front', ref('a'), at(0))).toBe('not_found');
      await store.saveDraftForm(owner, 'd1', form, at(1));
      // Two photos attached at the same moment, and the form saved meanwhile: nothing is lost.
      await Promise.all([
        store.setDraftDocument(owner, 'd1', 'hukou_front', ref('a'), at(2)),
        store.setDraftDocument(owner, 'd1', 'hukou_back', ref('b'), at(3)),
        store.saveDraftForm(owner, 'd1', { ...form, childName: '改过' }, at(4)),
      ]);
      const d = await store.getDraft(owner, 'd1');
      expect(d?.form.childName).toBe('改过');
      expect(d?.documents).toEqual({ hukou_front: ref('a'), hukou_back: ref('b') });
      expect(await store.setDraftDocument(owner, 'd1', 'hukou_front', null, at(5))).toBe('ok');
      expect((await store.getDraft(owner, 'd1'))?.documents).toEqual({ hukou_back: ref('b') });
      expect((await store.getDraft(owner, 'd1'))?.updatedAt).toBe(at(5));
      expect(await store.getDraft(asOpenId('parent-b'), 'd1')).toBeNull();
      expect(await store.setDraftDocument(asOpenId('parent-b'), 'd1', 'hukou_back', null, at(6))).toBe(
        'not_found',
      );
    });

    test('a registration takes its draft removal, notice and audit entry along; a duplicate takes none', async () => {
      const owner = asOpenId('parent-a');
      await store.saveDraftForm(owner, 'd1', registration('x').form, T0.toISOString());
      await store.saveDraftForm(owner, 'd2', registration('x').form, T0.toISOString());
      const audit = (n: string) => ({
        at: T0.toISOString(),
        actor: 'parent-a',
        action: 'registration.submit',
        entity: `registration:${n}`,
        detail: { n },
      });
      const notice = (n: string) => ({
        id: `notice-${n}`,
        ownerOpenid: owner,
        at: T0.toISOString(),
        title: '报名已提交',
        body: n,
        registrationId: asRegistrationId('r1'),
        pushed: false,
      });
      const also = (d: string, n: string) => ({
        draft: { owner, id: d },
        audit: audit(n),
        notice: notice(n),
        idempotency: { key: `key-${n}`, response: { ok: true, data: n } },
      });
      for (const n of ['first', 'again'])
        expect(await store.idempotencyClaim(`key-${n}`, 'h', T0, 60_000)).toEqual({ status: 'claimed' });
      expect(await store.createRegistration(registration('r1'), also('d1', 'first'))).toEqual({
        status: 'created',
      });
      expect(await store.getDraft(owner, 'd1')).toBeNull();
      expect(await store.createRegistration(registration('r1'), also('d2', 'again'))).toEqual({
        status: 'duplicate',
      });
      expect(await store.getDraft(owner, 'd2')).not.toBeNull();
      const chain = await store.auditChainPage(0, 10);
      expect(chain.map((c) => c.entry.detail['n'])).toEqual(['first']);
      expect((await store.listNotices(owner, { offset: 0, limit: 10 })).items.map((n) => n.body)).toEqual([
        'first',
      ]);
      // The first request's answer is kept; the refused one is still pending (dispatch frees it).
      expect(await store.idempotencyClaim('key-first', 'h', T0, 60_000)).toEqual({
        status: 'done',
        response: { ok: true, data: 'first' },
      });
      expect(await store.idempotencyClaim('key-again', 'h', T0, 60_000)).toEqual({ status: 'pending' });
      await store.appendAudit(audit('after'));
      expect(auditVerify(await store.auditChainPage(0, 10))).toMatchObject({ ok: true, count: 2 });
    });

    test('files and notices', async () => {
      const owner = asOpenId('parent-a');
      await store.putFile({
        id: 'f1',
        ownerOpenid: owner,
        sha256: 'abc',
        mime: 'image/png',
        size: 10,
        createdAt: T0.toISOString(),
      });
      expect((await store.getFile('f1'))?.ownerOpenid).toBe('parent-a');
      expect(await store.getFile('nope')).toBeNull();
      // The upload quota: bytes per owner, a second record of the same id counted once.
      await store.putFile({
        id: 'f2',
        ownerOpenid: owner,
        sha256: 'def',
        mime: 'image/png',
        size: 32,
        createdAt: T0.toISOString(),
      });
      await store.putFile({
        id: 'f2',
        ownerOpenid: owner,
        sha256: 'def',
        mime: 'image/png',
        size: 32,
        createdAt: T0.toISOString(),
      });
      await store.putFile({
        id: 'f3',
        ownerOpenid: asOpenId('parent-b'),
        sha256: 'x',
        mime: 'image/png',
        size: 5,
        createdAt: T0.toISOString(),
      });
      expect(await store.fileBytesOwned(owner)).toBe(42);
      expect(await store.fileBytesOwned(asOpenId('parent-b'))).toBe(5);
      expect(await store.fileBytesOwned(asOpenId('nobody'))).toBe(0);
      await store.deleteFileRecord('f2');
      expect(await store.fileBytesOwned(owner)).toBe(10);
      for (let i = 0; i < 3; i++) {
        await store.appendNotice({
          id: `n${i}`,
          ownerOpenid: owner,
          at: new Date(T0.getTime() + i).toISOString(),
          title: `通知${i}`,
          body: '',
          registrationId: null,
        });
      }
      const page = await store.listNotices(owner, { offset: 0, limit: 2 });
      expect(page.items.map((n) => n.title)).toEqual(['通知2', '通知1']);
      expect(page.next).toBe(2);
      expect((await store.listNotices(asOpenId('parent-b'), { offset: 0, limit: 2 })).items).toEqual([]);
    });

    test('counts by tier and status for one school and year', async () => {
      await store.putSettings(policyDefaults(2027));
      await store.createRegistration(registration('c1'));
      await store.createRegistration(registration('c2'));
      await store.createRegistration(registration('c3', { status: 'approved' }));
      await store.createRegistration(registration('c4', { tier: { status: 'ineligible', reasons: [] } }));
      await store.createRegistration(registration('c5', { year: 2026 }));
      await store.createRegistration(registration('c6', { schoolId: asSchoolId('s2') }));
      const counts = await store.countByTierStatus(asSchoolId('s1'), 2027);
      expect([...counts].sort((a, b) => a.tier - b.tier || a.status.localeCompare(b.status))).toEqual([
        { tier: 0, status: 'pending_review', count: 1 },
        { tier: 1, status: 'approved', count: 1 },
        { tier: 1, status: 'pending_review', count: 2 },
      ]);
    });

    test('the zone table is replaced whole', async () => {
      const z = (id: string, communities: string[]) => ({
        id: id as never,
        name: id,
        stage: 'primary' as const,
        township: '城关镇',
        schoolIds: ['s1' as never],
        communities,
      });
      await store.putZones([z('za', ['甲']), z('zb', ['乙'])]);
      await store.replaceZones([z('zb', ['乙', '丙']), z('zc', ['丁'])]);
      const zones = await store.listZones();
      expect(zones.map((x) => [x.id, x.communities])).toEqual([
        ['zb', ['乙', '丙']],
        ['zc', ['丁']],
      ]);
    });

    test('subscribe-message quota: each acceptance allows exactly one message', async () => {
      const u = asOpenId('parent-a');
      expect(await store.subscriptionConsume(u, 'T1')).toBe(false);
      expect(await store.subscriptionQuota(u, 'T1')).toBe(0);
      expect(await store.subscriptionGrant(u, 'T1')).toBe(1);
      expect(await store.subscriptionGrant(u, 'T1')).toBe(2);
      expect(await store.subscriptionQuota(u, 'T1')).toBe(2);
      const spent = await Promise.all([1, 2, 3, 4].map(() => store.subscriptionConsume(u, 'T1')));
      expect(spent.filter(Boolean)).toHaveLength(2);
      expect(await store.subscriptionConsume(u, 'T1')).toBe(false);
      expect(await store.subscriptionConsume(asOpenId('parent-b'), 'T1')).toBe(false);
    });

    test('placement: registrations by status, one freeze per id, append-only runs', async () => {
      await store.createRegistration(registration('q2', { status: 'approved' }));
      await store.createRegistration(registration('q1', { status: 'approved' }));
      await store.createRegistration(registration('q3', { status: 'pending_review' }));
      await store.createRegistration(registration('q4', { status: 'approved', stage: 'junior' }));
      const page = await store.listRegistrationsByStatus(2027, 'primary', 'approved', {
        offset: 0,
        limit: 10,
      });
      expect(page.items.map((r) => r.id)).toEqual(['q1', 'q2']);
      const freeze = {
        id: '2027-primary',
        year: 2027,
        stage: 'primary' as const,
        frozenAt: T0.toISOString(),
        by: 'admin',
        inputHash: 'h',
        count: 0,
        input: { schools: [], students: [] },
      };
      expect(await store.createFreeze(freeze)).toEqual({ status: 'created' });
      expect(await store.createFreeze({ ...freeze, inputHash: 'other' })).toEqual({ status: 'duplicate' });
      expect((await store.getFreeze('2027-primary'))?.inputHash).toBe('h');
      const run = {
        id: '2027-primary:final',
        freezeId: '2027-primary',
        dryRun: false,
        at: T0.toISOString(),
        by: 'admin',
        result: {} as never,
        coordination: {},
        publishedAt: null,
      };
      expect(await store.createPlacementRun(run)).toEqual({ status: 'created' });
      expect(await store.createPlacementRun(run)).toEqual({ status: 'duplicate' });
      await store.markRunPublished(run.id, T0.toISOString());
      expect((await store.getPlacementRun(run.id))?.publishedAt).toBe(T0.toISOString());
    });

    test('placement responses: created once, updated only at the version read, appeals listed by state', async () => {
      const base = {
        ownerOpenid: asOpenId('parent-a'),
        year: 2027,
        stage: 'primary' as const,
        runId: '2027-primary:final',
        schoolId: asSchoolId('s1'),
        acceptedAt: null,
        appeal: null,
        answer: null,
        version: 1,
      };
      const r1 = { ...base, id: asRegistrationId('r1') };
      expect(await store.getPlacementResponse(r1.id)).toBeNull();
      expect(await store.savePlacementResponse(r1, null)).toEqual({ status: 'ok' });
      expect(await store.savePlacementResponse(r1, null)).toEqual({ status: 'conflict' });
      const appeal = { text: '我家就在学校对面，请复核。', document: null, at: '2027-07-02T01:00:00.000Z' };
      const appealed = { ...r1, appeal, version: 2 };
      // Two taps that both read version 1: one wins.
      const [a, b] = await Promise.all([
        store.savePlacementResponse(appealed, 1),
        store.savePlacementResponse({ ...r1, acceptedAt: T0.toISOString(), version: 2 }, 1),
      ]);
      expect([a.status, b.status].sort()).toEqual(['conflict', 'ok']);
      const now = await store.getPlacementResponse(r1.id);
      expect(now?.version).toBe(2);
      // Another child appealed earlier; a third never appealed; another year is not listed.
      const r2 = {
        ...base,
        id: asRegistrationId('r2'),
        appeal: { ...appeal, at: '2027-07-01T00:00:00.000Z' },
      };
      await store.savePlacementResponse(r2, null);
      await store.savePlacementResponse({ ...base, id: asRegistrationId('r3') }, null);
      await store.savePlacementResponse({ ...r2, id: asRegistrationId('r4'), year: 2026 }, null);
      const open = await store.listAppeals(2027, 'open', { offset: 0, limit: 10 });
      const expected = now?.appeal ? ['r2', 'r1'] : ['r2'];
      expect(open.items.map((x) => x.id)).toEqual(expected);
      expect(open.items[0]).toEqual(r2);
      const answer = {
        text: '经核实维持原结果。',
        outcome: 'dismissed' as const,
        by: asOpenId('admin'),
        at: T0.toISOString(),
      };
      expect(await store.savePlacementResponse({ ...r2, answer, version: 2 }, 1)).toEqual({ status: 'ok' });
      expect(
        (await store.listAppeals(2027, 'answered', { offset: 0, limit: 10 })).items.map((x) => x.id),
      ).toEqual(['r2']);
      expect((await store.listAppeals(2027, null, { offset: 0, limit: 10 })).items.map((x) => x.id)).toEqual(
        expected,
      );
      expect((await store.getPlacementResponse(asRegistrationId('r2')))?.answer).toEqual(answer);
    });

    test('classing plans: created once, updated only at the version read', async () => {
      const plan = {
        id: '2027-p01',
        schoolId: 'p01',
        year: 2027,
        stage: 'primary' as const,
        status: 'draft' as const,
        source: 'admitted' as const,
        input: { classes: 2, cap: 45, subjects: [], students: [{ id: 'a', gender: 'M' as const }] },
        seed: null,
        classes: null,
        swaps: [],
        homeroom: null,
        publishedAt: null,
        version: 1,
        updatedAt: T0.toISOString(),
      };
      expect(await store.getClassingPlan(plan.id)).toBeNull();
      expect(await store.saveClassingPlan(plan, null)).toEqual({ status: 'ok' });
      expect(await store.saveClassingPlan(plan, null)).toEqual({ status: 'conflict' });
      const ran = { ...plan, seed: '1', classes: [['a'], []], version: 2 };
      const [x, y] = await Promise.all([
        store.saveClassingPlan(ran, 1),
        store.saveClassingPlan({ ...plan, status: 'published' as const, version: 2 }, 1),
      ]);
      expect([x.status, y.status].sort()).toEqual(['conflict', 'ok']);
      expect((await store.getClassingPlan(plan.id))?.version).toBe(2);
      expect(await store.saveClassingPlan({ ...ran, version: 3 }, 1)).toEqual({ status: 'conflict' });
    });

    test('rotation records: created once, updated only at the version read', async () => {
      const rec = {
        id: '2027',
        year: 2027,
        status: 'publicized' as const,
        seed: '2027',
        algorithm: 'x',
        moves: [],
        publicity: { from: '2027-06-07', to: '2027-06-11' },
        objections: [],
        acknowledged: {},
        reported: {},
        problems: [],
        version: 1,
        updatedAt: T0.toISOString(),
      };
      expect(await store.saveRotationRecord(rec, null)).toEqual({ status: 'ok' });
      expect(await store.saveRotationRecord(rec, null)).toEqual({ status: 'conflict' });
      const [a, b] = await Promise.all([
        store.saveRotationRecord({ ...rec, acknowledged: { t1: T0.toISOString() }, version: 2 }, 1),
        store.saveRotationRecord({ ...rec, status: 'final' as const, version: 2 }, 1),
      ]);
      expect([a.status, b.status].sort()).toEqual(['conflict', 'ok']);
      expect((await store.getRotationRecord('2027'))?.version).toBe(2);
      expect(await store.getRotationRecord('2026')).toBeNull();
    });

    test('rotation nominations: one per school and year, versioned, listed by year', async () => {
      const doc = {
        id: '2027-p01',
        year: 2027,
        schoolId: 'p01',
        entries: [{ teacherId: 't1', kind: 'self' as const, note: '本人申请', at: T0.toISOString() }],
        publicity: null,
        version: 1,
        updatedAt: T0.toISOString(),
      };
      expect(await store.saveRotationNominations(doc, null)).toEqual({ status: 'ok' });
      expect(await store.saveRotationNominations(doc, null)).toEqual({ status: 'conflict' });
      expect(await store.saveRotationNominations({ ...doc, entries: [], version: 2 }, 1)).toEqual({
        status: 'ok',
      });
      expect(await store.saveRotationNominations({ ...doc, version: 3 }, 1)).toEqual({ status: 'conflict' });
      await store.saveRotationNominations({ ...doc, id: '2027-p02', schoolId: 'p02' }, null);
      await store.saveRotationNominations({ ...doc, id: '2026-p01', year: 2026 }, null);
      expect((await store.listRotationNominations(2027)).map((x) => [x.id, x.version])).toEqual([
        ['2027-p01', 2],
        ['2027-p02', 1],
      ]);
      expect((await store.getRotationNominations('2027-p01'))?.entries).toEqual([]);
    });

    test('the audit log is hash-chained (one chain, or one per group of entities), also when appends race', async () => {
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store.appendAudit({
            at: new Date(T0.getTime() + i).toISOString(),
            actor: `actor-${i % 3}`,
            action: 'x.test',
            entity: `e${i % 2}`,
            detail: { i, nested: { b: 1, a: [2, '三'] } },
          }),
        ),
      );
      const rows = await store.auditChainPage(0, 100);
      expect(rows).toHaveLength(12);
      expect(auditVerify(rows)).toMatchObject({ ok: true, count: 12, problems: [] });
      // The published head is the verified one.
      const { head, count } = auditVerify(rows);
      expect(await store.auditHead()).toEqual({ head, count });
      expect(new Set(rows.map((r) => r.entry.detail['i'])).size).toBe(12);
      // Paging continues after a row's position.
      const tail = await store.auditChainPage(auditPosition(rows[4]!), 100);
      expect(tail.map((r) => r.hash)).toEqual(rows.slice(5).map((r) => r.hash));
      // A head published now still checks out after more entries (and a forged one does not).
      await store.appendAudit({
        at: T0.toISOString(),
        actor: 'a',
        action: 'x.more',
        entity: 'e7',
        detail: {},
      });
      const later = await store.auditChainPage(0, 100);
      expect(auditVerify(later, head, await store.auditCheckpoint(head))).toMatchObject({
        ok: true,
        count: 13,
      });
      const forged = 'f'.repeat(64);
      expect(auditVerify(later, forged, await store.auditCheckpoint(forged)).ok).toBe(false);
      // An entity's entries come in chain order.
      expect((await store.listAudit('e0')).map((e) => e.detail['i'])).toEqual(
        rows.filter((r) => r.entry.entity === 'e0').map((r) => r.entry.detail['i']),
      );
    });

    test('the census roster: merged per year (follow-ups never touched), listed by township, removed only by id, follow-ups saved at the version read', async () => {
      const row = (n: number, township: string, year = 2027, name = `儿童${n}`) => ({
        id: `${year}-id${n}`,
        child: {
          idNumber: `id${n}`,
          name,
          birthDate: '2020-04-01' as never,
          township,
          village: '',
          guardian: '',
          phone: '',
          groups: [],
        },
      });
      await store.mergeCensus(2027, [row(1, '石桥乡'), row(2, '城关镇'), row(3, '城关镇')]);
      await store.mergeCensus(2026, [row(9, '城关镇', 2026)]);
      await store.mergeCensus(2027, []);
      const page = await store.listCensus(2027, { offset: 0, limit: 2 });
      expect(page.items.map((r) => r.id)).toEqual(['2027-id2', '2027-id3']);
      expect(page.items[0]).toMatchObject({ year: 2027, followUps: [], version: 1 });
      expect(page.next).toBe(2);

      const cur = (await store.getCensus('2027-id2'))!;
      const noted = {
        ...cur,
        followUps: [{ at: T0.toISOString(), by: 'b', text: '电话联系家长', outcome: '已劝返入学' as const }],
        version: 2,
      };
      expect(await store.saveCensus(noted, 1)).toEqual({ status: 'ok' });
      expect(await store.saveCensus({ ...noted, version: 3 }, 1)).toEqual({ status: 'conflict' });

      // A later sheet changes the child's fields and moves it to another township: the follow-up stays.
      await store.mergeCensus(2027, [row(2, '柳河乡', 2027, '改名'), row(4, '柳河乡')]);
      const two = (await store.getCensus('2027-id2'))!;
      expect(two).toMatchObject({ version: 3, child: { name: '改名', township: '柳河乡' } });
      expect(two.followUps.map((f) => f.text)).toEqual(['电话联系家长']);
      const all = await store.listCensus(2027, { offset: 0, limit: 10 });
      expect(all.items.map((r) => r.id)).toEqual(['2027-id3', '2027-id2', '2027-id4', '2027-id1']);

      await store.removeCensus(['2027-id1', '2027-id3']);
      await store.removeCensus([]);
      expect((await store.listCensus(2027, { offset: 0, limit: 10 })).items.map((r) => r.id)).toEqual([
        '2027-id2',
        '2027-id4',
      ]);
      expect((await store.listCensus(2026, { offset: 0, limit: 10 })).items).toHaveLength(1);
      expect(await store.getCensus('2027-id1')).toBeNull();
    });

    test('replacing the teacher roster removes teachers not in it', async () => {
      const base = {
        name: 't',
        gender: 'F' as const,
        birthYear: 1990,
        subject: '语文',
        title: '一级教师' as const,
        backbone: 'none' as const,
        education: '本科' as const,
        yearsAtSchool: 3,
        isPrincipal: false,
      };
      const t = (id: string, school: string) => ({ ...base, id: id as never, schoolId: school as never });
      await store.putTeachers([t('r1', 's1'), t('r2', 's1'), t('r3', 's2')]);
      await store.replaceTeachers([t('r2', 's2'), t('r4', 's1')]);
      expect(await store.getTeacher('r1' as never)).toBeNull();
      expect((await store.getTeacher('r2' as never))?.schoolId).toBe('s2');
      const s1 = await store.listTeachersBySchool('s1' as never, { offset: 0, limit: 10 });
      expect(s1.items.map((x) => x.id)).toEqual(['r4']);
    });

    test('teacher bindings are found by teacher id', async () => {
      for (const [openid, teacherId] of [
        ['o-t1', 't1'],
        ['o-t2', 't2'],
        ['o-p', null],
      ] as const)
        await store.createBinding({
          openid: asOpenId(openid),
          role: teacherId ? 'teacher' : 'bureau',
          schoolId: null,
          teacherId: teacherId as never,
          displayName: openid,
          createdAt: T0.toISOString(),
          via: 'invite',
        });
      const found = await store.listTeacherBindings(['t2', 't1', 'nobody'] as never);
      expect(found.map((b) => b.openid)).toEqual(['o-t1', 'o-t2']);
      expect(await store.listTeacherBindings([])).toEqual([]);
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

    test('county-wide reads: registration summaries, counts, by ids, a school’s list, census, staff, class sizes', async () => {
      await store.createRegistration(
        registration('b1', {
          tier: { status: 'ineligible', reasons: [] },
          flags: ['over_age'],
          propertyKey: 'K1',
          createdAt: '2027-05-02T00:00:00.000Z',
        }),
      );
      await store.createRegistration(
        registration('b2', { childKey: 'kb2', status: 'approved', createdAt: '2027-05-01T00:00:00.000Z' }),
      );
      await store.createRegistration(
        registration('b3', { childKey: 'kb3', stage: 'junior', schoolId: asSchoolId('s2') }),
      );
      await store.createRegistration(registration('b4', { childKey: 'kb4', year: 2026 }));
      const all = await store.registrationSummaries(2027);
      expect(all.map((x) => x.id)).toEqual(['b1', 'b2', 'b3']);
      expect(all[0]).toEqual({
        id: 'b1',
        year: 2027,
        stage: 'primary',
        schoolId: 's1',
        status: 'pending_review',
        version: 1,
        childName: '测试儿童',
        idNumber: '330102202005100011',
        tier: 0,
        route: 'resident',
        community: '',
        twinIdNumbers: [],
        leftBehind: false,
        disability: false,
        flags: ['over_age'],
        propertyKey: 'K1',
        placementSchoolId: null,
      });
      expect(
        (await store.registrationSummaries(2027, { stage: 'primary', status: 'approved' })).map((x) => x.id),
      ).toEqual(['b2']);
      expect(await store.countRegistrations(2027, 'primary', 'pending_review')).toBe(1);
      expect(
        (
          await store.getRegistrations([
            asRegistrationId('b3'),
            asRegistrationId('nope'),
            asRegistrationId('b1'),
          ])
        ).map((r) => r.id),
      ).toEqual(['b3', 'b1']);
      expect(
        (await store.listSchoolRegistrations(asSchoolId('s1'), 2027, null, 10)).map((r) => r.id),
      ).toEqual(['b2', 'b1']);
      expect(
        (await store.listSchoolRegistrations(asSchoolId('s1'), 2027, 'approved', 10)).map((r) => r.id),
      ).toEqual(['b2']);
      expect((await store.listSchoolRegistrations(asSchoolId('s1'), 2027, null, 1)).map((r) => r.id)).toEqual(
        ['b2'],
      );

      await store.putTeachers([teacher('t2', 's2'), teacher('t1', 's1')]);
      expect((await store.listTeachers()).map((t) => t.id)).toEqual(['t1', 't2']);
      const child = (n: number, township: string) => ({
        id: `2027-id${n}`,
        year: 2027,
        child: {
          idNumber: `id${n}`,
          name: `儿童${n}`,
          birthDate: '2020-04-01' as never,
          township,
          village: '',
          guardian: '',
          phone: '',
          groups: [],
        },
        followUps: [],
        version: 1,
      });
      await store.mergeCensus(2027, [child(1, '石桥乡'), child(2, '城关镇'), child(3, '城关镇')]);
      expect((await store.censusAll(2027)).map((c) => c.id)).toEqual(['2027-id2', '2027-id3', '2027-id1']);
      expect(await store.censusAll(2026)).toEqual([]);
      const plan = (id: string, classes: string[][] | null) => ({
        id,
        schoolId: id.slice(5),
        year: 2027,
        stage: 'primary' as const,
        status: 'draft' as const,
        source: 'admitted' as const,
        input: { classes: 2, cap: 45, subjects: [], students: [] },
        seed: null,
        classes,
        swaps: [],
        homeroom: null,
        publishedAt: null,
        version: 1,
        updatedAt: T0.toISOString(),
      });
      await store.saveClassingPlan(plan('2027-s2', [['a', 'b'], ['c']]), null);
      await store.saveClassingPlan(plan('2027-s1', null), null);
      expect(await store.listClassSizes(2027)).toEqual([
        { planId: '2027-s2', schoolId: 's2', stage: 'primary', sizes: [2, 1] },
      ]);
    });

    test('many registrations change at once, each only from its status (and version, when given)', async () => {
      for (const id of ['m1', 'm2', 'm3', 'm4'])
        await store.createRegistration(registration(id, { childKey: `k-${id}`, status: 'approved' }));
      await store.createRegistration(registration('m5', { childKey: 'k-m5' }));
      const freeze = change('approved', 'awaiting_placement');
      const ids = ['m1', 'm2', 'm3', 'm5'].map(asRegistrationId);
      const moved = await store.transitionMany(ids.map((id) => ({ id, change: freeze })));
      expect([...moved].sort()).toEqual(['m1', 'm2', 'm3']);
      // Again: nothing is in `from` any more, nothing changes twice.
      expect(await store.transitionMany(ids.map((id) => ({ id, change: freeze })))).toEqual([]);
      const m1 = await store.getRegistration(asRegistrationId('m1'));
      expect(m1).toMatchObject({ status: 'awaiting_placement', version: 2 });
      expect(m1?.history.at(-1)).toMatchObject({ from: 'approved', to: 'awaiting_placement' });
      // Each with its own patch, and one held to a version it no longer has.
      const publish = (id: string, to: 'admitted' | 'coordinating') => ({
        id: asRegistrationId(id),
        change: change('awaiting_placement', to),
        patch: {
          placement: {
            runId: 'r',
            schoolId: asSchoolId('s1'),
            lottery: 7,
            tierLabel: '一类',
            cutoff: null,
            explanation: id,
          },
        },
      });
      const placed = await store.transitionMany([
        publish('m1', 'admitted'),
        publish('m2', 'coordinating'),
        { ...publish('m3', 'admitted'), version: 1 },
      ]);
      expect([...placed].sort()).toEqual(['m1', 'm2']);
      expect(await store.getRegistration(asRegistrationId('m2'))).toMatchObject({
        status: 'coordinating',
        version: 3,
        placement: { explanation: 'm2' },
      });
      // A change that keeps the status (retention) applies once.
      const sweep = { ...change('admitted', 'admitted'), reason: '材料已删除' };
      expect(
        await store.transitionMany([{ id: asRegistrationId('m1'), change: sweep, patch: { documents: {} } }]),
      ).toEqual(['m1']);
      expect(
        (await store.getRegistration(asRegistrationId('m1')))?.history.filter(
          (h) => h.reason === '材料已删除',
        ),
      ).toHaveLength(1);
    });

    test('notices, quotas and file records in bulk', async () => {
      const owner = asOpenId('parent-a');
      await store.appendNotices(
        [0, 1, 2].map((i) => ({
          id: `bn${i}`,
          ownerOpenid: owner,
          at: new Date(T0.getTime() + i).toISOString(),
          title: `通知${i}`,
          body: '',
          registrationId: null,
          pushed: false,
        })),
      );
      expect((await store.listNotices(owner, { offset: 0, limit: 10 })).items.map((n) => n.title)).toEqual([
        '通知2',
        '通知1',
        '通知0',
      ]);
      await store.subscriptionGrant(asOpenId('q1'), 'T');
      await store.subscriptionGrant(asOpenId('q1'), 'T');
      await store.subscriptionGrant(asOpenId('q3'), 'T');
      expect(await store.subscriptionQuotas([asOpenId('q1'), asOpenId('q2'), asOpenId('q3')], 'T')).toEqual([
        2, 0, 1,
      ]);
      for (const id of ['bf1', 'bf2', 'bf3'])
        await store.putFile({
          id,
          ownerOpenid: owner,
          sha256: 'x',
          mime: 'image/png',
          size: 1,
          createdAt: T0.toISOString(),
        });
      await store.deleteFileRecords(['bf1', 'bf3']);
      expect(await store.getFile('bf1')).toBeNull();
      expect(await store.getFile('bf2')).not.toBeNull();
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
