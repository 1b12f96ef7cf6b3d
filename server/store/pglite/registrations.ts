/** PGlite: registrations (RegistrationStore); the child's one holder is a unique partial index. */
import type { RegistrationId, SchoolId } from '../../../shared/brand';
import type { RegistrationStatus } from '../../../shared/registration/status';
import { registrationSummaryOf } from '../../../shared/registration/summary';
import type { Registration, StatusChange } from '../../../shared/registration/types';
import { pageClamp, pageOf } from '../ports/common';
import {
  registrationApply,
  type PropertyUse,
  type QueueFilter,
  type RegistrationStore,
  type TransitionResult,
} from '../ports/registrations';
import type { Statement } from '../pgliteStatements';
import { auditStatement, idempotencyDone } from './audit';
import { draftDelete } from './drafts';
import { noticeInsert } from './notices';
import { isUniqueViolation, type Doc, type PgDocs } from './sql';

/** The columns pulled out of a registration document for queries and constraints. */
const regColumns = (r: Registration) => [
  r.tier.status === 'eligible' ? r.tier.tier : 0,
  r.flags,
  r.searchKeys,
  r.propertyKey,
];

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

export function pgliteRegistrations({ pg, docs, one }: PgDocs): RegistrationStore {
  return {
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
      if (also.draft) statements.push(draftDelete(also.draft.owner, also.draft.id));
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
  };
}
