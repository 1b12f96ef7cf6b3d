/** CloudBase: bindings and invites (IdentityStore); one document per OPENID and per code. */
import type { OpenId, TeacherId } from '../../../shared/brand';
import type { Binding, Invite } from '../../../shared/identity/roles';
import { inParallel, read } from '../cloudbaseCalls';
import { FAN_OUT, strip } from '../cloudbaseDocs';
import type { IdentityStore, RedeemResult } from '../ports/identity';
import { WX_READ_LIMIT, type CloudStoreBase } from './common';

export function cloudbaseIdentity({ _, docs }: CloudStoreBase): IdentityStore {
  const { col, byId, addUnique, updateOne } = docs;
  return {
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
  };
}
