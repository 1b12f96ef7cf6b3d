/**
 * Someone else registered my child (冒名/误报), issue 17 defect 2: the refused family is told what
 * to do; the school (or the bureau) voids the other registration with a reason after checking the
 * documents in person — audited, the other account told — and the real family registers.
 */
import { formMake } from '../helpers/forms';
import { ADMIN, harnessOpen, OTHER_PARENT, PARENT, PRINCIPAL, type Harness } from '../helpers/harness';
import { idNumberMake } from '../helpers/ids';

const NOW = new Date('2027-05-10T02:00:00Z');
let h: Harness;
let seq = 0;
const submit = (openid: string, idNumber: string, schoolId = 'p01') =>
  h.call(openid, 'registration', 'submit', {
    draftId: `draft-void-${++seq}`,
    form: formMake({ idNumber, schoolId }),
    schoolTypeConfirmed: true,
  });

beforeAll(async () => {
  h = await harnessOpen(NOW);
});
afterAll(async () => {
  await h.store.close();
});

test('the school voids a registration made by another account; the real family then registers', async () => {
  const child = idNumberMake('2020-03-21', 801);
  const squatter = await h.data(OTHER_PARENT, 'registration', 'submit', {
    draftId: 'draft-squat',
    form: formMake({ idNumber: child }),
    schoolTypeConfirmed: true,
  });
  const refused = await submit(PARENT, child);
  expect(refused).toMatchObject({ ok: false, code: 'DUPLICATE_REGISTRATION' });
  expect(!refused.ok && refused.message).toMatch(/户口簿.*出生医学证明.*作废/);

  // Not without a reason; not by a parent, a teacher or another school's staff.
  expect(
    await h.call(PRINCIPAL, 'registration', 'void', { id: squatter.id, version: squatter.version }),
  ).toMatchObject({ code: 'INVALID_INPUT' });
  expect(
    await h.call(PARENT, 'registration', 'void', { id: squatter.id, version: 1, reason: '这是我的孩子' }),
  ).toMatchObject({ code: 'FORBIDDEN' });

  const voided = await h.data(PRINCIPAL, 'registration', 'void', {
    id: squatter.id,
    version: squatter.version,
    reason: '已查验王女士的户口簿和出生医学证明，儿童为其子',
  });
  expect(voided).toMatchObject({ status: 'voided', statusLabel: '已作废' });

  // The other account is told, keeps the record with the reason, and cannot register the child again
  // while the real family's registration holds it.
  const theirs = await h.data(OTHER_PARENT, 'registration', 'get', { id: squatter.id });
  expect(theirs).toMatchObject({
    status: 'voided',
    reason: '已查验王女士的户口簿和出生医学证明，儿童为其子',
  });
  expect(theirs.history.at(-1)?.reasonLabel).toContain('冒名或误报');
  const inbox = await h.data(OTHER_PARENT, 'registration', 'notices', {});
  expect(inbox.items[0]).toMatchObject({ title: '报名已作废', registrationId: squatter.id });
  expect(inbox.items[0]?.body).toContain('儿童为其子');

  const real = await submit(PARENT, child);
  if (!real.ok) throw new Error(real.message);
  expect(real.data.previousId).toBe(squatter.id);
  expect(await submit(OTHER_PARENT, child)).toMatchObject({ code: 'DUPLICATE_REGISTRATION' });

  const audit = await h.store.listAudit(`registration:${squatter.id}`);
  expect(audit.at(-1)).toMatchObject({
    action: 'registration.void',
    actor: PRINCIPAL,
    detail: { reason: '已查验王女士的户口簿和出生医学证明，儿童为其子', owner: OTHER_PARENT },
  });
});

test('only the school it was made at or the bureau voids it, and only once', async () => {
  const child = idNumberMake('2020-03-22', 803);
  const atP02 = await h.data(OTHER_PARENT, 'registration', 'submit', {
    draftId: 'draft-squat-2',
    form: formMake({ idNumber: child, schoolId: 'p02' }),
    schoolTypeConfirmed: true,
  });
  // Another school's principal: answered exactly like a missing registration.
  expect(
    await h.call(PRINCIPAL, 'registration', 'void', {
      id: atP02.id,
      version: 1,
      reason: '核实过了，不是本人',
    }),
  ).toMatchObject({ code: 'NOT_FOUND' });
  const byBureau = await h.data(ADMIN, 'registration', 'void', {
    id: atP02.id,
    version: 1,
    reason: '教育局核实了户口簿和出生医学证明',
  });
  expect(byBureau.status).toBe('voided');
  expect(
    await h.call(ADMIN, 'registration', 'void', { id: atP02.id, version: 2, reason: '再作废一次看看' }),
  ).toMatchObject({ code: 'INVALID_TRANSITION' });
});

test('a return or refusal notice reads as sentences: a reason typed with its own 。 is not doubled', async () => {
  const r = await h.data(PARENT, 'registration', 'submit', {
    draftId: 'draft-sentence',
    form: formMake({ idNumber: idNumberMake('2020-03-23', 805) }),
    schoolTypeConfirmed: true,
  });
  await h.data(PRINCIPAL, 'registration', 'review', {
    id: r.id,
    version: r.version,
    decision: 'return',
    reasonCode: 'DOCS_ILLEGIBLE',
    reason: '户口簿首页看不清。',
    deadline: '2027-05-20',
  });
  const inbox = await h.data(PARENT, 'registration', 'notices', {});
  const body = inbox.items[0]?.body ?? '';
  expect(body).toContain('户口簿首页看不清。请在2027年5月20日前修改并重新提交。');
  expect(body).not.toMatch(/。。/);
});

test('the bureau finds a child’s registrations by the ID number on the 户口簿 and voids the wrong one', async () => {
  const child = idNumberMake('2020-03-24', 807);
  const squat = await h.data(OTHER_PARENT, 'registration', 'submit', {
    draftId: 'draft-squat-3',
    form: formMake({ idNumber: child, schoolId: 'p02' }),
    schoolTypeConfirmed: true,
  });
  expect(await h.call(PRINCIPAL, 'registration', 'byChild', { idNumber: child })).toMatchObject({
    code: 'FORBIDDEN',
  });
  expect(await h.call(ADMIN, 'registration', 'byChild', { idNumber: '123' })).toMatchObject({
    code: 'INVALID_ID_NUMBER',
  });
  const found = await h.data(ADMIN, 'registration', 'byChild', {
    idNumber: child.toLowerCase(),
  });
  expect(found.items.map((r) => [r.id, r.schoolName, r.statusLabel])).toEqual([
    [squat.id, '城关第二小学', '待审核'],
  ]);
  expect(JSON.stringify(found)).not.toContain(child);
  await h.data(ADMIN, 'registration', 'void', {
    id: squat.id,
    version: squat.version,
    reason: '教育局查验了户口簿',
  });
  expect(
    (
      await h.data(PARENT, 'registration', 'submit', {
        draftId: 'draft-real-3',
        form: formMake({ idNumber: child }),
        schoolTypeConfirmed: true,
      })
    ).previousId,
  ).toBe(squat.id);
  const after = await h.data(ADMIN, 'registration', 'byChild', {
    idNumber: child,
  });
  expect(after.items.map((r) => r.statusLabel)).toEqual(['已作废', '待审核']);
  // Each says which account and guardian made it (walk leftover; failed before: not said).
  expect(after.items.map((r) => r.madeBy)).toEqual([
    '报名账号一，填写的监护人：母亲 李丽，手机 138****5678',
    '报名账号二，填写的监护人：母亲 李丽，手机 138****5678',
  ]);
});
