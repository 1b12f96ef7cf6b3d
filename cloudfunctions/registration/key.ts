/**
 * The child key and registration ids. The child key (a hash of the ID number and the year) is
 * what the store keeps unique among registrations that hold a child (not withdrawn or voided), so
 * two accounts can never both hold an active registration for one child; a hash keeps the ID
 * number out of keys, document ids, URLs and logs. A registration's id is the child key for the
 * child's first registration of the year (so ids made before registrations could be repeated stay
 * valid) and `<child key>-<n>` for the n-th.
 */
import { createHash } from 'node:crypto';
import { asRegistrationId, type RegistrationId } from '../../shared/brand';

export function childKey(idNumber: string, year: number): string {
  const h = createHash('sha256').update(`junheng/registration/v1|${year}|${idNumber}`).digest('hex');
  return `r${year}-${h.slice(0, 32)}`;
}

/** The id of the child's `n`-th registration of the year (n from 1). */
export function registrationIdOf(key: string, n: number): RegistrationId {
  return asRegistrationId(n <= 1 ? key : `${key}-${n}`);
}
