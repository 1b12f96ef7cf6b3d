/** PGlite: bindings and invites (IdentityStore). */
import type { OpenId } from '../../../shared/brand';
import type { Binding, Invite } from '../../../shared/identity/roles';
import type { IdentityStore, RedeemResult } from '../ports/identity';
import type { Doc, PgDocs } from './sql';

export function pgliteIdentity({ pg, docs, one, insert }: PgDocs): IdentityStore {
  // Bindings are only ever created (by this process, the database's only user): answers are
  // remembered, both ways. Registration day reads the caller's binding on every request.
  const bindings = new Map<string, Binding | null>();
  return {
    async getBinding(openid: OpenId) {
      const known = bindings.get(openid);
      if (known !== undefined) return known;
      const b = await one<Binding>('SELECT doc FROM bindings WHERE openid = $1', [openid]);
      if (bindings.size > 50_000) bindings.clear();
      bindings.set(openid, b);
      return b;
    },
    listTeacherBindings: (ids) =>
      docs<Binding>("SELECT doc FROM bindings WHERE doc->>'teacherId' = ANY($1::text[]) ORDER BY openid", [
        [...ids],
      ]),
    createBinding: (b) =>
      insert('INSERT INTO bindings (openid, doc) VALUES ($1, $2)', [b.openid, JSON.stringify(b)]).finally(
        () => bindings.delete(b.openid),
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
  };
}
