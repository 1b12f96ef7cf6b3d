import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asRegistrationId } from '../../shared/brand';
import { pgliteStoreOpen } from '../../server/store/pglite';
import { registration } from '../helpers/fixtures';
import { storeContract } from './contract';

storeContract('PGlite (in memory)', () => pgliteStoreOpen(null));

describe('PGlite on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'junheng-pg-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('data survives close and reopen; migrations are not re-applied', async () => {
    const a = await pgliteStoreOpen(join(dir, 'pg'));
    await a.createRegistration(registration('keep-me'));
    await a.close();
    const b = await pgliteStoreOpen(join(dir, 'pg'));
    expect((await b.getRegistration(asRegistrationId('keep-me')))?.childName).toBe('测试儿童');
    expect(await b.createRegistration(registration('keep-me'))).toEqual({ status: 'duplicate' });
    await b.close();
  });
});
