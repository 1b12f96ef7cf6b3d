/**
 * #18.2 on the SDK double: a registration and everything that comes with it — the child's claim,
 * the draft's removal, the family's notice, the audit entry and the answer kept for retries — land
 * together or not at all, wherever the function dies; and the audit log, kept in many chains so
 * registration day has no single serial point, verifies after many submits at once.
 * (`npm run bench:cloud` measures registration day's throughput with real latency.)
 */
import { registrationFunction } from '../../cloudfunctions/registration/handler';
import { DEMO_ADMIN_OPENID } from '../../server/host/seed';
import { dispatch } from '../../server/runtime/define';
import { wxEnv } from '../../server/runtime/wx';
import { auditVerify } from '../../server/security/auditChain';
import { auditChainAll } from '../../server/security/auditRead';
import { asOpenId } from '../../shared/brand';
import { FunctionTimeout, invocationNew, invocationRun } from '../doubles/wxClock';
import type { CloudDouble } from '../doubles/wxCloud';
import { formMake, communityOf } from '../helpers/forms';
import { harnessOpenCloud } from '../helpers/harness';
import { idNumberMake } from '../helpers/ids';

const NOW = new Date('2027-05-10T02:00:00Z');

/** Submits a child as `openid` in an invocation that dies after `budgetMs` of round trips. */
async function submitWithin(cloud: CloudDouble, openid: string, n: number, budgetMs: number) {
  const main = (e: unknown) =>
    dispatch(
      registrationFunction,
      wxEnv(cloud.sdk, asOpenId(openid), NOW, {
        firstAdminOpenid: DEMO_ADMIN_OPENID,
        subscribeTemplateId: null,
        rotationTemplateId: null,
      }),
      e,
      () => undefined,
    );
  const event = {
    action: 'submit',
    payload: {
      draftId: `day-${n}`,
      form: formMake({ idNumber: idNumberMake('2020-05-10', n, '330109'), community: communityOf('p01') }),
      schoolTypeConfirmed: true,
    },
    requestId: `req-${String(n).padStart(8, '0')}`,
  };
  const inv = invocationNew('registration', budgetMs, openid);
  try {
    await invocationRun(inv, () => main(event));
  } catch (e) {
    if (!(e instanceof FunctionTimeout)) throw e;
  }
  return inv;
}

test('a submit killed at any point leaves its registration with everything that comes with it, or nothing', async () => {
  const h = await harnessOpenCloud(NOW, { throttleRate: 0, lostReplyRate: 0 });
  const cloud = h.cloud;
  const broken: string[] = [];
  // One budget more each time, until a submit is given all the time it needs.
  for (let rounds = 1; rounds <= 40; rounds++) {
    const openid = `day-parent-${rounds}`;
    await h.store.saveDraftForm(asOpenId(openid), `day-${rounds}`, formMake(), NOW.toISOString());
    const inv = await submitWithin(cloud, openid, rounds, rounds * 30);
    const reg = cloud.db.dump('registrations').find((r) => r['ownerOpenid'] === openid);
    if (!reg) continue;
    const id = String(reg['_id']);
    const has = {
      claim: cloud.db.dump('registrationClaims').some((c) => c['registrationId'] === id),
      notice: cloud.db.dump('notices').some((x) => x['registrationId'] === id),
      audit: cloud.db.dump('audit').some((a) => a['entity'] === `registration:${id}`),
      draftRemoved: !cloud.db.dump('drafts').some((d) => d['_id'] === `${openid}:day-${rounds}`),
      answerKept: cloud.db
        .dump('idempotency')
        .some((d) => d['state'] === 'done' && JSON.stringify(d['response']).includes(id)),
    };
    if (Object.values(has).some((x) => !x))
      broken.push(`killed after ${inv.calls} calls: ${JSON.stringify(has)}`);
  }
  expect(broken).toEqual([]);
  expect(
    cloud.db.dump('registrations').filter((r) => String(r['ownerOpenid']).startsWith('day-parent-')),
  ).not.toHaveLength(0);
  expect(auditVerify(await auditChainAll(h.store)).ok).toBe(true);
});

test('sixty families submitting at once: all stored, each entry in its chain, the log verifies', async () => {
  const h = await harnessOpenCloud(NOW, { throttleRate: 0.02, lostReplyRate: 0.02, seed: 11 });
  const answers = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      h.call(`rush-${i}`, 'registration', 'submit', {
        draftId: `rush-${i}`,
        form: formMake({
          idNumber: idNumberMake('2020-05-11', i + 1, '330108'),
          community: communityOf('p01'),
        }),
        schoolTypeConfirmed: true,
      }),
    ),
  );
  expect(answers.filter((a) => !a.ok)).toEqual([]);
  const rows = await auditChainAll(h.store);
  const v = auditVerify(rows);
  expect(v).toMatchObject({ ok: true, problems: [] });
  const submits = rows.filter((r) => r.entry.action === 'registration.submit');
  expect(submits).toHaveLength(60);
  // Spread over many chains, not queued on one.
  expect(new Set(submits.map((r) => r.chain)).size).toBeGreaterThan(20);
  // The published head stands for every chain's head.
  expect(await h.store.auditHead()).toEqual({ head: v.head, count: rows.length });
});

test('lost replies on the way are the submit’s own writes, not a duplicate', async () => {
  // The submit's commit lands and its reply is lost (and the next commit's too), and a write in
  // ten loses its reply while this family submits: the retries must recognise their own
  // registration, not answer that the child is registered already.
  const lossy = await harnessOpenCloud(NOW, { throttleRate: 0, lostReplyRate: 0, seed: 3 });
  lossy.cloud.db.faultRates({ lostReplyRate: 0.1 });
  lossy.cloud.db.loseNextCommits(2);
  const lostBefore = lossy.cloud.db.stats.lostReplies;
  const r = await lossy.call('lossy-parent', 'registration', 'submit', {
    draftId: 'lossy',
    form: formMake({ idNumber: idNumberMake('2020-05-12', 7, '330107'), community: communityOf('p01') }),
    schoolTypeConfirmed: true,
  });
  expect(r).toMatchObject({ ok: true, data: { status: 'pending_review' } });
  expect(
    lossy.cloud.db.dump('registrations').filter((x) => x['ownerOpenid'] === 'lossy-parent'),
  ).toHaveLength(1);
  expect(lossy.cloud.db.stats.lostReplies - lostBefore).toBeGreaterThanOrEqual(2);
  lossy.cloud.db.faultRates({ lostReplyRate: 0 });
  expect(auditVerify(await auditChainAll(lossy.store)).ok).toBe(true);
});
