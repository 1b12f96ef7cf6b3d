/**
 * One registration holds a child at a time (decision 0002): a withdrawn registration releases the
 * child — the same family or another may register again, the new registration links to the old
 * one, and the old one keeps its history in the family's list (issue 17, defect 1).
 */
import type { RegistrationView } from '../../shared/api';
import { harnessOpen, OTHER_PARENT, PARENT, type Harness } from '../helpers/harness';
import { formMake } from '../helpers/forms';
import { idNumberMake } from '../helpers/ids';

const NOW = new Date('2027-05-10T02:00:00Z');
let h: Harness;
let seq = 0;
const submit = (openid: string, idNumber: string) =>
  h.call(openid, 'registration', 'submit', {
    draftId: `draft-ck-${++seq}`,
    form: formMake({ idNumber }),
    schoolTypeConfirmed: true,
  });
const withdraw = (openid: string, r: RegistrationView) =>
  h.data(openid, 'registration', 'withdraw', { id: r.id, version: r.version });
const mine = async (openid: string) => (await h.data(openid, 'registration', 'listMine', {})).items;

beforeAll(async () => {
  h = await harnessOpen(NOW);
});
afterAll(async () => {
  await h.store.close();
});

test('after 撤回报名 the same family registers the child again; the new registration links to the withdrawn one', async () => {
  const idNumber = idNumberMake('2020-04-04', 701);
  const first = await h.data(PARENT, 'registration', 'submit', {
    draftId: 'draft-ck-first',
    form: formMake({ idNumber }),
    schoolTypeConfirmed: true,
  });
  const out = await withdraw(PARENT, first);
  expect(out.status).toBe('withdrawn');
  const again = await submit(PARENT, idNumber);
  if (!again.ok) throw new Error(`re-registration refused: ${again.code} ${again.message}`);
  expect(again.data.id).not.toBe(first.id);
  expect(again.data).toMatchObject({ status: 'pending_review', previousId: first.id });
  // The withdrawn one is kept, with its history, beside the new one.
  const list = (await mine(PARENT)).filter((r) => r.idNumber === idNumber);
  expect(list.map((r) => r.status).sort()).toEqual(['pending_review', 'withdrawn']);
  expect(list.find((r) => r.id === first.id)?.history.map((x) => x.label)).toEqual([
    '已提交',
    '待审核',
    '已撤回',
  ]);
});

test('while one registration holds the child, nobody registers it; after withdrawal another family may', async () => {
  const idNumber = idNumberMake('2020-04-05', 703);
  const a = await submit(PARENT, idNumber);
  if (!a.ok) throw new Error(a.message);
  const own = await submit(PARENT, idNumber);
  expect(own).toMatchObject({ ok: false, code: 'DUPLICATE_REGISTRATION' });
  expect(!own.ok && own.message).toContain('我的报名');
  // The family's own registration is named by its school (walk leftover; failed before).
  expect(!own.ok && own.message).toContain('您已经为该儿童报名了城关第一小学');
  const other = await submit(OTHER_PARENT, idNumber);
  expect(other).toMatchObject({ ok: false, code: 'DUPLICATE_REGISTRATION' });
  // The message says what to do, and names neither the school nor the other account.
  expect(!other.ok && other.message).toMatch(/户口簿.*出生医学证明/);
  expect(!other.ok && other.message).not.toMatch(/小学|初中|中学/);
  await withdraw(PARENT, a.data);
  const b = await submit(OTHER_PARENT, idNumber);
  if (!b.ok) throw new Error(`refused after withdrawal: ${b.message}`);
  expect(b.data.previousId).toBe(a.data.id);
  // The link does not open the other family's record.
  expect(await h.call(OTHER_PARENT, 'registration', 'get', { id: a.data.id })).toMatchObject({
    code: 'NOT_FOUND',
  });
  expect((await mine(PARENT)).find((r) => r.id === a.data.id)?.status).toBe('withdrawn');
});

test('two accounts submitting one child at the same moment: exactly one registration holds it', async () => {
  const idNumber = idNumberMake('2020-04-06', 705);
  const res = await Promise.all([submit(PARENT, idNumber), submit(OTHER_PARENT, idNumber)]);
  expect(res.filter((r) => r.ok)).toHaveLength(1);
  expect(res.find((r) => !r.ok)).toMatchObject({ code: 'DUPLICATE_REGISTRATION' });
});
