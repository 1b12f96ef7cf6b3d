/**
 * The county's figures, computed once from the records a handler loads (pure: no store, no clock):
 * a school's capacity against its applicants, and the bureau's oversight dashboard (督导看板) —
 * applicants against seats per school and tier, admission of the groups reported apart (随迁子女,
 * 留守儿童, 残疾儿童) against all children, class sizes from the schools' class splits, the seven
 * indicators 当前 and 轮岗后, and every rule finding with its records. Figures are counted from the
 * registrations themselves (not from the capacity counters), so a test can check both ways give
 * the same numbers (表表相通). Who counts as applying is registrationApplyingStatuses, for both.
 */
import type { SchoolId } from '../brand';
import { classLabel } from '../classing/plan';
import {
  classSizeFindings,
  indicatorFindings,
  registrationFindings,
  rotationFindings,
  seatFindings,
  type ClassFact,
} from '../oversight/checks';
import type { DashboardClassRow, DashboardSchoolRow } from '../oversight/recordView';
import { admittedSchoolOfSummary, admittedStatuses } from '../placement/admitted';
import {
  registrationApplying,
  registrationApprovedStatuses,
  registrationUnderReviewStatuses,
  type RegistrationStatus,
} from '../registration/status';
import type { RegistrationSummary } from '../registration/summary';
import { nominatedIds, rotationInputOf } from '../rotation/countyInput';
import { indicatorLabels } from '../rotation/indicators';
import type { RotationNominations } from '../rotation/nominations';
import { rotationIssuesOfMoves } from '../rotation/problems';
import type { RotationRecord } from '../rotation/record';
import { indicatorBasisLabels, indicatorViews } from '../rotation/service';
import type { PolicySettings, Stage } from '../settings';
import type { School, Teacher } from './types';

/** The year's tiers as the figures list them: the bureau's, then 统筹 (tier 0) last. */
export const figureTiers = (s: Pick<PolicySettings, 'tiers'>): { tier: number; label: string }[] => [
  ...s.tiers.map((t) => ({ tier: t.tier, label: t.label })),
  { tier: 0, label: '统筹' },
];

/** A school's seats: its entry classes at the stage's class cap. */
export const schoolSeats = (
  school: Pick<School, 'entryClasses' | 'stage'>,
  s: Pick<PolicySettings, 'classCap'>,
): number => school.entryClasses * s.classCap[school.stage];

/**
 * A school's capacity against its applicants, per tier: under review and approved (the two make
 * up the applicants), from the store's counts by tier and status.
 */
export function capacityFigures(
  school: Pick<School, 'id' | 'name' | 'stage' | 'entryClasses'>,
  s: Pick<PolicySettings, 'tiers' | 'classCap' | 'enrollmentYear'>,
  counts: readonly { readonly tier: number; readonly status: RegistrationStatus; readonly count: number }[],
) {
  const sum = (tier: number, statuses: readonly RegistrationStatus[]) =>
    counts.filter((c) => c.tier === tier && statuses.includes(c.status)).reduce((a, c) => a + c.count, 0);
  const tiers = figureTiers(s).map((t) => ({
    ...t,
    underReview: sum(t.tier, registrationUnderReviewStatuses),
    approved: sum(t.tier, registrationApprovedStatuses),
  }));
  return {
    schoolId: school.id as SchoolId,
    schoolName: school.name,
    stage: school.stage,
    year: s.enrollmentYear,
    entryClasses: school.entryClasses,
    cap: s.classCap[school.stage],
    seats: schoolSeats(school, s),
    tiers,
    applicants: tiers.reduce((a, t) => a + t.underReview + t.approved, 0),
  };
}

/** What the dashboard is computed from: the records of the year, as a handler loads them. */
export interface CountyRecords {
  readonly settings: PolicySettings;
  readonly schools: readonly School[];
  /** The year's registrations, every status (only the applying ones count). */
  readonly registrations: readonly RegistrationSummary[];
  /** Each school's class split as sizes (plan id `${year}-${schoolId}`), drafts included. */
  readonly classSizes: readonly { readonly planId: string; readonly sizes: readonly number[] }[];
  /** The county's teachers, by school then id (as the planner sees them). */
  readonly teachers: readonly Teacher[];
  /** The published rotation plan, if any. */
  readonly rotation: RotationRecord | null;
  readonly nominations: readonly RotationNominations[];
  /** The stages whose draw result is published. */
  readonly publishedStages: readonly Stage[];
}

const groups = [
  { key: 'all', label: '全体儿童', has: () => true },
  { key: 'migrant', label: '随迁子女', has: (r: RegistrationSummary) => r.route === 'migrant' },
  { key: 'leftBehind', label: '留守儿童', has: (r: RegistrationSummary) => r.leftBehind },
  { key: 'disability', label: '残疾儿童（随班就读）', has: (r: RegistrationSummary) => r.disability },
] as const;

/** The whole county's figures (the bureau's view; a principal's view is its school's slice). */
export function dashboardFigures(c: CountyRecords) {
  const s = c.settings;
  const year = s.enrollmentYear;
  const { schools, teachers, rotation } = c;
  const regs = c.registrations.filter((r) => registrationApplying(r.status));
  const placed = (r: RegistrationSummary) => admittedStatuses.includes(r.status);
  const tierList = figureTiers(s);

  const schoolRows = schools.map((school): DashboardSchoolRow => {
    const mine = regs.filter((r) => r.schoolId === school.id);
    const byTier = new Map<number, number>();
    for (const r of mine) byTier.set(r.tier, (byTier.get(r.tier) ?? 0) + 1);
    return {
      schoolId: school.id as string,
      name: school.name,
      stage: school.stage,
      township: school.township,
      seats: schoolSeats(school, s),
      entryClasses: school.entryClasses,
      applicants: mine.length,
      tiers: tierList.map(({ tier, label }) => ({ tier, label, applicants: byTier.get(tier) ?? 0 })),
      admitted: regs.filter((r) => admittedSchoolOfSummary(r) === school.id).length,
    };
  });

  const groupRows = groups.map((g) => {
    const inGroup = regs.filter((r) => g.has(r));
    const admitted = inGroup.filter((r) => placed(r) || r.status === 'coordinating').length;
    return {
      key: g.key,
      label: g.label,
      registered: inGroup.length,
      admitted,
      rate: inGroup.length === 0 ? null : admitted / inGroup.length,
    };
  });

  // Class sizes from each school's class split (drafts included: a 超大班额 must not be made).
  const classes: ClassFact[] = [];
  for (const school of schools) {
    const plan = c.classSizes.find((p) => p.planId === `${year}-${school.id}`);
    plan?.sizes.forEach((size, i) =>
      classes.push({
        id: `${plan.planId}:${i}`,
        schoolId: school.id,
        label: `${school.name}${classLabel(school.stage, i)}`,
        stage: school.stage,
        size,
      }),
    );
  }

  // The one function and the two labels (当前 / 轮岗后) every page and export shows.
  const indicators = indicatorViews(schools, teachers, rotation?.moves ?? null);
  // The published plan checked against the quota and 骨干 share on today's staff records (its
  // moves may have changed since: an upheld objection takes a teacher out), plus the planner's
  // own finding that the receiving schools have too few places, kept from publication.
  const rotationChecked = rotation
    ? rotationFindings([
        ...(rotation.issues ?? []).filter((x) => x.code === 'NO_ROOM'),
        ...rotationIssuesOfMoves(
          rotationInputOf(
            year,
            rotation.seed,
            schools,
            teachers,
            nominatedIds(c.nominations),
            // The rules the plan was published under (older records: today's settings).
            rotation.settings ?? s.rotation,
          ),
          rotation.moves,
        ),
      ])
    : [];

  // Once a stage's draw is published every applicant should be admitted or 统筹; anyone else is
  // left over (registered late, still under review, or missed by the draw).
  const published = new Set<string>(c.publishedStages);
  const schoolNames = new Map(schools.map((x) => [x.id as string, x.name]));

  const findings = [
    ...classSizeFindings(classes, s),
    ...seatFindings(schoolRows, s),
    ...registrationFindings(
      regs.map((r) => ({
        id: r.id,
        label: `${r.childName}（${schoolNames.get(r.schoolId) ?? r.schoolId}）`,
        flags: r.flags,
        propertyKey: r.propertyKey,
        placement:
          r.status === 'coordinating'
            ? 'coordinating'
            : placed(r)
              ? 'placed'
              : published.has(r.stage)
                ? 'none'
                : null,
      })),
    ),
    ...(indicators.afterRotation
      ? indicatorFindings(indicators.afterRotation, indicatorBasisLabels.afterRotation)
      : indicatorFindings(indicators.current, indicatorBasisLabels.current)),
    ...rotationChecked,
  ];
  return {
    year,
    registrationSchools: new Map(regs.map((r) => [r.id as string, r.schoolId as string])),
    schools: schoolRows,
    groups: groupRows,
    classes: classes.map((x): DashboardClassRow => ({
      ...x,
      large: x.size > s.classCap[x.stage],
      superLarge: x.size >= s.superLargeClassSize,
    })),
    indicators: { ...indicators, rotationPublished: rotation !== null },
    indicatorLabels,
    findings,
  };
}
