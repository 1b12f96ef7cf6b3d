/**
 * The findings no plan can avoid, for the planner's property tests: quotas when the planner found
 * the receiving places short (NO_ROOM), and the 骨干 share when every 骨干 who can move already
 * moves (the finding then says so: 已全部安排) — the county has too few 骨干 for its quotas.
 */
import type { RotationIssue, RotationPlan } from '../../shared/rotation/types';

export function unavoidable(plan: Pick<RotationPlan, 'issues'>, x: RotationIssue): boolean {
  if (x.code === 'SCHOOL_QUOTA' || x.code === 'COUNTY_QUOTA')
    return plan.issues.some((y) => y.code === 'NO_ROOM');
  return x.code === 'BACKBONE_SHARE' && x.text.endsWith('已全部安排');
}
