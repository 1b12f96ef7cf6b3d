/** Who an account is: its binding to a role, and the invitations that create bindings. */
import type { OpenId, TeacherId } from '../../../shared/brand';
import type { Binding, Invite } from '../../../shared/identity/roles';
import type { CreateResult } from './common';

export type RedeemResult =
  | { readonly status: 'redeemed'; readonly invite: Invite }
  | { readonly status: 'not_found' | 'used' | 'expired' };

export interface IdentityStore {
  getBinding(openid: OpenId): Promise<Binding | null>;
  /** Creates a binding unless the OPENID already has one. */
  createBinding(binding: Binding): Promise<CreateResult>;
  /** The accounts bound to these teachers (to tell them of their rotation). */
  listTeacherBindings(teacherIds: readonly TeacherId[]): Promise<readonly Binding[]>;
  createInvite(invite: Invite): Promise<CreateResult>;
  /** Marks an unused, unexpired invite as used by `openid`, atomically (one winner). */
  redeemInvite(code: string, openid: OpenId, now: Date): Promise<RedeemResult>;
}
