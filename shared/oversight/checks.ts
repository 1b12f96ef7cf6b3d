/**
 * The checks behind the rule catalogue, pure: each takes plain facts (already read by a function)
 * and settings, and returns findings with the records behind them. The dashboard and the school
 * view show the same findings; an inspection export lists them.
 */
import type { PolicySettings, Stage } from '../settings';
import { indicatorLabels, type IndicatorKey, type IndicatorTable } from '../rotation/indicators';
import type { RotationIssue } from '../rotation/problems';
import type { Finding, RecordRef } from './rules';

export interface ClassFact {
  readonly id: string;
  readonly schoolId: string;
  readonly label: string;
  readonly stage: Stage;
  readonly size: number;
}

/** 大班额 (above the cap) and 超大班额 (≥ the super-large size), one finding per class. */
export function classSizeFindings(classes: readonly ClassFact[], s: PolicySettings): Finding[] {
  const out: Finding[] = [];
  for (const c of classes) {
    const ref: RecordRef = { kind: 'class', id: c.id, label: c.label };
    if (c.size >= s.superLargeClassSize)
      out.push({
        rule: 'CLASS_SUPER_LARGE',
        text: `${c.label}：${c.size}人（≥${s.superLargeClassSize}）`,
        records: [ref],
      });
    else if (c.size > s.classCap[c.stage])
      out.push({
        rule: 'CLASS_LARGE',
        text: `${c.label}：${c.size}人（上限${s.classCap[c.stage]}）`,
        records: [ref],
      });
  }
  return out;
}

export interface SchoolSeatFact {
  readonly schoolId: string;
  readonly name: string;
  readonly stage: Stage;
  readonly entryClasses: number;
  readonly admitted: number;
}

export const seatsOf = (x: SchoolSeatFact, s: PolicySettings): number => x.entryClasses * s.classCap[x.stage];

export function seatFindings(schools: readonly SchoolSeatFact[], s: PolicySettings): Finding[] {
  return schools
    .filter((x) => x.admitted > seatsOf(x, s))
    .map((x) => ({
      rule: 'SEATS_SHORT' as const,
      text: `${x.name}：录取${x.admitted}人，学位${seatsOf(x, s)}个`,
      records: [{ kind: 'school' as const, id: x.schoolId, label: x.name }],
    }));
}

export interface RegistrationFact {
  readonly id: string;
  readonly label: string;
  readonly flags: readonly string[];
  readonly propertyKey: string | null;
  /** After a published placement: placed at a school, 统筹, or neither. */
  readonly placement: 'placed' | 'coordinating' | 'none' | null;
}

export function registrationFindings(regs: readonly RegistrationFact[]): Finding[] {
  const out: Finding[] = [];
  const ref = (r: RegistrationFact): RecordRef => ({ kind: 'registration', id: r.id, label: r.label });
  const overAge = regs.filter((r) => r.flags.includes('over_age'));
  if (overAge.length > 0)
    out.push({ rule: 'REG_OVER_AGE', text: `${overAge.length}份报名超龄入学`, records: overAge.map(ref) });
  const reused = regs.filter((r) => r.flags.includes('property_reused'));
  if (reused.length > 0)
    out.push({
      rule: 'REG_PROPERTY_REUSED',
      text: `${reused.length}份报名的房产在锁定期内已被使用`,
      records: reused.map(ref),
    });
  const byProperty = new Map<string, RegistrationFact[]>();
  for (const r of regs)
    if (r.propertyKey)
      (byProperty.get(r.propertyKey) ?? byProperty.set(r.propertyKey, []).get(r.propertyKey))?.push(r);
  for (const [key, list] of [...byProperty].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    if (list.length > 1)
      out.push({
        rule: 'REG_PROPERTY_SHARED',
        text: `房产证${key}被${list.length}份报名使用`,
        records: list.map(ref),
      });
  const left = regs.filter((r) => r.placement === 'none');
  if (left.length > 0)
    out.push({
      rule: 'PLACEMENT_LEFTOVER',
      text: `${left.length}名儿童既未录取也未统筹`,
      records: left.map(ref),
    });
  return out;
}

/** Schools below the ≥ 6-of-7 rule, and indicators whose 差异系数 is over the stage's limit. */
export function indicatorFindings(tables: readonly IndicatorTable[], basis = ''): Finding[] {
  const out: Finding[] = [];
  for (const t of tables) {
    // Which count the figures are (当前 / 轮岗后), so the finding matches the tables it came from.
    const stageName = t.stage === 'primary' ? '小学' : '初中';
    const stage = `${basis ? `${basis}，` : ''}${stageName}`;
    const failing = t.schools.filter((x) => !x.passes);
    if (failing.length > 0)
      out.push({
        rule: 'SCHOOL_INDICATORS',
        text: `${stage}${failing.length}所学校七项指标未达标`,
        records: failing.map((x) => ({ kind: 'school', id: x.schoolId, label: x.name })),
      });
    for (const [k, v] of Object.entries(t.cv))
      if (v > t.cvLimit)
        out.push({
          rule: 'INDICATOR_CV',
          text: `${stage}${indicatorLabels[k as IndicatorKey]}差异系数${v.toFixed(3)}，超过${t.cvLimit}`,
          records: [
            {
              kind: 'indicator',
              id: `${t.stage}:${k}`,
              label: `${stageName}·${indicatorLabels[k as IndicatorKey]}`,
            },
          ],
        });
  }
  return out;
}

/** 入学率 = enrolled school-age children / school-age children on the census roster. */
export function enrolmentRateFinding(
  township: string,
  onRoster: readonly { readonly id: string; readonly label: string; readonly enrolled: boolean }[],
  threshold = 0.95,
): Finding | null {
  if (onRoster.length === 0) return null;
  const enrolled = onRoster.filter((c) => c.enrolled).length;
  const rate = enrolled / onRoster.length;
  if (rate >= threshold) return null;
  return {
    rule: 'ENROLMENT_RATE',
    text: `${township}：入学率${(rate * 100).toFixed(1)}%（${enrolled}/${onRoster.length}），低于${threshold * 100}%`,
    records: onRoster.filter((c) => !c.enrolled).map((c) => ({ kind: 'child', id: c.id, label: c.label })),
  };
}

/** The rotation plan's quota and backbone-share findings (the planner's own validators). */
export function rotationFindings(issues: readonly RotationIssue[]): Finding[] {
  const out: Finding[] = [];
  for (const x of issues) {
    const rule =
      x.code === 'SCHOOL_QUOTA' || x.code === 'COUNTY_QUOTA' || x.code === 'NO_ROOM'
        ? ('ROTATION_QUOTA' as const)
        : x.code === 'BACKBONE_SHARE'
          ? ('ROTATION_BACKBONE' as const)
          : null;
    if (!rule) continue;
    const records: RecordRef[] =
      x.subject === 'county' || x.subject === 'primary' || x.subject === 'junior'
        ? []
        : [{ kind: 'school', id: x.subject, label: x.text.split('：')[0] ?? x.subject }];
    out.push({ rule, text: x.text, records });
  }
  return out;
}
