/**
 * Embedded adapter: PGlite (PostgreSQL compiled to WASM) with a data directory on disk. Records
 * are JSONB documents with the columns that queries and constraints need pulled out beside them.
 * Same SQL runs on a PostgreSQL server for self-hosting.
 */
import { PGlite, types as pgTypes } from '@electric-sql/pglite';
import type { OpenId, RegistrationId, SchoolId, TeacherId } from '../../shared/brand';
import type { School, Teacher, Zone } from '../../shared/county/types';
import type { ClassingPlan } from '../../shared/classing/plan';
import type { CensusRecord } from '../../shared/oversight/census';
import type { RotationNominations } from '../../shared/rotation/nominations';
import type { RotationRecord } from '../../shared/rotation/record';
import { appealStateOf, type PlacementResponse } from '../../shared/placement/response';
import type { Binding, Invite } from '../../shared/identity/roles';
import type { RegistrationStatus } from '../../shared/registration/status';
import { registrationSummaryOf } from '../../shared/registration/summary';
import type { Draft, Notice, Registration, StatusChange, StoredFile } from '../../shared/registration/types';
import type { PolicySettings } from '../../shared/settings';
import { AUDIT_GENESIS, type ChainedAudit } from '../security/auditChain';
import { migrations } from './migrations';
import { pgliteStatements, type SqlDb, type Statement } from './pgliteStatements';
import { pgliteWorkerOpen } from './pgliteWorker';
import {
  pageClamp,
  pageOf,
  registrationApply,
  type CountySnapshot,
  type CreateResult,
  type AuditEntry,
  type Page,
  type PlacementFreeze,
  type PlacementRunHead,
  type PlacementRunRecord,
  type PropertyUse,
  type QueueFilter,
  type RedeemResult,
  type Store,
  type TransitionResult,
} from './port';

type Doc<T> = { doc: T };

/** A school's queue under a filter: one WHERE clause for its pages and its count ($1–$6). */
const queueWhere = `school_id = $1
  AND ($2::text IS NULL OR status = $2)
  AND ($3::int IS NULL OR tier = $3)
  AND ($4::text IS NULL OR $4 = ANY(flags))
  AND ($5::text IS NULL OR $5 = ANY(search_keys))
  AND ($6::text IS NULL OR doc->'form'->>'route' = $6)`;
const queueParams = (schoolId: SchoolId, f: QueueFilter) => [
  schoolId,
  f.status,
  f.tier,
  f.flag,
  f.search,
  f.route,
];

/** Applies pending migrations in order, each in its own transaction, recording the version. */
export async function pgliteMigrate(db: PGlite): Promise<number> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const res = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
  let current = res.rows[0]?.v ?? 0;
  for (const m of migrations) {
    if (m.version <= current) continue;
    await db.transaction(async (tx) => {
      if (m.sql) await tx.exec(m.sql);
      if (m.run) await m.run(tx);
      await tx.query('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
    });
    current = m.version;
  }
  return current;
}

/**
 * Array types this schema reads (text[] columns such as flags and search keys, and a few more so a
 * query that returns another common array type still parses).
 */
const ARRAY_TYPE_OIDS = new Set([1000, 1007, 1009, 1015, 1016, 1022, 1185, 1231, 199, 3807]);

/**
 * PGlite copies its per-instance parser table (≈ 320 entries: an array parser for every type in
 * the catalogue) into a fresh object on every `PGlite.query` result — ≈ 0.1 ms a query. The
 * store's own statements (pgliteStatements.ts) look parsers up without copying; this keeps
 * PGlite's own queries (migrations, backfill, backups) cheap too. Keeping the base types plus the
 * array types this schema uses parses the same values. The base entries must stay: an array
 * parser looks its element parser up in this same table when it runs.
 */
export function pgliteParsersTrim(db: PGlite): void {
  db.parsers = {
    ...pgTypes.parsers,
    ...Object.fromEntries(Object.entries(db.parsers).filter(([oid]) => ARRAY_TYPE_OIDS.has(Number(oid)))),
  };
}

/**
 * PGlite starts its session with client_min_messages = debug3: every statement sends the client
 * "parse …" and "bind … to …" notices, which PGlite then decodes in JavaScript (≈ 10 % of a
 * statement's cost). The store reads no notices; warnings and errors still come through.
 */
export async function pgliteQuiet(db: PGlite): Promise<void> {
  await db.exec('SET client_min_messages = warning; SET log_min_messages = warning');
}

/**
 * Opens (creating if needed) a PGlite store. On disk the database runs in its own worker thread
 * (pgliteWorker.ts); `dataDir` null means memory only, in this thread (tests).
 */
export async function pgliteStoreOpen(dataDir: string | null): Promise<Store> {
  if (dataDir !== null) {
    const worker = await pgliteWorkerOpen(dataDir);
    return pgliteStoreOn(worker.sql, () => worker.close());
  }
  const db = await PGlite.create();
  pgliteParsersTrim(db);
  await pgliteQuiet(db);
  await pgliteMigrate(db);
  return pgliteStore(db);
}

interface AuditRow {
  seq: number | string;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  detail: Record<string, unknown>;
  prev_hash: string | null;
  hash: string | null;
}

const chainedOf = (r: AuditRow): ChainedAudit => ({
  // The local host keeps one chain.
  chain: 0,
  seq: Number(r.seq),
  prevHash: r.prev_hash ?? '',
  hash: r.hash ?? '',
  entry: {
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    detail: r.detail,
  },
});

const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';

const DRAFT_DELETE = 'DELETE FROM drafts WHERE owner = $1 AND id = $2';
const idempotencyDone = (key: string, response: unknown): Statement => ({
  sql: "UPDATE idempotency SET state = 'done', response = $2 WHERE key = $1",
  params: [key, JSON.stringify(response)],
});
const noticeInsert = (n: Notice): Statement => ({
  sql: 'INSERT INTO notices (id, owner, at, doc) VALUES ($1, $2, $3, $4)',
  params: [n.id, n.ownerOpenid, n.at, JSON.stringify(n)],
});

/** The columns pulled out of a registration document for queries and constraints. */
const regColumns = (r: Registration) => [
  r.tier.status === 'eligible' ? r.tier.tier : 0,
  r.flags,
  r.searchKeys,
  r.propertyKey,
];

/** A store on a PGlite instance of this thread. */
export function pgliteStore(db: PGlite): Store {
  return pgliteStoreOn(pgliteStatements(db), () => db.close());
}

/** The store's logic over statements sent to PGlite, in this thread or the worker's. */
export function pgliteStoreOn(pg: SqlDb, close: () => Promise<void>): Store {
  // This process is the database's only user (the data-directory lock makes sure), so the county's
  // reference data — settings, schools, zones — and bindings are read once and kept until this
  // store writes them. Registration day reads them on every request.
  const memo: {
    settings: Promise<PolicySettings | null> | null;
    schools: Promise<School[]> | null;
    zones: Promise<Zone[]> | null;
    bindings: Map<string, Binding | null>;
  } = { settings: null, schools: null, zones: null, bindings: new Map() };
  const forget =
    (k: 'settings' | 'schools' | 'zones') =>
    (e: unknown): never => {
      memo[k] = null;
      throw e;
    };
  /** The entry's INSERT; the runner adds prev_hash and hash when it runs (see pgliteRunner). */
  const auditStatement = (e: AuditEntry): Statement => ({
    sql: 'INSERT INTO audit (at, actor, action, entity, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    params: [e.at, e.actor, e.action, e.entity, JSON.stringify(e.detail)],
    audit: e,
  });
  const schoolsAll = () =>
    (memo.schools ??= docs<School>('SELECT doc FROM schools ORDER BY id').catch(forget('schools')));
  const docs = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await pg.query<Doc<T>>(sql, params)).rows.map((r) => r.doc);
  const one = async <T>(sql: string, params: unknown[]): Promise<T | null> =>
    (await docs<T>(sql, params))[0] ?? null;
  const insert = async (sql: string, params: unknown[]): Promise<CreateResult> => {
    try {
      await pg.query(sql, params);
      return { status: 'created' };
    } catch (e) {
      if (isUniqueViolation(e)) return { status: 'duplicate' };
      throw e;
    }
  };
  const putAll = async <T extends { id: string }>(
    table: string,
    items: readonly T[],
    extra: (t: T) => unknown[] = () => [],
    extraCols: string[] = [],
  ): Promise<void> => {
    await pg.transaction(async (tx) => {
      for (const item of items) {
        const cols = ['id', 'doc', ...extraCols];
        const ph = cols.map((_, i) => `$${i + 1}`).join(', ');
        const set = cols
          .slice(1)
          .map((c) => `${c} = EXCLUDED.${c}`)
          .join(', ');
        await tx.query(
          `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${ph}) ON CONFLICT (id) DO UPDATE SET ${set}`,
          [item.id, JSON.stringify(item), ...extra(item)],
        );
      }
    });
  };

  return {
    kind: 'pglite',

    getSettings: () =>
      (memo.settings ??= one<PolicySettings>(
        "SELECT value AS doc FROM settings WHERE key = 'policy'",
        [],
      ).catch(forget('settings'))),
    async putSettings(settings) {
      await pg.query(
        "INSERT INTO settings (key, value) VALUES ('policy', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        [JSON.stringify(settings)],
      );
      memo.settings = null;
    },

    putSchools: (schools) => putAll('schools', schools).finally(() => (memo.schools = null)),
    listSchools: () => schoolsAll(),
    getSchool: async (id: SchoolId) => (await schoolsAll()).find((s) => s.id === id) ?? null,
    putZones: (zones) => putAll('zones', zones).finally(() => (memo.zones = null)),
    listZones: () => (memo.zones ??= docs<Zone>('SELECT doc FROM zones ORDER BY id').catch(forget('zones'))),
    async replaceZones(zones) {
      await pg.transaction(async (tx) => {
        await tx.query('DELETE FROM zones');
        for (const z of zones)
          await tx.query('INSERT INTO zones (id, doc) VALUES ($1, $2)', [z.id, JSON.stringify(z)]);
      });
      memo.zones = null;
    },
    putTeachers: (teachers) => putAll('teachers', teachers, (t) => [t.schoolId], ['school_id']),
    async replaceTeachers(teachers) {
      await pg.transaction(async (tx) => {
        await tx.query('DELETE FROM teachers');
        for (const t of teachers)
          await tx.query('INSERT INTO teachers (id, school_id, doc) VALUES ($1, $2, $3)', [
            t.id,
            t.schoolId,
            JSON.stringify(t),
          ]);
      });
    },
    getTeacher: (id: TeacherId) => one<Teacher>('SELECT doc FROM teachers WHERE id = $1', [id]),
    listTeachers: () => docs<Teacher>('SELECT doc FROM teachers ORDER BY id'),
    async listTeachersBySchool(schoolId, page): Promise<Page<Teacher>> {
      const p = pageClamp(page);
      const rows = await docs<Teacher>(
        'SELECT doc FROM teachers WHERE school_id = $1 ORDER BY id LIMIT $2 OFFSET $3',
        [schoolId, p.limit + 1, p.offset],
      );
      return pageOf(rows, p);
    },
    async countySnapshot(): Promise<CountySnapshot> {
      const counts = await pg.query<{ schools: number; teachers: number }>(
        'SELECT (SELECT count(*)::int FROM schools) AS schools, (SELECT count(*)::int FROM teachers) AS teachers',
      );
      const byStatus = await pg.query<{ status: RegistrationStatus; n: number }>(
        'SELECT status, count(*)::int AS n FROM registrations GROUP BY status',
      );
      const c = counts.rows[0] ?? { schools: 0, teachers: 0 };
      return {
        schools: c.schools,
        teachers: c.teachers,
        registrationsByStatus: Object.fromEntries(byStatus.rows.map((r) => [r.status, r.n])),
      };
    },

    async getBinding(openid: OpenId) {
      // Bindings are only ever created (by this process): remember answers, both ways.
      const known = memo.bindings.get(openid);
      if (known !== undefined) return known;
      const b = await one<Binding>('SELECT doc FROM bindings WHERE openid = $1', [openid]);
      if (memo.bindings.size > 50_000) memo.bindings.clear();
      memo.bindings.set(openid, b);
      return b;
    },
    listTeacherBindings: (ids) =>
      docs<Binding>("SELECT doc FROM bindings WHERE doc->>'teacherId' = ANY($1::text[]) ORDER BY openid", [
        [...ids],
      ]),
    createBinding: (b) =>
      insert('INSERT INTO bindings (openid, doc) VALUES ($1, $2)', [b.openid, JSON.stringify(b)]).finally(
        () => memo.bindings.delete(b.openid),
      ),
    createInvite: (inv) =>
      insert('INSERT INTO invites (code, doc, expires_at) VALUES ($1, $2, $3)', [
        inv.code,
        JSON.stringify(inv),
        inv.expiresAt,
      ]),
    async redeemInvite(code, openid, now): Promise<RedeemResult> {
      const at = now.toISOString();
      // One conditional UPDATE decides the winner: only an unused, unexpired row changes.
      const res = await pg.query<Doc<Invite>>(
        `UPDATE invites SET used_by = $2,
           doc = doc || jsonb_build_object('usedBy', $2::text, 'usedAt', $3::text)
         WHERE code = $1 AND used_by IS NULL AND expires_at > $3::timestamptz
         RETURNING doc`,
        [code, openid, at],
      );
      const won = res.rows[0];
      if (won) return { status: 'redeemed', invite: won.doc };
      const row = await one<Invite>('SELECT doc FROM invites WHERE code = $1', [code]);
      if (!row) return { status: 'not_found' };
      return { status: row.usedBy !== null ? 'used' : 'expired' };
    },

    async createRegistration(r, also = {}) {
      const statements: Statement[] = [
        {
          // Both the primary key and registrations_child_active (one holder per child) refuse.
          sql: `INSERT INTO registrations (id, owner, school_id, status, version, year, created_at, stage, tier,
                  flags, search_keys, property_key, child_key, doc)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
          params: [
            r.id,
            r.ownerOpenid,
            r.schoolId,
            r.status,
            r.version,
            r.year,
            r.createdAt,
            r.stage,
            ...regColumns(r),
            r.childKey,
            JSON.stringify(r),
          ],
        },
      ];
      if (also.draft) statements.push({ sql: DRAFT_DELETE, params: [also.draft.owner, also.draft.id] });
      if (also.notice) statements.push(noticeInsert(also.notice));
      if (also.idempotency) statements.push(idempotencyDone(also.idempotency.key, also.idempotency.response));
      // One round trip, one implicit transaction: a duplicate leaves no trace, a crash no half.
      const auditEntry = also.audit;
      try {
        await pg.batch(auditEntry ? [...statements, auditStatement(auditEntry)] : statements);
        return { status: 'created' } as const;
      } catch (e) {
        if (isUniqueViolation(e)) return { status: 'duplicate' } as const;
        throw e;
      }
    },
    getRegistration: (id: RegistrationId) =>
      one<Registration>('SELECT doc FROM registrations WHERE id = $1', [id]),
    listRegistrationsByChild: (childKey) =>
      docs<Registration>(
        'SELECT doc FROM registrations WHERE child_key = $1 ORDER BY created_at, id LIMIT 100',
        [childKey],
      ),
    async listRegistrationsByOwner(owner, page) {
      const p = pageClamp(page);
      const rows = await docs<Registration>(
        'SELECT doc FROM registrations WHERE owner = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3',
        [owner, p.limit + 1, p.offset],
      );
      return pageOf(rows, p);
    },
    async listSchoolQueue(schoolId, filter, page) {
      const p = pageClamp(page);
      const rows = await docs<Registration>(
        `SELECT doc FROM registrations WHERE ${queueWhere} ORDER BY created_at, id LIMIT $7 OFFSET $8`,
        [...queueParams(schoolId, filter), p.limit + 1, p.offset],
      );
      return pageOf(rows, p);
    },
    async countSchoolQueue(schoolId, filter) {
      const res = await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM registrations WHERE ${queueWhere}`,
        queueParams(schoolId, filter),
      );
      return res.rows[0]?.n ?? 0;
    },
    async transitionRegistration(
      id,
      expectedVersion,
      change: StatusChange,
      patch = {},
    ): Promise<TransitionResult> {
      return pg.transaction(async (tx) => {
        const cur = (
          await tx.query<Doc<Registration>>('SELECT doc FROM registrations WHERE id = $1 FOR UPDATE', [id])
        ).rows[0]?.doc;
        if (!cur) return { status: 'not_found' } as const;
        const next = registrationApply(cur, change, patch);
        // The WHERE clause is the guard: a concurrent change bumps the version first.
        const res = await tx.query(
          `UPDATE registrations SET status = $4, version = version + 1, doc = $5,
             tier = $6, flags = $7, search_keys = $8, property_key = $9
           WHERE id = $1 AND version = $2 AND status = $3`,
          [id, expectedVersion, change.from, change.to, JSON.stringify(next), ...regColumns(next)],
        );
        if ((res.affectedRows ?? 0) !== 1) return { status: 'stale', current: cur } as const;
        return { status: 'ok', registration: next } as const;
      });
    },

    async countByTierStatus(schoolId, year) {
      const res = await pg.query<{ tier: number; status: RegistrationStatus; count: number }>(
        `SELECT coalesce(tier, 0) AS tier, status, count(*)::int AS count FROM registrations
         WHERE school_id = $1 AND year = $2 GROUP BY 1, 2 ORDER BY 1, 2`,
        [schoolId, year],
      );
      return res.rows;
    },

    async findPropertyUses(propertyKey, stage, minYear): Promise<PropertyUse[]> {
      const rows = await docs<Registration>(
        `SELECT doc FROM registrations WHERE property_key = $1 AND stage = $2 AND year >= $3
           AND status NOT IN ('withdrawn', 'voided') ORDER BY created_at`,
        [propertyKey, stage, minYear],
      );
      return rows.map((r) => ({
        registrationId: r.id,
        year: r.year,
        guardianIdNumbers: r.form.guardians.map((g) => g.idNumber),
      }));
    },

    async registrationSummaries(year, filter = {}) {
      const rows = await docs<Registration>(
        `SELECT doc FROM registrations WHERE year = $1 AND ($2::text IS NULL OR stage = $2)
           AND ($3::text IS NULL OR status = $3) ORDER BY id`,
        [year, filter.stage ?? null, filter.status ?? null],
      );
      return rows.map(registrationSummaryOf);
    },
    async countRegistrations(year, stage, status) {
      const res = await pg.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM registrations WHERE year = $1 AND stage = $2 AND status = $3',
        [year, stage, status],
      );
      return res.rows[0]?.n ?? 0;
    },
    async getRegistrations(ids) {
      const rows = await docs<Registration>('SELECT doc FROM registrations WHERE id = ANY($1::text[])', [
        [...ids],
      ]);
      const byId = new Map(rows.map((r) => [r.id as string, r]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    listSchoolRegistrations: (schoolId, year, status, max) =>
      docs<Registration>(
        `SELECT doc FROM registrations WHERE school_id = $1 AND year = $2 AND ($3::text IS NULL OR status = $3)
         ORDER BY created_at, id LIMIT $4`,
        [schoolId, year, status, max],
      ),
    async transitionMany(items) {
      // One transaction; each registration as transitionRegistration would change it.
      const done: RegistrationId[] = [];
      await pg.transaction(async (tx) => {
        for (const it of items) {
          const cur = (
            await tx.query<Doc<Registration>>('SELECT doc FROM registrations WHERE id = $1 FOR UPDATE', [
              it.id,
            ])
          ).rows[0]?.doc;
          if (!cur || cur.status !== it.change.from) continue;
          if (it.version !== undefined && cur.version !== it.version) continue;
          const next = registrationApply(cur, it.change, it.patch);
          await tx.query(
            `UPDATE registrations SET status = $2, version = version + 1, doc = $3,
               tier = $4, flags = $5, search_keys = $6, property_key = $7
             WHERE id = $1`,
            [it.id, it.change.to, JSON.stringify(next), ...regColumns(next)],
          );
          done.push(it.id);
        }
      });
      return done;
    },
    async listRegistrationsByStatus(year, stage, status, page) {
      const p = pageClamp(page);
      const rows = await docs<Registration>(
        'SELECT doc FROM registrations WHERE year = $1 AND stage = $2 AND status = $3 ORDER BY id LIMIT $4 OFFSET $5',
        [year, stage, status, p.limit + 1, p.offset],
      );
      return pageOf(rows, p);
    },
    async listAdmittedAt(schoolId, year, page) {
      const p = pageClamp(page);
      const rows = await docs<Registration>(
        `SELECT doc FROM registrations WHERE doc->'placement'->>'schoolId' = $1 AND year = $2
           AND status IN ('admitted', 'reported') ORDER BY id LIMIT $3 OFFSET $4`,
        [schoolId, year, p.limit + 1, p.offset],
      );
      return pageOf(rows, p);
    },
    createFreeze: (f) =>
      insert('INSERT INTO placement_freezes (id, doc) VALUES ($1, $2)', [f.id, JSON.stringify(f)]),
    getFreeze: (id) => one<PlacementFreeze>('SELECT doc FROM placement_freezes WHERE id = $1', [id]),
    createPlacementRun: (r) =>
      insert('INSERT INTO placement_runs (id, freeze_id, doc) VALUES ($1, $2, $3)', [
        r.id,
        r.freezeId,
        JSON.stringify(r),
      ]),
    getPlacementRun: (id) => one<PlacementRunRecord>('SELECT doc FROM placement_runs WHERE id = $1', [id]),
    getPlacementRunHead: (id) =>
      one<PlacementRunHead>(
        "SELECT doc - 'result' - 'coordination' AS doc FROM placement_runs WHERE id = $1",
        [id],
      ),
    async markRunPublished(id, at) {
      await pg.query(
        `UPDATE placement_runs SET doc = doc || jsonb_build_object('publishedAt', $2::text) WHERE id = $1`,
        [id, at],
      );
    },

    getPlacementResponse: (id) =>
      one<PlacementResponse>('SELECT doc FROM placement_responses WHERE id = $1', [id]),
    async savePlacementResponse(next, expectedVersion) {
      const cols = [next.id, next.year, next.version, appealStateOf(next), next.appeal?.at ?? null];
      if (expectedVersion === null) {
        const res = await insert(
          `INSERT INTO placement_responses (id, year, version, appeal_state, appealed_at, doc)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [...cols, JSON.stringify(next)],
        );
        return { status: res.status === 'created' ? 'ok' : 'conflict' };
      }
      const res = await pg.query(
        `UPDATE placement_responses SET year = $2, version = $3, appeal_state = $4, appealed_at = $5, doc = $6
         WHERE id = $1 AND version = $7`,
        [...cols, JSON.stringify(next), expectedVersion],
      );
      return { status: (res.affectedRows ?? 0) === 1 ? 'ok' : 'conflict' };
    },
    getClassingPlan: (id) => one<ClassingPlan>('SELECT doc FROM classing_plans WHERE id = $1', [id]),
    async listClassSizes(year) {
      const plans = await docs<ClassingPlan>(
        "SELECT doc FROM classing_plans WHERE (doc->>'year')::int = $1 ORDER BY id",
        [year],
      );
      return plans.flatMap((p) =>
        p.classes
          ? [{ planId: p.id, schoolId: p.schoolId, stage: p.stage, sizes: p.classes.map((c) => c.length) }]
          : [],
      );
    },
    async saveClassingPlan(next, expectedVersion) {
      if (expectedVersion === null) {
        const res = await insert(
          'INSERT INTO classing_plans (id, school_id, year, version, doc) VALUES ($1, $2, $3, $4, $5)',
          [next.id, next.schoolId, next.year, next.version, JSON.stringify(next)],
        );
        return { status: res.status === 'created' ? 'ok' : 'conflict' };
      }
      const res = await pg.query(
        'UPDATE classing_plans SET version = $2, doc = $3 WHERE id = $1 AND version = $4',
        [next.id, next.version, JSON.stringify(next), expectedVersion],
      );
      return { status: (res.affectedRows ?? 0) === 1 ? 'ok' : 'conflict' };
    },
    getRotationRecord: (id) => one<RotationRecord>('SELECT doc FROM rotation_records WHERE id = $1', [id]),
    async saveRotationRecord(next, expectedVersion) {
      if (expectedVersion === null) {
        const res = await insert('INSERT INTO rotation_records (id, version, doc) VALUES ($1, $2, $3)', [
          next.id,
          next.version,
          JSON.stringify(next),
        ]);
        return { status: res.status === 'created' ? 'ok' : 'conflict' };
      }
      const res = await pg.query(
        'UPDATE rotation_records SET version = $2, doc = $3 WHERE id = $1 AND version = $4',
        [next.id, next.version, JSON.stringify(next), expectedVersion],
      );
      return { status: (res.affectedRows ?? 0) === 1 ? 'ok' : 'conflict' };
    },
    async mergeCensus(year, rows) {
      if (rows.length === 0) return;
      // One statement for the whole sheet: new children inserted, known ones get the new `child`
      // and the next version; the stored follow-ups stay as they are.
      await pg.query(
        `INSERT INTO census (id, year, township, version, doc)
         SELECT e->>'id', $1::int, e->'child'->>'township', 1,
                jsonb_build_object('id', e->>'id', 'year', $1::int, 'child', e->'child',
                                   'followUps', '[]'::jsonb, 'version', 1)
         FROM jsonb_array_elements($2::jsonb) AS e
         ON CONFLICT (id) DO UPDATE SET
           township = EXCLUDED.township,
           version = census.version + 1,
           doc = jsonb_set(jsonb_set(census.doc, '{child}', EXCLUDED.doc->'child'),
                           '{version}', to_jsonb(census.version + 1))`,
        [year, JSON.stringify(rows.map((r) => ({ id: r.id, child: r.child })))],
      );
    },
    async removeCensus(ids) {
      if (ids.length > 0) await pg.query('DELETE FROM census WHERE id = ANY($1::text[])', [[...ids]]);
    },
    censusAll: (year) =>
      docs<CensusRecord>('SELECT doc FROM census WHERE year = $1 ORDER BY township, id', [year]),
    async listCensus(year, page) {
      const p = pageClamp(page);
      const rows = await docs<CensusRecord>(
        'SELECT doc FROM census WHERE year = $1 ORDER BY township, id LIMIT $2 OFFSET $3',
        [year, p.limit + 1, p.offset],
      );
      return pageOf(rows, p);
    },
    getCensus: (id) => one<CensusRecord>('SELECT doc FROM census WHERE id = $1', [id]),
    async saveCensus(next, expectedVersion) {
      const res = await pg.query('UPDATE census SET version = $2, doc = $3 WHERE id = $1 AND version = $4', [
        next.id,
        next.version,
        JSON.stringify(next),
        expectedVersion,
      ]);
      return { status: (res.affectedRows ?? 0) === 1 ? 'ok' : 'conflict' };
    },
    getRotationNominations: (id) =>
      one<RotationNominations>('SELECT doc FROM rotation_nominations WHERE id = $1', [id]),
    async saveRotationNominations(next, expectedVersion) {
      if (expectedVersion === null) {
        const res = await insert(
          'INSERT INTO rotation_nominations (id, year, version, doc) VALUES ($1, $2, $3, $4)',
          [next.id, next.year, next.version, JSON.stringify(next)],
        );
        return { status: res.status === 'created' ? 'ok' : 'conflict' };
      }
      const res = await pg.query(
        'UPDATE rotation_nominations SET version = $2, doc = $3 WHERE id = $1 AND version = $4',
        [next.id, next.version, JSON.stringify(next), expectedVersion],
      );
      return { status: (res.affectedRows ?? 0) === 1 ? 'ok' : 'conflict' };
    },
    listRotationNominations: (year) =>
      docs<RotationNominations>('SELECT doc FROM rotation_nominations WHERE year = $1 ORDER BY id', [year]),
    async listAppeals(year, state, page) {
      const p = pageClamp(page);
      const rows = await docs<PlacementResponse>(
        `SELECT doc FROM placement_responses WHERE year = $1 AND appeal_state <> 'none'
           AND ($2::text IS NULL OR appeal_state = $2)
         ORDER BY appealed_at, id LIMIT $3 OFFSET $4`,
        [year, state, p.limit + 1, p.offset],
      );
      return pageOf(rows, p);
    },

    async saveDraftForm(owner, id, form, updatedAt) {
      const fresh: Draft = { id, ownerOpenid: owner, form, documents: {}, updatedAt };
      await pg.query(
        `INSERT INTO drafts (owner, id, updated_at, doc) VALUES ($1, $2, $3, $4)
         ON CONFLICT (owner, id) DO UPDATE SET updated_at = EXCLUDED.updated_at,
           doc = EXCLUDED.doc || jsonb_build_object('documents', drafts.doc->'documents')`,
        [owner, id, updatedAt, JSON.stringify(fresh)],
      );
    },
    async setDraftDocument(owner, id, slot, ref, updatedAt) {
      const stamped = "jsonb_set(doc, '{updatedAt}', to_jsonb($4::text))";
      const res =
        ref === null
          ? await pg.query(
              `UPDATE drafts SET updated_at = $5, doc = ${stamped} #- ARRAY['documents', $3::text]
               WHERE owner = $1 AND id = $2`,
              [owner, id, slot, updatedAt, updatedAt],
            )
          : await pg.query(
              `UPDATE drafts SET updated_at = $5, doc = jsonb_set(${stamped}, ARRAY['documents', $3::text], $6::jsonb)
               WHERE owner = $1 AND id = $2`,
              [owner, id, slot, updatedAt, updatedAt, JSON.stringify(ref)],
            );
      return res.affectedRows === 1 ? 'ok' : 'not_found';
    },
    getDraft: (owner, id) => one<Draft>('SELECT doc FROM drafts WHERE owner = $1 AND id = $2', [owner, id]),
    listDrafts: (owner) =>
      docs<Draft>('SELECT doc FROM drafts WHERE owner = $1 ORDER BY updated_at DESC LIMIT 20', [owner]),
    async deleteFileRecord(id) {
      await pg.query('DELETE FROM files WHERE id = $1', [id]);
    },
    async deleteFileRecords(ids) {
      await pg.query('DELETE FROM files WHERE id = ANY($1::text[])', [[...ids]]);
    },
    async deleteDraft(owner, id) {
      await pg.query(DRAFT_DELETE, [owner, id]);
    },

    async putFile(f: StoredFile) {
      await pg.query('INSERT INTO files (id, owner, doc) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
        f.id,
        f.ownerOpenid,
        JSON.stringify(f),
      ]);
    },
    getFile: (id) => one<StoredFile>('SELECT doc FROM files WHERE id = $1', [id]),
    async fileBytesOwned(owner) {
      const res = await pg.query<{ n: string | number }>(
        "SELECT coalesce(sum((doc->>'size')::bigint), 0) AS n FROM files WHERE owner = $1",
        [owner],
      );
      return Number(res.rows[0]?.n ?? 0);
    },

    async appendNotice(n: Notice) {
      const { sql, params } = noticeInsert(n);
      await pg.query(sql, params);
    },
    async appendNotices(list) {
      // A notice already written (a repeated step gives it the same id) is kept as it is.
      await pg.transaction(async (tx) => {
        for (const n of list) {
          const { sql, params } = noticeInsert(n);
          await tx.query(`${sql} ON CONFLICT (id) DO NOTHING`, params);
        }
      });
    },
    async subscriptionGrant(openid, templateId) {
      const res = await pg.query<{ quota: number }>(
        `INSERT INTO subscriptions (openid, template_id, quota) VALUES ($1, $2, 1)
         ON CONFLICT (openid, template_id) DO UPDATE SET quota = subscriptions.quota + 1 RETURNING quota`,
        [openid, templateId],
      );
      return res.rows[0]?.quota ?? 0;
    },
    async subscriptionQuota(openid, templateId) {
      const res = await pg.query<{ quota: number }>(
        'SELECT quota FROM subscriptions WHERE openid = $1 AND template_id = $2',
        [openid, templateId],
      );
      return res.rows[0]?.quota ?? 0;
    },
    async subscriptionQuotas(openids, templateId) {
      const res = await pg.query<{ openid: string; quota: number }>(
        'SELECT openid, quota FROM subscriptions WHERE openid = ANY($1::text[]) AND template_id = $2',
        [[...openids], templateId],
      );
      const by = new Map(res.rows.map((r) => [r.openid, r.quota]));
      return openids.map((o) => by.get(o) ?? 0);
    },
    async subscriptionConsume(openid, templateId) {
      const res = await pg.query(
        'UPDATE subscriptions SET quota = quota - 1 WHERE openid = $1 AND template_id = $2 AND quota > 0',
        [openid, templateId],
      );
      return (res.affectedRows ?? 0) === 1;
    },
    async listNotices(owner, page) {
      const p = pageClamp(page);
      const rows = await docs<Notice>(
        'SELECT doc FROM notices WHERE owner = $1 ORDER BY seq DESC LIMIT $2 OFFSET $3',
        [owner, p.limit + 1, p.offset],
      );
      return pageOf(rows, p);
    },

    async appendAudit(e) {
      await pg.batch([auditStatement(e)]);
    },
    async idempotencyClaim(key, payloadHash, now, staleMs) {
      const ins = await pg.query(
        `INSERT INTO idempotency (key, payload_hash, state, at) VALUES ($1, $2, 'pending', $3)
         ON CONFLICT (key) DO NOTHING`,
        [key, payloadHash, now.toISOString()],
      );
      if ((ins.affectedRows ?? 0) === 1) return { status: 'claimed' };
      const row = (
        await pg.query<{ payload_hash: string; state: string; response: unknown; at: Date }>(
          'SELECT payload_hash, state, response, at FROM idempotency WHERE key = $1',
          [key],
        )
      ).rows[0];
      if (!row) return this.idempotencyClaim(key, payloadHash, now, staleMs);
      if (row.payload_hash !== payloadHash) return { status: 'mismatch' };
      if (row.state === 'done') return { status: 'done', response: row.response };
      if (now.getTime() - new Date(row.at).getTime() < staleMs) return { status: 'pending' };
      // The first attempt died mid-way (a crash): take it over, once.
      const took = await pg.query(
        "UPDATE idempotency SET at = $2 WHERE key = $1 AND state = 'pending' AND at = $3",
        [key, now.toISOString(), row.at],
      );
      return (took.affectedRows ?? 0) === 1 ? { status: 'claimed' } : { status: 'pending' };
    },
    async idempotencyFinish(key, response) {
      const { sql, params } = idempotencyDone(key, response);
      await pg.query(sql, params);
    },
    async idempotencyRelease(key) {
      await pg.query("DELETE FROM idempotency WHERE key = $1 AND state = 'pending'", [key]);
    },
    // One chain: a published head is the hash of an entry, found in the chain itself.
    auditCheckpoint: async () => null,
    async auditHead() {
      const res = await pg.query<{ n: number; h: string | null }>(
        'SELECT count(*)::int AS n, (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1) AS h FROM audit',
      );
      return { count: res.rows[0]?.n ?? 0, head: res.rows[0]?.h ?? AUDIT_GENESIS };
    },
    async auditChainPage(afterSeq, limit) {
      const res = await pg.query<AuditRow>(
        'SELECT seq, at, actor, action, entity, detail, prev_hash, hash FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2',
        [afterSeq, limit],
      );
      return res.rows.map(chainedOf);
    },
    async listAudit(entity) {
      const res = await pg.query<{
        at: Date;
        actor: string;
        action: string;
        entity: string;
        detail: Record<string, unknown>;
      }>('SELECT at, actor, action, entity, detail FROM audit WHERE entity = $1 ORDER BY seq', [entity]);
      return res.rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
    },

    close,
  };
}
