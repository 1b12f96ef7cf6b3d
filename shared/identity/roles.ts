/** Roles and staff bindings. A WeChat user with no binding is a parent. */
import type { OpenId, SchoolId, TeacherId } from '../brand';

export const roles = ['parent', 'teacher', 'reviewer', 'principal', 'bureau'] as const;
export type Role = (typeof roles)[number];
export type StaffRole = Exclude<Role, 'parent'>;

export const roleLabels: Record<Role, string> = {
  parent: '家长',
  teacher: '教师',
  reviewer: '审核员',
  principal: '校长',
  bureau: '教育局',
};

/** OPENID → staff record, created only by redeeming an invite code (or deployment config). */
export interface Binding {
  readonly openid: OpenId;
  readonly role: StaffRole;
  readonly schoolId: SchoolId | null;
  readonly teacherId: TeacherId | null;
  readonly displayName: string;
  readonly createdAt: string;
  readonly via: 'invite' | 'deployment';
}

/** A one-time, expiring code that binds whoever redeems it to a staff role. */
export interface Invite {
  readonly code: string;
  readonly role: StaffRole;
  readonly schoolId: SchoolId | null;
  readonly teacherId: TeacherId | null;
  readonly displayName: string;
  readonly createdBy: OpenId;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly usedBy: OpenId | null;
  readonly usedAt: string | null;
}

/** The caller of a cloud function, resolved on the server from the trusted OPENID. */
export interface Caller {
  readonly openid: OpenId;
  readonly role: Role;
  readonly binding: Binding | null;
}

/** Invite codes: 10 characters from an alphabet without look-alikes (0/O, 1/I/L). */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 10;
export const inviteCodeValid = (s: string): boolean =>
  s.length === INVITE_CODE_LENGTH && [...s].every((c) => INVITE_ALPHABET.includes(c));
