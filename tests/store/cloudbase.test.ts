// The CloudBase adapter runs here against a TEST DOUBLE of the wx-server-sdk database API
// (tests/doubles/), because the real SDK cannot reach a database offline. The double is as strict
// as the service: collections and indexes from docs/cloud.md, stats counting changed documents,
// transactions limited to doc() and add(), throttling and lost replies on demand.
import { asOpenId, asRegistrationId } from '../../shared/brand';
import { cloudbaseStore } from '../../server/store/cloudbase';
import { cloudDouble } from '../doubles/wxCloud';
import { registration, T0 } from '../helpers/fixtures';
import { storeContract } from './contract';

storeContract('CloudBase adapter on the SDK double', async () => cloudbaseStore(cloudDouble().db));
storeContract('CloudBase adapter on the SDK double, throttled and losing replies', async () =>
  cloudbaseStore(cloudDouble({ throttleRate: 0.05, lostReplyRate: 0.05, seed: 7 }).db),
);

describe('CloudBase adapter specifics (SDK double)', () => {
  test('registrations are keyed by _id (uniqueness by document id)', async () => {
    const { db } = cloudDouble();
    const store = cloudbaseStore(db);
    await store.createRegistration(registration('r2027-abc'));
    expect(db.dump('registrations').map((d) => d['_id'])).toEqual(['r2027-abc']);
  });

  test('a write that failed before landing is sent again; nothing is duplicated', async () => {
    const { db } = cloudDouble();
    const store = cloudbaseStore(db);
    db.failNextWrite('registrations');
    expect(await store.createRegistration(registration('r1'))).toEqual({ status: 'created' });
    expect(db.dump('registrations')).toHaveLength(1);
  });

  test('a write whose reply was lost is recognised as its own, not reported as a duplicate (#18.5)', async () => {
    const { db } = cloudDouble();
    const store = cloudbaseStore(db);
    db.loseNextReply('registrations');
    expect(await store.createRegistration(registration('r1'))).toEqual({ status: 'created' });
    // Someone else's registration with that key is still a duplicate.
    expect(await store.createRegistration(registration('r1', { ownerOpenid: asOpenId('parent-b') }))).toEqual(
      {
        status: 'duplicate',
      },
    );
    db.loseNextReply('invites');
    const { invite } = await import('../helpers/fixtures');
    expect(await store.createInvite(invite('CODE234567'))).toEqual({ status: 'created' });
  });

  test('a conditional update whose reply was lost reports that it landed', async () => {
    const { db } = cloudDouble();
    const store = cloudbaseStore(db);
    await store.createRegistration(registration('r1'));
    db.loseNextReply('registrations');
    const res = await store.transitionRegistration(asRegistrationId('r1'), 1, {
      from: 'pending_review',
      to: 'approved',
      at: T0.toISOString(),
      by: { kind: 'system' },
      reason: null,
    });
    expect(res.status).toBe('ok');
    expect((await store.getRegistration(asRegistrationId('r1')))?.version).toBe(2);
  });

  test('throttled calls are retried (#18.5)', async () => {
    const { db } = cloudDouble();
    const store = cloudbaseStore(db);
    db.throttleNext(3);
    expect(await store.createRegistration(registration('r1'))).toEqual({ status: 'created' });
    db.throttleNext(2);
    expect((await store.getRegistration(asRegistrationId('r1')))?.id).toBe('r1');
    expect(db.stats.throttled).toBe(5);
  });

  test('saving an unchanged draft form keeps its documents (#18.4: stats.updated counts changed documents)', async () => {
    const store = cloudbaseStore(cloudDouble().db);
    const owner = asOpenId('parent-a');
    const form = registration('x').form;
    const ref = {
      fileId: 'f-1',
      sha256: 'a'.repeat(64),
      mime: 'image/jpeg' as const,
      size: 10,
      at: T0.toISOString(),
    };
    await store.saveDraftForm(owner, 'd1', form, T0.toISOString());
    expect(await store.setDraftDocument(owner, 'd1', 'hukou_front', ref, T0.toISOString())).toBe('ok');
    // The same photo attached again, and the same form saved at the same moment: nothing changes,
    // and the service reports 0 documents updated for both.
    expect(await store.setDraftDocument(owner, 'd1', 'hukou_front', ref, T0.toISOString())).toBe('ok');
    await store.saveDraftForm(owner, 'd1', form, T0.toISOString());
    expect((await store.getDraft(owner, 'd1'))?.documents).toEqual({ hukou_front: ref });
  });

  test('a child is held by a claim document whose _id is the child key', async () => {
    const { db } = cloudDouble();
    const store = cloudbaseStore(db);
    await store.createRegistration(registration('r1', { childKey: 'k1' }));
    expect(db.dump('registrationClaims')).toEqual([
      {
        _id: 'k1',
        registrationId: 'r1',
        ownerOpenid: 'parent-a',
        at: expect.any(String),
        _w: expect.any(String),
      },
    ]);
  });

  test('a registration the service refuses leaves nothing behind: its claim, notice and audit entry go with it', async () => {
    const { db } = cloudDouble();
    const store = cloudbaseStore(db);
    // A registration the service refuses outright (a request over 6 MB): nothing is retried.
    const tooBig = registration('r1', { childKey: 'k1', searchKeys: ['x'.repeat(7 * 1024 * 1024)] });
    await expect(store.createRegistration(tooBig)).rejects.toThrow('6 MB');
    expect(db.dump('registrationClaims')).toEqual([]);
    expect(await store.createRegistration(registration('r2', { childKey: 'k1' }))).toEqual({
      status: 'created',
    });
  });

  test('a claim whose registration was never written (a crash) blocks others until it is stale, not its own retry', async () => {
    const { db } = cloudDouble();
    const store = cloudbaseStore(db);
    const at = '2027-05-10T02:00:00.000Z';
    // What a crash between the claim and the registration leaves behind.
    await db.collection('registrationClaims').add({
      data: { _id: 'k1', registrationId: 'r1', ownerOpenid: 'parent-a', at },
    });
    const later = (ms: number) => new Date(Date.parse(at) + ms).toISOString();
    const other = registration('r1', {
      childKey: 'k1',
      ownerOpenid: asOpenId('parent-b'),
      createdAt: later(1000),
    });
    expect(await store.createRegistration(other)).toEqual({ status: 'duplicate' });
    const retry = registration('r1', { childKey: 'k1', createdAt: later(2000) });
    expect(await store.createRegistration(retry)).toEqual({ status: 'created' });
    // Another crashed claim, now old: taken over.
    await db.collection('registrationClaims').add({
      data: { _id: 'k2', registrationId: 'lost', ownerOpenid: 'parent-a', at },
    });
    const late = registration('r9', {
      childKey: 'k2',
      ownerOpenid: asOpenId('parent-b'),
      createdAt: later(600_000),
    });
    expect(await store.createRegistration(late)).toEqual({ status: 'created' });
    expect(db.dump('registrationClaims').find((c) => c['_id'] === 'k2')).toMatchObject({
      registrationId: 'r9',
    });
  });
});
