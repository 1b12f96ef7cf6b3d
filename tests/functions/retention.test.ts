/**
 * Retention: uploaded documents are kept until the cycle closes plus the bureau's retention days,
 * then the bureau deletes them (a dry run first) with a report; each registration keeps a history
 * entry saying so. A family discards a draft with its uploads; nobody else can.
 */
import { asOpenId } from '../../shared/brand';
import { formMake } from '../helpers/forms';
import { ADMIN, harnessOpen, OTHER_PARENT, PARENT, PRINCIPAL, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-05-10T02:00:00Z'));
});
afterAll(async () => {
  await h.store.close();
});

const fileOf = async (id: string, owner = PARENT) => {
  await h.store.putFile({
    id,
    ownerOpenid: asOpenId(owner),
    sha256: 'a'.repeat(64),
    mime: 'image/jpeg',
    size: 1234,
    createdAt: h.now.toISOString(),
  });
  return id;
};

test('documents stay until the cycle closes plus the retention days; then they are deleted with a report', async () => {
  const form = formMake();
  await h.data(PARENT, 'registration', 'saveDraft', { draftId: 'draft-ret', form });
  const fileId = await fileOf('lf-00000000-0000-0000-0000-000000000001');
  await h.data(PARENT, 'registration', 'attachDocument', {
    draftId: 'draft-ret',
    slot: 'hukou_front',
    fileId,
  });
  const reg = await h.data(PARENT, 'registration', 'submit', {
    draftId: 'draft-ret',
    form,
    schoolTypeConfirmed: true,
  });

  for (const who of [PARENT, PRINCIPAL])
    expect(await h.call(who, 'registration', 'retention', { dryRun: true })).toMatchObject({
      code: 'FORBIDDEN',
    });
  const dry = await h.data(ADMIN, 'registration', 'retention', {});
  // Default settings for 2027: the later 报到 date is 2027-08-28; 180 days later is 2028-02-24.
  expect(dry).toMatchObject({
    due: false,
    deleteFrom: '2028-02-24',
    registrations: 1,
    files: 1,
    bytes: 1234,
  });
  expect(await h.call(ADMIN, 'registration', 'retention', { dryRun: false })).toMatchObject({
    code: 'INVALID_TRANSITION',
    message: expect.stringContaining('2028-02-24起才能删除'),
  });
  expect(h.removed).toEqual([]);

  h.now = new Date('2028-02-24T01:00:00Z');
  const done = await h.data(ADMIN, 'registration', 'retention', { dryRun: false });
  expect(done).toMatchObject({ due: true, registrations: 1, files: 1 });
  expect(h.removed).toEqual([fileId]);
  expect(await h.store.getFile(fileId)).toBeNull();
  const after = await h.data(PARENT, 'registration', 'get', { id: reg.id });
  expect(after.documents.every((d) => !d.attached)).toBe(true);
  expect((await h.store.getRegistration(reg.id as never))?.documents).toEqual({});
  expect(after.history.at(-1)?.reason).toContain('已按保存期限');
  expect((await h.store.listAudit('retention:2027')).map((e) => e.action)).toEqual([
    'registration.retention',
  ]);
  expect(await h.data(ADMIN, 'registration', 'retention', { dryRun: false })).toMatchObject({
    files: 0,
  });
});

test('a family discards its own draft with its uploads; another family cannot', async () => {
  await h.data(PARENT, 'registration', 'saveDraft', { draftId: 'draft-bin', form: formMake() });
  const fileId = await fileOf('lf-00000000-0000-0000-0000-000000000002');
  await h.data(PARENT, 'registration', 'attachDocument', {
    draftId: 'draft-bin',
    slot: 'hukou_front',
    fileId,
  });
  expect(await h.call(OTHER_PARENT, 'registration', 'discardDraft', { draftId: 'draft-bin' })).toMatchObject({
    code: 'NOT_FOUND',
  });
  expect(await h.data(PARENT, 'registration', 'discardDraft', { draftId: 'draft-bin' })).toEqual({
    discarded: 'draft-bin',
    files: 1,
  });
  expect(h.removed).toContain(fileId);
  expect(await h.store.getDraft(asOpenId(PARENT), 'draft-bin')).toBeNull();
  expect(await h.call(PARENT, 'registration', 'discardDraft', { draftId: 'draft-bin' })).toMatchObject({
    code: 'NOT_FOUND',
  });
});
