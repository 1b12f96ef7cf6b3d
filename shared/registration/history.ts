/**
 * A registration's history, one entry per change of status (or a note that keeps the status):
 * who did it, when, and the reason the family reads. Every entry is built here — by the submit,
 * the review, a resubmission, a withdrawal, the freeze and the draw, documents added or deleted —
 * so an entry can only record a change the status machine (status.ts) allows.
 */
import type { CstDate } from '../brand';
import type { Caller } from '../identity/roles';
import { registrationTransitionAllowed, type RegistrationStatus } from './status';
import type { Actor, StatusChange } from './types';

/** The caller as the history names them (OPENID and role, never a name they typed). */
export const historyActorOf = (caller: Pick<Caller, 'openid' | 'role'>): Actor => ({
  kind: 'user',
  openid: caller.openid,
  role: caller.role,
});

/** The system itself: routing to a queue, timers. */
export const historySystem: Actor = { kind: 'system' };

/** What an entry may carry besides its reason: a review's reason code, a 需补充材料 deadline. */
export interface HistoryExtras {
  readonly reasonCode?: string | null;
  readonly deadline?: CstDate | null;
}

/**
 * One history entry: `from` → `to` at `at` (an ISO instant) by `by`. `from === to` is a note that
 * keeps the status (documents added later, documents deleted when kept long enough); `from` null
 * is the submission that starts a registration. Any other change the status machine does not
 * allow is a bug in the caller — a handler refuses it as INVALID_TRANSITION before building the
 * entry — so it throws rather than let a history say something that cannot have happened.
 */
export function historyEntry(
  from: RegistrationStatus | null,
  to: RegistrationStatus,
  at: string,
  by: Actor,
  reason: string | null,
  extras: HistoryExtras = {},
): StatusChange {
  const allowed = from === null ? to === 'submitted' : from === to || registrationTransitionAllowed(from, to);
  if (!allowed) throw new Error(`history: a registration cannot go from ${from ?? 'nothing'} to ${to}`);
  return {
    from,
    to,
    at,
    by,
    ...(extras.reasonCode !== undefined ? { reasonCode: extras.reasonCode } : {}),
    reason,
    ...(extras.deadline !== undefined ? { deadline: extras.deadline } : {}),
  };
}

/**
 * A submitted registration's first history: submitted by the family, and routed by the system
 * to the school's review queue in the same write (no registration is stored half-routed).
 */
export function historyOfSubmit(at: string, by: Actor, schoolName: string): StatusChange[] {
  return [
    historyEntry(null, 'submitted', at, by, null),
    historyEntry('submitted', 'pending_review', at, historySystem, `已进入${schoolName}审核队列`),
  ];
}
