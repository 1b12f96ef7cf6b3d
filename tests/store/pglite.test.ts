import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asRegistrationId } from '../../shared/brand';
import { PGlite } from '@electric-sql/pglite';
import { auditVerify } from '../../server/security/auditChain';
import { migrations } from '../../server/store/migrations';
import { pgliteStore, pgliteStoreOpen } from '../../server/store/pglite';
import { pgliteMigrate, pgliteParsersTrim } from '../../server/store/pgliteStart';
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

  test('the audit chain continues across reopen and after a refused append', async () => {
    const entry = (i: number) => ({
      at: new Date(Date.UTC(2027, 5, 1, 0, 0, i)).toISOString(),
      actor: 'bureau',
      action: 'x.test',
      entity: `e${i}`,
      detail: { i },
    });
    const a = await pgliteStoreOpen(join(dir, 'chain'));
    await Promise.all([1, 2, 3].map((i) => a.appendAudit(entry(i))));
    // A NUL byte is refused by PostgreSQL: the kept chain head must not move.
    await expect(a.appendAudit({ ...entry(4), actor: 'bad\u0000actor' })).rejects.toThrow();
    await a.appendAudit(entry(5));
    await a.close();
    const b = await pgliteStoreOpen(join(dir, 'chain'));
    await b.appendAudit(entry(6));
    const rows = await b.auditChainPage(0, 100);
    expect(rows.map((r) => r.entry.detail['i'])).toEqual([1, 2, 3, 5, 6]);
    expect(auditVerify(rows)).toMatchObject({ ok: true, count: 5, problems: [] });
    await b.close();
  });
});

describe('PGlite parser table, trimmed', () => {
  test('reads the same values as the full table', async () => {
    const full = await PGlite.create();
    const trimmed = await PGlite.create();
    pgliteParsersTrim(trimmed);
    expect(Object.keys(trimmed.parsers).length).toBeLessThan(Object.keys(full.parsers).length / 8);
    const sql = `SELECT ARRAY['a','乙']::text[] AS t, ARRAY[1,2]::int[] AS i, '{"k":[1]}'::jsonb AS j,
      '2027-06-01T00:00:00Z'::timestamptz AS ts, 42::int AS n, 7::bigint AS b, true AS f, 1.5::float8 AS d,
      NULL::text[] AS z`;
    const [x, y] = await Promise.all([full.query(sql), trimmed.query(sql)]);
    expect(y.rows).toEqual(x.rows);
    expect(y.rows[0]).toMatchObject({ t: ['a', '乙'], i: [1, 2], j: { k: [1] }, n: 42, f: true });
    await Promise.all([full.close(), trimmed.close()]);
  });
});

describe('PGlite migration 12: the child key', () => {
  test('registrations made when the id was the child key keep holding their child', async () => {
    const db = await PGlite.create();
    // The schema as it was before migration 12, with one registration in it.
    await db.exec(
      'CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    for (const m of migrations.filter((x) => x.version < 12)) {
      await db.exec(m.sql);
      await db.query('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
    }
    const { childKey: _c, previousId: _p, ...old } = registration('r2027-old');
    await db.query(
      `INSERT INTO registrations (id, owner, school_id, status, version, year, created_at, stage, doc)
       VALUES ($1, $2, $3, $4, 1, 2027, $5, 'primary', $6)`,
      [old.id, old.ownerOpenid, old.schoolId, old.status, old.createdAt, JSON.stringify(old)],
    );
    expect(await pgliteMigrate(db)).toBe(migrations.at(-1)?.version);
    const store = pgliteStore(db);
    expect(await store.getRegistration(asRegistrationId('r2027-old'))).toMatchObject({
      childKey: 'r2027-old',
      previousId: null,
    });
    const second = registration('r2027-old-2', { childKey: 'r2027-old' });
    expect(await store.createRegistration(second)).toEqual({ status: 'duplicate' });
    await db.query("UPDATE registrations SET status = 'withdrawn' WHERE id = 'r2027-old'");
    expect(await store.createRegistration(second)).toEqual({ status: 'created' });
    await store.close();
  });
});
