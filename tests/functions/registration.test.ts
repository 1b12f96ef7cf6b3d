import {
  harnessOpen,
  OTHER_PARENT,
  PARENT,
  PRINCIPAL,
  TEACHER,
  ADMIN,
  type Harness,
} from '../helpers/harness';
import { communityOf, formMake } from '../helpers/forms';
import { idNumberMake } from '../helpers/ids';

// Demo settings open the window two weeks before "now": a fixed May date keeps runs identical.
const NOW = new Date('2027-05-10T02:00:00Z');
let h: Harness;
let seq = 1;
const newChild = (birth = '2020-05-10') => idNumberMake(birth, seq++ * 2 + 1);
const submit = (openid: string, over: Record<string, unknown> = {}) =>
  h.call(openid, 'registration', 'submit', {
    draftId: `draft-${seq++}`,
    form: formMake({ idNumber: newChild(), ...over }),
    schoolTypeConfirmed: true,
  });

beforeAll(async () => {
  h = await harnessOpen(NOW);
});
afterAll(async () => {
  await h.store.close();
});
afterEach(() => {
  h.now = NOW;
});

describe('the first journey: parent registers, principal approves, parent sees it', () => {
  test('end to end through the functions', async () => {
    const idNumber = newChild('2020-06-01');
    const r = await submit(PARENT, { idNumber });
    if (!r.ok) throw new Error(r.message);
    expect(r.data).toMatchObject({
      status: 'pending_review',
      statusLabel: '待审核',
      birthDate: '2020-06-01',
      gender: 'M',
      year: 2027,
    });

    const queue = await h.data(PRINCIPAL, 'registration', 'queue', {});
    const item = queue.items.find((x) => x.id === r.data.id);
    expect(item).toBeDefined();
    expect(item?.idNumber).toBeNull(); // staff lists never carry the full number
    expect(item?.form.idNumber).toMatch(/^\d{4}\*{10}/);
    expect(item?.form.guardians.every((g) => g.idNumber.includes('*') && g.mobile.includes('****'))).toBe(
      true,
    );
    expect(JSON.stringify(item)).not.toContain(idNumber);
    expect(item?.idNumberMasked).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);

    const approved = await h.data(PRINCIPAL, 'registration', 'review', {
      id: r.data.id,
      version: item?.version,
      decision: 'approve',
    });
    expect(approved.status).toBe('approved');

    const mine = await h.data(PARENT, 'registration', 'listMine', {});
    const seen = mine.items.find((x) => x.id === r.data.id);
    expect(seen).toMatchObject({
      status: 'approved',
      statusLabel: '审核通过',
      reason: '审核通过，还缺少6份材料，请按时补交',
    });
    expect(seen?.history.map((x) => x.label)).toEqual(['已提交', '待审核', '审核通过']);

    const audit = await h.store.listAudit(`registration:${r.data.id}`);
    expect(audit.map((a) => a.action)).toEqual(['registration.submit', 'registration.approve']);
  });
});

describe('registration rules at the function', () => {
  test('the same child twice is DUPLICATE_REGISTRATION, even from another family, and nothing changes', async () => {
    const idNumber = newChild();
    const first = await submit(PARENT, { idNumber });
    expect(first.ok).toBe(true);
    const again = await submit(PARENT, { idNumber, childName: '王小红' });
    expect(again).toMatchObject({ ok: false, code: 'DUPLICATE_REGISTRATION' });
    const other = await submit(OTHER_PARENT, { idNumber });
    expect(other).toMatchObject({ ok: false, code: 'DUPLICATE_REGISTRATION' });
    const mine = await h.data(PARENT, 'registration', 'listMine', {});
    expect(mine.items.filter((x) => x.idNumber === idNumber).map((x) => x.childName)).toEqual(['王小明']);
  });

  test('the same child typed differently (spaces, lower-case x) is still the same child', async () => {
    const idNumber = idNumberMake('2020-03-03', 5);
    expect((await submit(PARENT, { idNumber })).ok).toBe(true);
    const spaced = `${idNumber.slice(0, 6)} ${idNumber.slice(6, 14)} ${idNumber.slice(14).toLowerCase()}`;
    expect(await submit(PARENT, { idNumber: spaced })).toMatchObject({ code: 'DUPLICATE_REGISTRATION' });
  });

  test('an invalid ID number is INVALID_ID_NUMBER with a Chinese reason', async () => {
    const bad = newChild().slice(0, 17) + '0';
    const r = await submit(PARENT, { idNumber: bad.endsWith('00') ? bad.slice(0, 17) + '1' : bad });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_ID_NUMBER' });
    expect(!r.ok && r.message).toMatch(/身份证号码/);
  });

  test('an under-age child is refused with the cut-off date', async () => {
    const r = await submit(PARENT, { idNumber: newChild('2021-09-01') });
    expect(r).toMatchObject({ ok: false, code: 'UNDER_AGE' });
    expect(!r.ok && r.message).toContain('2027年8月31日');
  });

  test('outside the window is OUT_OF_WINDOW with the window shown (server clock, CST)', async () => {
    h.now = new Date('2027-09-30T00:00:00Z');
    const r = await submit(PARENT);
    expect(r).toMatchObject({ ok: false, code: 'OUT_OF_WINDOW' });
    expect(!r.ok && r.message).toMatch(/报名时间为\d{4}年\d+月\d+日至/);
  });

  test('a school of the other stage, or unknown, is refused', async () => {
    expect(await submit(PARENT, { schoolId: 'j01' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await submit(PARENT, { schoolId: 'nope', community: communityOf('p01') })).toMatchObject({
      code: 'INVALID_INPUT',
    });
    // A school outside the family's zone.
    const outside = await submit(PARENT, { schoolId: 'p05', community: communityOf('p01') });
    expect(outside).toMatchObject({
      code: 'INVALID_INPUT',
      message: '所选学校不是您居住社区的学区学校，请重新选择。',
    });
  });

  test.each([
    [{ idNumber: { $ne: '' } }, '「儿童身份证号」'],
    [{ ownerOpenid: 'x' }, '「报名表」包含不允许的字段'],
    [{ stage: 'kindergarten' }, '「学段」'],
    [{ childName: 'x'.repeat(5000) }, '「儿童姓名」'],
    [{ guardians: Array.from({ length: 9 }, () => formMake().guardians[0]) }, '「监护人」'],
  ])('malformed payload %# is INVALID_INPUT naming the field in words', async (over, field) => {
    const r = await h.call(PARENT, 'registration', 'submit', {
      draftId: 'draft-bad',
      form: { ...formMake(), ...over },
      schoolTypeConfirmed: true,
    });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(!r.ok && r.message).toContain(field);
    expect(!r.ok && r.message).not.toMatch(/[A-Za-z]/);
  });
});

describe('who may do what', () => {
  test('staff cannot submit; parents cannot review or read the queue', async () => {
    expect(await submit(PRINCIPAL)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await submit(TEACHER)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await h.call(PARENT, 'registration', 'queue', {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await h.call(PARENT, 'registration', 'review', { id: 'x', version: 1, decision: 'approve' }),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('another family cannot read a registration (answered as not found)', async () => {
    const r = await submit(PARENT);
    if (!r.ok) throw new Error(r.message);
    expect(await h.call(OTHER_PARENT, 'registration', 'get', { id: r.data.id })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await h.call(PARENT, 'registration', 'get', { id: r.data.id })).ok).toBe(true);
  });

  test("a principal cannot review another school's registration", async () => {
    const r = await submit(PARENT, { schoolId: 'p02', community: formMake({ schoolId: 'p02' }).community });
    if (!r.ok) throw new Error(r.message);
    const res = await h.call(PRINCIPAL, 'registration', 'review', {
      id: r.data.id,
      version: r.data.version,
      decision: 'approve',
    });
    expect(res).toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.data(ADMIN, 'registration', 'get', { id: r.data.id })).status).toBe('pending_review');
  });

  test('a stale review is STALE_VERSION and a second decision is INVALID_TRANSITION', async () => {
    const r = await submit(PARENT);
    if (!r.ok) throw new Error(r.message);
    const v = r.data.version;
    expect(
      (await h.call(PRINCIPAL, 'registration', 'review', { id: r.data.id, version: v, decision: 'approve' }))
        .ok,
    ).toBe(true);
    expect(
      await h.call(PRINCIPAL, 'registration', 'review', {
        id: r.data.id,
        version: v,
        decision: 'reject',
        reasonCode: 'OTHER',
        reason: '材料不全',
      }),
    ).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  test('two principals deciding at once: one wins, the other gets STALE_VERSION', async () => {
    const r = await submit(PARENT);
    if (!r.ok) throw new Error(r.message);
    const args = { id: r.data.id, version: r.data.version };
    const [a, b] = await Promise.all([
      h.call(PRINCIPAL, 'registration', 'review', { ...args, decision: 'approve' }),
      h.call(PRINCIPAL, 'registration', 'review', {
        ...args,
        decision: 'reject',
        reasonCode: 'NOT_IN_ZONE',
        reason: '户籍不符',
      }),
    ]);
    const codes = [a, b].map((x) => (x.ok ? 'ok' : x.code)).sort();
    expect(codes).toEqual(['STALE_VERSION', 'ok']);
  });

  test('a rejection needs a reason, and the parent sees it', async () => {
    const r = await submit(PARENT);
    if (!r.ok) throw new Error(r.message);
    expect(
      await h.call(PRINCIPAL, 'registration', 'review', {
        id: r.data.id,
        version: 2 - 1,
        decision: 'reject',
      }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    await h.data(PRINCIPAL, 'registration', 'review', {
      id: r.data.id,
      version: 1,
      decision: 'reject',
      reasonCode: 'NOT_IN_ZONE',
      reason: '房产地址不在本校学区',
    });
    const seen = await h.data(PARENT, 'registration', 'get', { id: r.data.id });
    expect(seen).toMatchObject({ status: 'rejected', statusLabel: '未通过', reason: '房产地址不在本校学区' });
    expect(seen.history.at(-1)).toMatchObject({ reasonLabel: '不在本学区' });
  });

  test('unknown actions are UNKNOWN_ACTION; prototype keys are not actions', async () => {
    expect(await h.call(PARENT, 'registration', 'dropTables')).toMatchObject({ code: 'UNKNOWN_ACTION' });
    expect(await h.call(PARENT, 'registration', 'constructor')).toMatchObject({ code: 'UNKNOWN_ACTION' });
    expect(await h.call(PARENT, 'registration', '__proto__')).toMatchObject({ code: 'UNKNOWN_ACTION' });
  });
});
