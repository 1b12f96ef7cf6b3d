/**
 * Production adapter: CloudBase document database through wx-server-sdk (`cloud.database()`).
 * Uniqueness comes from choosing the document `_id`; status changes are conditional updates on
 * `{ _id, status, version }`; every read has an explicit `.limit()` (functions read ≤ 1000).
 * Every call is network-safe (cloudbaseCalls.ts): throttling is retried, and a write whose reply
 * was lost is recognised by its write token rather than taken for someone else's.
 *
 * wxApi.ts holds the slice of the SDK's database API this adapter uses, written out so the
 * adapter can be type-checked and tested against a double offline (the real SDK cannot reach a
 * database without cloud credentials).
 */
import { createHash } from 'node:crypto';
import type { OpenId, RegistrationId, SchoolId, TeacherId } from '../../shared/brand';
import type { School, Teacher, Zone } from '../../shared/county/types';
import type { ClassingPlan } from '../../shared/classing/plan';
import type { ChainedAudit, ChainHead } from '../security/auditChain';
import type { CensusRecord } from '../../shared/oversight/census';
import type { RotationNominations } from '../../shared/rotation/nominations';
import type { RotationRecord } from '../../shared/rotation/record';
import { admittedStatuses } from '../../shared/placement/admitted';
import { appealStateOf, type PlacementResponse } from '../../shared/placement/response';
import type { Binding, Invite } from '../../shared/identity/roles';
import {
  registrationHoldsChild,
  registrationReleasedStatuses,
  registrationStatuses,
  type RegistrationStatus,
} from '../../shared/registration/status';
import { registrationSummaryFields, registrationSummaryOf } from '../../shared/registration/summary';
import type { Draft, Notice, Registration, StoredFile } from '../../shared/registration/types';
import type { PolicySettings } from '../../shared/settings';
import {
  pageClamp,
  pageOf,
  registrationApply,
  type AuditEntry,
  type Page,
  type PageRequest,
  type PlacementFreeze,
  type PlacementRunHead,
  type PlacementRunRecord,
  type PropertyUse,
  type CreateResult,
  type RedeemResult,
  type SaveResult,
  type Store,
  type TierStatusCount,
  type TransitionItem,
  type TransitionResult,
} from './port';
import {
  inParallel,
  isAmbiguous,
  isThrottled,
  read,
  readAllById,
  retrying,
  WRITE_TOKEN,
  writeToken,
} from './cloudbaseCalls';
import type { CollectionName } from './cloudbaseCollections';
import { cloudDocs, FAN_OUT, idRanges, strip } from './cloudbaseDocs';
import { partsDrop, partsLoad, partsSave, type PartsRef } from './cloudbaseParts';
import { AUDIT_CHAINS, auditEntryId, auditHeadOf, auditHeadRead, auditWrites, txGet } from './cloudbaseAudit';
import type { Data, WxDatabase, WxTransaction } from './wxApi';

export type {
  Data,
  WxAggregate,
  WxCollection,
  WxCommand,
  WxDatabase,
  WxDocument,
  WxQuery,
  WxTransaction,
} from './wxApi';

/**
 * After this long a claim whose registration was never written is free again: longer than any
 * function may run (60 s), so the write that made it has certainly ended.
 */
const CLAIM_STALE_MS = 120_000;

/** Attempts of a transaction that conflicts, is throttled or loses its reply. */
const TX_ATTEMPTS = 12;

/** Largest page CloudBase lets a function read in one call. */
const WX_READ_LIMIT = 1000;

/** Query columns stored beside a placement response. */
interface ResponseColumns {
  readonly appealState: string;
  readonly appealedAt: string | null;
}
const responseOf = ({ appealState: _s, appealedAt: _a, ...r }: PlacementResponse & ResponseColumns) =>
  r as PlacementResponse;

/** `_.set` for every field: update() would merge nested objects field by field. */
const setAll = (_: WxDatabase['command'], data: Data): Data =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, _.set(v)]));

export interface CloudbaseOptions {
  /** How many chains the audit log is kept in (see cloudbaseAudit.ts); 1 is one serial point. */
  readonly auditChains?: number;
}

/** A decision taken inside a transaction (a duplicate): rolls it back and is the answer. */
class TxAnswer<T> {
  constructor(readonly answer: T) {}
}

export function cloudbaseStore(db: WxDatabase, options: CloudbaseOptions = {}): Store {
  const _ = db.command;
  const chains = options.auditChains ?? AUDIT_CHAINS;
  const docs = cloudDocs(db);
  const { col, byId, addUnique, updateOne } = docs;
  /** Every document of a collection, a page at a time by `_id`. */
  const all = async <T>(name: CollectionName): Promise<T[]> =>
    (
      await readAllById((after) =>
        (after === null ? col(name) : col(name).where({ _id: _.gt(after) })).orderBy('_id', 'asc'),
      )
    ).map((d) => strip<T>(d));
  /** One page of `where`, ordered, read as limit + 1 rows so the caller learns if more exist. */
  const pageQuery = async <T>(
    name: CollectionName,
    where: Data,
    order: readonly (readonly [string, 'asc' | 'desc'])[],
    page: PageRequest,
  ): Promise<Page<T>> => {
    const p = pageClamp(page);
    const res = await read(() => {
      let q = col(name).where(where);
      for (const [field, dir] of order) q = q.orderBy(field, dir);
      return q
        .skip(p.offset)
        .limit(p.limit + 1)
        .get();
    });
    return pageOf(
      res.data.map((d) => strip<T>(d)),
      p,
    );
  };
  const withIds = <T extends { id: string }>(
    items: readonly T[],
    extra: (t: T) => Data = () => ({}),
  ): (Data & { _id: string })[] => items.map((t) => ({ ...(t as unknown as Data), ...extra(t), _id: t.id }));
  const putAll = <T extends { id: string }>(name: CollectionName, items: readonly T[]) =>
    docs.setMany(name, withIds(items));
  /** Creates (expected version null) or updates a versioned record at the version read. */
  const saveVersioned = async (
    name: CollectionName,
    id: string,
    data: Data,
    expectedVersion: number | null,
  ): Promise<SaveResult> => {
    if (expectedVersion === null) {
      const res = await addUnique(name, id, data);
      return { status: res.status === 'created' ? 'ok' : 'conflict' };
    }
    const ok = await updateOne(name, id, { version: expectedVersion }, setAll(_, data));
    return { status: ok ? 'ok' : 'conflict' };
  };
  const idemId = (key: string) => `idem-${createHash('sha256').update(key).digest('hex')}`;

  /**
   * Runs `run` in a transaction, again after a conflict (another transaction wrote a document
   * this one did), throttling or a lost reply, after a short random back-off. A TxAnswer thrown
   * inside rolls back and is returned. `run` must tell from what it reads whether an earlier
   * attempt committed before its reply was lost (the write token).
   */
  const transact = async <T>(run: (t: WxTransaction) => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await db.runTransaction(run, 0);
      } catch (e) {
        if (e instanceof TxAnswer) return e.answer as T;
        const conflict =
          (e as { code?: string }).code === 'DATABASE_TRANSACTION_CONFLICT' ||
          (e instanceof Error && /transaction conflict/i.test(e.message));
        if (!(conflict || isThrottled(e) || isAmbiguous(e)) || attempt >= TX_ATTEMPTS - 1) throw e;
        await new Promise((r) => setTimeout(r, Math.min(200, 10 * 2 ** attempt) * (0.5 + Math.random())));
      }
    }
  };

  return {
    kind: 'cloudbase',

    async getSettings() {
      const d = await byId<{ value: PolicySettings }>('settings', 'policy');
      return d ? d.value : null;
    },
    async putSettings(settings) {
      await docs.setDoc('settings', 'policy', { value: { ...settings } });
    },

    putSchools: (schools) => putAll('schools', schools),
    listSchools: () => all<School>('schools'),
    getSchool: (id: SchoolId) => byId<School>('schools', id),
    putZones: (zones) => putAll('zones', zones),
    listZones: () => all<Zone>('zones'),
    // No multi-document transaction for a whole table: the new records are written first and
    // the ones no longer listed removed last, so a failure half-way leaves extra, never missing.
    replaceZones: (zones) => docs.replaceAll('zones', {}, withIds(zones)),
    putTeachers: (teachers) => putAll('teachers', teachers),
    replaceTeachers: (teachers) => docs.replaceAll('teachers', {}, withIds(teachers)),
    getTeacher: (id: TeacherId) => byId<Teacher>('teachers', id),
    listTeachers: () => all<Teacher>('teachers'),
    listTeachersBySchool: (schoolId, page) =>
      pageQuery<Teacher>('teachers', { schoolId }, [['_id', 'asc']], page),
    async countySnapshot() {
      // Three calls at once: two counts, and the registrations grouped by status on the server.
      const [schools, teachers, byStatus] = await Promise.all([
        read(() => col('schools').count()),
        read(() => col('teachers').count()),
        read(() =>
          col('registrations')
            .aggregate()
            .group({ _id: '$status', n: { $sum: 1 } })
            .limit(100)
            .end(),
        ),
      ]);
      const registrationsByStatus: Record<string, number> = {};
      for (const status of registrationStatuses) {
        const n = Number(byStatus.list.find((g) => g['_id'] === status)?.['n'] ?? 0);
        if (n > 0) registrationsByStatus[status] = n;
      }
      return { schools: schools.total, teachers: teachers.total, registrationsByStatus };
    },

    getBinding: (openid: OpenId) => byId<Binding>('bindings', openid),
    createBinding: (b) => addUnique('bindings', b.openid, { ...b }),
    async listTeacherBindings(ids) {
      // `in` takes a bounded list: chunks of a hundred, asked at once.
      const chunks: TeacherId[][] = [];
      for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
      const parts = await inParallel(chunks, FAN_OUT, (chunk) =>
        read(() =>
          col('bindings')
            .where({ teacherId: _.in(chunk) })
            .limit(WX_READ_LIMIT)
            .get(),
        ),
      );
      return parts
        .flatMap((p) => p.data.map((d) => strip<Binding>(d)))
        .sort((a, b) => (a.openid < b.openid ? -1 : 1));
    },
    createInvite: (inv) => addUnique('invites', inv.code, { ...inv }),
    async redeemInvite(code, openid, now): Promise<RedeemResult> {
      const at = now.toISOString();
      const won = await updateOne(
        'invites',
        code,
        { usedBy: null, expiresAt: _.gt(at) },
        { usedBy: openid, usedAt: at },
      );
      const row = await byId<Invite>('invites', code);
      if (won && row) return { status: 'redeemed', invite: row };
      if (!row) return { status: 'not_found' };
      return { status: row.usedBy !== null ? 'used' : 'expired' };
    },

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
          writes.push(t.collection('drafts').doc(`${also.draft.owner}:${also.draft.id}`).remove());
        if (also.notice)
          writes.push(
            t.collection('notices').add({ data: { ...also.notice, _id: also.notice.id, ...tokened } }),
          );
        if (also.idempotency)
          writes.push(
            t
              .collection('idempotency')
              .doc(idemId(also.idempotency.key))
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
    listSchoolQueue: (schoolId, filter, page) => {
      const where: Data = { schoolId };
      if (filter.status !== null) where['status'] = filter.status;
      // Dotted paths query inside the stored tier; 0 means 统筹 (no tier).
      if (filter.tier === 0) where['tier.status'] = 'ineligible';
      else if (filter.tier !== null) where['tier.tier'] = filter.tier;
      // An equality on an array field matches when the array contains the value.
      if (filter.flag !== null) where['flags'] = filter.flag;
      if (filter.search !== null) where['searchKeys'] = filter.search;
      if (filter.route !== null) where['form.route'] = filter.route;
      return pageQuery<Registration>(
        'registrations',
        where,
        [
          ['createdAt', 'asc'],
          ['_id', 'asc'],
        ],
        page,
      );
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
    // A county's frozen list and draw result are larger than a document may be: kept in parts.
    async createFreeze(f) {
      const parts = await partsSave(docs, f.id, f.input);
      // The children's names (for the bureau's pages) are as large again: in parts of their own.
      const nameParts = f.names ? await partsSave(docs, `${f.id}:names`, f.names) : null;
      const res = await addUnique('placementFreezes', f.id, {
        ...f,
        ...(parts ? { input: null, parts } : {}),
        ...(nameParts ? { names: null, nameParts } : {}),
      });
      if (res.status === 'duplicate') {
        if (parts) await partsDrop(docs, f.id, parts);
        if (nameParts) await partsDrop(docs, `${f.id}:names`, nameParts);
      }
      return res;
    },
    async getFreeze(id) {
      const d = await byId<PlacementFreeze & { parts?: PartsRef; nameParts?: PartsRef }>(
        'placementFreezes',
        id,
      );
      if (!d) return null;
      const { parts, nameParts, ...f } = d;
      return {
        ...f,
        ...(parts ? { input: (await partsLoad(docs, id, parts)) as PlacementFreeze['input'] } : {}),
        ...(nameParts
          ? { names: (await partsLoad(docs, `${id}:names`, nameParts)) as Record<string, string> }
          : {}),
      };
    },
    async createPlacementRun(r) {
      const parts = await partsSave(docs, r.id, { result: r.result, coordination: r.coordination });
      const res = await addUnique(
        'placementRuns',
        r.id,
        parts ? { ...r, result: null, coordination: null, parts } : { ...r },
      );
      if (res.status === 'duplicate' && parts) await partsDrop(docs, r.id, parts);
      return res;
    },
    async getPlacementRunHead(id) {
      const res = await read(() =>
        col('placementRuns')
          .where({ _id: id })
          .field({ id: true, freezeId: true, dryRun: true, at: true, by: true, publishedAt: true })
          .limit(1)
          .get(),
      );
      const d = res.data[0];
      return d ? strip<PlacementRunHead>(d) : null;
    },
    async getPlacementRun(id) {
      const d = await byId<PlacementRunRecord & { parts?: PartsRef }>('placementRuns', id);
      if (!d?.parts) return d;
      const { parts, ...r } = d;
      const body = (await partsLoad(docs, id, parts)) as Pick<PlacementRunRecord, 'result' | 'coordination'>;
      return { ...r, ...body };
    },
    async markRunPublished(id, at) {
      await updateOne('placementRuns', id, {}, { publishedAt: at });
    },

    async getPlacementResponse(id) {
      const d = await byId<PlacementResponse & ResponseColumns>('placementResponses', id);
      return d && responseOf(d);
    },
    savePlacementResponse: (next, expectedVersion) =>
      // appealState and appealedAt sit beside the document for the bureau's list (index them).
      saveVersioned(
        'placementResponses',
        next.id,
        { ...next, appealState: appealStateOf(next), appealedAt: next.appeal?.at ?? null },
        expectedVersion,
      ),
    getClassingPlan: (id) => byId<ClassingPlan>('classingPlans', id),
    async listClassSizes(year) {
      const res = await read(() =>
        col('classingPlans')
          .where({ year })
          .field({ id: true, schoolId: true, stage: true, classes: true })
          .limit(WX_READ_LIMIT)
          .get(),
      );
      return res.data
        .map((d) => d as unknown as Pick<ClassingPlan, 'id' | 'schoolId' | 'stage' | 'classes'>)
        .flatMap((p) =>
          p.classes
            ? [{ planId: p.id, schoolId: p.schoolId, stage: p.stage, sizes: p.classes.map((c) => c.length) }]
            : [],
        )
        .sort((a, b) => (a.planId < b.planId ? -1 : 1));
    },
    saveClassingPlan: (next, expectedVersion) =>
      saveVersioned('classingPlans', next.id, { ...next }, expectedVersion),
    getRotationRecord: (id) => byId<RotationRecord>('rotationRecords', id),
    saveRotationRecord: (next, expectedVersion) =>
      saveVersioned('rotationRecords', next.id, { ...next }, expectedVersion),
    async mergeCensus(year, rows) {
      if (rows.length === 0) return;
      // Which of the sheet's children are on the roster already: a read per hundred ids, asked
      // FAN_OUT at a time (a county's 10,000 children: 100 reads, 5 round trips deep).
      const known = new Set<string>();
      const chunks: string[][] = [];
      for (let i = 0; i < rows.length; i += 100) chunks.push(rows.slice(i, i + 100).map((r) => r.id));
      await inParallel(chunks, FAN_OUT, async (ids) => {
        const res = await read(() =>
          col('census')
            .where({ _id: _.in(ids) })
            .field({ _id: true })
            .limit(100)
            .get(),
        );
        for (const d of res.data) known.add(String(d['_id']));
      });
      // New children in batches, with no follow-ups; known ones get the new fields and the next
      // version in parallel — their follow-ups are never written here, so none is lost.
      await docs.addMany(
        'census',
        rows
          .filter((r) => !known.has(r.id))
          .map((r) => ({
            _id: r.id,
            id: r.id,
            year,
            child: { ...r.child },
            followUps: [],
            version: 1,
            township: r.child.township,
          })),
      );
      await inParallel(
        rows.filter((r) => known.has(r.id)),
        FAN_OUT,
        (r) =>
          updateOne(
            'census',
            r.id,
            {},
            { child: _.set({ ...r.child }), township: r.child.township, version: _.inc(1) },
          ),
      );
    },
    removeCensus: (ids) => docs.removeMany('census', ids),
    async censusAll(year) {
      const rows = await docs.scan('census', { year }, undefined, idRanges(`${year}-`, '123456789'));
      return rows
        .map(({ township: _t, ...r }) => strip<CensusRecord>(r))
        .sort((a, b) =>
          a.child.township < b.child.township
            ? -1
            : a.child.township > b.child.township
              ? 1
              : a.id < b.id
                ? -1
                : 1,
        );
    },
    async listCensus(year, page) {
      const res = await pageQuery<CensusRecord & { township: string }>(
        'census',
        { year },
        [
          ['township', 'asc'],
          ['_id', 'asc'],
        ],
        page,
      );
      return { ...res, items: res.items.map(({ township: _t, ...r }) => r as CensusRecord) };
    },
    async getCensus(id) {
      const r = await byId<CensusRecord & { township?: string }>('census', id);
      if (!r) return null;
      const { township: _t, ...rest } = r;
      return rest as CensusRecord;
    },
    async saveCensus(next, expectedVersion) {
      const ok = await updateOne(
        'census',
        next.id,
        { version: expectedVersion },
        { followUps: _.set(next.followUps), child: _.set(next.child), version: next.version },
      );
      return { status: ok ? 'ok' : 'conflict' };
    },
    getRotationNominations: (id) => byId<RotationNominations>('rotationNominations', id),
    saveRotationNominations: (next, expectedVersion) =>
      saveVersioned('rotationNominations', next.id, { ...next }, expectedVersion),
    async listRotationNominations(year) {
      // One document per school: a county has at most a few hundred schools.
      const res = await read(() =>
        col('rotationNominations').where({ year }).orderBy('_id', 'asc').limit(WX_READ_LIMIT).get(),
      );
      return res.data.map((d) => strip<RotationNominations>(d));
    },
    async listAppeals(year, state, page) {
      const res = await pageQuery<PlacementResponse & ResponseColumns>(
        'placementResponses',
        { year, appealState: state ?? _.in(['open', 'answered']) },
        [
          ['appealedAt', 'asc'],
          ['_id', 'asc'],
        ],
        page,
      );
      return { ...res, items: res.items.map(responseOf) };
    },

    async saveDraftForm(owner, id, form, updatedAt) {
      // Only the form and the time change on an existing draft; its documents are left alone.
      // The write token makes the update report the draft even when the form is unchanged, so an
      // existing draft is never taken for a missing one (and replaced without its documents).
      const key = `${owner}:${id}`;
      for (;;) {
        if (await updateOne('drafts', key, {}, { form: _.set(form), updatedAt })) return;
        const fresh: Draft = { id, ownerOpenid: owner, form, documents: {}, updatedAt };
        if ((await addUnique('drafts', key, { ...fresh })).status === 'created') return;
        // Created meanwhile by a concurrent save: update that one.
      }
    },
    async setDraftDocument(owner, id, slot, ref, updatedAt) {
      // A nested field in update() changes just that slot: concurrent attaches do not overwrite.
      const ok = await updateOne(
        'drafts',
        `${owner}:${id}`,
        {},
        { documents: { [slot]: ref === null ? _.remove() : _.set(ref) }, updatedAt },
      );
      return ok ? 'ok' : 'not_found';
    },
    getDraft: (owner, id) => byId<Draft>('drafts', `${owner}:${id}`),
    async listDrafts(owner) {
      const res = await read(() =>
        col('drafts').where({ ownerOpenid: owner }).orderBy('updatedAt', 'desc').limit(20).get(),
      );
      return res.data.map((d) => strip<Draft>(d));
    },
    async deleteFileRecord(id) {
      await docs.removeDoc('files', id);
    },
    deleteFileRecords: (ids) => docs.removeMany('files', ids),
    async deleteDraft(owner, id) {
      await docs.removeDoc('drafts', `${owner}:${id}`);
    },

    async putFile(f: StoredFile) {
      await addUnique('files', f.id, { ...f });
    },
    getFile: (id) => byId<StoredFile>('files', id),
    async fileBytesOwned(owner) {
      // Paged by _id (index: files ownerOpenid); the upload rate and quota keep this short.
      const rows = await readAllById((after) =>
        col('files')
          .where(after === null ? { ownerOpenid: owner } : { ownerOpenid: owner, _id: _.gt(after) })
          .orderBy('_id', 'asc')
          .field({ size: true }),
      );
      return rows.reduce((a, d) => a + (typeof d['size'] === 'number' ? d['size'] : 0), 0);
    },

    async appendNotice(n: Notice) {
      await addUnique('notices', n.id, { ...n });
    },
    appendNotices: (list) =>
      docs.addMany(
        'notices',
        list.map((n) => ({ ...n, _id: n.id })),
      ),
    async subscriptionGrant(openid, templateId) {
      const id = `${openid}:${templateId}`;
      for (;;) {
        if (await updateOne('subscriptions', id, {}, { quota: _.inc(1) }))
          return (await byId<{ quota: number }>('subscriptions', id))?.quota ?? 0;
        // First acceptance: create; if a concurrent first acceptance won, increment instead.
        if ((await addUnique('subscriptions', id, { openid, templateId, quota: 1 })).status === 'created')
          return 1;
      }
    },
    async subscriptionQuota(openid, templateId) {
      return (await byId<{ quota: number }>('subscriptions', `${openid}:${templateId}`))?.quota ?? 0;
    },
    async subscriptionQuotas(openids, templateId) {
      const found = new Map(
        (
          await docs.byIds(
            'subscriptions',
            openids.map((o) => `${o}:${templateId}`),
          )
        ).map((d) => [String(d['_id']), Number(d['quota'] ?? 0)]),
      );
      return openids.map((o) => found.get(`${o}:${templateId}`) ?? 0);
    },
    subscriptionConsume: (openid, templateId) =>
      updateOne('subscriptions', `${openid}:${templateId}`, { quota: _.gt(0) }, { quota: _.inc(-1) }),
    listNotices: (owner, page) =>
      pageQuery<Notice>(
        'notices',
        { ownerOpenid: owner },
        [
          ['at', 'desc'],
          ['_id', 'desc'],
        ],
        page,
      ),

    async appendAudit(e: AuditEntry) {
      // A transaction: the entity's chain's head read, the entry and the new head written. After a
      // lost reply the retry first looks for its own entry where the last attempt put it.
      const token = writeToken();
      let tried: string | null = null;
      await transact(async (t) => {
        if (tried && (await txGet(t, 'audit', tried))?.[WRITE_TOKEN] === token) return;
        const head = await auditHeadRead(t, e.entity, chains);
        tried = auditEntryId(head.chain, head.seq + 1);
        await Promise.all(auditWrites(t, e, head, token));
      });
    },
    async idempotencyClaim(key, payloadHash, now, staleMs) {
      const id = idemId(key);
      for (;;) {
        const res = await addUnique('idempotency', id, {
          payloadHash,
          state: 'pending',
          at: now.toISOString(),
        });
        if (res.status === 'created') return { status: 'claimed' };
        const row = await byId<{ payloadHash: string; state: string; response?: unknown; at: string }>(
          'idempotency',
          id,
        );
        if (!row) continue;
        if (row.payloadHash !== payloadHash) return { status: 'mismatch' };
        if (row.state === 'done') return { status: 'done', response: row.response };
        if (now.getTime() - new Date(row.at).getTime() < staleMs) return { status: 'pending' };
        const took = await updateOne(
          'idempotency',
          id,
          { state: 'pending', at: row.at },
          { at: now.toISOString() },
        );
        return took ? { status: 'claimed' } : { status: 'pending' };
      }
    },
    async idempotencyFinish(key, response) {
      await updateOne('idempotency', idemId(key), {}, { state: 'done', response: _.set(response) });
    },
    async idempotencyRelease(key) {
      const id = idemId(key);
      // Only this request holds a pending claim on its key, so a read then a remove is safe.
      const row = await byId<{ state: string }>('idempotency', id);
      if (row?.state === 'pending') await docs.removeDoc('idempotency', id);
    },
    async auditHead() {
      // The digest of every chain's head; the chain heads it stands for are kept with it, so a
      // later check against this head can tell whether any chain lost entries.
      const { count, head, checkpoint } = auditHeadOf(await docs.scan('auditHeads', {}));
      if (count > 0)
        await docs.setDoc('auditCheckpoints', head, { heads: checkpoint.heads.map((h) => [...h]) });
      return { count, head };
    },
    async auditCheckpoint(head) {
      const d = await byId<{ heads: ChainHead[] }>('auditCheckpoints', head);
      return d ? { heads: d.heads } : null;
    },
    async auditChainPage(after, limit) {
      // Entries' ids sort by chain, then sequence: a page is the next ids in order.
      const chain = Math.floor(after / 2 ** 32);
      const seq = after - chain * 2 ** 32;
      // Entries from before the log had many chains (chain 0) kept their ids, `audit-<seq>`, which
      // sort before every chain's.
      const from = chain === 0 ? `audit-${String(seq).padStart(12, '0')}` : auditEntryId(chain, seq);
      const res = await read(() =>
        col('audit')
          .where({ _id: _.gt(from) })
          .orderBy('_id', 'asc')
          .limit(Math.min(limit, WX_READ_LIMIT))
          .get(),
      );
      return res.data.map((d) => {
        const {
          chain: c,
          seq,
          prevHash,
          hash,
          at,
          actor,
          action,
          entity,
          detail,
        } = d as unknown as ChainedAudit['entry'] & {
          chain?: number;
          seq: number;
          prevHash: string;
          hash: string;
        };
        // Entries written before the log had many chains have no chain: they are chain 0.
        return { chain: c ?? 0, seq, prevHash, hash, entry: { at, actor, action, entity, detail } };
      });
    },
    async listAudit(entity) {
      // An entity's entries are all in one chain: in sequence order.
      const res = await read(() =>
        col('audit').where({ entity }).orderBy('seq', 'asc').limit(WX_READ_LIMIT).get(),
      );
      return res.data.map((d) => {
        const {
          chain: _c,
          seq: _s,
          prevHash: _p,
          hash: _h,
          ...entry
        } = strip<AuditEntry & Record<string, unknown>>(d);
        return entry as AuditEntry;
      });
    },

    close: async () => undefined,
  };
}
