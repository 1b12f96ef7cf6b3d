import type { WhoAmI } from '../../shared/api';
import {
  ADMIN,
  harnessOpen,
  OTHER_PARENT,
  PARENT,
  PRINCIPAL,
  TEACHER,
  type Harness,
} from '../helpers/harness';

const NOW = new Date('2027-05-10T02:00:00Z');
let h: Harness;

beforeAll(async () => {
  h = await harnessOpen(NOW);
});
afterAll(async () => {
  await h.store.close();
});
afterEach(() => {
  h.now = NOW;
});

const invite = (payload: Record<string, unknown> = {}) =>
  h.data(ADMIN, 'auth', 'createInvite', {
    role: 'teacher',
    schoolId: 'p03',
    displayName: '新老师',
    ...payload,
  });

describe('roles come from bindings, never from the request', () => {
  test.each([
    [PARENT, 'parent'],
    [PRINCIPAL, 'principal'],
    [TEACHER, 'teacher'],
    ['demo-reviewer-p01', 'reviewer'],
    [ADMIN, 'bureau'],
    ['some-unknown-openid', 'parent'],
  ])('%s is %s', async (openid, role) => {
    expect((await h.data(openid, 'auth', 'whoami', {})).role).toBe(role);
  });

  test('a role or openid in the event is refused, not believed', async () => {
    expect(await h.call(PARENT, 'auth', 'whoami', { role: 'bureau' })).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await h.call(PARENT, 'county', 'overview', {})).toMatchObject({ code: 'FORBIDDEN' });
  });

  test("WeChat's own userInfo field in the event is ignored, not used as identity", async () => {
    const r = await h.event<WhoAmI>('fresh-parent-2', 'auth', {
      action: 'whoami',
      payload: {},
      userInfo: { appId: 'wx123', openId: ADMIN },
    });
    expect(r).toMatchObject({ ok: true, data: { role: 'parent' } });
  });
});

describe('invite codes', () => {
  test('only the bureau creates them', async () => {
    expect(
      await h.call(PRINCIPAL, 'auth', 'createInvite', { role: 'teacher', schoolId: 'p01', displayName: 'x' }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await h.call(PARENT, 'auth', 'createInvite', { role: 'bureau', displayName: 'x' })).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  test('a code binds once; the second user gets INVITE_USED', async () => {
    const { code } = await invite();
    const bound = await h.call(PARENT, 'auth', 'redeemInvite', { code: code.toLowerCase() });
    expect(bound).toMatchObject({ ok: true, data: { role: 'teacher', displayName: '新老师' } });
    expect((await h.data(PARENT, 'auth', 'whoami', {})).role).toBe('teacher');
    expect(await h.call(OTHER_PARENT, 'auth', 'redeemInvite', { code })).toMatchObject({
      code: 'INVITE_USED',
    });
    expect((await h.data(OTHER_PARENT, 'auth', 'whoami', {})).role).toBe('parent');
  });

  test('an expired code is INVITE_EXPIRED; a made-up one INVITE_INVALID', async () => {
    const { code } = await invite({ validDays: 1 });
    h.now = new Date(NOW.getTime() + 2 * 86_400_000);
    expect(await h.call('late-user', 'auth', 'redeemInvite', { code })).toMatchObject({
      code: 'INVITE_EXPIRED',
    });
    expect(await h.call('late-user', 'auth', 'redeemInvite', { code: 'ABCDEFGHJK' })).toMatchObject({
      code: 'INVITE_INVALID',
    });
    expect(await h.call('late-user', 'auth', 'redeemInvite', { code: "' OR 1=1 --" })).toMatchObject({
      code: 'INVITE_INVALID',
    });
  });

  test('staff already bound cannot bind again', async () => {
    const { code } = await invite();
    expect(await h.call(PRINCIPAL, 'auth', 'redeemInvite', { code })).toMatchObject({
      code: 'ALREADY_BOUND',
    });
  });

  test('teacher and principal invites need a real school', async () => {
    expect(await h.call(ADMIN, 'auth', 'createInvite', { role: 'teacher', displayName: 'x' })).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(
      await h.call(ADMIN, 'auth', 'createInvite', { role: 'teacher', schoolId: 'zz', displayName: 'x' }),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('county', () => {
  test('the bureau sees the county; a teacher sees their own record', async () => {
    const o = await h.data(ADMIN, 'county', 'overview', {});
    expect(o.snapshot.schools).toBeGreaterThanOrEqual(11);
    expect(o.snapshot.teachers).toBeGreaterThanOrEqual(200);
    const me = await h.data(TEACHER, 'county', 'me', {});
    expect(me).toMatchObject({ teacher: { schoolId: 'p01' }, schoolName: '城关第一小学' });
    expect(await h.call('fresh-parent', 'county', 'me', {})).toMatchObject({ code: 'FORBIDDEN' });
  });
});
