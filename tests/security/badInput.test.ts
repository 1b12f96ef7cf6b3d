/**
 * Bad input, for every action of every function (called by a role it allows): operator-looking
 * keys and values (`$ne`, `_.neq`, `{"$gt": ""}`), SQL fragments in ids, huge strings and arrays,
 * deep nesting and wrong types are refused with INVALID_INPUT and a Chinese message naming the
 * field — and the database does not change.
 */
import { PGlite } from '@electric-sql/pglite';
import type * as z from 'zod';
import type { Role } from '../../shared/identity/roles';
import { hostedFunctions } from '../../server/host/functions';
import { fieldLabels } from '../../server/runtime/fieldLabels';
import { pgliteStore } from '../../server/store/pglite';
import { pgliteMigrate } from '../../server/store/pgliteStart';
import { dbFingerprint } from '../helpers/fingerprint';
import { ADMIN, harnessOpen, PRINCIPAL, TEACHER, type Harness } from '../helpers/harness';

const callerOf: Readonly<Record<Role, string>> = {
  parent: 'demo-parent-wang',
  teacher: TEACHER,
  reviewer: 'demo-reviewer-p01',
  principal: PRINCIPAL,
  bureau: ADMIN,
};

let h: Harness;
let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
  await pgliteMigrate(db);
  h = await harnessOpen(new Date('2027-05-10T02:00:00Z'), pgliteStore(db));
});
afterAll(async () => {
  await h.store.close();
});

const fingerprint = () => dbFingerprint(db);

/** The top-level fields of an action's payload schema (objects only; wrappers unwrapped). */
function fieldsOf(schema: z.ZodType): string[] {
  let s = schema as unknown as {
    shape?: Record<string, unknown>;
    _zod?: { def?: { innerType?: unknown; in?: unknown } };
  };
  for (let i = 0; i < 5 && !s.shape; i++) {
    const inner = s._zod?.def?.innerType ?? s._zod?.def?.in;
    if (!inner) break;
    s = inner as typeof s;
  }
  return s.shape ? Object.keys(s.shape) : [];
}

const deep = (n: number): unknown => (n === 0 ? 'x' : [deep(n - 1)]);
const badValues: readonly [string, unknown][] = [
  ['an operator object { $ne: "" }', { $ne: '' }],
  ['an operator object { $gt: "" }', { $gt: '' }],
  ['a CloudBase command key { "_.neq": 1 }', { '_.neq': 1 }],
  ['a huge string (300,000 characters)', 'x'.repeat(300_000)],
  ['a huge array (100,000 items)', Array.from({ length: 100_000 }, () => 'a')],
  ['nesting 500 levels deep', deep(500)],
];

const actions = [...hostedFunctions().values()].flatMap((f) =>
  Object.entries(f.def.actions).map(([name, def]) => ({
    fn: f.def.name,
    action: name,
    who: callerOf[def.roles[def.roles.length - 1] as Role],
    fields: fieldsOf(def.input as z.ZodType),
  })),
);
const cells = actions.flatMap((a) =>
  a.fields.flatMap((field) =>
    badValues.map(([what, value]) => [`${a.fn}.${a.action}`, field, what, a, value] as const),
  ),
);

let before = '';
beforeAll(async () => {
  before = await fingerprint();
});

test('every action’s payload is a strict object: an operator-looking extra key is refused', async () => {
  for (const a of actions) {
    for (const extra of [{ $where: '1' }, { '_.neq': '' }, { __proto__x: 1 }]) {
      const r = await h.call(a.who, a.fn, a.action, extra);
      expect({ key: `${a.fn}.${a.action}`, r }).toMatchObject({
        key: `${a.fn}.${a.action}`,
        r: { ok: false, code: 'INVALID_INPUT', message: expect.stringMatching(/包含不允许的字段/) },
      });
    }
  }
});

test.each(cells)(
  '%s: field %s given %s → INVALID_INPUT naming the field',
  async (_k, field, _what, a, value) => {
    const r = await h.call(a.who, a.fn, a.action, { [field]: value });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    if (r.ok) return;
    // The message names this field by its Chinese name — or, when the value happens to be
    // acceptable for it (a long base64 file within its limit), a required field left out.
    const named = /「([^」]+)」/.exec(r.message)?.[1];
    const labels = Object.values(fieldLabels);
    const ok =
      named === fieldLabels[field] ||
      (named !== undefined && labels.some((l) => named.startsWith(l))) ||
      /无法读取该文件/.test(r.message);
    expect({ field, message: r.message, ok }).toMatchObject({ ok: true });
  },
);

test.each([
  ['registration.get', { id: "x' OR '1'='1" }],
  ['registration.get', { id: 'a; DROP TABLE registrations; --' }],
  ['rotation.answer', { teacherId: "p01' --", upheld: true, text: '答复' }],
  ['classing.plan', { schoolId: "p01' OR 1=1 --" }],
] as const)('an SQL fragment as an id is refused: %s %j', async (key, payload) => {
  const [fn, action] = key.split('.') as [string, string];
  const who = key.startsWith('registration')
    ? 'demo-parent-wang'
    : key.startsWith('classing')
      ? PRINCIPAL
      : ADMIN;
  const r = await h.call(who, fn, action, payload);
  expect(r).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
    message: expect.stringContaining('编号格式不正确'),
  });
});

test('a raw event that is not an object, or names no action, is refused; nothing changed at all', async () => {
  for (const ev of [null, 'submit', 42, [], { action: { $ne: '' } }, { action: 'x'.repeat(100) }])
    expect(await h.event('demo-parent-wang', 'registration', ev)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  expect(cells.length).toBeGreaterThan(300);
  expect(await fingerprint()).toBe(before);
});
