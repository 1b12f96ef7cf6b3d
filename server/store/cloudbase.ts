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
import { AUDIT_GENESIS, auditHash, type ChainedAudit } from '../security/auditChain';
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
} from '../../shared/registration/status';
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
  type PlacementRunRecord,
  type PropertyUse,
  type CreateResult,
  type RedeemResult,
  type SaveResult,
  type Store,
  type TransitionResult,
} from './port';
import { inParallel, read, readAllById } from './cloudbaseCalls';
import type { CollectionName } from './cloudbaseCollections';
import { cloudDocs, FAN_OUT, strip } from './cloudbaseDocs';
import { partsDrop, partsLoad, partsSave, type PartsRef } from './cloudbaseParts';
import type { Data, WxDatabase } from './wxApi';

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

export function cloudbaseStore(db: WxDatabase): Store {
  const _ = db.command;
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
   * Takes the child's claim (collection registrationClaims, `_id` = child key) for `r`: created if
   * there is none; taken over — by a conditional update naming the holder read, so of two takers
   * one wins — when its holder no longer holds the child (withdrawn or voided) or was never
   * written (a crash; only after CLAIM_STALE_MS, so a write still under way is not robbed). Null
   * when another registration holds the child. Returns the previous holder (null: a new claim).
   */
  const childClaim = async (r: Registration): Promise<{ readonly previous: string | null } | null> => {
    const data = { registrationId: r.id, ownerOpenid: r.ownerOpenid, at: r.createdAt };
    if ((await addUnique('registrationClaims', r.childKey, data)).status === 'created')
      return { previous: null };
    const held = await byId<{ registrationId: string; ownerOpenid: string; at: string }>(
      'registrationClaims',
      r.childKey,
    );
    if (!held) return null;
    const holder = await byId<Registration>('registrations', held.registrationId);
    // A claim on a registration never written is this family's own earlier attempt (a retry after
    // a lost reply), or someone's crashed or still running one.
    const ownRetry = held.registrationId === r.id && held.ownerOpenid === r.ownerOpenid;
    const free = holder
      ? !registrationHoldsChild(holder.status)
      : ownRetry || Date.parse(r.createdAt) - Date.parse(held.at) > CLAIM_STALE_MS;
    if (!free) return null;
    const took = await updateOne(
      'registrationClaims',
      r.childKey,
      { registrationId: held.registrationId },
      data,
    );
    return took ? { previous: held.registrationId } : null;
  };
  /** Gives the claim back after the registration could not be written. */
  const childClaimUndo = async (r: Registration, claim: { readonly previous: string | null }) => {
    if (claim.previous === null) await docs.removeDoc('registrationClaims', r.childKey);
    else
      await updateOne(
        'registrationClaims',
        r.childKey,
        { registrationId: r.id },
        { registrationId: claim.previous },
      );
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
      const out: Binding[] = [];
      // `in` takes a bounded list; ask in chunks.
      for (let i = 0; i < ids.length; i += 100) {
        const res = await read(() =>
          col('bindings')
            .where({ teacherId: _.in([...ids.slice(i, i + 100)]) })
            .limit(WX_READ_LIMIT)
            .get(),
        );
        out.push(...res.data.map((d) => strip<Binding>(d)));
      }
      return out.sort((a, b) => (a.openid < b.openid ? -1 : 1));
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
      // No multi-document transaction: the child's claim first (it decides who holds the child),
      // then the registration, then what goes with it. A crash after the claim leaves a claim on a
      // registration that does not exist, which is taken over once CLAIM_STALE_MS has passed; a
      // crash after the registration leaves its draft listed and its audit entry missing. PGlite
      // writes everything at once.
      if (await byId('registrations', r.id)) return { status: 'duplicate' };
      const claim = await childClaim(r);
      if (claim === null) return { status: 'duplicate' };
      let res: CreateResult;
      try {
        res = await addUnique('registrations', r.id, { ...r });
      } catch (e) {
        await childClaimUndo(r, claim);
        throw e;
      }
      if (res.status !== 'created') {
        await childClaimUndo(r, claim);
        return res;
      }
      if (also.draft) await this.deleteDraft(also.draft.owner, also.draft.id);
      if (also.notice) await this.appendNotice(also.notice);
      if (also.audit) await this.appendAudit(also.audit);
      if (also.idempotency) await this.idempotencyFinish(also.idempotency.key, also.idempotency.response);
      return res;
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
      // One count per (tier, status) cell; a county has a handful of tiers and statuses, and
      // counts stay correct past the 1000-document read limit.
      const stored = await byId<{ value: PolicySettings }>('settings', 'policy');
      const tiers = [0, ...(stored?.value.tiers ?? []).map((t) => t.tier)];
      const out: { tier: number; status: (typeof registrationStatuses)[number]; count: number }[] = [];
      for (const tier of tiers) {
        for (const status of registrationStatuses) {
          const where: Data = { schoolId, year, status };
          if (tier === 0) where['tier.status'] = 'ineligible';
          else where['tier.tier'] = tier;
          const n = (await read(() => col('registrations').where(where).count())).total;
          if (n > 0) out.push({ tier, status, count: n });
        }
      }
      return out;
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
          .limit(WX_READ_LIMIT)
          .get(),
      );
      const rows = res.data.sort((a, b) => (String(a['createdAt']) < String(b['createdAt']) ? -1 : 1));
      return rows.map((d) => {
        const r = strip<Registration>(d);
        return {
          registrationId: r.id,
          year: r.year,
          guardianIdNumbers: r.form.guardians.map((g) => g.idNumber),
        };
      });
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
    saveClassingPlan: (next, expectedVersion) =>
      saveVersioned('classingPlans', next.id, { ...next }, expectedVersion),
    getRotationRecord: (id) => byId<RotationRecord>('rotationRecords', id),
    saveRotationRecord: (next, expectedVersion) =>
      saveVersioned('rotationRecords', next.id, { ...next }, expectedVersion),
    async mergeCensus(year, rows) {
      if (rows.length === 0) return;
      // Which of the sheet's children are on the roster already: a read per hundred ids.
      const known = new Set<string>();
      for (let i = 0; i < rows.length; i += 100) {
        const ids = rows.slice(i, i + 100).map((r) => r.id);
        const res = await read(() =>
          col('census')
            .where({ _id: _.in(ids) })
            .limit(100)
            .get(),
        );
        for (const d of res.data) known.add(String(d['_id']));
      }
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
      // No multi-document transaction here: the entry's _id is its sequence number, so of two
      // appends racing for the same place one fails as a duplicate, re-reads the head and retries.
      for (let attempt = 0; attempt < 40; attempt++) {
        // Back off a little, at random, so racing writers stop colliding.
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * 4 * Math.min(attempt, 10)));
        const last = await read(() => col('audit').orderBy('seq', 'desc').limit(1).get());
        const head = last.data[0] as { seq?: number; hash?: string } | undefined;
        const seq = (head?.seq ?? 0) + 1;
        const prevHash = head?.hash ?? AUDIT_GENESIS;
        const res = await addUnique('audit', `audit-${String(seq).padStart(12, '0')}`, {
          ...e,
          detail: { ...e.detail },
          seq,
          prevHash,
          hash: auditHash(prevHash, e),
        });
        if (res.status === 'created') return;
      }
      throw new Error('audit append: too many concurrent writers');
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
      // Sequence numbers are the entries' _ids, one after another: the last one is the count.
      const last = await read(() => col('audit').orderBy('seq', 'desc').limit(1).get());
      const head = last.data[0] as { seq?: number; hash?: string } | undefined;
      return { count: head?.seq ?? 0, head: head?.hash ?? AUDIT_GENESIS };
    },
    async auditChainPage(afterSeq, limit) {
      const res = await read(() =>
        col('audit')
          .where({ seq: _.gt(afterSeq) })
          .orderBy('seq', 'asc')
          .limit(Math.min(limit, WX_READ_LIMIT))
          .get(),
      );
      return res.data.map((d) => {
        const { seq, prevHash, hash, at, actor, action, entity, detail } =
          d as unknown as ChainedAudit['entry'] & {
            seq: number;
            prevHash: string;
            hash: string;
          };
        return { seq, prevHash, hash, entry: { at, actor, action, entity, detail } };
      });
    },
    async listAudit(entity) {
      const res = await read(() =>
        col('audit').where({ entity }).orderBy('seq', 'asc').limit(WX_READ_LIMIT).get(),
      );
      return res.data.map((d) => {
        const { seq: _s, prevHash: _p, hash: _h, ...entry } = strip<AuditEntry & Record<string, unknown>>(d);
        return entry as AuditEntry;
      });
    },

    close: async () => undefined,
  };
}
