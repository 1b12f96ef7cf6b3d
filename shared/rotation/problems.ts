/**
 * Hard rules of a rotation plan, checked without knowing how it was made (shared by the planner,
 * hand adjustments, tests and the benchmark). Each finding has a stable code, the record it is
 * about (teacher, school or stage) so two plans' findings can be compared, and a Chinese text.
 */
import type { Stage } from '../settings';
import { defaultRotationSettings, rotationEligibility, type RotationSettings } from './eligibility';
import { isBackbone } from './indicators';
import { allowed, ceilShare, stageModel } from './model';
import type { RotationInput, RotationIssue, RotationIssueCode, RotationMove, RotationPlan } from './types';

export type { RotationIssue, RotationIssueCode } from './types';

export const stageNames: Readonly<Record<Stage, string>> = { primary: '小学', junior: '初中' };

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The planner's own finding that the receiving places cannot take the quota. */
export function noRoomIssue(stage: Stage, school: { id: string; name: string } | null): RotationIssue {
  return school
    ? {
        code: 'NO_ROOM',
        subject: school.id,
        text: `${stageNames[stage]}：接收学校名额不足，${school.name}达不到本校应交流人数的比例。`,
      }
    : {
        code: 'NO_ROOM',
        subject: stage,
        text: `${stageNames[stage]}：接收学校名额不足，达不到全县应交流人数的比例；请增加乡村或薄弱学校的接收名额。`,
      };
}

export function rotationIssues(
  input: RotationInput,
  plan: Pick<RotationPlan, 'moves' | 'eligibility'>,
): RotationIssue[] {
  const s: RotationSettings = { ...defaultRotationSettings, ...input.settings };
  const issues: RotationIssue[] = [];
  const teachers = new Map(input.teachers.map((t) => [t.id, t]));
  const schools = new Map(input.schools.map((x) => [x.id, x]));
  const schoolName = (id: string) => schools.get(id)?.name ?? id;
  const eligible = new Set(plan.eligibility.filter((e) => e.eligible).map((e) => e.teacherId));
  const seen = new Set<string>();
  for (const mv of plan.moves) {
    const t = teachers.get(mv.teacherId);
    // Named as the bureau knows them: name and school, never the record id.
    const who = t ? `${t.name}（${schoolName(t.schoolId)}）` : mv.teacherId;
    const add = (code: RotationIssueCode, text: string) =>
      issues.push({ code, subject: mv.teacherId, text: `${who}：${text}` });
    if (!t) add('NOT_TEACHER', '不是本县在编教师');
    if (seen.has(mv.teacherId)) add('MOVED_TWICE', '在方案中出现两次');
    seen.add(mv.teacherId);
    if (t && !eligible.has(mv.teacherId))
      add('NOT_ELIGIBLE', '不在本年度交流范围（未满年限或免于、暂缓交流）');
    if (mv.from === mv.to) add('SAME_SCHOOL', '交流前后是同一所学校');
    if (t && t.schoolId !== mv.from) add('WRONG_FROM', `不在${schoolName(mv.from)}任教`);
    const a = schools.get(mv.from);
    const b = schools.get(mv.to);
    if (!b) add('UNKNOWN_SCHOOL', `接收学校 ${mv.to} 不存在`);
    if (a && b && a.stage !== b.stage) add('CROSS_STAGE', '不能在小学和初中之间交流');
  }
  // 骨干 due to rotate whose school has somewhere lawful to send them (town → village or strong →
  // weak): the most any plan can move.
  let movableBackbone = 0;
  for (const stage of ['primary', 'junior'] as const) {
    const m = stageModel(stage, input.schools, input.teachers);
    const incoming = m.schools.map(() => 0);
    const out = new Map<number, number>();
    for (const mv of plan.moves) {
      const from = m.index.get(mv.from);
      const to = m.index.get(mv.to);
      if (from === undefined || to === undefined) continue;
      if (!allowed(m, from, to)) {
        const t = teachers.get(mv.teacherId);
        issues.push({
          code: 'DIRECTION',
          subject: mv.teacherId,
          text: `${t?.name ?? mv.teacherId}：${schoolName(mv.from)} → ${schoolName(mv.to)} 不是城镇到乡村或优质到薄弱的方向`,
        });
      }
      incoming[to] = (incoming[to] as number) + 1;
      out.set(from, (out.get(from) ?? 0) + 1);
    }
    incoming.forEach((n, i) => {
      const sc = m.schools[i];
      if (sc && n > (m.capacity[i] as number))
        issues.push({
          code: 'OVER_CAPACITY',
          subject: sc.id,
          text: `${sc.name}接收${n}人，超过接收名额${m.capacity[i]}人`,
        });
    });
    m.schools.forEach((sc, i) => {
      if (!m.schools.some((_x, j) => allowed(m, i, j))) return;
      const due = input.teachers.filter((t) => t.schoolId === sc.id && eligible.has(t.id));
      movableBackbone += due.filter(isBackbone).length;
      const e = due.length;
      const need = ceilShare(s.quota, e);
      if ((out.get(i) ?? 0) < need)
        issues.push({
          code: 'SCHOOL_QUOTA',
          subject: sc.id,
          text: `${sc.name}应交流${e}人中交流${out.get(i) ?? 0}人，少于${pct(s.quota)}（至少${need}人）`,
        });
    });
  }
  const rotated = plan.moves.length;
  if (rotated < ceilShare(s.quota, eligible.size))
    issues.push({
      code: 'COUNTY_QUOTA',
      subject: 'county',
      text: `全县应交流${eligible.size}人中交流${rotated}人，少于${pct(s.quota)}`,
    });
  const backbone = plan.moves.filter((mv) =>
    isBackbone(teachers.get(mv.teacherId) ?? { backbone: 'none' }),
  ).length;
  if (rotated > 0 && backbone < ceilShare(s.backboneShare, rotated)) {
    // When every 骨干 who can move already moves, the officer must hear that no plan can do better
    // (only fewer moves or more 骨干 records), not that the plan left 骨干 behind.
    const all =
      backbone >= movableBackbone ? `；本年度可交流的骨干教师共${movableBackbone}人，已全部安排` : '';
    issues.push({
      code: 'BACKBONE_SHARE',
      subject: 'county',
      text: `交流${rotated}人中骨干教师${backbone}人，少于${pct(s.backboneShare)}${all}`,
    });
  }
  return issues;
}

/**
 * The same rules on a plan's moves alone (a published record keeps no eligibility list): who must
 * rotate is worked out again from the staff records, as the planner does.
 */
export function rotationIssuesOfMoves(input: RotationInput, moves: readonly RotationMove[]): RotationIssue[] {
  const s: RotationSettings = { ...defaultRotationSettings, ...input.settings };
  const eligibility = input.teachers.map((t) => ({
    teacherId: t.id,
    ...rotationEligibility(t, input.year, s),
  }));
  return rotationIssues(input, { moves, eligibility });
}

/** The same findings as Chinese texts. */
export function rotationProblems(
  input: RotationInput,
  plan: Pick<RotationPlan, 'moves' | 'eligibility'>,
): string[] {
  return rotationIssues(input, plan).map((x) => x.text);
}

/** A finding's identity (its rule and the record it is about), as an override acknowledges it. */
export const rotationIssueKey = (x: Pick<RotationIssue, 'code' | 'subject'>): string =>
  `${x.code}|${x.subject}`;

/** Findings of `after` that `before` does not have (same code about the same record). */
export function issuesAdded(
  before: readonly RotationIssue[],
  after: readonly RotationIssue[],
): RotationIssue[] {
  const known = new Set(before.map(rotationIssueKey));
  return after.filter((x) => !known.has(rotationIssueKey(x)));
}
