/**
 * Squatting by withdrawal (issue #16, item 5; fixed with the child key of issue #17): a family
 * that registers a child it has no claim to, then withdraws, must not keep the child from the
 * family that has. Tried as the hostile tester did, over HTTP against a local host: while a
 * registration holds the child nobody else registers it; once withdrawn, the other family can;
 * the withdrawn registration stays in its family's history and nobody else can read it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostStart, type Host } from '../../server/host/app';
import { formMake } from '../helpers/forms';
import { fn, signIn } from '../helpers/http';
import { idNumberMake } from '../helpers/ids';

const now = new Date('2027-05-10T02:00:00Z');
let dir: string;
let host: Host;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'junheng-squat-'));
  mkdirSync(join(dir, 'h5'));
  writeFileSync(join(dir, 'h5', 'index.html'), '<!doctype html>');
  host = await hostStart({
    dataDir: join(dir, 'data'),
    h5Dir: join(dir, 'h5'),
    port: 0,
    host: '127.0.0.1',
    clock: () => now,
  });
}, 60_000);
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

type View = { id: string; version: number; status: string; history: { label: string }[] };

test('a withdrawn registration releases the child: the other family registers, the history stays with its family', async () => {
  const squatter = await signIn(host.url, 'parent-li');
  const family = await signIn(host.url, 'parent-wang');
  const idNumber = idNumberMake('2020-03-03', 901);
  const submit = (token: string, draftId: string) =>
    fn(host.url, token, 'registration', 'submit', {
      draftId,
      form: formMake({ idNumber, childName: '被占的孩子' }),
      schoolTypeConfirmed: true,
    });

  const squat = await submit(squatter, 'draft-squat');
  expect(squat.body).toMatchObject({ ok: true });
  const held = squat.body.data as unknown as View;
  // While it is held, nobody else registers the child.
  expect((await submit(family, 'draft-family-1')).body).toMatchObject({
    ok: false,
    code: 'DUPLICATE_REGISTRATION',
  });

  const out = await fn(host.url, squatter, 'registration', 'withdraw', {
    id: held.id,
    version: held.version,
  });
  expect(out.body).toMatchObject({ ok: true, data: { status: 'withdrawn' } });

  // Withdrawn: the family can register the child now, and it is theirs.
  const claimed = await submit(family, 'draft-family-2');
  expect(claimed.body).toMatchObject({ ok: true, data: { status: 'pending_review' } });
  const theirs = claimed.body.data as unknown as View;
  expect(theirs.id).not.toBe(held.id);
  expect((await fn(host.url, squatter, 'registration', 'get', { id: theirs.id })).body).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  });
  // …and the squatter cannot take it back by registering again.
  expect((await submit(squatter, 'draft-squat-2')).body).toMatchObject({
    ok: false,
    code: 'DUPLICATE_REGISTRATION',
  });

  // The withdrawn registration is still in its family's history, and only theirs.
  const kept = await fn(host.url, squatter, 'registration', 'get', { id: held.id });
  expect(kept.body).toMatchObject({ ok: true, data: { id: held.id, status: 'withdrawn' } });
  expect((kept.body.data as unknown as View).history.map((x) => x.label).at(-1)).toBe('已撤回');
  const list = await fn(host.url, squatter, 'registration', 'listMine', {});
  expect((list.body.data as unknown as { items: View[] }).items.map((r) => r.id)).toContain(held.id);
  expect((await fn(host.url, family, 'registration', 'get', { id: held.id })).body).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  });
});
