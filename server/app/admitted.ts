/**
 * The children admitted at a school (by the published result — shared/placement/admitted.ts),
 * read page by page: the one loader behind the 录取名单 export, the class split's cohort and
 * every other list of a school's admitted children.
 */
import { asSchoolId } from '../../shared/brand';
import type { Registration } from '../../shared/registration/types';
import type { Store } from '../store/port';

export async function admittedAt(store: Store, schoolId: string, year: number): Promise<Registration[]> {
  const out: Registration[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const page = await store.listAdmittedAt(asSchoolId(schoolId), year, { offset, limit: 100 });
    out.push(...page.items);
    offset = page.next;
  }
  return out;
}
