/**
 * The registration key: one registration per child per year. It becomes the record's primary
 * key / CloudBase `_id`, so the store itself refuses a second one. A hash keeps the ID number out
 * of document ids, URLs and logs.
 */
import { createHash } from 'node:crypto';
import { asRegistrationId, type RegistrationId } from '../../shared/brand';

export function registrationKey(idNumber: string, year: number): RegistrationId {
  const h = createHash('sha256').update(`junheng/registration/v1|${year}|${idNumber}`).digest('hex');
  return asRegistrationId(`r${year}-${h.slice(0, 32)}`);
}
