/**
 * Users see prose, not code (issue 19, item 9): every field of every action's payload has a
 * Chinese name, and a refused payload names the field by it — never by its key (字段「seed」,
 * 字段「student.id」) nor by a path.
 */
import type * as z from 'zod';
import { hostedFunctions } from '../../server/host/functions';
import { fieldLabels } from '../../server/runtime/fieldLabels';
import { ADMIN, harnessOpen, PRINCIPAL, type Harness } from '../helpers/harness';
import { schemaPaths } from '../helpers/schemaPaths';

let h: Harness;
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-05-10T02:00:00Z'));
});
afterAll(async () => {
  await h.store.close();
});

const paths = [...hostedFunctions().values()].flatMap((f) =>
  Object.entries(f.def.actions).flatMap(([a, def]) =>
    schemaPaths(def.input as z.ZodType).map((p) => [`${f.def.name}.${a}`, p] as const),
  ),
);

test('every field of every action has a Chinese name', () => {
  expect(paths.length).toBeGreaterThan(100);
  const missing = paths.filter(([, p]) => !fieldLabels[p]).map(([a, p]) => `${a}: ${p}`);
  expect(missing).toEqual([]);
  for (const label of Object.values(fieldLabels)) expect(label).toMatch(/^[\u4e00-\u9fff（）、]+$/);
});

test.each([
  [ADMIN, 'placement', 'run', { stage: 'primary', seed: '', dryRun: true }, '随机种子'],
  [
    PRINCIPAL,
    'classing',
    'late',
    { version: 1, student: { id: 'x y', name: '甲', gender: 'M' } },
    '插班生学号',
  ],
  [ADMIN, 'rotation', 'answer', { teacherId: 'p01-t004', upheld: 'yes', text: '答复' }, '异议是否成立'],
  [ADMIN, 'placement', 'run', { stage: 'primary', seed: '1', dryRun: true, extra: 1 }, '不允许的字段'],
] as const)('%s %s.%s: the message names the field in Chinese', async (who, fn, action, payload, named) => {
  const r = await h.call(who, fn, action, payload);
  expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  if (r.ok) return;
  expect(r.message).toContain(named);
  expect(r.message).not.toMatch(/[A-Za-z]/);
  expect(r.message).not.toContain('字段「');
});
