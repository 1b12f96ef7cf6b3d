/** CloudBase: rotation records and nominations (RotationStore). */
import type { RotationNominations } from '../../../shared/rotation/nominations';
import type { RotationRecord } from '../../../shared/rotation/record';
import { read } from '../cloudbaseCalls';
import { strip } from '../cloudbaseDocs';
import type { RotationStore } from '../ports/rotation';
import { WX_READ_LIMIT, type CloudStoreBase } from './common';

export function cloudbaseRotation({ docs, saveVersioned }: CloudStoreBase): RotationStore {
  const { col, byId } = docs;
  return {
    getRotationRecord: (id) => byId<RotationRecord>('rotationRecords', id),
    saveRotationRecord: (next, expectedVersion) =>
      saveVersioned('rotationRecords', next.id, { ...next }, expectedVersion),
    getRotationNominations: (id) => byId<RotationNominations>('rotationNominations', id),
    saveRotationNominations: (next, expectedVersion) =>
      saveVersioned('rotationNominations', next.id, { ...next }, expectedVersion),
    async listRotationNominations(year) {
      // One document per school: a county has at most a few hundred schools.
      const res = await read(() =>
        col('rotationNominations').where({ year }).orderBy('_id', 'asc').limit(WX_READ_LIMIT).get(),
      );
      return res.data.map((d) => strip<RotationNominations>(d));
    },
  };
}
