/** PGlite: rotation records and nominations (RotationStore). */
import type { RotationNominations } from '../../../shared/rotation/nominations';
import type { RotationRecord } from '../../../shared/rotation/record';
import type { RotationStore } from '../ports/rotation';
import type { PgDocs } from './sql';

export function pgliteRotation({ docs, one, saveVersioned }: PgDocs): RotationStore {
  return {
    getRotationRecord: (id) => one<RotationRecord>('SELECT doc FROM rotation_records WHERE id = $1', [id]),
    saveRotationRecord: (next, expectedVersion) => saveVersioned('rotation_records', next, expectedVersion),
    getRotationNominations: (id) =>
      one<RotationNominations>('SELECT doc FROM rotation_nominations WHERE id = $1', [id]),
    saveRotationNominations: (next, expectedVersion) =>
      saveVersioned('rotation_nominations', next, expectedVersion, { year: next.year }),
    listRotationNominations: (year) =>
      docs<RotationNominations>('SELECT doc FROM rotation_nominations WHERE year = $1 ORDER BY id', [year]),
  };
}
