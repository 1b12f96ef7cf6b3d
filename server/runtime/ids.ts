/** Record ids made by the functions. */
import { randomBytes } from 'node:crypto';

let sequence = 0;

/**
 * A notice id that sorts by time, then by the order one instance wrote them: the cloud lists a
 * family's notices by time and id, so two notices of the same moment (a submit and its review in
 * one second) keep their order.
 */
export function noticeIdNew(now: Date): string {
  sequence = (sequence + 1) % 36 ** 6;
  return `n${now.getTime().toString(36).padStart(9, '0')}-${sequence.toString(36).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
}

/**
 * A notice id fixed by what the notice is about (`key`, e.g. a draw and a child), so a repeated
 * step writes the same notice again instead of a second one; it sorts with notices of `at`.
 */
export function noticeIdFor(at: Date, key: string): string {
  return `n${at.getTime().toString(36).padStart(9, '0')}-x-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
