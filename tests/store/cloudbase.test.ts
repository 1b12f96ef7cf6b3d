// The CloudBase adapter runs here against a TEST DOUBLE of the wx-server-sdk database API
// (tests/doubles/wxDatabase.ts), because the real SDK cannot reach a database offline.
import { asOpenId, asRegistrationId } from '../../shared/brand';
import { cloudbaseStore } from '../../server/store/cloudbase';
import { wxDatabaseDouble } from '../doubles/wxDatabase';
import { registration } from '../helpers/fixtures';
import { storeContract } from './contract';

storeContract('CloudBase adapter on the SDK double', async () => cloudbaseStore(wxDatabaseDouble()));

describe('CloudBase adapter specifics (SDK double)', () => {
  test('registrations are keyed by _id (uniqueness by document id)', async () => {
    const db = wxDatabaseDouble();
    const store = cloudbaseStore(db);
    await store.createRegistration(registration('r2027-abc'));
    expect(db.dump('registrations').map((d) => d['_id'])).toEqual(['r2027-abc']);
  });

  test('a failed write that created nothing is an error, not a duplicate', async () => {
    const db = wxDatabaseDouble();
    const store = cloudbaseStore(db);
    db.failNextWrite('registrations');
    await expect(store.createRegistration(registration('r1'))).rejects.toThrow('simulated');
    expect(await store.getRegistration(asRegistrationId('r1'))).toBeNull();
  });

  test('a child is held by a claim document whose _id is the child key', async () => {
    const db = wxDatabaseDouble();
    const store = cloudbaseStore(db);
    await store.createRegistration(registration('r1', { childKey: 'k1' }));
    expect(db.dump('registrationClaims')).toEqual([
      { _id: 'k1', registrationId: 'r1', ownerOpenid: 'parent-a', at: expect.any(String) },
    ]);
  });

  test('a failed registration write gives the claim back (a new claim is removed, a taken one returned)', async () => {
    const db = wxDatabaseDouble();
    const store = cloudbaseStore(db);
    db.failNextWrite('registrations');
    await expect(store.createRegistration(registration('r1', { childKey: 'k1' }))).rejects.toThrow(
      'simulated',
    );
    expect(db.dump('registrationClaims')).toEqual([]);
    expect(await store.createRegistration(registration('r2', { childKey: 'k1' }))).toEqual({
      status: 'created',
    });
  });

  test('a claim whose registration was never written (a crash) blocks others until it is stale, not its own retry', async () => {
    const db = wxDatabaseDouble();
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
