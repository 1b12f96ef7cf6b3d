/**
 * The seven 优质均衡 indicators per school (教督〔2017〕6号), the pass rule, and the
 * enrolment-weighted 差异系数 per indicator (docs/policy.md §5). Pure; rotation plans are scored
 * with the three teacher indicators.
 */
import type { School, Teacher } from '../county/types';
import type { Stage } from '../settings';

export const indicatorKeys = [
  'qualifiedTeachers',
  'backboneTeachers',
  'peArtsTeachers',
  'teachingArea',
  'sportsArea',
  'equipmentValue',
  'multimediaRooms',
] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];

export const teacherIndicators: readonly IndicatorKey[] = [
  'qualifiedTeachers',
  'backboneTeachers',
  'peArtsTeachers',
];

export const indicatorLabels: Record<IndicatorKey, string> = {
  qualifiedTeachers: '每百名学生拥有高于规定学历教师数',
  backboneTeachers: '每百名学生拥有县级以上骨干教师数',
  peArtsTeachers: '每百名学生拥有体育、艺术专任教师数',
  teachingArea: '生均教学及辅助用房面积',
  sportsArea: '生均体育运动场馆面积',
  equipmentValue: '生均教学仪器设备值',
  multimediaRooms: '每百名学生拥有网络多媒体教室数',
};

/** Short names for charts, where the full names do not fit. */
export const indicatorShortLabels: Record<IndicatorKey, string> = {
  qualifiedTeachers: '高学历教师',
  backboneTeachers: '骨干教师',
  peArtsTeachers: '体艺教师',
  teachingArea: '教学用房',
  sportsArea: '体育场馆',
  equipmentValue: '仪器设备',
  multimediaRooms: '多媒体教室',
};

/** Thresholds (bureau settings with these defaults) and the 差异系数 limit per stage. */
export interface IndicatorStandard {
  readonly thresholds: Readonly<Record<IndicatorKey, number>>;
  readonly cvLimit: number;
}

export const indicatorStandards: Readonly<Record<Stage, IndicatorStandard>> = {
  primary: {
    thresholds: {
      qualifiedTeachers: 4.2,
      backboneTeachers: 1.0,
      peArtsTeachers: 0.9,
      teachingArea: 4.5,
      sportsArea: 7.5,
      equipmentValue: 2000,
      multimediaRooms: 2.3,
    },
    cvLimit: 0.5,
  },
  junior: {
    thresholds: {
      qualifiedTeachers: 5.3,
      backboneTeachers: 1.0,
      peArtsTeachers: 0.9,
      teachingArea: 5.8,
      sportsArea: 10.2,
      equipmentValue: 2500,
      multimediaRooms: 2.4,
    },
    cvLimit: 0.45,
  },
};

/** Subjects taught by 体育、艺术 specialist teachers. */
export const peArtsSubjects = ['体育', '音乐', '美术', '体育与健康', '艺术'];

/** 高于规定学历: 专科 and above at primary, 本科 and above at junior-middle. */
export const aboveRequired = (t: Pick<Teacher, 'education'>, stage: Stage): boolean =>
  stage === 'primary' ? t.education !== '中专' : t.education === '本科' || t.education === '研究生';

export const isBackbone = (t: Pick<Teacher, 'backbone'>): boolean => t.backbone !== 'none';
export const isPeArts = (t: Pick<Teacher, 'subject'>): boolean => peArtsSubjects.includes(t.subject);

/** The resource behind each indicator (a count or an amount); the indicator is resource / pupils. */
export type Resources = Record<IndicatorKey, number>;

/** Per-100 indicators are counts per 100 pupils; the others are per pupil. */
const per100: ReadonlySet<IndicatorKey> = new Set([
  'qualifiedTeachers',
  'backboneTeachers',
  'peArtsTeachers',
  'multimediaRooms',
]);

export function schoolResources(
  school: School,
  teachers: readonly Pick<Teacher, 'education' | 'backbone' | 'subject'>[],
): Resources {
  return {
    qualifiedTeachers: teachers.filter((t) => aboveRequired(t, school.stage)).length,
    backboneTeachers: teachers.filter(isBackbone).length,
    peArtsTeachers: teachers.filter(isPeArts).length,
    teachingArea: school.facilities.teachingAreaM2,
    sportsArea: school.facilities.sportsAreaM2,
    equipmentValue: school.facilities.equipmentValueYuan,
    multimediaRooms: school.facilities.multimediaRooms,
  };
}

export const indicatorValue = (key: IndicatorKey, resource: number, pupils: number): number =>
  pupils > 0 ? (resource / pupils) * (per100.has(key) ? 100 : 1) : 0;

/**
 * The enrolment-weighted formula over the rows given (no school left out; see
 * `differenceCoefficient` for the figure the product shows): X̄ = Σ resource / Σ pupils; S = √(Σ (Pᵢ/P)(xᵢ − X̄)²);
 * CV = S / X̄, with xᵢ = resourceᵢ / Pᵢ. (Scale-free, so per-100 indicators need no ×100.)
 */
export function weightedCv(rows: readonly { readonly pupils: number; readonly resource: number }[]): number {
  const p = rows.reduce((a, r) => a + r.pupils, 0);
  const total = rows.reduce((a, r) => a + r.resource, 0);
  if (p <= 0 || total <= 0) return 0;
  const mean = total / p;
  let s2 = 0;
  for (const r of rows) {
    if (r.pupils <= 0) continue;
    const d = r.resource / r.pupils - mean;
    s2 += (r.pupils / p) * d * d;
  }
  return Math.sqrt(s2) / mean;
}

/** What the 差异系数 needs of a school: its enrolment and name (for the rule below). */
export type CvSchool = Pick<School, 'enrolment' | 'name'>;

/** Schools that count for 差异系数: not special schools, not 教学点 under 50 pupils. */
export const countsForCv = (s: CvSchool): boolean => s.enrolment >= 50 && !s.name.includes('特殊教育');

/**
 * THE 差异系数 of one indicator over one stage's schools (POLICY.md §5): only the schools that
 * count (`countsForCv`), enrolment-weighted (`weightedCv`). The rotation plan, the indicator
 * table, the dashboard and every export compute their CVs here, so one county gets one figure.
 */
export function differenceCoefficient(
  rows: readonly { readonly school: CvSchool; readonly resource: number }[],
): number {
  return weightedCv(
    rows
      .filter((r) => countsForCv(r.school))
      .map((r) => ({ pupils: r.school.enrolment, resource: r.resource })),
  );
}

export interface SchoolIndicatorRow {
  readonly schoolId: string;
  readonly name: string;
  readonly pupils: number;
  readonly values: Record<IndicatorKey, number>;
  readonly met: Record<IndicatorKey, boolean>;
  /** ≥ 6 of 7 met and the one not met at ≥ 85 % of its threshold. */
  readonly passes: boolean;
}

export interface IndicatorTable {
  readonly stage: Stage;
  readonly schools: readonly SchoolIndicatorRow[];
  readonly cv: Record<IndicatorKey, number>;
  readonly cvLimit: number;
  readonly cvPasses: Record<IndicatorKey, boolean>;
}

export function indicatorTable(
  stage: Stage,
  schools: readonly { readonly school: School; readonly resources: Resources }[],
): IndicatorTable {
  const std = indicatorStandards[stage];
  const rows = schools
    .filter((s) => s.school.stage === stage)
    .map(({ school, resources }) => {
      const values = {} as Record<IndicatorKey, number>;
      const met = {} as Record<IndicatorKey, boolean>;
      for (const k of indicatorKeys) {
        values[k] = indicatorValue(k, resources[k], school.enrolment);
        met[k] = values[k] >= std.thresholds[k];
      }
      const missed = indicatorKeys.filter((k) => !met[k]);
      const passes =
        missed.length === 0 ||
        (missed.length === 1 &&
          values[missed[0] as IndicatorKey] >= 0.85 * std.thresholds[missed[0] as IndicatorKey]);
      return {
        schoolId: school.id as string,
        name: school.name,
        pupils: school.enrolment,
        values,
        met,
        passes,
        school,
        resources,
      };
    });
  const cv = {} as Record<IndicatorKey, number>;
  const cvPasses = {} as Record<IndicatorKey, boolean>;
  for (const k of indicatorKeys) {
    cv[k] = differenceCoefficient(rows.map((r) => ({ school: r.school, resource: r.resources[k] })));
    cvPasses[k] = cv[k] <= std.cvLimit;
  }
  return {
    stage,
    schools: rows.map(({ school: _s, resources: _r, ...row }) => row),
    cv,
    cvLimit: std.cvLimit,
    cvPasses,
  };
}
