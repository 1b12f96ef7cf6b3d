// The CloudBase adapter runs here against a TEST DOUBLE of the wx-server-sdk database API
// (tests/doubles/wxDatabase.ts), because the real SDK cannot reach a database offline.
import { asRegistrationId } from '../../shared/brand';
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
});
