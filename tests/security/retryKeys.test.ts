/**
 * Retry keys come from the contract (shared/api/): every action the contract calls a state change
 * is run once per requestId, whatever page sends it. The client and the server used to keep two
 * lists by hand, and they disagreed: the client sent a key for `classing.late` and
 * `registration.retention`, but the server ignored it, so a retry after a lost reply acted twice.
 */
import { contracts } from '../../shared/api/functions';
import { asOpenId } from '../../shared/brand';
import { authFunction } from '../../cloudfunctions/auth/handler';
import { classingFunction } from '../../cloudfunctions/classing/handler';
import { countyFunction } from '../../cloudfunctions/county/handler';
import { placementFunction } from '../../cloudfunctions/placement/handler';
import { registrationFunction } from '../../cloudfunctions/registration/handler';
import { reportsFunction } from '../../cloudfunctions/reports/handler';
import { rotationFunction } from '../../cloudfunctions/rotation/handler';
import type { AnswerOf } from '../../shared/api/functions';
import { cohortBook, cohortRows } from '../helpers/cohort';
import { formMake } from '../helpers/forms';
import { ADMIN, harnessOpen, PARENT, PRINCIPAL, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-08-20T02:00:00Z'));
});
afterAll(async () => {
  await h.store.close();
});

test('each function serves exactly its contract, and keys the contract’s state changes', () => {
  const served = {
    auth: authFunction,
    classing: classingFunction,
    county: countyFunction,
    placement: placementFunction,
    registration: registrationFunction,
    reports: reportsFunction,
    rotation: rotationFunction,
  };
  for (const [fn, contract] of Object.entries(contracts)) {
    const def = served[fn as keyof typeof served];
    expect(Object.keys(def.actions).sort()).toEqual(Object.keys(contract).sort());
    for (const [action, spec] of Object.entries(contract as Record<string, { change: boolean }>))
      expect([fn, action, def.actions[action]!.idempotent]).toEqual([fn, action, spec.change]);
  }
});

test('a retried late pupil gets the first answer and is placed once', async () => {
  const plan = async () => await h.data(PRINCIPAL, 'classing', 'plan', {});
  await h.data(PRINCIPAL, 'reports', 'classingImport', {
    version: (await plan()).version,
    base64: (await cohortBook(cohortRows(60, '学生'))).toString('base64'),
  });
  const ran = await h.data(PRINCIPAL, 'classing', 'run', {
    version: (await plan()).version,
    classes: 2,
    cap: 45,
    seed: 's1',
  });
  const late = {
    action: 'late',
    payload: {
      version: ran.version,
      student: { id: 'late-retry', name: '插班重试', gender: 'F', groups: [] },
    },
    requestId: 'req-late-retry-1',
  };
  const first = await h.event<AnswerOf<'classing', 'late'>>(PRINCIPAL, 'classing', late);
  expect(first.ok).toBe(true);
  // The reply was lost; the page sends the same request again.
  expect(await h.event(PRINCIPAL, 'classing', late)).toEqual(first);
  const ids = (await plan()).classes!.flatMap((c) => c.students.map((s) => s.id));
  expect(ids.filter((id) => id === 'late-retry')).toHaveLength(1);
});

test('a retried deletion of expired documents answers with the first report', async () => {
  const form = formMake();
  await h.data(PARENT, 'registration', 'saveDraft', { draftId: 'draft-retry', form });
  const fileId = 'lf-00000000-0000-0000-0000-0000000000aa';
  await h.store.putFile({
    id: fileId,
    ownerOpenid: asOpenId(PARENT),
    sha256: 'a'.repeat(64),
    mime: 'image/jpeg',
    size: 1234,
    createdAt: h.now.toISOString(),
  });
  await h.data(PARENT, 'registration', 'attachDocument', {
    draftId: 'draft-retry',
    slot: 'hukou_front',
    fileId,
  });
  await h.data(PARENT, 'registration', 'submit', { draftId: 'draft-retry', form, schoolTypeConfirmed: true });
  const dry = await h.data(ADMIN, 'registration', 'retention', {
    dryRun: true,
  });
  h.now = new Date(`${dry.deleteFrom}T01:00:00Z`);
  const retention = { action: 'retention', payload: { dryRun: false }, requestId: 'req-retention-1' };
  const first = await h.event<AnswerOf<'registration', 'retention'>>(ADMIN, 'registration', retention);
  expect(first).toMatchObject({ ok: true, data: { files: 1 } });
  expect(await h.event(ADMIN, 'registration', retention)).toEqual(first);
});
