/**
 * The on-disk database in its worker thread: statements in flight together are answered each with
 * its own result, a transaction is not entered by statements sent meanwhile, database errors come
 * back with their SQLSTATE, and a stopped worker fails calls instead of leaving them waiting.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgliteWorkerOpen, type PgliteWorker } from '../../server/store/pgliteWorker';

const dir = mkdtempSync(join(tmpdir(), 'junheng-worker-'));
let w: PgliteWorker;
beforeAll(async () => {
  w = await pgliteWorkerOpen(join(dir, 'pg'));
  await w.sql.query('CREATE TABLE IF NOT EXISTS t (id text PRIMARY KEY, n int NOT NULL)');
}, 60_000);
afterAll(async () => {
  await w.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => w.sql.query('DELETE FROM t'));

test('the schema is migrated in the worker before it answers', async () => {
  const r = await w.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_version');
  expect(r.rows[0]?.n).toBeGreaterThan(0);
});

test('many statements in flight at once each get their own answer', async () => {
  const insert = 'INSERT INTO t (id, n) VALUES ($1, $2)';
  const outcomes = await Promise.allSettled([
    ...Array.from({ length: 50 }, (_, i) => w.sql.query(insert, [`k${i}`, i])),
    w.sql.query(insert, ['k7', 0]),
    w.sql.query<{ c: number }>('SELECT count(*)::int AS c FROM t', []),
  ]);
  expect(outcomes.slice(0, 50).every((o) => o.status === 'fulfilled')).toBe(true);
  expect(outcomes[50]).toMatchObject({ status: 'rejected', reason: { code: '23505' } });
  // Sent after the 50 inserts, answered after them: the worker keeps the order.
  expect(outcomes[51]).toMatchObject({ status: 'fulfilled', value: { rows: [{ c: 50 }] } });
});

test('a statement sent while a transaction is open waits for it, and survives its rollback', async () => {
  let outside: Promise<unknown> = Promise.resolve();
  await expect(
    w.sql.transaction(async (tx) => {
      await tx.query("INSERT INTO t (id, n) VALUES ('inside', 1)");
      outside = w.sql.query("INSERT INTO t (id, n) VALUES ('outside', 2)");
      await new Promise((r) => setTimeout(r, 30));
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  await outside;
  const rows = (await w.sql.query<{ id: string }>('SELECT id FROM t ORDER BY id')).rows;
  expect(rows).toEqual([{ id: 'outside' }]);
});

test('transactions run one at a time', async () => {
  const add = (id: string) =>
    w.sql.transaction(async (tx) => {
      const before = (await tx.query<{ c: number }>('SELECT count(*)::int AS c FROM t')).rows[0]?.c ?? 0;
      await new Promise((r) => setTimeout(r, 5));
      await tx.query('INSERT INTO t (id, n) VALUES ($1, $2)', [id, before]);
    });
  await Promise.all(['a', 'b', 'c', 'd'].map(add));
  const rows = (await w.sql.query<{ n: number }>('SELECT n FROM t ORDER BY n')).rows;
  expect(rows.map((r) => r.n)).toEqual([0, 1, 2, 3]);
});

test('closing answers what was in flight first; later calls fail at once with the reason', async () => {
  const other = await pgliteWorkerOpen(join(dir, 'other'));
  const pending = other.sql.query('SELECT pg_sleep(0.2)');
  await other.close();
  await expect(pending).resolves.toBeDefined();
  await expect(other.sql.query('SELECT 1')).rejects.toThrow(/PGlite worker stopped/);
}, 60_000);
