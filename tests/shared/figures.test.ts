/**
 * The county's figures (shared/county/figures.ts), computed from plain records: who counts as
 * applying, a school's capacity, and the dashboard's rows. One figure everywhere: the capacity
 * page (from the store's counts by tier and status) and the dashboard (from the registrations
 * themselves) give every school the same applicants, tier by tier, whatever the statuses.
 */
import fc from 'fast-check';
import { asRegistrationId, asSchoolId, type SchoolId } from '../../shared/brand';
import { capacityFigures, dashboardFigures, type CountyRecords } from '../../shared/county/figures';
import { enrolmentStageOf } from '../../shared/oversight/census';
import {
  registrationApplying,
  registrationStatuses,
  type RegistrationStatus,
} from '../../shared/registration/status';
import type { RegistrationSummary } from '../../shared/registration/summary';
import { policyDefaults } from '../../shared/settings';
import { school } from '../helpers/fixtures';

const s = policyDefaults(2027);
const schools = [school('p01'), school('p02'), school('j01', 'junior')];

const summary = (
  i: number,
  schoolId: string,
  status: RegistrationStatus,
  over: Partial<RegistrationSummary> = {},
): RegistrationSummary => ({
  id: asRegistrationId(`r${i}`),
  year: 2027,
  stage: schoolId.startsWith('j') ? 'junior' : 'primary',
  schoolId: asSchoolId(schoolId),
  status,
  version: 1,
  childName: `儿童${i}`,
  idNumber: `id${i}`,
  tier: 1,
  route: 'resident',
  community: '城关社区',
  twinIdNumbers: [],
  leftBehind: false,
  disability: false,
  flags: [],
  propertyKey: null,
  placementSchoolId: null,
  ...over,
});

const county = (registrations: readonly RegistrationSummary[], over: Partial<CountyRecords> = {}) =>
  dashboardFigures({
    settings: s,
    schools,
    registrations,
    classSizes: [],
    teachers: [],
    rotation: null,
    nominations: [],
    publishedStages: [],
    ...over,
  });

test('applying means under review or approved: not drafts, refusals, withdrawals or voided ones', () => {
  expect(registrationStatuses.filter((x) => !registrationApplying(x))).toEqual([
    'draft',
    'rejected',
    'withdrawn',
    'voided',
  ]);
  expect(enrolmentStageOf({ status: 'rejected' })).toBeNull();
  expect(enrolmentStageOf({ status: 'needs_more' })).toBe('registered');
  expect(enrolmentStageOf({ status: 'coordinating' })).toBe('placed');
  expect(enrolmentStageOf({ status: 'reported' })).toBe('reported');
});

test('a school’s capacity: seats from its entry classes, applicants by tier with 统筹 last', () => {
  const cap = capacityFigures(schools[0]!, s, [
    { tier: 1, status: 'pending_review', count: 3 },
    { tier: 1, status: 'admitted', count: 2 },
    { tier: 0, status: 'approved', count: 1 },
    { tier: 1, status: 'withdrawn', count: 5 },
  ]);
  expect(cap).toMatchObject({ seats: 4 * 45, cap: 45, applicants: 6 });
  expect(cap.tiers.at(0)).toMatchObject({ tier: 1, underReview: 3, approved: 2 });
  expect(cap.tiers.at(-1)).toEqual({ tier: 0, label: '统筹', underReview: 0, approved: 1 });
});

test('the dashboard counts applying registrations per school and tier, and admitted ones where the draw placed them', () => {
  const d = county([
    summary(1, 'p01', 'pending_review'),
    summary(2, 'p01', 'rejected'),
    summary(3, 'p01', 'admitted', { placementSchoolId: asSchoolId('p02'), route: 'migrant' }),
    summary(4, 'p02', 'coordinating', { tier: 0, leftBehind: true }),
  ]);
  const row = (id: string) => d.schools.find((x) => x.schoolId === id)!;
  expect(row('p01')).toMatchObject({ applicants: 2, admitted: 0, seats: 180 });
  expect(row('p02')).toMatchObject({ applicants: 1, admitted: 1 });
  expect(row('p02').tiers.at(-1)).toEqual({ tier: 0, label: '统筹', applicants: 1 });
  expect(d.groups.map((g) => [g.key, g.registered, g.admitted])).toEqual([
    ['all', 3, 2],
    ['migrant', 1, 1],
    ['leftBehind', 1, 1],
    ['disability', 0, 0],
  ]);
  expect([...d.registrationSchools.keys()]).toEqual(['r1', 'r3', 'r4']);
});

test('class sizes come from each school’s split, with 大班额 and 超大班额 marked and found', () => {
  const d = county([], { classSizes: [{ planId: '2027-p01', sizes: [44, 46, 56] }] });
  expect(d.classes.map((c) => [c.size, c.large, c.superLarge])).toEqual([
    [44, false, false],
    [46, true, false],
    [56, true, true],
  ]);
  expect(d.findings.some((f) => f.records.some((r) => r.id === '2027-p01:2'))).toBe(true);
});

test('once a stage’s draw is published, an applicant neither placed nor 统筹 is a finding', () => {
  const regs = [summary(1, 'p01', 'approved')];
  const named = (d: ReturnType<typeof county>) =>
    d.findings.some((f) => f.records.some((r) => r.id === 'r1'));
  expect(named(county(regs))).toBe(false);
  expect(named(county(regs, { publishedStages: ['primary'] }))).toBe(true);
  expect(named(county(regs, { publishedStages: ['junior'] }))).toBe(false);
});

test('one figure: the capacity page and the dashboard give every school the same applicants, tier by tier', () => {
  const schoolIds = schools.map((x) => x.id as string);
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          school: fc.constantFrom(...schoolIds),
          status: fc.constantFrom(...registrationStatuses),
          tier: fc.constantFrom(0, 1, 2, 3),
        }),
        { maxLength: 60 },
      ),
      (rows) => {
        const regs = rows.map((r, i) => summary(i, r.school, r.status, { tier: r.tier }));
        const d = county(regs);
        for (const x of schools) {
          const counts = new Map<string, { tier: number; status: RegistrationStatus; count: number }>();
          for (const r of regs.filter((y) => y.schoolId === (x.id as SchoolId))) {
            const k = `${r.tier}|${r.status}`;
            const c = counts.get(k) ?? { tier: r.tier, status: r.status, count: 0 };
            counts.set(k, { ...c, count: c.count + 1 });
          }
          const cap = capacityFigures(x, s, [...counts.values()]);
          const row = d.schools.find((y) => y.schoolId === x.id)!;
          expect(row.applicants).toBe(cap.applicants);
          expect(row.tiers.map((t) => t.applicants)).toEqual(
            cap.tiers.map((t) => t.underReview + t.approved),
          );
        }
      },
    ),
  );
});
