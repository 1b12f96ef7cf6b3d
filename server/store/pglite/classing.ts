/** PGlite: class splits (ClassingStore). */
import type { ClassingPlan } from '../../../shared/classing/plan';
import type { ClassingStore } from '../ports/classing';
import type { PgDocs } from './sql';

export function pgliteClassing({ docs, one, saveVersioned }: PgDocs): ClassingStore {
  return {
    getClassingPlan: (id) => one<ClassingPlan>('SELECT doc FROM classing_plans WHERE id = $1', [id]),
    async listClassSizes(year) {
      const plans = await docs<ClassingPlan>(
        "SELECT doc FROM classing_plans WHERE (doc->>'year')::int = $1 ORDER BY id",
        [year],
      );
      return plans.flatMap((p) =>
        p.classes
          ? [{ planId: p.id, schoolId: p.schoolId, stage: p.stage, sizes: p.classes.map((c) => c.length) }]
          : [],
      );
    },
    saveClassingPlan: (next, expectedVersion) =>
      saveVersioned('classing_plans', next, expectedVersion, { school_id: next.schoolId, year: next.year }),
  };
}
