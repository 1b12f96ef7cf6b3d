/**
 * #18.3 on the SDK double: WeChat refuses a whole subscribe message (47003) when one field breaks
 * its kind's rule, and a family's accepted message must be used only once WeChat took one. The
 * messenger double checks fields as WeChat does (tests/doubles/wxCloud.ts).
 */
import type { RegistrationView } from '../../shared/api';
import { nameValue, phraseValue, thingValue, timeValue } from '../../shared/subscribeFields';
import { subscribeFieldProblem } from '../doubles/wxCloud';
import { formMake } from '../helpers/forms';
import { harnessOpenCloud, PARENT, PRINCIPAL, type CloudHarness } from '../helpers/harness';
import { idNumberMake } from '../helpers/ids';

const NOW = new Date('2027-05-10T07:01:00Z'); // 15:01 in China
let h: CloudHarness;
let n = 0;

beforeAll(async () => {
  h = await harnessOpenCloud(NOW);
  h.templateId = 'TPL-REVIEW-RESULT';
});

async function submitted(childName: string): Promise<RegistrationView> {
  n++;
  return h.data(PARENT, 'registration', 'submit', {
    draftId: `draft-s${n}`,
    form: formMake({ childName, idNumber: idNumberMake('2020-05-10', 600 + n * 2 + 1) }),
    schoolTypeConfirmed: true,
  });
}
/** The family's accepted messages left, as stored. */
const quota = () =>
  Number(
    h.cloud.db.dump('subscriptions').find((d) => d['_id'] === `${PARENT}:TPL-REVIEW-RESULT`)?.['quota'] ?? 0,
  );
const returnIt = (r: RegistrationView) =>
  h.data(PRINCIPAL, 'registration', 'review', {
    id: r.id,
    version: r.version,
    decision: 'return',
    reasonCode: 'DOCS_MISSING',
    reason: '户口簿内页缺页，请补拍上传完整的户口簿内页',
    deadline: '2027-05-20',
  });

test('a notice goes out in fields WeChat accepts (a time with hours, a name without symbols)', async () => {
  const r = await submitted('阿依古丽·买买提');
  await h.data(PARENT, 'registration', 'subscribe', { accepted: true });
  await returnIt(r);
  expect(h.cloud.refused).toEqual([]);
  expect(h.cloud.sent).toHaveLength(1);
  expect(h.cloud.sent[0]?.data).toMatchObject({
    name2: { value: '阿依古丽买买提' },
    phrase3: { value: '需补充材料' },
    time4: { value: '2027年5月10日 15:01' },
  });
  for (const [key, { value }] of Object.entries(h.cloud.sent[0]?.data ?? {}))
    expect(subscribeFieldProblem(key, value)).toBeNull();
  expect(quota()).toBe(0);
});

test('a message WeChat refuses does not use the family’s accepted message', async () => {
  const r = await submitted('李小华');
  await h.data(PARENT, 'registration', 'subscribe', { accepted: true });
  h.cloud.refuseNextSend(43101);
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const returned = await returnIt(r);
  quiet.mockRestore();
  expect(h.cloud.refused.map((x) => x.errCode)).toEqual([43101]);
  expect(quota()).toBe(1);
  // The inbox still has the notice, marked as not pushed; the next one goes out and uses it.
  const inbox = await h.data(PARENT, 'registration', 'notices', {});
  expect(inbox.items.find((x) => x.registrationId === r.id)).toMatchObject({ pushed: false });
  await h.data(PARENT, 'registration', 'withdraw', { id: r.id, version: returned.version });
  expect(h.cloud.sent.map((m) => m.data['thing1']?.value)).toContain('报名已撤回');
  expect(quota()).toBe(0);
});

test('field values keep to the rules for every kind', () => {
  expect(subscribeFieldProblem('time4', timeValue(new Date('2027-05-01T00:00:00Z')))).toBeNull();
  expect(timeValue(new Date('2027-05-01T16:30:00Z'))).toBe('2027年5月2日 00:30');
  expect(subscribeFieldProblem('time4', '2027-05-01')).not.toBeNull();
  for (const name of ['王小明', '阿依古丽·买买提', '欧阳娜娜娜娜娜娜娜娜娜娜', 'Anna Smith', '小明(2)'])
    expect(subscribeFieldProblem('name2', nameValue(name))).toBeNull();
  expect(subscribeFieldProblem('name2', '欧阳娜娜娜娜娜娜娜娜…')).not.toBeNull();
  for (const p of ['需补充材料', '已录取', '统筹中（待定）', 'OK'])
    expect(subscribeFieldProblem('phrase3', phraseValue(p))).toBeNull();
  expect(subscribeFieldProblem('thing1', thingValue('一'.repeat(40)))).toBeNull();
  expect(subscribeFieldProblem('thing1', thingValue(''))).toBeNull();
});
