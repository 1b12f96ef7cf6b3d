/**
 * Calls every method of a store once or more, with each filter a function passes, so every query
 * the adapter can make runs. The docs test uses it to check that docs/cloud.md has an index for
 * every query and no index no query uses; it also checks that no method was left out.
 */
import { asOpenId, asRegistrationId, asSchoolId, asTeacherId } from '../../shared/brand';
import { policyDefaults } from '../../shared/settings';
import { anyQueue, type Store } from '../../server/store/port';
import { invite, registration, school, T0, teacher } from '../helpers/fixtures';

/** Wraps a store so the names of the methods called can be listed. */
export function storeRecording(store: Store): { store: Store; called: Set<string> } {
  const called = new Set<string>();
  const proxy = new Proxy(store, {
    get(target, key: string) {
      const v = (target as unknown as Record<string, unknown>)[key];
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        called.add(key);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, called };
}

export async function storeTour(s: Store): Promise<void> {
  const at = T0.toISOString();
  const owner = asOpenId('parent-a');
  const s1 = asSchoolId('s1');
  await s.getSettings();
  await s.putSettings(policyDefaults(2027));
  await s.putSchools([school('s1'), school('s2')]);
  await s.listSchools();
  await s.getSchool(s1);
  const zone = {
    id: 'z1' as never,
    name: 'z',
    stage: 'primary' as const,
    township: 't',
    schoolIds: [s1],
    communities: ['甲'],
  };
  await s.putZones([zone]);
  await s.listZones();
  await s.replaceZones([zone]);
  await s.putTeachers([teacher('t1', 's1')]);
  await s.replaceTeachers([teacher('t1', 's1'), teacher('t2', 's2')]);
  await s.getTeacher(asTeacherId('t1'));
  await s.listTeachers();
  await s.listTeachersBySchool(s1, { offset: 0, limit: 10 });
  await s.countySnapshot();
  await s.getBinding(owner);
  await s.createBinding({
    openid: asOpenId('o-t1'),
    role: 'teacher',
    schoolId: s1,
    teacherId: asTeacherId('t1'),
    displayName: 't',
    createdAt: at,
    via: 'invite',
  });
  await s.listTeacherBindings([asTeacherId('t1')]);
  await s.createInvite(invite('CODE234567'));
  await s.redeemInvite('CODE234567', asOpenId('u1'), T0);

  const r = registration('r1', { propertyKey: 'K1', flags: ['over_age'] });
  await s.saveDraftForm(owner, 'd1', r.form, at);
  await s.setDraftDocument(owner, 'd1', 'hukou_front', null, at);
  await s.getDraft(owner, 'd1');
  await s.listDrafts(owner);
  await s.createRegistration(r, {
    draft: { owner, id: 'd1' },
    notice: { id: 'n1', ownerOpenid: owner, at, title: 't', body: '', registrationId: r.id, pushed: false },
    audit: { at, actor: owner, action: 'registration.submit', entity: `registration:${r.id}`, detail: {} },
  });
  await s.deleteDraft(owner, 'd1');
  await s.getRegistration(r.id);
  await s.listRegistrationsByChild(r.childKey);
  await s.listRegistrationsByOwner(owner, { offset: 0, limit: 10 });
  for (const filter of [
    anyQueue,
    { ...anyQueue, status: 'pending_review' as const },
    { ...anyQueue, tier: 1 },
    { ...anyQueue, tier: 0, flag: 'over_age' },
    { ...anyQueue, search: '0011', route: 'resident' as const },
    { ...anyQueue, status: 'approved' as const, tier: 2 },
  ]) {
    await s.listSchoolQueue(s1, filter, { offset: 0, limit: 20 });
    await s.countSchoolQueue(s1, filter);
  }
  await s.transitionRegistration(r.id, 1, {
    from: 'pending_review',
    to: 'approved',
    at,
    by: { kind: 'system' },
    reason: null,
  });
  await s.countByTierStatus(s1, 2027);
  await s.registrationSummaries(2027);
  await s.registrationSummaries(2027, { stage: 'primary', status: 'approved' });
  await s.countRegistrations(2027, 'primary', 'approved');
  await s.getRegistrations([r.id]);
  await s.listSchoolRegistrations(s1, 2027, null, 100);
  await s.listSchoolRegistrations(s1, 2027, 'approved', 100);
  await s.transitionMany([
    { id: r.id, change: { from: 'approved', to: 'approved', at, by: { kind: 'system' }, reason: 'x' } },
    {
      id: asRegistrationId('none'),
      change: { from: 'approved', to: 'approved', at, by: { kind: 'system' }, reason: 'x' },
    },
    {
      id: r.id,
      version: 2,
      change: { from: 'approved', to: 'approved', at, by: { kind: 'system' }, reason: 'y' },
    },
  ]);
  await s.findPropertyUses('K1', 'primary', 2025);
  await s.listRegistrationsByStatus(2027, 'primary', 'approved', { offset: 0, limit: 10 });
  await s.listAdmittedAt(s1, 2027, { offset: 0, limit: 10 });

  const input = { schools: [], students: [] };
  const freeze = {
    id: 'f',
    year: 2027,
    stage: 'primary' as const,
    frozenAt: at,
    by: 'a',
    inputHash: 'h',
    count: 0,
    input,
  };
  await s.createFreeze(freeze);
  await s.getFreeze('f');
  const run = {
    id: 'f:final',
    freezeId: 'f',
    dryRun: false,
    at,
    by: 'a',
    result: {} as never,
    coordination: {},
    publishedAt: null,
  };
  await s.createPlacementRun(run);
  await s.getPlacementRun(run.id);
  await s.markRunPublished(run.id, at);
  await s.getPlacementRunHead(run.id);
  const response = {
    id: r.id,
    ownerOpenid: owner,
    year: 2027,
    stage: 'primary' as const,
    runId: run.id,
    schoolId: s1,
    acceptedAt: null,
    appeal: null,
    answer: null,
    version: 1,
  };
  await s.getPlacementResponse(r.id);
  await s.savePlacementResponse(response, null);
  await s.savePlacementResponse({ ...response, version: 2 }, 1);
  await s.listAppeals(2027, 'open', { offset: 0, limit: 10 });
  await s.listAppeals(2027, null, { offset: 0, limit: 10 });

  const plan = {
    id: '2027-s1',
    schoolId: 's1',
    year: 2027,
    stage: 'primary' as const,
    status: 'draft' as const,
    source: 'admitted' as const,
    input: { classes: 1, cap: 45, subjects: [], students: [] },
    seed: null,
    classes: null,
    swaps: [],
    homeroom: null,
    publishedAt: null,
    version: 1,
    updatedAt: at,
  };
  await s.getClassingPlan(plan.id);
  await s.saveClassingPlan(plan, null);
  await s.saveClassingPlan({ ...plan, version: 2 }, 1);
  await s.listClassSizes(2027);
  const rec = {
    id: '2027',
    year: 2027,
    status: 'publicized' as const,
    seed: '2027',
    algorithm: 'x',
    moves: [],
    publicity: { from: '2027-06-07', to: '2027-06-11' },
    objections: [],
    acknowledged: {},
    reported: {},
    problems: [],
    version: 1,
    updatedAt: at,
  };
  await s.getRotationRecord('2027');
  await s.saveRotationRecord(rec, null);
  await s.saveRotationRecord({ ...rec, version: 2 }, 1);
  const nominations = {
    id: '2027-s1',
    year: 2027,
    schoolId: 's1',
    entries: [],
    publicity: null,
    version: 1,
    updatedAt: at,
  };
  await s.getRotationNominations(nominations.id);
  await s.saveRotationNominations(nominations, null);
  await s.saveRotationNominations({ ...nominations, version: 2 }, 1);
  await s.listRotationNominations(2027);

  const child = {
    idNumber: 'id1',
    name: '儿童',
    birthDate: '2020-04-01' as never,
    township: '城关镇',
    village: '',
    guardian: '',
    phone: '',
    groups: [],
  };
  await s.mergeCensus(2027, [{ id: '2027-id1', child }]);
  await s.mergeCensus(2027, [
    { id: '2027-id1', child: { ...child, village: '和平村' } },
    { id: '2027-id2', child },
  ]);
  await s.removeCensus(['2027-id2']);
  await s.listCensus(2027, { offset: 0, limit: 10 });
  await s.censusAll(2027);
  const cur = await s.getCensus('2027-id1');
  if (cur) await s.saveCensus({ ...cur, version: 2 }, 1);

  await s.putFile({ id: 'f1', ownerOpenid: owner, sha256: 'x', mime: 'image/png', size: 1, createdAt: at });
  await s.getFile('f1');
  await s.fileBytesOwned(owner);
  await s.deleteFileRecord('f1');
  await s.deleteFileRecords(['f1']);
  await s.appendNotice({
    id: 'n2',
    ownerOpenid: owner,
    at,
    title: 't',
    body: '',
    registrationId: null,
    pushed: false,
  });
  await s.appendNotices([
    { id: 'n3', ownerOpenid: owner, at, title: 't', body: '', registrationId: null, pushed: false },
  ]);
  await s.listNotices(owner, { offset: 0, limit: 10 });
  await s.subscriptionGrant(owner, 'T');
  await s.subscriptionQuota(owner, 'T');
  await s.subscriptionQuotas([owner], 'T');
  await s.subscriptionConsume(owner, 'T');
  await s.idempotencyClaim('k', 'h', T0, 60_000);
  await s.idempotencyFinish('k', { ok: true });
  await s.idempotencyClaim('k2', 'h', T0, 60_000);
  await s.idempotencyRelease('k2');
  await s.appendAudit({ at, actor: 'a', action: 'x', entity: 'e', detail: {} });
  await s.listAudit('e');
  await s.auditChainPage(0, 10);
  const { head } = await s.auditHead();
  await s.auditCheckpoint(head);
  await s.getRegistration(asRegistrationId('none'));
}
