/** CloudBase: class splits (ClassingStore). */
import type { ClassingPlan } from '../../../shared/classing/plan';
import { read } from '../cloudbaseCalls';
import type { ClassingStore } from '../ports/classing';
import { WX_READ_LIMIT, type CloudStoreBase } from './common';

export function cloudbaseClassing({ docs, saveVersioned }: CloudStoreBase): ClassingStore {
  const { col, byId } = docs;
  return {
    getClassingPlan: (id) => byId<ClassingPlan>('classingPlans', id),
    async listClassSizes(year) {
      const res = await read(() =>
        col('classingPlans')
          .where({ year })
          .field({ id: true, schoolId: true, stage: true, classes: true })
          .limit(WX_READ_LIMIT)
          .get(),
      );
      return res.data
        .map((d) => d as unknown as Pick<ClassingPlan, 'id' | 'schoolId' | 'stage' | 'classes'>)
        .flatMap((p) =>
          p.classes
            ? [{ planId: p.id, schoolId: p.schoolId, stage: p.stage, sizes: p.classes.map((c) => c.length) }]
            : [],
        )
        .sort((a, b) => (a.planId < b.planId ? -1 : 1));
    },
    saveClassingPlan: (next, expectedVersion) =>
      saveVersioned('classingPlans', next.id, { ...next }, expectedVersion),
  };
}
