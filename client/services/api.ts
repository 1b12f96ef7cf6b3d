/** Typed calls per action. Pages use these and never shape backend data themselves. */
import type {
  CountyOverview,
  InviteCreated,
  InviteRedeemed,
  RegistrationContext,
  RegistrationView,
  PageOf,
  SchoolQueue,
  StaffProfile,
  WhoAmI,
} from '@shared/api';
import type { Envelope } from '@shared/errors';
import type { StaffRole } from '@shared/identity/roles';
import type { RegistrationStatus } from '@shared/registration/status';
import type { RegistrationDraft } from '@shared/registration/types';
import { call, localGet, localPost } from './transport';

export const authApi = {
  whoami: () => call<WhoAmI>('auth', 'whoami'),
  redeemInvite: (code: string) => call<InviteRedeemed>('auth', 'redeemInvite', { code }),
  createInvite: (p: { role: StaffRole; schoolId: string | null; displayName: string; validDays: number }) =>
    call<InviteCreated>('auth', 'createInvite', p),
};

export const registrationApi = {
  context: () => call<RegistrationContext>('registration', 'context'),
  submit: (draft: RegistrationDraft) => call<RegistrationView>('registration', 'submit', draft),
  listMine: (offset = 0) => call<PageOf<RegistrationView>>('registration', 'listMine', { offset }),
  get: (id: string) => call<RegistrationView>('registration', 'get', { id }),
  queue: (status: RegistrationStatus | null, offset = 0) =>
    call<SchoolQueue>('registration', 'queue', { status, offset }),
  review: (p: { id: string; version: number; decision: 'approve' | 'reject'; reason: string }) =>
    call<RegistrationView>('registration', 'review', p),
};

export const countyApi = {
  overview: () => call<CountyOverview>('county', 'overview'),
  me: () => call<StaffProfile>('county', 'me'),
};

export interface DemoAccountView {
  readonly key: string;
  readonly role: string;
  readonly roleLabel: string;
  readonly displayName: string;
  readonly hint: string;
}

export const demoApi = {
  accounts: () => localGet<DemoAccountView[]>('/api/demo/accounts'),
  signIn: (key: string): Promise<Envelope<{ token: string; expiresAt: string; displayName: string }>> =>
    localPost('/api/demo/signin', { key }),
};
