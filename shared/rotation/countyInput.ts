/**
 * The planner's input as the county's records give it: the schools, the staff and this year's
 * nominations, under the bureau's rotation rules. The plan, the hand adjustments, the dashboard's
 * check of a published plan and every later check build it here, the same way.
 */
import type { School, Teacher } from '../county/types';
import type { RotationSettings } from './eligibility';
import type { RotationNominations } from './nominations';
import type { RotationInput } from './planner';

/**
 * Nominations the planner takes: only a school's list that has been through its in-school 公示
 * (the policy asks for it before the list goes up).
 */
export function nominatedIds(docs: readonly RotationNominations[]): Map<string, 'self' | 'school'> {
  const out = new Map<string, 'self' | 'school'>();
  for (const d of docs) if (d.publicity) for (const e of d.entries) out.set(e.teacherId, e.kind);
  return out;
}

/**
 * The planner's input from the county's staff records, this year's nominations and the bureau's
 * rotation rules (the same rules for the plan, the hand adjustments and every later check).
 */
export function rotationInputOf(
  year: number,
  seed: string,
  schools: readonly School[],
  teachers: readonly Teacher[],
  nominated: ReadonlyMap<string, 'self' | 'school'>,
  settings: RotationSettings,
): RotationInput {
  return {
    year,
    seed,
    settings,
    schools: schools.map((x) => ({
      id: x.id,
      name: x.name,
      stage: x.stage,
      locality: x.locality,
      enrolment: x.enrolment,
      ...(x.location ? { location: x.location } : {}),
      ...(x.rotationPlaces !== undefined ? { vacancies: x.rotationPlaces } : {}),
      ...(x.shortages ? { shortages: x.shortages } : {}),
    })),
    teachers: teachers.map((t) => {
      const kind = nominated.get(t.id);
      return {
        ...t,
        id: t.id as string,
        schoolId: t.schoolId as string,
        ...(kind ? { nominated: kind } : {}),
      };
    }),
  };
}
