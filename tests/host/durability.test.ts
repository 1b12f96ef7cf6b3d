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

test('kill -9 mid-burst loses no acknowledged registration; restart takes over the stale lock', async () => {
  const a = await hostSpawn(dir);
  const token = await signIn(a.url, 'parent-wang');
  const acknowledged: string[] = [];
  const submit = async (i: number) => {
    const r = await fn(a.url, token, 'registration', 'submit', {
      draftId: 'draft-durable',
      form: formMake({ idNumber: idNumberMake('2019-01-01', i) }),
      schoolTypeConfirmed: true,
    }).catch(() => null);
    if (r?.body.ok) acknowledged.push((r.body.data as unknown as { id: string }).id);
  };
  // 40 acknowledged one by one, then 60 fired at once and the host killed while they run.
  for (let i = 1; i <= 40; i++) await submit(i);
  const burst = Array.from({ length: 60 }, (_, k) => submit(100 + k));
  await new Promise((r) => setTimeout(r, 30));
  a.child.kill('SIGKILL');
  await Promise.all(burst);
  await exited(a.child);
  expect(acknowledged.length).toBeGreaterThanOrEqual(40);

  const b = await hostSpawn(dir);
  try {
    const t2 = await signIn(b.url, 'parent-wang');
    const seen: string[] = [];
    for (let offset: number | null = 0; offset !== null;) {
      const r = await fn(b.url, t2, 'registration', 'listMine', { offset });
      const data = r.body.data as unknown as { items: { id: string }[]; next: number | null };
      seen.push(...data.items.map((x) => x.id));
      offset = data.next;
    }
    for (const id of acknowledged) expect(seen).toContain(id);
    expect(new Set(seen).size).toBe(seen.length); // nothing doubled
    // Submitting an acknowledged child again is still refused after recovery.
    const again = await fn(b.url, t2, 'registration', 'submit', {
      draftId: 'draft-durable',
      form: formMake({ idNumber: idNumberMake('2019-01-01', 1) }),
      schoolTypeConfirmed: true,
    });
    expect(again.body).toMatchObject({ ok: false, code: 'DUPLICATE_REGISTRATION' });
  } finally {
    b.child.kill('SIGTERM');
    await exited(b.child);
  }
});
