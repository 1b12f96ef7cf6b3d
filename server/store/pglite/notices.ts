/** PGlite: notices and subscribe-message allowances (NoticeStore). */
import type { Notice } from '../../../shared/registration/types';
import { pageClamp, pageOf } from '../ports/common';
import type { NoticeStore } from '../ports/notices';
import type { Statement } from '../pgliteStatements';
import type { PgDocs } from './sql';

/** A notice's INSERT (also sent with a new registration: see pglite/registrations.ts). */
export const noticeInsert = (n: Notice): Statement => ({
  sql: 'INSERT INTO notices (id, owner, at, doc) VALUES ($1, $2, $3, $4)',
  params: [n.id, n.ownerOpenid, n.at, JSON.stringify(n)],
});

export function pgliteNotices({ pg, docs }: PgDocs): NoticeStore {
  return {
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
  };
}
