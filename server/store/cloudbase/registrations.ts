/**
 * CloudBase: registrations (RegistrationStore). A child's one holder is a claim document keyed by
 * the child key, written in the same transaction as the registration.
 */
import type { RegistrationId, SchoolId } from '../../../shared/brand';
import { admittedStatuses } from '../../../shared/placement/admitted';
import {
  registrationHoldsChild,
  registrationReleasedStatuses,
  type RegistrationStatus,
} from '../../../shared/registration/status';
import { registrationSummaryFields, registrationSummaryOf } from '../../../shared/registration/summary';
import type { Registration } from '../../../shared/registration/types';
import { auditHeadRead, auditWrites, txGet } from '../cloudbaseAudit';
import { inParallel, read, retrying, WRITE_TOKEN, writeToken } from '../cloudbaseCalls';
import { FAN_OUT, idRanges, strip } from '../cloudbaseDocs';
import type { CreateResult } from '../ports/common';
import {
  registrationApply,
  type PropertyUse,
  type QueueFilter,
  type RegistrationStore,
  type TierStatusCount,
  type TransitionItem,
  type TransitionResult,
} from '../ports/registrations';
import type { Data } from '../wxApi';
import { idempotencyDocId } from './audit';
import { draftDocId } from './drafts';
import { setAll, TxAnswer, WX_READ_LIMIT, type CloudStoreBase } from './common';

/**
 * After this long a claim whose registration was never written is free again: longer than any
 * function may run (60 s), so the write that made it has certainly ended.
 */
const CLAIM_STALE_MS = 120_000;

/** A school's queue under a filter, for its pages and its count (dotted paths query inside fields). */
function queueWhere(schoolId: SchoolId, filter: QueueFilter): Data {
  const where: Data = { schoolId };
  if (filter.status !== null) where['status'] = filter.status;
  // 0 means 统筹 (no tier).
  if (filter.tier === 0) where['tier.status'] = 'ineligible';
  else if (filter.tier !== null) where['tier.tier'] = filter.tier;
  // An equality on an array field matches when the array contains the value.
  if (filter.flag !== null) where['flags'] = filter.flag;
  if (filter.search !== null) where['searchKeys'] = filter.search;
  if (filter.route !== null) where['form.route'] = filter.route;
  return where;
}

export function cloudbaseRegistrations({
  _,
  docs,
  chains,
  pageQuery,
  transact,
}: CloudStoreBase): RegistrationStore {
  const { col, byId, updateOne } = docs;
  return {
    async createRegistration(r, also = {}) {
      // One transaction: the child's claim, the registration, the draft's removal, the notice,
      // the audit entry (after its chain's head) and the answer kept for retries — all or nothing.
      // It conflicts only with a submit for the same child or an append to the same audit chain.
      const token = writeToken();
      return transact(async (t): Promise<CreateResult> => {
        const [existing, claim, head] = await Promise.all([
          txGet(t, 'registrations', r.id),
          txGet(t, 'registrationClaims', r.childKey),
          also.audit ? auditHeadRead(t, also.audit.entity, chains) : null,
        ]);
        if (existing) {
          // An earlier attempt of this very write committed before its reply was lost.
          if (existing[WRITE_TOKEN] === token) return { status: 'created' };
          throw new TxAnswer<CreateResult>({ status: 'duplicate' });
        }
        if (claim) {
          // Taken over only from a holder that no longer holds the child (withdrawn or voided),
          // or from one never written (a crash before this design, or the same family's retry:
          // at once; anyone else's: after CLAIM_STALE_MS).
          const holderId = String(claim['registrationId']);
          const holder = holderId === r.id ? null : await txGet(t, 'registrations', holderId);
          const ownRetry = holderId === r.id && claim['ownerOpenid'] === r.ownerOpenid;
          const free = holder
            ? !registrationHoldsChild(holder['status'] as RegistrationStatus)
            : ownRetry || Date.parse(r.createdAt) - Date.parse(String(claim['at'])) > CLAIM_STALE_MS;
          if (!free) throw new TxAnswer<CreateResult>({ status: 'duplicate' });
        }
        const tokened = { [WRITE_TOKEN]: token };
        const writes: Promise<unknown>[] = [
          t.collection('registrations').add({ data: { ...r, _id: r.id, ...tokened } }),
          t
            .collection('registrationClaims')
            .doc(r.childKey)
            .set({ data: { registrationId: r.id, ownerOpenid: r.ownerOpenid, at: r.createdAt, ...tokened } }),
        ];
        if (also.draft)
          writes.push(t.collection('drafts').doc(draftDocId(also.draft.owner, also.draft.id)).remove());
        if (also.notice)
          writes.push(
            t.collection('notices').add({ data: { ...also.notice, _id: also.notice.id, ...tokened } }),
          );
        if (also.idempotency)
          writes.push(
            t
              .collection('idempotency')
              .doc(idempotencyDocId(also.idempotency.key))
              .update({ data: { state: 'done', response: _.set(also.idempotency.response), ...tokened } }),
          );
        if (also.audit && head) writes.push(...auditWrites(t, also.audit, head, token));
        await Promise.all(writes);
        return { status: 'created' };
      });
    },
    getRegistration: (id: RegistrationId) => byId<Registration>('registrations', id),
    async listRegistrationsByChild(childKey) {
      const res = await read(() =>
        col('registrations')
          .where({ childKey })
          .orderBy('createdAt', 'asc')
          .orderBy('_id', 'asc')
          .limit(100)
          .get(),
      );
      return res.data.map((d) => strip<Registration>(d));
    },
    listRegistrationsByOwner: (owner, page) =>
      pageQuery<Registration>(
        'registrations',
        { ownerOpenid: owner },
        [
          ['createdAt', 'desc'],
          ['_id', 'asc'],
        ],
        page,
      ),
    listSchoolQueue: (schoolId, filter, page) =>
      pageQuery<Registration>(
        'registrations',
        queueWhere(schoolId, filter),
        [
          ['createdAt', 'asc'],
          ['_id', 'asc'],
        ],
        page,
      ),
    async countSchoolQueue(schoolId, filter) {
      return (await read(() => col('registrations').where(queueWhere(schoolId, filter)).count())).total;
    },
    async transitionRegistration(id, expectedVersion, change, patch = {}): Promise<TransitionResult> {
      const cur = await byId<Registration>('registrations', id);
      if (!cur) return { status: 'not_found' };
      if (cur.version !== expectedVersion || cur.status !== change.from) {
        return { status: 'stale', current: cur };
      }
      // The condition is the guard: if anyone changed the record since the read, nothing matches.
      const ok = await updateOne(
        'registrations',
        id,
        { version: expectedVersion, status: change.from },
        {
          ...setAll(_, patch),
          status: change.to,
          version: expectedVersion + 1,
          updatedAt: change.at,
          history: _.push([{ ...change }]),
        },
      );
      if (!ok) {
        const now = await byId<Registration>('registrations', id);
        return now ? { status: 'stale', current: now } : { status: 'not_found' };
      }
      return { status: 'ok', registration: registrationApply(cur, change, patch) };
    },

    async countByTierStatus(schoolId, year) {
      // Counted on the server, grouped by tier and status: one call whatever the school's size.
      const res = await read(() =>
        col('registrations')
          .aggregate()
          .match({ schoolId, year })
          .group({ _id: { tier: '$tier.tier', eligible: '$tier.status', status: '$status' }, n: { $sum: 1 } })
          .limit(1000)
          .end(),
      );
      const counts = new Map<string, TierStatusCount>();
      for (const g of res.list) {
        const key = g['_id'] as { tier: number | null; eligible: string | null; status: RegistrationStatus };
        const tier = key.eligible === 'eligible' ? Number(key.tier ?? 0) : 0;
        const k = `${tier}|${key.status}`;
        const n = Number(g['n'] ?? 0) + (counts.get(k)?.count ?? 0);
        counts.set(k, { tier, status: key.status, count: n });
      }
      return [...counts.values()].sort((a, b) => a.tier - b.tier || (a.status < b.status ? -1 : 1));
    },

    async findPropertyUses(propertyKey, stage, minYear): Promise<PropertyUse[]> {
      // A property has a handful of uses: sorted here, so the index needs no sort field.
      const res = await read(() =>
        col('registrations')
          .where({
            propertyKey,
            stage,
            year: _.gte(minYear),
            status: _.nin([...registrationReleasedStatuses]),
          })
          // Only what a use needs, not the whole registration (its form, documents, history).
          .field({ id: true, year: true, createdAt: true, 'form.guardians': true })
          .limit(WX_READ_LIMIT)
          .get(),
      );
      const rows = res.data.sort((a, b) => (String(a['createdAt']) < String(b['createdAt']) ? -1 : 1));
      return rows.map((d) => {
        const r = strip<
          Pick<Registration, 'id' | 'year'> & { form: Pick<Registration['form'], 'guardians'> }
        >(d);
        return {
          registrationId: r.id,
          year: r.year,
          guardianIdNumbers: r.form.guardians.map((g) => g.idNumber),
        };
      });
    },

    async registrationSummaries(year, filter = {}) {
      // Only the fields a summary needs, read in parallel over parts of the id space.
      const where: Data = { year };
      if (filter.stage) where['stage'] = filter.stage;
      if (filter.status) where['status'] = filter.status;
      const rows = await docs.scan(
        'registrations',
        where,
        Object.fromEntries(registrationSummaryFields.map((f) => [f, true])),
        idRanges(`r${year}-`, '0123456789abcdef'),
      );
      return rows
        .map((d) => registrationSummaryOf(d as unknown as Registration))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async countRegistrations(year, stage, status) {
      return (await read(() => col('registrations').where({ year, stage, status }).count())).total;
    },
    async getRegistrations(ids) {
      const found = new Map(
        (await docs.byIds('registrations', ids)).map((d) => [String(d['_id']), strip<Registration>(d)]),
      );
      return ids.flatMap((id) => found.get(id) ?? []);
    },
    async listSchoolRegistrations(schoolId, year, status, max) {
      const where: Data = { schoolId, year };
      if (status !== null) where['status'] = status;
      const rows = (await docs.scan('registrations', where)).map((d) => strip<Registration>(d));
      rows.sort((a, b) =>
        a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
      );
      return rows.slice(0, max);
    },
    async transitionMany(items) {
      const changed = (it: TransitionItem) => ({
        ...setAll(_, it.patch ?? {}),
        status: it.change.to,
        version: _.inc(1),
        updatedAt: it.change.at,
        history: _.push([{ ...it.change }]),
      });
      // The same change and patch for many: written together, a chunk of ids per call; the write
      // token tells which changed, and keeps a repeated call from changing any twice.
      const groups = new Map<string, TransitionItem[]>();
      const single: TransitionItem[] = [];
      for (const it of items) {
        if (it.version !== undefined) single.push(it);
        else {
          const key = JSON.stringify([it.change, it.patch ?? null]);
          const g = groups.get(key);
          if (g) g.push(it);
          else groups.set(key, [it]);
        }
      }
      const chunks: TransitionItem[][] = [];
      for (const g of groups.values()) {
        if (g.length === 1) single.push(g[0] as TransitionItem);
        else for (let i = 0; i < g.length; i += 200) chunks.push(g.slice(i, i + 200));
      }
      const done = await inParallel(chunks, FAN_OUT, async (chunk) => {
        const first = chunk[0] as TransitionItem;
        const ids = chunk.map((it) => it.id as string);
        const token = writeToken();
        await retrying(
          () =>
            col('registrations')
              .where({ _id: _.in(ids), status: first.change.from, [WRITE_TOKEN]: _.neq(token) })
              .update({ data: { ...changed(first), [WRITE_TOKEN]: token } }),
          true,
        );
        const res = await read(() =>
          col('registrations')
            .where({ _id: _.in(ids), [WRITE_TOKEN]: token })
            .field({ _id: true })
            .limit(1000)
            .get(),
        );
        return res.data.map((d) => String(d['_id']) as RegistrationId);
      });
      const one = await inParallel(single, FAN_OUT, async (it) => {
        const where: Data = { status: it.change.from };
        if (it.version !== undefined) where['version'] = it.version;
        return (await updateOne('registrations', it.id, where, changed(it))) ? [it.id] : [];
      });
      return [...done.flat(), ...one.flat()];
    },
    listRegistrationsByStatus: (year, stage, status, page) =>
      pageQuery<Registration>('registrations', { year, stage, status }, [['_id', 'asc']], page),
    listAdmittedAt: (schoolId, year, page) =>
      pageQuery<Registration>(
        'registrations',
        { 'placement.schoolId': schoolId, year, status: _.in([...admittedStatuses]) },
        [['_id', 'asc']],
        page,
      ),
  };
}
