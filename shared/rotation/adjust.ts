/**
 * Hand adjustments to a computed rotation plan (教育局人工调整): take a teacher off, send a moved
 * teacher elsewhere, or add an eligible teacher. The adjusted plan is checked by the same
 * validators as the planner's, and its findings are compared with the computed plan's so the
 * bureau sees at once which rule a change would break (live rule checks).
 */
import { defaultRotationSettings, type RotationSettings } from './eligibility';
import { moveOf, rotationMonths } from './model';
import { planCv } from './planner';
import type { RotationInput, RotationMove, RotationPlan } from './types';
import { issuesAdded, rotationIssues, type RotationIssue } from './problems';

export interface RotationAdjustment {
  readonly teacherId: string;
  /** The receiving school, or null to take the teacher off the plan. */
  readonly to: string | null;
}

export interface AdjustedPlan {
  readonly plan: RotationPlan;
  /** Findings the adjustments brought in (the computed plan does not have them). */
  readonly added: readonly RotationIssue[];
  /** Adjustments that name no teacher or school of the county, in Chinese. */
  readonly refused: readonly string[];
}

/** Applies adjustments in order (a later one for the same teacher wins). */
export function rotationAdjust(
  input: RotationInput,
  computed: RotationPlan,
  adjustments: readonly RotationAdjustment[],
): AdjustedPlan {
  const s: RotationSettings = { ...defaultRotationSettings, ...input.settings };
  const months = rotationMonths(input.year, s);
  const teachers = new Map(input.teachers.map((t) => [t.id, t]));
  const schools = new Map(input.schools.map((x) => [x.id, x]));
  const reasons = new Map(computed.eligibility.map((e) => [e.teacherId, e.reasons]));
  const moves = new Map<string, RotationMove>(computed.moves.map((m) => [m.teacherId, m]));
  const refused: string[] = [];
  for (const a of adjustments) {
    const t = teachers.get(a.teacherId);
    if (!t) {
      refused.push(`没有找到教师 ${a.teacherId}`);
      continue;
    }
    if (a.to === null) {
      moves.delete(a.teacherId);
      continue;
    }
    const from = schools.get(t.schoolId);
    const dest = schools.get(a.to);
    if (!from || !dest) {
      refused.push(`没有找到学校 ${a.to}`);
      continue;
    }
    moves.set(t.id, moveOf(t, from, dest, from.stage, reasons.get(t.id) ?? [], months, true));
  }
  const list = [...moves.values()].sort((a, b) => (a.teacherId < b.teacherId ? -1 : 1));
  const cv = planCv(input, list);
  const issues = rotationIssues(input, { moves: list, eligibility: computed.eligibility });
  // The planner's own NO_ROOM findings stay while the shortfall they describe stays.
  const noRoom = computed.issues.filter((x) => x.code === 'NO_ROOM');
  const all = [...noRoom, ...issues];
  const plan: RotationPlan = {
    ...computed,
    moves: list,
    cv,
    // The bound is about the computed plan; a plan changed by hand is not measured against it.
    quality: adjustments.length === 0 ? computed.quality : null,
    counts: {
      ...computed.counts,
      rotated: list.length,
      backbone: list.filter((x) => x.backbone).length,
    },
    problems: all.map((x) => x.text),
    issues: all,
  };
  return { plan, added: issuesAdded(computed.issues, all), refused };
}
