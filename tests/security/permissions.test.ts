/**
 * The permission matrix, cell by cell: every action refuses every role it does not allow with
 * FORBIDDEN and changes nothing (the whole database is fingerprinted before and after); the
 * written matrix (docs/permissions.md) says exactly what the code enforces; and the "whose data"
 * cells — another family's registration or documents, another school, another teacher's notice,
 * an unbound OPENID, invite codes used twice or after expiry — are refused and change nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { roles, type Role } from '../../shared/identity/roles';
import { documentSlotKeys } from '../../shared/registration/documents';
import { hostedFunctions } from '../../server/host/functions';
import { cellText, idLikeField, idsText, matrixRows, roleNames } from '../../server/security/matrix';
import { actionScopes } from '../../server/security/scopes';
import { pgliteStore } from '../../server/store/pglite';
import { pgliteMigrate } from '../../server/store/pgliteStart';
import { dbFingerprint } from '../helpers/fingerprint';
import { formMake } from '../helpers/forms';
import {
  ADMIN,
  harnessOpen,
  OTHER_PARENT,
  PARENT,
  PRINCIPAL,
  TEACHER,
  type Harness,
} from '../helpers/harness';

const REVIEWER = 'demo-reviewer-p01';
const SLOT = documentSlotKeys[0] as string;
const UNBOUND = 'some-unbound-openid';
const callerOf: Readonly<Record<Role, string>> = {
  parent: UNBOUND,
  teacher: TEACHER,
  reviewer: REVIEWER,
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

const fns = [...hostedFunctions().values()].map((f) => f.def);
const rows = matrixRows(fns);
const refusedCells = rows.flatMap((r) =>
  roles.filter((role) => !r.allowed.has(role)).map((role) => [r.key, role] as const),
);

describe('the written matrix is what the code enforces', () => {
  test('every action has a matrix row, and no row names a missing action', () => {
    expect(rows.filter((r) => !r.scope).map((r) => r.key)).toEqual([]);
    const keys = new Set(rows.map((r) => r.key));
    expect(Object.keys(actionScopes).filter((k) => !keys.has(k))).toEqual([]);
  });

  test('each row gives a reach for exactly the roles the definition allows', () => {
    const differ = rows.filter(
      (r) =>
        [...r.allowed].sort().join() !==
        Object.keys(r.scope?.reach ?? {})
          .sort()
          .join(),
    );
    expect(differ.map((r) => r.key)).toEqual([]);
  });

  test('every id-like payload field is declared with what it names, and every declared id exists', () => {
    const undeclared = rows.flatMap((r) =>
      r.fields
        .filter(idLikeField)
        .filter((f) => !(f in (r.scope?.ids ?? {})))
        .map((f) => `${r.key} ${f}`),
    );
    expect(undeclared).toEqual([]);
    const stray = rows.flatMap((r) =>
      Object.keys(r.scope?.ids ?? {})
        .filter((f) => !r.fields.includes(f))
        .map((f) => `${r.key} ${f}`),
    );
    expect(stray).toEqual([]);
  });

  test('docs/permissions.md lists every action with the same roles and scope (npm run docs:permissions)', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'permissions.md'), 'utf8');
    const table = doc
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map((l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    expect(table.map((c) => c[0])).toEqual(rows.map((r) => `\`${r.key}\``));
    for (const [i, r] of rows.entries()) {
      const cells = table[i] as string[];
      expect(cells.slice(1, 1 + roles.length)).toEqual(roles.map((x) => cellText(r, x)));
      expect(cells[1 + roles.length]).toBe(idsText(r));
      expect(cells[2 + roles.length]).toBe(r.scope?.note ?? '');
    }
    expect(doc).toContain(roles.map((x) => roleNames[x]).join(' | '));
  });
});

describe('every refused cell answers FORBIDDEN and changes nothing', () => {
  let before = '';
  beforeAll(async () => {
    before = await fingerprint();
  });
  test.each(refusedCells)('%s as %s', async (key, role) => {
    const [fn, action] = key.split('.') as [string, string];
    // A payload that would be valid-looking for many actions: the role check must come first.
    const r = await h.call(callerOf[role], fn, action, { id: 'x', schoolId: 'p02', teacherId: 'p02-t001' });
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
  test('…and the database is byte-for-byte the same afterwards', async () => {
    expect(refusedCells.length).toBeGreaterThan(150);
    expect(await fingerprint()).toBe(before);
  });
});

describe('whose data', () => {
  let regId = '';
  beforeAll(async () => {
    const r = await h.data(PARENT, 'registration', 'submit', {
      draftId: 'draft-perm',
      form: formMake(),
      schoolTypeConfirmed: true,
    });
    regId = r.id;
  });

  const unchanged = async (call: () => Promise<unknown>, ...codes: string[]) => {
    const before = await fingerprint();
    const r = (await call()) as { ok: boolean; code?: string };
    expect(r.ok).toBe(false);
    expect(codes).toContain(r.code);
    expect(await fingerprint()).toBe(before);
  };

  test('a parent cannot read, change or withdraw another family’s registration', async () => {
    await unchanged(() => h.call(OTHER_PARENT, 'registration', 'get', { id: regId }), 'NOT_FOUND');
    await unchanged(
      () => h.call(OTHER_PARENT, 'registration', 'withdraw', { id: regId, version: 1 }),
      'NOT_FOUND',
    );
    await unchanged(
      () =>
        h.call(OTHER_PARENT, 'registration', 'resubmit', {
          id: regId,
          version: 1,
          draftId: 'draft-perm',
          form: formMake(),
        }),
      'NOT_FOUND',
    );
    await unchanged(() => h.call(OTHER_PARENT, 'registration', 'admission', { id: regId }), 'NOT_FOUND');
  });

  test('a parent cannot attach another family’s upload, or open another family’s documents', async () => {
    await unchanged(
      () => h.call(OTHER_PARENT, 'registration', 'documentLink', { registrationId: regId, slot: SLOT }),
      'FORBIDDEN',
      'NOT_FOUND',
    );
  });

  test('a principal or reviewer cannot act on another school’s registration or teachers', async () => {
    const other = await h.data(OTHER_PARENT, 'registration', 'submit', {
      draftId: 'draft-perm-2',
      form: formMake({ schoolId: 'p02' }),
      schoolTypeConfirmed: true,
    });
    for (const who of [PRINCIPAL, REVIEWER]) {
      // Out of scope answers exactly like a missing record, so ids cannot be probed.
      await unchanged(() => h.call(who, 'registration', 'get', { id: other.id }), 'NOT_FOUND');
      await unchanged(
        () =>
          h.call(who, 'registration', 'review', {
            id: other.id,
            version: 1,
            decision: 'approve',
            reasonCode: null,
            reason: '',
          }),
        'NOT_FOUND',
      );
    }
    await unchanged(() => h.call(PRINCIPAL, 'classing', 'plan', { schoolId: 'p02' }), 'FORBIDDEN');
    await unchanged(
      () =>
        h.call(PRINCIPAL, 'rotation', 'nominate', { teacherId: 'p02-t001', kind: 'school', note: '推荐' }),
      'FORBIDDEN',
    );
  });

  test('a teacher reads only their own notice: no field can name another teacher', async () => {
    await unchanged(() => h.call(TEACHER, 'rotation', 'mine', { teacherId: 'p02-t001' }), 'INVALID_INPUT');
    await unchanged(
      () => h.call(TEACHER, 'rotation', 'acknowledge', { teacherId: 'p02-t001' }),
      'INVALID_INPUT',
    );
  });

  test('an unbound OPENID is a parent: it cannot reach any staff data', async () => {
    await unchanged(() => h.call(UNBOUND, 'registration', 'get', { id: regId }), 'NOT_FOUND');
    await unchanged(() => h.call(UNBOUND, 'registration', 'queue', {}), 'FORBIDDEN');
    await unchanged(() => h.call(UNBOUND, 'county', 'me', {}), 'FORBIDDEN');
  });

  test('an invite code binds once and never after expiry', async () => {
    const invite = await h.data(ADMIN, 'auth', 'createInvite', {
      role: 'teacher',
      schoolId: 'p01',
      teacherId: 'p01-t010',
      displayName: '新教师',
    });
    await h.data('invitee-1', 'auth', 'redeemInvite', { code: invite.code });
    await unchanged(() => h.call('invitee-2', 'auth', 'redeemInvite', { code: invite.code }), 'INVITE_USED');
    const late = await h.data(ADMIN, 'auth', 'createInvite', {
      role: 'teacher',
      schoolId: 'p01',
      teacherId: 'p01-t011',
      displayName: '另一位新教师',
    });
    const saved = h.now;
    h.now = new Date(new Date(late.expiresAt).getTime() + 1000);
    await unchanged(() => h.call('invitee-3', 'auth', 'redeemInvite', { code: late.code }), 'INVITE_EXPIRED');
    h.now = saved;
  });
});
