/**
 * Idempotency keys: a retried submit, approval or publication with the same requestId gets the
 * first answer back and acts once; the same key with a different payload is refused; a failed
 * first attempt frees the key; concurrent duplicates act once; a key left pending by a crash is
 * taken over after a minute.
 */
import { formMake } from '../helpers/forms';
import { ADMIN, harnessOpen, PARENT, PRINCIPAL, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-05-10T02:00:00Z'));
});
afterAll(async () => {
  await h.store.close();
});

const submit = (requestId: string, form = formMake(), draftId = 'draft-idem') =>
  h.event(PARENT, 'registration', {
    action: 'submit',
    payload: { draftId, form, schoolTypeConfirmed: true },
    requestId,
  });

test('a retried submit returns the first registration and stores it once', async () => {
  const form = formMake();
  const first = await submit('req-submit-0001', form);
  expect(first.ok).toBe(true);
  const again = await submit('req-submit-0001', form);
  expect(again).toEqual(first);
  // Without the key the same child is refused as a duplicate: the retry above did not store twice.
  expect(
    await h.call(PARENT, 'registration', 'submit', { draftId: 'draft-x', form, schoolTypeConfirmed: true }),
  ).toMatchObject({ code: 'DUPLICATE_REGISTRATION' });
  const mine = await h.data(PARENT, 'registration', 'listMine', {});
  expect(mine.items).toHaveLength(1);
});

test('a submit keeps its answer in the same write as the registration, not in a later one', async () => {
  const finish = jest.spyOn(h.store, 'idempotencyFinish');
  const form = formMake();
  const first = await submit('req-submit-same-write', form, 'draft-same-write');
  expect(first.ok).toBe(true);
  expect(finish).not.toHaveBeenCalled();
  expect(await submit('req-submit-same-write', form, 'draft-same-write')).toEqual(first);
  finish.mockRestore();
});

test('concurrent duplicates of one request act once and all get the same answer', async () => {
  const form = formMake();
  const results = await Promise.all(
    Array.from({ length: 10 }, () => submit('req-submit-burst', form, 'draft-burst')),
  );
  const ids = new Set(results.map((r) => (r.ok ? (r.data as { id: string }).id : r.code)));
  expect(ids.size).toBe(1);
  expect(results.every((r) => r.ok)).toBe(true);
});

test('the same key with a different payload is refused; a failed attempt frees its key', async () => {
  expect(await submit('req-submit-0001', formMake())).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  const bad = formMake({ idNumber: '110101201905100000' });
  const failed = await submit('req-submit-0002', bad);
  expect(failed.ok).toBe(false);
  const good = formMake();
  // A corrected retry under a fresh key works; the failed key could be reused with its payload.
  expect((await submit('req-submit-0003', good)).ok).toBe(true);
  expect((await submit('req-submit-0002', bad)).ok).toBe(false);
});

test('a retried approval and a retried publication act once', async () => {
  const r = await submit('req-submit-0004', formMake());
  const reg = r.ok ? (r.data as { id: string; version: number }) : null;
  const review = () =>
    h.event(PRINCIPAL, 'registration', {
      action: 'review',
      payload: { id: reg!.id, version: reg!.version, decision: 'approve' },
      requestId: 'req-review-0001',
    });
  const a = await review();
  expect(a.ok).toBe(true);
  expect(await review()).toEqual(a);
  // The registration changed once: one approval in its audit trail, version one step on.
  const approvals = await h.store.listAudit(`registration:${reg!.id}`);
  expect(approvals.filter((e) => e.action === 'registration.approve')).toHaveLength(1);
  const now = await h.data(PRINCIPAL, 'registration', 'get', { id: reg!.id });
  expect(now.version).toBe(reg!.version + 1);

  // The demo plan keeps a red finding: it is published with each broken rule acknowledged.
  const plan = await h.data(ADMIN, 'rotation', 'preview', {
    seed: '2027',
  });
  const override = {
    acknowledged: plan.issues.map((x) => `${x.code}|${x.subject}`),
    reason: '乡村初中接收名额今年无法增加，先按现有名额公示。',
  };
  const publish = () =>
    h.event(ADMIN, 'rotation', {
      action: 'publish',
      payload: { seed: '2027', override },
      requestId: 'req-rot-pub-1',
    });
  const p1 = await publish();
  expect(p1.ok).toBe(true);
  expect(await publish()).toEqual(p1);
  expect(
    (await h.store.listAudit('rotation:2027')).filter((e) => e.action === 'rotation.publish'),
  ).toHaveLength(1);
});

test('a claim left pending by a crash is taken over after a minute, not before', async () => {
  const key = 'demo-parent-wang|registration.submit|req-crashed-01';
  expect(await h.store.idempotencyClaim(key, 'h', h.now, 60_000)).toEqual({ status: 'claimed' });
  expect(await h.store.idempotencyClaim(key, 'h', new Date(h.now.getTime() + 30_000), 60_000)).toEqual({
    status: 'pending',
  });
  expect(await h.store.idempotencyClaim(key, 'h', new Date(h.now.getTime() + 61_000), 60_000)).toEqual({
    status: 'claimed',
  });
});

test('a malformed requestId is refused before anything runs', async () => {
  expect(await submit('short')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(await submit('has spaces in it')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});
