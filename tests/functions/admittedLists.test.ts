/**
 * Admitted children follow the published result, issue 17 defect 8 — 表表相通 for admissions:
 * after a draw that places part of an oversubscribed school's applicants at the zone's other
 * school, the 录取名单 export, the dashboard, the principal's 本校 view and the class split's
 * cohort all count each child at the school the run placed them at (the run record is the truth).
 */
import ExcelJS from 'exceljs';
import type { PlacementResult } from '../../shared/placement/types';
import { communityOf, formMake } from '../helpers/forms';
import { ADMIN, harnessOpen, PARENT, PRINCIPAL, type Harness } from '../helpers/harness';
import { idNumberMake } from '../helpers/ids';

const NOW = new Date('2027-05-10T02:00:00Z');
let h: Harness;
let result: PlacementResult;

beforeAll(async () => {
  h = await harnessOpen(NOW);
  // p01 and p02 share the east zone of 城关镇; p01 opens one class (45 seats) for 52 applicants.
  await h.data(ADMIN, 'county', 'setEntryClasses', { schoolId: 'p01', entryClasses: 1 });
  for (let i = 0; i < 52; i++) {
    const r = await h.data(PARENT, 'registration', 'submit', {
      draftId: `draft-adm-${i}`,
      form: formMake({
        schoolId: 'p01',
        community: communityOf('p01'),
        idNumber: idNumberMake('2020-07-07', 400 + i),
      }),
      schoolTypeConfirmed: true,
    });
    await h.data(PRINCIPAL, 'registration', 'review', { id: r.id, version: r.version, decision: 'approve' });
  }
  await h.data(ADMIN, 'placement', 'freeze', { stage: 'primary' });
  await h.data(ADMIN, 'placement', 'run', { stage: 'primary', seed: '20270710', dryRun: false });
  await h.data(ADMIN, 'placement', 'publish', { stage: 'primary' });
  const file = await h.data(ADMIN, 'placement', 'finalRun', { stage: 'primary' });
  result = JSON.parse((await h.download(file)).toString('utf8')) as PlacementResult;
});
afterAll(async () => {
  await h.store.close();
});

const placedAt = (schoolId: string) => Object.values(result.assignment).filter((s) => s === schoolId).length;

async function exportRows(who: string, schoolId: string | null): Promise<string[][]> {
  const x = await h.data(who, 'reports', 'exportList', {
    list: 'admitted',
    schoolId,
  });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await h.download(x)) as never);
  const rows: string[][] = [];
  book.worksheets[0]?.eachRow((row, n) => {
    if (n > 2) rows.push((row.values as unknown[]).slice(1).map(String));
  });
  expect(rows).toHaveLength(x.rows);
  return rows;
}

test('the draw placed 45 at p01 and 7 at the zone’s other school p02', () => {
  expect(placedAt('p01')).toBe(45);
  expect(placedAt('p02')).toBe(7);
});

test('录取名单: the principal’s and the bureau’s exports list the children the run placed at the school', async () => {
  expect(await exportRows(PRINCIPAL, null)).toHaveLength(45);
  expect(await exportRows(ADMIN, 'p01')).toHaveLength(45);
  expect(await exportRows(ADMIN, 'p02')).toHaveLength(7);
});

test('表表相通: dashboard, 本校 view, class split cohort and export agree with the run, school by school', async () => {
  const d = await h.data(ADMIN, 'county', 'dashboard', {});
  const view = await h.data(PRINCIPAL, 'county', 'schoolView', {});
  expect(view.school.admitted).toBe(placedAt('p01'));
  for (const school of d.schools.filter((s) => s.schoolId.startsWith('p'))) {
    const inRun = placedAt(school.schoolId);
    expect([school.schoolId, school.admitted]).toEqual([school.schoolId, inRun]);
    expect(school.admitted).toBeLessThanOrEqual(school.seats);
    const plan = await h.data(ADMIN, 'classing', 'plan', {
      schoolId: school.schoolId,
    });
    expect([school.schoolId, plan.cohortSize]).toEqual([school.schoolId, inRun]);
    expect([school.schoolId, (await exportRows(ADMIN, school.schoolId)).length]).toEqual([
      school.schoolId,
      inRun,
    ]);
  }
});
