/**
 * Objections to a publicised rotation plan (公示异议): when a teacher may object, and the rules an
 * objection must meet. One objection per teacher, only for a teacher the plan moves, only inside
 * the 公示 window (CST dates, inclusive), with a reason of at least OBJECTION_MIN_CHARS characters.
 */
import { fail, type Fail } from '../errors';
import type { RotationObjection, RotationRecord } from './record';

/** The shortest reason an objection may give, in characters (a Han character counts as one). */
export const OBJECTION_MIN_CHARS = 10;

/** The plan is in its 公示 on `today` (a CST date, YYYY-MM-DD). */
export const rotationInPublicity = (rec: RotationRecord, today: string): boolean =>
  rec.status === 'publicized' && today >= rec.publicity.from && today <= rec.publicity.to;

/** What a teacher's notice offers: an objection is possible now. */
export const rotationCanObject = (rec: RotationRecord, teacherId: string, today: string): boolean =>
  rotationInPublicity(rec, today) &&
  !rec.objections.some((o) => o.teacherId === teacherId) &&
  rec.moves.some((m) => m.teacherId === teacherId);

/**
 * The record's objections with this teacher's added, or why it is refused (outside the 公示, a
 * second objection, a reason too short). The caller has already found the teacher's move.
 */
export function rotationObjectionAdd(
  rec: RotationRecord,
  teacherId: string,
  text: string,
  at: string,
  today: string,
): readonly RotationObjection[] | Fail {
  if (!rotationInPublicity(rec, today))
    return fail('OUT_OF_WINDOW', `异议须在公示期内（${rec.publicity.from}至${rec.publicity.to}）提出。`);
  if (rec.objections.some((o) => o.teacherId === teacherId))
    return fail('INVALID_TRANSITION', '每位教师只能提出一次异议。');
  if ([...text].length < OBJECTION_MIN_CHARS)
    return fail('INVALID_INPUT', `异议理由请至少写${OBJECTION_MIN_CHARS}个字。`);
  const name = rec.moves.find((m) => m.teacherId === teacherId)?.name ?? '';
  return [...rec.objections, { teacherId, name, text, at, answer: null }];
}
