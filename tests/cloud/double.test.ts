/**
 * The SDK double itself: it must refuse and report what CloudBase refuses and reports, or the
 * tests that run on it prove nothing (tests/doubles/wxDatabase.ts lists the behaviours).
 */
import { FunctionTimeout, invocationNew, invocationRun } from '../doubles/wxClock';
import { cloudDouble } from '../doubles/wxCloud';
import { wxDatabaseDouble } from '../doubles/wxDatabase';

const errCode = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { errCode?: number }) => e.errCode ?? 'thrown',
  );

test('a collection must exist; add() with an existing _id fails', async () => {
  const db = wxDatabaseDouble({ collections: ['a'] });
  expect(await errCode(db.collection('b').add({ data: { x: 1 } }))).toBe(-502005);
  await db.collection('a').add({ data: { _id: 'k', x: 1 } });
  expect(await errCode(db.collection('a').add({ data: { _id: 'k', x: 2 } }))).toBe(-502001);
});

test('update reports documents whose content changed, not documents matched', async () => {
  const db = wxDatabaseDouble({ collections: ['a'] });
  await db.collection('a').add({
    data: [
      { _id: 'k1', x: 1 },
      { _id: 'k2', x: 2 },
    ],
  });
  const same = await db
    .collection('a')
    .where({ _id: 'k1' })
    .update({ data: { x: 1 } });
  expect(same.stats.updated).toBe(0);
  const both = await db
    .collection('a')
    .where({ x: db.command.gt(0) })
    .update({ data: { x: 2 } });
  expect(both.stats.updated).toBe(1);
  expect(
    (
      await db
        .collection('a')
        .doc('k2')
        .update({ data: { x: 2 } })
    ).stats.updated,
  ).toBe(0);
});

test('reads: 100 without limit(), limit() clamped to 1000 silently, aggregates 20 without limit()', async () => {
  const db = wxDatabaseDouble({ collections: ['a'] });
  db.load(
    'a',
    Array.from({ length: 1500 }, (_, i) => ({ _id: `d${String(i).padStart(4, '0')}`, g: i % 30 })),
  );
  expect((await db.collection('a').get()).data).toHaveLength(100);
  expect((await db.collection('a').limit(5000).get()).data).toHaveLength(1000);
  const groups = await db
    .collection('a')
    .aggregate()
    .group({ _id: '$g', n: { $sum: 1 } })
    .end();
  expect(groups.list).toHaveLength(20);
  const all = await db
    .collection('a')
    .aggregate()
    .group({ _id: '$g', n: { $sum: 1 } })
    .limit(100)
    .end();
  expect(all.list).toHaveLength(30);
  // where() replaces an earlier condition, as in @cloudbase/database.
  expect((await db.collection('a').where({ g: 1 }).where({ g: 2 }).limit(1000).get()).data).toHaveLength(50);
});

test('a document over 16 MB and a request over 6 MB are refused', async () => {
  const db = wxDatabaseDouble({ collections: ['a'] });
  const big = 'x'.repeat(5 * 1024 * 1024);
  await db
    .collection('a')
    .doc('k')
    .set({ data: { a: big } });
  expect(
    await errCode(
      db
        .collection('a')
        .doc('k')
        .set({ data: { a: big, b: big } }),
    ),
  ).toBe(-501007);
  for (const k of ['b', 'c'])
    await db
      .collection('a')
      .doc('k')
      .update({ data: { [k]: big } });
  // A fourth 5 MB field would make the document 20 MB: refused, the document stays as it was.
  expect(
    await errCode(
      db
        .collection('a')
        .doc('k')
        .update({ data: { d: big } }),
    ),
  ).toBe(-501007);
  expect(Object.keys(db.dump('a')[0] ?? {})).toEqual(['a', '_id', 'b', 'c']);
});

test('transactions take doc() and add() only, and two writing one document conflict', async () => {
  const db = wxDatabaseDouble({ collections: ['a'] });
  await db.collection('a').add({ data: { _id: 'head', n: 0 } });
  await expect(
    db.runTransaction(async (t) => (t.collection('a') as unknown as { where(c: object): unknown }).where({})),
  ).rejects.toThrow('not available inside a transaction');
  const bump = () =>
    db.runTransaction(async (t) => {
      const head = await t.collection('a').doc('head').get();
      await t
        .collection('a')
        .doc('head')
        .update({ data: { n: Number(head.data['n']) + 1 } });
      await t.collection('a').add({ data: { _id: `e${Number(head.data['n']) + 1}` } });
    }, 0);
  const results = await Promise.allSettled([bump(), bump(), bump()]);
  const won = results.filter((r) => r.status === 'fulfilled').length;
  expect(won).toBeGreaterThanOrEqual(1);
  expect(won).toBeLessThan(3);
  expect(db.dump('a').find((d) => d['_id'] === 'head')?.['n']).toBe(won);
  expect(db.dump('a')).toHaveLength(1 + won);
});

test('faults: throttling does nothing; a lost reply leaves the write behind', async () => {
  const db = wxDatabaseDouble({ collections: ['a'] });
  db.throttleNext();
  expect(await errCode(db.collection('a').add({ data: { _id: 'k' } }))).toBe(-501003);
  expect(db.dump('a')).toHaveLength(0);
  db.loseNextReply('a');
  expect(await errCode(db.collection('a').add({ data: { _id: 'k' } }))).toBe(-501002);
  expect(db.dump('a')).toHaveLength(1);
});

test('a function is killed at its timeout; the call that crossed it lands, later ones do not', async () => {
  const db = wxDatabaseDouble({ collections: ['a'], roundTripMs: 30 });
  const inv = invocationNew('fn', 100);
  const run = invocationRun(inv, async () => {
    for (let i = 0; i < 10; i++) await db.collection('a').add({ data: { _id: `k${i}` } });
  });
  await expect(run).rejects.toBeInstanceOf(FunctionTimeout);
  expect(inv.calls).toBe(4);
  expect(db.dump('a').map((d) => d['_id'])).toEqual(['k0', 'k1', 'k2', 'k3']);
  // Parallel calls overlap on the clock.
  const par = invocationNew('fn', 1000);
  await invocationRun(par, () => Promise.all([1, 2, 3].map(() => db.collection('a').limit(1).get())));
  expect(par.t).toBe(30);
});

test('queries no documented index serves are refused', async () => {
  const { db } = cloudDouble();
  await expect(db.collection('registrations').where({ childName: '王小明' }).get()).rejects.toThrow(
    'no declared index serves registrations',
  );
  await db
    .collection('registrations')
    .where({ schoolId: 'p01', status: 'approved' })
    .orderBy('createdAt', 'asc')
    .get();
});

test('the platform: a request over 6 MB never reaches the function, a result over 1 MB fails', async () => {
  const cloud = cloudDouble();
  let ran = 0;
  const main = async (e: unknown) => (ran++, { ok: true, data: (e as { answer: string }).answer });
  const big = await cloud.invoke('county', main, { answer: 'x'.repeat(7 * 1024 * 1024) }, 'o');
  expect(big.error?.errCode).toBe(-501007);
  expect(ran).toBe(0);
  const wide = await cloud.invoke('county', main, { answer: 'x'.repeat(1100 * 1024) }, 'o');
  expect(wide.error?.errCode).toBe(-604001);
  expect((await cloud.invoke('county', main, { answer: 'ok' }, 'o')).result).toEqual({
    ok: true,
    data: 'ok',
  });
  expect(cloud.timeoutsMs['county']).toBe(3000);
});
