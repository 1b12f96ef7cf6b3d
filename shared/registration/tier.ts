/**
 * Priority tiers (docs/policy.md §2): which tier a family's facts earn under the bureau's tier
 * definitions, with reasons a parent can read. The first tier (in the bureau's order) any of whose
 * criteria holds is the tier; a family meeting none is not eligible for the zone school and is
 * placed by the bureau (统筹).
 */
import type { CstDate } from '../brand';
import type { PolicySettings, TierCriterion } from '../settings';
import type { RegistrationForm } from './form';

export type TierAssessment =
  | {
      readonly status: 'eligible';
      readonly tier: number;
      readonly label: string;
      readonly reasons: readonly string[];
    }
  | { readonly status: 'ineligible'; readonly reasons: readonly string[] };

type Check = { readonly holds: boolean; readonly reason: string };

/** Whole months from `from` to `to` (both YYYY-MM-DD), counting a month once its day is reached. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

const ownsHome = (f: RegistrationForm): boolean =>
  f.property !== null && (f.property.ownerRelation === '父母' || f.property.ownerRelation === '本人');

function criterionCheck(c: TierCriterion, f: RegistrationForm, s: PolicySettings, today: CstDate): Check {
  switch (c) {
    case 'policy_priority':
      return f.special.policyGroup && f.special.policyProofNo.trim()
        ? { holds: true, reason: `${f.special.policyGroup}（凭优待证明）` }
        : { holds: false, reason: '不属于政策优待对象' };
    case 'hukou_property_consistent': {
      const ok =
        f.route === 'resident' &&
        f.hukou.inZone &&
        ownsHome(f) &&
        f.property?.inZone === true &&
        f.hukou.childWithParent;
      return ok
        ? { holds: true, reason: '户籍与房产均在学区且人户一致' }
        : { holds: false, reason: '户籍与房产不同时在学区，或人户不一致' };
    }
    case 'hukou_in_zone':
      return f.route === 'resident' && f.hukou.inZone
        ? { holds: true, reason: '户籍在学区' }
        : { holds: false, reason: '户籍不在学区' };
    case 'property_in_zone':
      return ownsHome(f) && f.property?.inZone === true
        ? { holds: true, reason: '父母或本人房产在学区' }
        : { holds: false, reason: '学区内没有父母或本人的房产' };
    case 'migrant_in_zone': {
      const m = f.migrant;
      if (f.route !== 'migrant' || !m) return { holds: false, reason: '未按随迁子女途径报名' };
      const permit = monthsBetween(m.residencePermitSince, today);
      const gaps: string[] = [];
      if (permit < s.migrantResidencePermitMonths) {
        gaps.push(`居住证办理${Math.max(0, permit)}个月，不足${s.migrantResidencePermitMonths}个月`);
      }
      if (m.socialInsuranceMonths < s.migrantSocialInsuranceMonths) {
        gaps.push(`社保连续缴纳${m.socialInsuranceMonths}个月，不足${s.migrantSocialInsuranceMonths}个月`);
      }
      if (!m.rentalRegistered) gaps.push('租赁住房未备案');
      else if (!m.rentalInZone) gaps.push('租赁住房不在学区');
      return gaps.length === 0
        ? {
            holds: true,
            reason: `随迁子女：居住证满${s.migrantResidencePermitMonths}个月、社保连续${s.migrantSocialInsuranceMonths}个月、租赁备案在学区`,
          }
        : { holds: false, reason: gaps.join('；') };
    }
  }
}

/** The tier a registration's facts earn, with the reasons. Pure: "today" is an argument. */
export function tierAssess(f: RegistrationForm, s: PolicySettings, today: CstDate): TierAssessment {
  const tiers = [...s.tiers].sort((a, b) => a.tier - b.tier);
  const misses: string[] = [];
  for (const t of tiers) {
    for (const c of t.criteria) {
      const r = criterionCheck(c, f, s, today);
      if (r.holds)
        return { status: 'eligible', tier: t.tier, label: t.label, reasons: [`${r.reason} → ${t.label}`] };
      if (!misses.includes(r.reason)) misses.push(r.reason);
    }
  }
  return { status: 'ineligible', reasons: [...misses, '不符合学区入学条件，由教育局统筹安排学位'] };
}
