/** CloudBase: notices and subscribe-message allowances (NoticeStore). */
import type { Notice } from '../../../shared/registration/types';
import type { NoticeStore } from '../ports/notices';
import type { CloudStoreBase } from './common';

export function cloudbaseNotices({ _, docs, pageQuery }: CloudStoreBase): NoticeStore {
  const { byId, addUnique, updateOne } = docs;
  return {
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
  };
}
