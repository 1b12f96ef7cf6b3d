/**
 * Missing documents, issue 17 defect 3: a submit with required documents missing is refused with
 * the list — unless the bureau allows 缺件先报, when the family uploads them afterwards from the
 * registration's page until the bureau's date, and the school sees which are still missing.
 */
import { documentsMissing } from '../../shared/registration/documents';
import { formMake } from '../helpers/forms';
import { ADMIN, harnessOpen, OTHER_PARENT, PARENT, PRINCIPAL, type Harness } from '../helpers/harness';
import { idNumberMake } from '../helpers/ids';

const NOW = new Date('2027-05-10T02:00:00Z');
let h: Harness;
let files = 0;

beforeAll(async () => {
  h = await harnessOpen(NOW);
});
afterAll(async () => {
  await h.store.close();
});

async function fileOf(owner: string): Promise<string> {
  const id = `file-md-${++files}`;
  await h.store.putFile({
    id,
    ownerOpenid: owner as never,
    sha256: 'a'.repeat(64),
    mime: 'image/jpeg',
    size: 1000,
    createdAt: NOW.toISOString(),
  });
  return id;
}

test('with 缺件先报 off, a submit with documents missing is refused with the list, and nothing is stored', async () => {
  await h.data(ADMIN, 'county', 'setMissingDocuments', { until: null });
  const form = formMake({ idNumber: idNumberMake('2020-02-02', 901) });
  await h.data(PARENT, 'registration', 'saveDraft', { draftId: 'draft-md-1', form });
  await h.data(PARENT, 'registration', 'attachDocument', {
    draftId: 'draft-md-1',
    slot: 'birth_certificate',
    fileId: await fileOf(PARENT),
  });
  const r = await h.call(PARENT, 'registration', 'submit', {
    draftId: 'draft-md-1',
    form,
    schoolTypeConfirmed: true,
  });
  expect(r).toMatchObject({ ok: false, code: 'DOCUMENTS_MISSING' });
  const labels = documentsMissing(form, new Set(['birth_certificate'])).map((d) => d.label);
  expect(labels.length).toBeGreaterThan(3);
  for (const l of labels) expect(!r.ok && r.message).toContain(l);
  expect(!r.ok && r.message).not.toContain('出生医学证明');
  // The draft and its upload are kept.
  expect(
    Object.keys((await h.data(PARENT, 'registration', 'getDraft', { draftId: 'draft-md-1' })).documents),
  ).toEqual(['birth_certificate']);
});

test('with 缺件先报 on, the family uploads the missing documents from the registration until the date', async () => {
  expect(await h.call(ADMIN, 'county', 'setMissingDocuments', { until: '2031-01-01' })).toMatchObject({
    code: 'INVALID_INPUT',
  });
  expect(await h.call(PRINCIPAL, 'county', 'setMissingDocuments', { until: '2027-06-01' })).toMatchObject({
    code: 'FORBIDDEN',
  });
  await h.data(ADMIN, 'county', 'setMissingDocuments', { until: '2027-06-15' });
  const form = formMake({ idNumber: idNumberMake('2020-02-02', 903) });
  const r = await h.data(PARENT, 'registration', 'submit', {
    draftId: 'draft-md-2',
    form,
    schoolTypeConfirmed: true,
  });
  expect(r.flags.map((f) => f.code)).toContain('missing_documents');
  const g = await h.data(PARENT, 'registration', 'guidance', { id: r.id });
  expect(g.uploadUntil).toBe('2027-06-15');
  expect(g.missing.length).toBe(documentsMissing(form, new Set()).length);
  expect(g.steps.join('')).toContain('2027年6月15日前在本页上传');

  // Another family's file, or someone else's registration: refused.
  expect(
    await h.call(PARENT, 'registration', 'addDocument', {
      id: r.id,
      version: r.version,
      slot: g.missing[0]!.slot,
      fileId: await fileOf(OTHER_PARENT),
    }),
  ).toMatchObject({ code: 'NOT_FOUND' });
  expect(
    await h.call(OTHER_PARENT, 'registration', 'addDocument', {
      id: r.id,
      version: r.version,
      slot: g.missing[0]!.slot,
      fileId: await fileOf(OTHER_PARENT),
    }),
  ).toMatchObject({ code: 'NOT_FOUND' });

  let version = r.version;
  for (const m of g.missing) {
    const after = await h.data(PARENT, 'registration', 'addDocument', {
      id: r.id,
      version,
      slot: m.slot,
      fileId: await fileOf(PARENT),
    });
    version = after.version;
    expect(after.status).toBe('pending_review');
  }
  // The school sees every document and no 材料缺页 flag any more; the history says what came.
  const seen = await h.data(PRINCIPAL, 'registration', 'get', { id: r.id });
  expect(seen.documents.every((d) => !d.required || d.attached)).toBe(true);
  expect(seen.flags.map((f) => f.code)).not.toContain('missing_documents');
  expect(seen.history.at(-1)?.reason).toContain('材料已齐全');
  expect((await h.data(PARENT, 'registration', 'guidance', { id: r.id })).missing).toEqual([]);

  // After the date: refused with the date.
  const late = await h.data(PARENT, 'registration', 'submit', {
    draftId: 'draft-md-3',
    form: formMake({ idNumber: idNumberMake('2020-02-02', 905) }),
    schoolTypeConfirmed: true,
  });
  h.now = new Date('2027-06-16T02:00:00Z');
  try {
    const g2 = await h.data(PARENT, 'registration', 'guidance', { id: late.id });
    expect(g2.uploadUntil).toBeNull();
    const refused = await h.call(PARENT, 'registration', 'addDocument', {
      id: late.id,
      version: late.version,
      slot: 'birth_certificate',
      fileId: await fileOf(PARENT),
    });
    expect(refused).toMatchObject({ code: 'OUT_OF_WINDOW' });
    expect(!refused.ok && refused.message).toContain('2027年6月15日');
  } finally {
    h.now = NOW;
  }
});
