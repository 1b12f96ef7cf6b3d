/**
 * Production adapter: CloudBase document database through wx-server-sdk (`cloud.database()`).
 * Uniqueness comes from choosing the document `_id`; status changes are conditional updates on
 * `{ _id, status, version }`; every read has an explicit `.limit()` (functions read ≤ 1000).
 *
 * WxDatabase below is the slice of the SDK's database API this adapter uses, written out so the
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
import { appealStateOf, type PlacementResponse } from '../../shared/placement/response';
import type { Binding, Invite } from '../../shared/identity/roles';
import { registrationStatuses } from '../../shared/registration/status';
import type { Draft, Notice, Registration, StoredFile } from '../../shared/registration/types';
import type { PolicySettings } from '../../shared/settings';
import {
  pageClamp,
  pageOf,
  registrationApply,
  type AuditEntry,
  type CreateResult,
  type Page,
  type PageRequest,
  type PlacementFreeze,
  type PlacementRunRecord,
  type PropertyUse,
  type RedeemResult,
  type Store,
  type TransitionResult,
} from './port';

type Data = Record<string, unknown>;

export interface WxQuery {
  where(condition: Data): WxQuery;
  orderBy(field: string, order: 'asc' | 'desc'): WxQuery;
  skip(n: number): WxQuery;
  limit(n: number): WxQuery;
  get(): Promise<{ data: Data[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: Data }): Promise<{ stats: { updated: number } }>;
}

export interface WxCollection extends WxQuery {
  doc(id: string): { set(options: { data: Data }): Promise<unknown>; remove(): Promise<unknown> };
  add(options: { data: Data }): Promise<{ _id: string | number }>;
}

export interface WxCommand {
  gt(value: unknown): unknown;
  gte(value: unknown): unknown;
  neq(value: unknown): unknown;
  in(values: unknown[]): unknown;
  /** Replaces a field's value whole (update() would merge nested objects field by field). */
  set(value: unknown): unknown;
  inc(n: number): unknown;
  push(values: unknown[]): unknown;
  /** In update(): deletes the field. */
  remove(): unknown;
}

export interface WxDatabase {
  collection(name: string): WxCollection;
  readonly command: WxCommand;
}

/** Largest page CloudBase lets a function read in one call. */
const WX_READ_LIMIT = 1000;

const strip = <T>(d: Data): T => {
  const { _id: _ignored, ...rest } = d;
  return rest as T;
};

/** Query columns stored beside a placement response. */
interface ResponseColumns {
  readonly appealState: string;
  readonly appealedAt: string | null;
}
const responseOf = ({ appealState: _s, appealedAt: _a, ...r }: PlacementResponse & ResponseColumns) =>
  r as PlacementResponse;

export function cloudbaseStore(db: WxDatabase): Store {
  const _ = db.command;
  const col = (name: string) => db.collection(name);
  const byId = async <T>(name: string, id: string): Promise<T | null> => {
    const res = await col(name).where({ _id: id }).limit(1).get();
    const d = res.data[0];
    return d ? strip<T>(d) : null;
  };
  const all = async <T>(name: string): Promise<T[]> => {
    const out: T[] = [];
    for (let offset = 0; ; offset += WX_READ_LIMIT) {
      const res = await col(name).orderBy('_id', 'asc').skip(offset).limit(WX_READ_LIMIT).get();
      out.push(...res.data.map((d) => strip<T>(d)));
      if (res.data.length < WX_READ_LIMIT) return out;
    }
  };
  /** One page of `where`, ordered, read as limit + 1 rows so the caller learns if more exist. */
  const pageQuery = async <T>(
    name: string,
    where: Data,
    order: readonly (readonly [string, 'asc' | 'desc'])[],
    page: PageRequest,
  ): Promise<Page<T>> => {
    const p = pageClamp(page);
    let q = col(name).where(where);
    for (const [field, dir] of order) q = q.orderBy(field, dir);
    const res = await q
      .skip(p.offset)
      .limit(p.limit + 1)
      .get();
    return pageOf(
      res.data.map((d) => strip<T>(d)),
      p,
    );
  };
  const putAll = async <T extends { id: string }>(name: string, items: readonly T[]) => {
    for (const item of items)
      await col(name)
        .doc(item.id)
        .set({ data: { ...item } });
  };
  /** add() with a chosen _id fails if it exists; a re-read tells a duplicate from other errors. */
  const addUnique = async (name: string, id: string, data: Data): Promise<CreateResult> => {
    try {
      await col(name).add({ data: { ...data, _id: id } });
      return { status: 'created' };
    } catch (e) {
      if ((await byId(name, id)) !== null) return { status: 'duplicate' };
      throw e;
    }
  };

  return {
    kind: 'cloudbase',

    async getSettings() {
      const d = await byId<{ value: PolicySettings }>('settings', 'policy');
      return d ? d.value : null;
    },
    async putSettings(settings) {
      await col('settings')
        .doc('policy')
        .set({ data: { value: { ...settings } } });
    },

    putSchools: (schools) => putAll('schools', schools),
    listSchools: () => all<School>('schools'),
    getSchool: (id: SchoolId) => byId<School>('schools', id),
    putZones: (zones) => putAll('zones', zones),
    listZones: () => all<Zone>('zones'),
    async replaceZones(zones) {
      // CloudBase has no multi-document transaction here: write the new table first, then remove
      // zones it no longer has, so a failure half-way leaves extra zones, never missing ones.
      await putAll('zones', zones);
      const keep = new Set(zones.map((z) => z.id as string));
      for (const old of await all<Zone>('zones'))
        if (!keep.has(old.id)) await col('zones').doc(old.id).remove();
    },
    putTeachers: (teachers) => putAll('teachers', teachers),
    async replaceTeachers(teachers) {
      // As replaceZones: write the roster first, then remove teachers it no longer has, so a
      // failure half-way leaves extra teachers, never missing ones.
      await putAll('teachers', teachers);
      const keep = new Set(teachers.map((t) => t.id as string));
      for (const old of await all<Teacher>('teachers'))
        if (!keep.has(old.id)) await col('teachers').doc(old.id).remove();
    },
    getTeacher: (id: TeacherId) => byId<Teacher>('teachers', id),
    listTeachersBySchool: (schoolId, page) =>
      pageQuery<Teacher>('teachers', { schoolId }, [['_id', 'asc']], page),
    async countySnapshot() {
      const schools = (await col('schools').count()).total;
      const teachers = (await col('teachers').count()).total;
      const registrationsByStatus: Record<string, number> = {};
      for (const status of registrationStatuses) {
        const n = (await col('registrations').where({ status }).count()).total;
        if (n > 0) registrationsByStatus[status] = n;
      }
      return { schools, teachers, registrationsByStatus };
    },

    getBinding: (openid: OpenId) => byId<Binding>('bindings', openid),
    createBinding: (b) => addUnique('bindings', b.openid, { ...b }),
    async listTeacherBindings(ids) {
      const out: Binding[] = [];
      // `in` takes a bounded list; ask in chunks.
      for (let i = 0; i < ids.length; i += 100) {
        const res = await col('bindings')
          .where({ teacherId: _.in([...ids.slice(i, i + 100)]) })
          .limit(WX_READ_LIMIT)
          .get();
        out.push(...res.data.map((d) => strip<Binding>(d)));
      }
      return out.sort((a, b) => (a.openid < b.openid ? -1 : 1));
    },
    createInvite: (inv) => addUnique('invites', inv.code, { ...inv }),
    async redeemInvite(code, openid, now): Promise<RedeemResult> {
      const at = now.toISOString();
      const res = await col('invites')
        .where({ _id: code, usedBy: null, expiresAt: _.gt(at) })
        .update({ data: { usedBy: openid, usedAt: at } });
      const row = await byId<Invite>('invites', code);
      if (res.stats.updated === 1 && row) return { status: 'redeemed', invite: row };
      if (!row) return { status: 'not_found' };
      return { status: row.usedBy !== null ? 'used' : 'expired' };
    },

    async createRegistration(r, also = {}) {
      // No multi-document transaction: the registration first (its _id decides duplicates), then
      // what goes with it. A crash in between leaves a registration whose draft is still listed
      // and whose audit entry is missing; PGlite writes all three at once.
      const res = await addUnique('registrations', r.id, { ...r });
      if (res.status !== 'created') return res;
      if (also.draft) await this.deleteDraft(also.draft.owner, also.draft.id);
      if (also.notice) await this.appendNotice(also.notice);
      if (also.audit) await this.appendAudit(also.audit);
      if (also.idempotency) await this.idempotencyFinish(also.idempotency.key, also.idempotency.response);
      return res;
    },
    getRegistration: (id: RegistrationId) => byId<Registration>('registrations', id),
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
      const res = await col('registrations')
        .where({ _id: id, version: expectedVersion, status: change.from })
        .update({
          data: {
            ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, _.set(v)])),
            status: change.to,
            version: _.inc(1),
            updatedAt: change.at,
            history: _.push([{ ...change }]),
          },
        });
      if (res.stats.updated !== 1) {
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
          const n = (await col('registrations').where(where).count()).total;
          if (n > 0) out.push({ tier, status, count: n });
        }
      }
      return out;
    },

    async findPropertyUses(propertyKey, stage, minYear): Promise<PropertyUse[]> {
      const res = await col('registrations')
        .where({ propertyKey, stage, year: _.gte(minYear), status: _.neq('withdrawn') })
        .orderBy('createdAt', 'asc')
        .limit(WX_READ_LIMIT)
        .get();
      return res.data.map((d) => {
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
    createFreeze: (f) => addUnique('placementFreezes', f.id, { ...f }),
    getFreeze: (id) => byId<PlacementFreeze>('placementFreezes', id),
    createPlacementRun: (r) => addUnique('placementRuns', r.id, { ...r }),
    getPlacementRun: (id) => byId<PlacementRunRecord>('placementRuns', id),
    async markRunPublished(id, at) {
      await col('placementRuns')
        .where({ _id: id })
        .update({ data: { publishedAt: at } });
    },

    async getPlacementResponse(id) {
      const d = await byId<PlacementResponse & ResponseColumns>('placementResponses', id);
      return d && responseOf(d);
    },
    async savePlacementResponse(next, expectedVersion) {
      // appealState and appealedAt sit beside the document for the bureau's list (index them).
      const data = { ...next, appealState: appealStateOf(next), appealedAt: next.appeal?.at ?? null };
      if (expectedVersion === null) {
        const res = await addUnique('placementResponses', next.id, data);
        return { status: res.status === 'created' ? 'ok' : 'conflict' };
      }
      const res = await col('placementResponses')
        .where({ _id: next.id, version: expectedVersion })
        .update({ data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, _.set(v)])) });
      return { status: res.stats.updated === 1 ? 'ok' : 'conflict' };
    },
    getClassingPlan: (id) => byId<ClassingPlan>('classingPlans', id),
    async saveClassingPlan(next, expectedVersion) {
      if (expectedVersion === null) {
        const res = await addUnique('classingPlans', next.id, { ...next });
        return { status: res.status === 'created' ? 'ok' : 'conflict' };
      }
      const res = await col('classingPlans')
        .where({ _id: next.id, version: expectedVersion })
        .update({ data: Object.fromEntries(Object.entries(next).map(([k, v]) => [k, _.set(v)])) });
      return { status: res.stats.updated === 1 ? 'ok' : 'conflict' };
    },
    getRotationRecord: (id) => byId<RotationRecord>('rotationRecords', id),
    async saveRotationRecord(next, expectedVersion) {
      if (expectedVersion === null) {
        const res = await addUnique('rotationRecords', next.id, { ...next });
        return { status: res.status === 'created' ? 'ok' : 'conflict' };
      }
      const res = await col('rotationRecords')
        .where({ _id: next.id, version: expectedVersion })
        .update({ data: Object.fromEntries(Object.entries(next).map(([k, v]) => [k, _.set(v)])) });
      return { status: res.stats.updated === 1 ? 'ok' : 'conflict' };
    },
    async mergeCensus(year, rows) {
      // Known children get the new fields and the next version (follow-ups untouched); a child the
      // update finds nowhere is added with none.
      for (const r of rows) {
        const res = await col('census')
          .where({ _id: r.id })
          .update({ data: { child: _.set({ ...r.child }), township: r.child.township, version: _.inc(1) } });
        if (res.stats.updated === 0)
          await addUnique('census', r.id, {
            id: r.id,
            year,
            child: { ...r.child },
            followUps: [],
            version: 1,
            township: r.child.township,
          });
      }
    },
    async removeCensus(ids) {
      for (const id of ids) await col('census').doc(id).remove();
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
      const res = await col('census')
        .where({ _id: next.id, version: expectedVersion })
        .update({
          data: { followUps: _.set(next.followUps), child: _.set(next.child), version: next.version },
        });
      return { status: res.stats.updated === 1 ? 'ok' : 'conflict' };
    },
    getRotationNominations: (id) => byId<RotationNominations>('rotationNominations', id),
    async saveRotationNominations(next, expectedVersion) {
      if (expectedVersion === null) {
        const res = await addUnique('rotationNominations', next.id, { ...next });
        return { status: res.status === 'created' ? 'ok' : 'conflict' };
      }
      const res = await col('rotationNominations')
        .where({ _id: next.id, version: expectedVersion })
        .update({ data: Object.fromEntries(Object.entries(next).map(([k, v]) => [k, _.set(v)])) });
      return { status: res.stats.updated === 1 ? 'ok' : 'conflict' };
    },
    async listRotationNominations(year) {
      // One document per school: a county has at most a few hundred schools.
      const res = await col('rotationNominations')
        .where({ year })
        .orderBy('_id', 'asc')
        .limit(WX_READ_LIMIT)
        .get();
      return res.data.map((d) => strip<RotationNominations>(d));
    },
    async listAppeals(year, state, page) {
      const res = await pageQuery<PlacementResponse & ResponseColumns>(
        'placementResponses',
        { year, appealState: state ?? _.neq('none') },
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
      const key = `${owner}:${id}`;
      const res = await col('drafts')
        .where({ _id: key })
        .update({ data: { form: _.set(form), updatedAt } });
      if (res.stats.updated === 0) {
        const fresh: Draft = { id, ownerOpenid: owner, form, documents: {}, updatedAt };
        await col('drafts')
          .doc(key)
          .set({ data: { ...fresh } });
      }
    },
    async setDraftDocument(owner, id, slot, ref, updatedAt) {
      // A nested field in update() changes just that slot: concurrent attaches do not overwrite.
      const res = await col('drafts')
        .where({ _id: `${owner}:${id}` })
        .update({ data: { documents: { [slot]: ref === null ? _.remove() : _.set(ref) }, updatedAt } });
      return res.stats.updated === 1 ? 'ok' : 'not_found';
    },
    getDraft: (owner, id) => byId<Draft>('drafts', `${owner}:${id}`),
    async listDrafts(owner) {
      const res = await col('drafts')
        .where({ ownerOpenid: owner })
        .orderBy('updatedAt', 'desc')
        .limit(20)
        .get();
      return res.data.map((d) => strip<Draft>(d));
    },
    async deleteFileRecord(id) {
      if (await byId('files', id)) await col('files').doc(id).remove();
    },
    async deleteDraft(owner, id) {
      await col('drafts').doc(`${owner}:${id}`).remove();
    },

    async putFile(f: StoredFile) {
      await addUnique('files', f.id, { ...f });
    },
    getFile: (id) => byId<StoredFile>('files', id),

    async appendNotice(n: Notice) {
      await col('notices').add({ data: { ...n, _id: n.id } });
    },
    async subscriptionGrant(openid, templateId) {
      const id = `${openid}:${templateId}`;
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await col('subscriptions')
          .where({ _id: id })
          .update({ data: { quota: _.inc(1) } });
        if (res.stats.updated === 0) {
          // First acceptance: create; if a concurrent first acceptance won, increment instead.
          if ((await addUnique('subscriptions', id, { openid, templateId, quota: 1 })).status === 'created')
            return 1;
          continue;
        }
        return (await byId<{ quota: number }>('subscriptions', id))?.quota ?? 0;
      }
      return (await byId<{ quota: number }>('subscriptions', id))?.quota ?? 0;
    },
    async subscriptionConsume(openid, templateId) {
      const res = await col('subscriptions')
        .where({ _id: `${openid}:${templateId}`, quota: _.gt(0) })
        .update({ data: { quota: _.inc(-1) } });
      return res.stats.updated === 1;
    },
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
        const last = await col('audit').orderBy('seq', 'desc').limit(1).get();
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
      const id = `idem-${createHash('sha256').update(key).digest('hex')}`;
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
      if (!row) return this.idempotencyClaim(key, payloadHash, now, staleMs);
      if (row.payloadHash !== payloadHash) return { status: 'mismatch' };
      if (row.state === 'done') return { status: 'done', response: row.response };
      if (now.getTime() - new Date(row.at).getTime() < staleMs) return { status: 'pending' };
      const took = await col('idempotency')
        .where({ _id: id, state: 'pending', at: row.at })
        .update({ data: { at: now.toISOString() } });
      return took.stats.updated === 1 ? { status: 'claimed' } : { status: 'pending' };
    },
    async idempotencyFinish(key, response) {
      const id = `idem-${createHash('sha256').update(key).digest('hex')}`;
      await col('idempotency')
        .where({ _id: id })
        .update({ data: { state: 'done', response: _.set(response) } });
    },
    async idempotencyRelease(key) {
      const id = `idem-${createHash('sha256').update(key).digest('hex')}`;
      // Only this request holds a pending claim on its key, so a read then a remove is safe.
      const row = await byId<{ state: string }>('idempotency', id);
      if (row?.state === 'pending') await col('idempotency').doc(id).remove();
    },
    async auditChainPage(afterSeq, limit) {
      const res = await col('audit')
        .where({ seq: _.gt(afterSeq) })
        .orderBy('seq', 'asc')
        .limit(Math.min(limit, WX_READ_LIMIT))
        .get();
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
      const res = await col('audit').where({ entity }).orderBy('seq', 'asc').limit(WX_READ_LIMIT).get();
      return res.data.map((d) => {
        const { seq: _s, prevHash: _p, hash: _h, ...entry } = strip<AuditEntry & Record<string, unknown>>(d);
        return entry as AuditEntry;
      });
    },

    close: async () => undefined,
  };
}
