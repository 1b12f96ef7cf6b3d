/**
 * The bureau's oversight dashboard (督导看板), first cut: applicants against seats per school and
 * tier, admission of the groups the bureau reports apart (随迁子女, 留守儿童, 残疾儿童) against all
 * children, class sizes from the schools' class splits, the seven indicators with their 差异系数
 * before and after the published rotation plan, and every rule finding with its records. Figures
 * are computed here from the registrations themselves (not from the capacity counters), so a
 * test can check both ways give the same numbers (表表相通).
 */
import { finalRunIdOf } from '../../shared/placement/ids';
import { classLabel } from '../../shared/classing/plan';
import { admittedSchoolOfSummary, admittedStatuses } from '../../shared/placement/admitted';
import {
  classSizeFindings,
  indicatorFindings,
  registrationFindings,
  rotationFindings,
  seatFindings,
  type ClassFact,
} from '../../shared/oversight/checks';
import type { EnrolmentStage } from '../../shared/oversight/census';
import type { DashboardClassRow, DashboardSchoolRow } from '../../shared/oversight/recordView';
import { registrationApplyingStatuses, type RegistrationStatus } from '../../shared/registration/status';
import type { RegistrationSummary } from '../../shared/registration/summary';
import { indicatorLabels } from '../../shared/rotation/indicators';
import type { PolicySettings } from '../../shared/settings';
import { rotationIssuesOfMoves } from '../../shared/rotation/problems';
import { indicatorBasisLabels, indicatorViews } from '../../shared/rotation/service';
import type { FnContext } from '../runtime/context';
import { countyStaff, nominatedIds, rotationInputOf } from './rotationCounty';

/** Registrations that count as applying (not drafts, refusals, withdrawals or voided ones). */
export const applying: ReadonlySet<RegistrationStatus> = new Set(registrationApplyingStatuses);
const placedStatuses: ReadonlySet<RegistrationStatus> = new Set(admittedStatuses);

/** How far a registration has got, as the 控辍保学 roster counts it. */
export function enrolmentStageOf(r: Pick<RegistrationSummary, 'status'>): EnrolmentStage | null {
  if (!applying.has(r.status)) return null;
  if (r.status === 'reported') return 'reported';
  if (r.status === 'admitted' || r.status === 'coordinating') return 'placed';
  return 'registered';
}

/** The year's registrations as summaries: a few reads whatever their number. */
export const yearRegistrations = (ctx: FnContext, year: number) => ctx.store.registrationSummaries(year);

const groups = [
  { key: 'all', label: '全体儿童', has: () => true },
  { key: 'migrant', label: '随迁子女', has: (r: RegistrationSummary) => r.route === 'migrant' },
  { key: 'leftBehind', label: '留守儿童', has: (r: RegistrationSummary) => r.leftBehind },
  { key: 'disability', label: '残疾儿童（随班就读）', has: (r: RegistrationSummary) => r.disability },
] as const;

/** The whole county's figures (the bureau's view; a principal's view is its school's slice). */
export async function dashboardBuild(ctx: FnContext, s: PolicySettings) {
  const year = s.enrollmentYear;
  // Every read at once: each is one to a few calls, whatever the county's size.
  const [schools, all, classSizes, staff, rotation, nominations, runs] = await Promise.all([
    ctx.store.listSchools(),
    yearRegistrations(ctx, year),
    ctx.store.listClassSizes(year),
    countyStaff(ctx),
    ctx.store.getRotationRecord(String(year)),
    ctx.store.listRotationNominations(year),
    Promise.all(
      (['primary', 'junior'] as const).map((stage) =>
        ctx.store.getPlacementRunHead(finalRunIdOf(year, stage)),
      ),
    ),
  ]);
  const regs = all.filter((r) => applying.has(r.status));
  const tierLabels = new Map<number, string>([
    ...s.tiers.map((t) => [t.tier, t.label] as const),
    [0, '统筹'],
  ]);

  const schoolRows = schools.map((school): DashboardSchoolRow => {
    const mine = regs.filter((r) => r.schoolId === school.id);
    const byTier = new Map<number, number>();
    for (const r of mine) byTier.set(r.tier, (byTier.get(r.tier) ?? 0) + 1);
    const admitted = regs.filter((r) => admittedSchoolOfSummary(r) === school.id).length;
    return {
      schoolId: school.id as string,
      name: school.name,
      stage: school.stage,
      township: school.township,
      seats: school.entryClasses * s.classCap[school.stage],
      entryClasses: school.entryClasses,
      applicants: mine.length,
      tiers: [...tierLabels].map(([tier, label]) => ({ tier, label, applicants: byTier.get(tier) ?? 0 })),
      admitted,
    };
  });

  const groupRows = groups.map((g) => {
    const inGroup = regs.filter((r) => g.has(r));
    const admitted = inGroup.filter(
      (r) => placedStatuses.has(r.status) || r.status === 'coordinating',
    ).length;
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
    const plan = classSizes.find((p) => p.planId === `${year}-${school.id}`);
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

  const { teachers } = staff;
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
            nominatedIds(nominations),
            // The rules the plan was published under (older records: today's settings).
            rotation.settings ?? s.rotation,
          ),
          rotation.moves,
        ),
      ])
    : [];

  // Once a stage's draw is published every applicant should be admitted or 统筹; anyone else is
  // left over (registered late, still under review, or missed by the draw).
  const published = new Set<string>();
  (['primary', 'junior'] as const).forEach((stage, i) => runs[i]?.publishedAt && published.add(stage));

  const findings = [
    ...classSizeFindings(classes, s),
    ...seatFindings(schoolRows, s),
    ...registrationFindings(
      regs.map((r) => ({
        id: r.id,
        label: `${r.childName}（${schools.find((x) => x.id === r.schoolId)?.name ?? r.schoolId}）`,
        flags: r.flags,
        propertyKey: r.propertyKey,
        placement:
          r.status === 'coordinating'
            ? 'coordinating'
            : placedStatuses.has(r.status)
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
    classes: classes.map((c): DashboardClassRow => ({
      ...c,
      large: c.size > s.classCap[c.stage],
      superLarge: c.size >= s.superLargeClassSize,
    })),
    indicators: { ...indicators, rotationPublished: rotation !== null },
    indicatorLabels,
    findings,
  };
}
