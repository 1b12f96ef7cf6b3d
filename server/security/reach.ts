/**
 * Whose data a caller reaches, decided from the trusted binding — never from a request field —
 * for every role but the bureau (which works county-wide and names the school it means). Actions
 * that take a school, registration or teacher id go through these, so a reviewer naming another
 * school gets the same answer as a principal doing it. The declared reach of every action and
 * role is in `scopes.ts`; the generated matrix test calls each cell with ids inside and outside it.
 */
import { asSchoolId, type SchoolId } from '../../shared/brand';
import { fail, type Fail } from '../../shared/errors';
import type { Caller } from '../../shared/identity/roles';
import type { Registration } from '../../shared/registration/types';

/**
 * The school an action works on: the bureau names one (required); anyone else gets the school of
 * their binding, and naming another school outright is FORBIDDEN.
 */
export function schoolInReach(caller: Caller, requested: string | null): SchoolId | Fail {
  if (caller.role === 'bureau')
    return requested ? asSchoolId(requested) : fail('INVALID_INPUT', '请选择学校。');
  const own = caller.binding?.schoolId ?? null;
  if (!own) return fail('FORBIDDEN', '您的账号未关联学校。');
  if (requested !== null && requested !== own) return fail('FORBIDDEN', '只能查看或处理本校的数据。');
  return own;
}

/**
 * A registration the caller may see: a parent their own; a principal or reviewer those made to
 * their school; the bureau any. Callers answer NOT_FOUND otherwise, exactly like a missing one.
 */
export function registrationInReach(caller: Caller, r: Registration): boolean {
  switch (caller.role) {
    case 'parent':
      return r.ownerOpenid === caller.openid;
    case 'principal':
    case 'reviewer':
      return caller.binding !== null && caller.binding.schoolId === r.schoolId;
    case 'bureau':
      return true;
    default:
      return false;
  }
}
