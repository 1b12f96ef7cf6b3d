/** Registration records as stored and as shown. */
import type { CstDate, OpenId, RegistrationId, SchoolId } from '../brand';
import type { Gender } from '../idNumber';
import type { Stage } from '../settings';
import type { RegistrationStatus } from './status';

/** Who did something: a WeChat user, or the system itself (routing, timers). */
export type Actor =
  | { readonly kind: 'user'; readonly openid: OpenId; readonly role: string }
  | {
      readonly kind: 'system';
    };

export interface StatusChange {
  readonly from: RegistrationStatus | null;
  readonly to: RegistrationStatus;
  readonly at: string;
  readonly by: Actor;
  readonly reason: string | null;
}

export interface Registration {
  readonly id: RegistrationId;
  readonly year: number;
  readonly stage: Stage;
  readonly ownerOpenid: OpenId;
  readonly schoolId: SchoolId;
  readonly childName: string;
  readonly idNumber: string;
  readonly birthDate: CstDate;
  readonly gender: Gender;
  readonly status: RegistrationStatus;
  /** Incremented on every change; updates name the version they saw. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly history: readonly StatusChange[];
}

/** What a parent types into the (first, thin) registration form. */
export interface RegistrationDraft {
  readonly stage: Stage;
  readonly schoolId: string;
  readonly childName: string;
  readonly idNumber: string;
}
