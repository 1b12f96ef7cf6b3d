/**
 * 统筹安排's pure rules (shared/placement/arrange.ts): who waits, seats left by the published
 * result, and the refusals — each with the Chinese message the officer reads.
 */
import fc from 'fast-check';
import type { RegistrationId, SchoolId } from '../../shared/brand';
import type { School } from '../../shared/county/types';
import { arrangeRefusal, arrangeWaiting, seatsLeft } from '../../shared/placement/arrange';
import { registrationStatuses, type RegistrationStatus } from '../../shared/registration/status';
import type { RegistrationSummary } from '../../shared/registration/summary';

const school = (id: string, stage: 'primary' | 'junior', entryClasses: number) =>
  ({ id: id as SchoolId, name: `学校${id}`, stage, entryClasses }) as unknown as School;
const summary = (i: number, status: RegistrationStatus, at: string | null, stage = 'primary' as const) =>
  ({
    id: `r${String(i).padStart(4, '0')}` as RegistrationId,
    stage,
    status,
    schoolId: 'p1' as SchoolId,
    placementSchoolId: at as SchoolId | null,
  }) as unknown as RegistrationSummary;
const cap = { classCap: { primary: 45, junior: 50 } };

test('property: seats left = seats − children admitted there by the published result, never below 0; 统筹中 holds no seat', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom(...registrationStatuses), fc.constantFrom('p1', 'p2', null)), {
        maxLength: 200,
      }),
      fc.integer({ min: 0, max: 3 }),
      (rows, classes) => {
        const schools = [
          school('p1', 'primary', classes),
          school('p2', 'primary', 1),
          school('j1', 'junior', 2),
        ];
        const sums = rows.map(([st, at], i) => summary(i, st, at));
        const out = seatsLeft(schools, sums, 'primary', cap);
        expect(out.map((x) => x.id)).toEqual(['p1', 'p2']);
        for (const x of out) {
          const held = sums.filter(
            (r) => (r.status === 'admitted' || r.status === 'reported') && r.placementSchoolId === x.id,
          ).length;
          expect(x).toMatchObject({ admitted: held, left: Math.max(0, x.seats - held) });
        }
      },
    ),
  );
});

test('nobody waits before publication; after it 统筹中, late approvals and a half-done arrangement wait, in id order', () => {
  const sums = [
    summary(3, 'coordinating', 'p2'),
    summary(1, 'approved', null),
    summary(2, 'admitted', 'p1'),
    summary(4, 'awaiting_placement', null),
    summary(5, 'coordinating', null, 'junior' as never),
  ];
  expect(arrangeWaiting(sums, 'primary', false)).toEqual([]);
  expect(arrangeWaiting(sums, 'primary', true).map((r) => r.id)).toEqual(['r0001', 'r0003', 'r0004']);
});

test('refusals name what is wrong', () => {
  const p1 = { id: 'p1' as SchoolId, name: '城关第一小学', seats: 45, admitted: 45, left: 0 };
  const p2 = { ...p1, id: 'p2' as SchoolId, name: '城关第二小学', left: 3 };
  const child = { status: 'coordinating' as const, stage: 'primary' as const };
  expect(arrangeRefusal(child, false, p2, 'primary')?.message).toBe(
    '本学段的派位结果公布后，才能统筹安排学位。',
  );
  expect(arrangeRefusal({ ...child, status: 'admitted' }, true, p2, 'primary')?.code).toBe(
    'INVALID_TRANSITION',
  );
  expect(arrangeRefusal(child, true, p2, 'junior')?.code).toBe('INVALID_INPUT');
  expect(arrangeRefusal(child, true, undefined, undefined)?.code).toBe('INVALID_INPUT');
  expect(arrangeRefusal(child, true, p1, 'primary')).toEqual({
    code: 'NO_SEATS',
    message: '城关第一小学已没有空余学位，请选择其他学校。',
  });
  expect(arrangeRefusal(child, true, p2, 'primary')).toBeNull();
});
