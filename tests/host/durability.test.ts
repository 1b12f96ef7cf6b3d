/**
 * Real processes: one host per data directory, and no acknowledged registration lost when the
 * host is killed with SIGKILL in the middle of a burst of submits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, hostSpawn, hostSpawnRefused } from '../helpers/hostProcess';
import { fn, signIn } from '../helpers/http';
import { formMake } from '../helpers/forms';
import { idNumberMake } from '../helpers/ids';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'junheng-dur-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a second host on the same data directory refuses to start, with a clear message', async () => {
  const a = await hostSpawn(dir);
  try {
    const refused = await hostSpawnRefused(dir);
    expect(refused.code).toBe(3);
    expect(refused.out).toContain('正在被另一个本地服务');
    expect(refused.out).toContain(String(a.child.pid));
    // The first host is unharmed.
    expect((await fetch(`${a.url}/api/health`)).status).toBe(200);
  } finally {
    a.child.kill('SIGTERM');
    await exited(a.child);
  }
});

test('kill -9 with 200 submits in flight: every acknowledged one is stored exactly once, none half-written', async () => {
  const N = 200;
  const env = { JUNHENG_LOAD_ACCOUNTS: String(N) };
  const a = await hostSpawn(dir, 0, undefined, env);
  const tokens = await Promise.all(Array.from({ length: N }, (_, i) => signIn(a.url, `load-${i}`)));
  const sent = Array.from({ length: N }, (_, i) => idNumberMake('2019-01-01', i + 1));
  const acknowledged = new Map<number, string>();
  const submit = async (i: number) => {
    const r = await fn(a.url, tokens[i] as string, 'registration', 'submit', {
      draftId: 'draft-durable',
      form: formMake({ idNumber: sent[i] as string }),
      schoolTypeConfirmed: true,
    }).catch(() => null);
    if (r?.body.ok) acknowledged.set(i, (r.body.data as unknown as { id: string }).id);
  };
  // All 200 at once; the host is killed as soon as the first 20 have been acknowledged.
  const burst = Array.from({ length: N }, (_, i) => submit(i));
  while (acknowledged.size < 20) await new Promise((r) => setTimeout(r, 2));
  a.child.kill('SIGKILL');
  await Promise.all(burst);
  await exited(a.child);
  expect(acknowledged.size).toBeGreaterThanOrEqual(20);
  expect(acknowledged.size).toBeLessThan(N); // the kill really landed mid-burst

  const b = await hostSpawn(dir, 0, undefined, env);
  try {
    let stored = 0;
    for (let i = 0; i < N; i++) {
      const t = await signIn(b.url, `load-${i}`);
      const r = await fn(b.url, t, 'registration', 'listMine', {});
      const items = (
        r.body.data as unknown as {
          items: { id: string; idNumber: string; status: string; tier: unknown; history: unknown[] }[];
        }
      ).items;
      // Nothing doubled, nothing half-written: at most one registration, complete and consistent.
      expect(items.length).toBeLessThanOrEqual(1);
      for (const reg of items) {
        expect(reg.idNumber).toBe(sent[i]);
        expect(['pending_review', 'submitted']).toContain(reg.status);
        expect(reg.tier).toBeTruthy();
        expect(reg.history.length).toBeGreaterThan(0);
      }
      const ack = acknowledged.get(i);
      if (ack) expect(items.map((x) => x.id)).toEqual([ack]);
      stored += items.length;
    }
    expect(stored).toBeGreaterThanOrEqual(acknowledged.size);
    // Submitting an acknowledged child again is still refused after recovery.
    const [first] = [...acknowledged.keys()];
    const again = await fn(b.url, await signIn(b.url, `load-${first}`), 'registration', 'submit', {
      draftId: 'draft-durable',
      form: formMake({ idNumber: sent[first as number] as string }),
      schoolTypeConfirmed: true,
    });
    expect(again.body).toMatchObject({ ok: false, code: 'DUPLICATE_REGISTRATION' });
  } finally {
    b.child.kill('SIGTERM');
    await exited(b.child);
  }
}, 120_000);
