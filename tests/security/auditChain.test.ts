/**
 * The audit chain never re-chains itself (issue #16, item 6): opening the store leaves rows as
 * they are, so a rewrite that blanks the hashes is caught by a plain `audit-verify`, which names
 * the first row without a hash; chaining entries written before the chain existed is a one-off
 * migration, recorded in the log itself; `audit-verify` says plainly when no earlier head was
 * given to compare; the head is published — the bureau's overview shows today's head, and the
 * backup manifest carries it (tests/host/dataCommands.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { auditVerify } from '../../server/security/auditChain';
import { migrations } from '../../server/store/migrations';
import { pgliteStoreOpen } from '../../server/store/pglite';
import { pgliteMigrate } from '../../server/store/pgliteStart';
import type { Store } from '../../server/store/port';
import { ADMIN, harnessOpen } from '../helpers/harness';

const root = resolve(__dirname, '..', '..');
const verify = (data: string, ...more: string[]) => {
  const r = spawnSync(
    process.execPath,
    [join(root, 'bin', 'junheng.js'), 'audit-verify', '--data', data, ...more],
    {
      encoding: 'utf8',
    },
  );
  return {
    status: r.status,
    out: JSON.parse(r.stdout || '{}') as {
      ok: boolean;
      count: number;
      head: string;
      headCompared: boolean;
      problems: string[];
      note?: string;
    },
    err: r.stderr,
  };
};
const entry = (i: number) => ({
  at: new Date(Date.UTC(2027, 4, 10, 2, i)).toISOString(),
  actor: 'demo-bureau-admin',
  action: 'test.entry',
  entity: `test:${i}`,
  detail: { i },
});
const chainOf = async (store: Store) => store.auditChainPage(0, 1000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'junheng-audit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a rewrite that blanks the hashes is caught by a plain audit-verify, and opening the store does not mend it', async () => {
  const data = join(dir, 'blanked');
  mkdirSync(data);
  const store = await pgliteStoreOpen(join(data, 'pg'));
  for (let i = 1; i <= 4; i++) await store.appendAudit(entry(i));
  await store.close();
  expect(verify(data).out).toMatchObject({ ok: true, count: 4 });

  // The rewrite: entry 2 changed, and every hash blanked so nothing "does not fit".
  const db = await PGlite.create(join(data, 'pg'));
  await db.query(`UPDATE audit SET detail = '{"i": 99}' WHERE seq = 2`);
  await db.query('UPDATE audit SET hash = NULL, prev_hash = NULL');
  await db.close();

  const first = verify(data);
  expect(first.status).toBe(1);
  expect(first.out.ok).toBe(false);
  expect(first.out.problems).toEqual(['第1条：没有哈希（不在链上写入，或哈希被清除）。']);
  // Opening the store (as the host does on start) left the rows as they were: still caught.
  const again = await pgliteStoreOpen(join(data, 'pg'));
  await again.close();
  expect(verify(data).out.problems).toEqual(['第1条：没有哈希（不在链上写入，或哈希被清除）。']);
});

test('audit-verify says plainly whether it compared against an earlier head', async () => {
  const data = join(dir, 'plain');
  mkdirSync(data);
  const store = await pgliteStoreOpen(join(data, 'pg'));
  for (let i = 1; i <= 3; i++) await store.appendAudit(entry(i));
  await store.close();
  const plain = verify(data);
  expect(plain.status).toBe(0);
  expect(plain.out.headCompared).toBe(false);
  expect(plain.out.note).toMatch(/没有提供上次记录的末条哈希/);
  expect(plain.err).toMatch(/没有提供上次记录的末条哈希/);
  const compared = verify(data, '--expect-head', plain.out.head);
  expect(compared.out).toMatchObject({ ok: true, headCompared: true });
  expect(compared.out.note).toBeUndefined();
});

test('entries written before the chain existed are chained once, by a recorded migration', async () => {
  const db = await PGlite.create();
  // A database as it was before the chain (migrations up to 8), with two entries in it.
  await db.exec(
    'CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  for (const m of migrations.filter((x) => x.version <= 8)) {
    await db.exec(m.sql);
    await db.query('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
  }
  for (const i of [1, 2])
    await db.query('INSERT INTO audit (at, actor, action, entity, detail) VALUES ($1, $2, $3, $4, $5)', [
      entry(i).at,
      entry(i).actor,
      entry(i).action,
      entry(i).entity,
      JSON.stringify(entry(i).detail),
    ]);
  await pgliteMigrate(db);
  const rows = await db.query<{ action: string; hash: string | null; detail: Record<string, unknown> }>(
    'SELECT action, hash, detail FROM audit ORDER BY seq',
  );
  expect(rows.rows.map((r) => r.action)).toEqual(['test.entry', 'test.entry', 'audit.chainStart']);
  expect(rows.rows.every((r) => r.hash !== null)).toBe(true);
  expect(rows.rows[2]?.detail).toMatchObject({ chained: 2 });
  // Once: migrating again changes nothing.
  const before = JSON.stringify((await db.query('SELECT * FROM audit ORDER BY seq')).rows);
  await pgliteMigrate(db);
  expect(JSON.stringify((await db.query('SELECT * FROM audit ORDER BY seq')).rows)).toBe(before);
  await db.close();
});

test('the bureau’s overview shows today’s head: the same one audit-verify prints', async () => {
  const h = await harnessOpen(new Date('2027-05-10T02:00:00Z'));
  try {
    await h.data(ADMIN, 'county', 'setReviewLevels', { twoLevel: true });
    await h.data(ADMIN, 'county', 'setReviewLevels', { twoLevel: false });
    const o = await h.data(ADMIN, 'county', 'overview');
    const v = auditVerify(await chainOf(h.store));
    expect(o.audit).toEqual({ count: v.count, head: v.head, at: '2027-05-10T02:00:00.000Z' });
    expect(v.count).toBeGreaterThanOrEqual(2);
  } finally {
    await h.store.close();
  }
});
