/**
 * Who must rotate this year (交流轮岗), with the reasons in Chinese, step by step: tenure at the
 * school, principals by terms, age and years-to-retirement exemptions, pregnancy/breastfeeding,
 * certified illness, deferrals. Every threshold is a bureau setting (docs/policy.md §5).
 */
import type { Gender } from '../idNumber';

export interface RotationSettings {
  readonly tenureYears: number;
  readonly principalYears: number;
  readonly ageExemptMale: number;
  readonly ageExemptFemale: number;
  readonly retirementAgeMale: number;
  readonly retirementAgeFemale: number;
  readonly yearsToRetirementExempt: number;
  /** Share of eligible teachers rotated, per sending school and county-wide. */
  readonly quota: number;
  /** Share of 县级以上骨干 among those rotated. */
  readonly backboneShare: number;
  readonly durationYears: number;
  /** Month the rotation starts (the school year), 1–12. */
  readonly startMonth: number;
}

export const defaultRotationSettings: RotationSettings = {
  tenureYears: 6,
  principalYears: 6,
  ageExemptMale: 50,
  ageExemptFemale: 45,
  retirementAgeMale: 60,
  retirementAgeFemale: 55,
  yearsToRetirementExempt: 5,
  quota: 0.1,
  backboneShare: 0.2,
  durationYears: 3,
  startMonth: 9,
};

/**
 * What the bureau may set, with the unit it is shown in and the range it may take (a share is
 * shown in per cent). Outside the range the setting is refused with the label and range in Chinese.
 */
export const rotationSettingRules: Readonly<
  Record<
    keyof RotationSettings,
    {
      readonly label: string;
      readonly unit: '年' | '岁' | '%' | '月';
      readonly min: number;
      readonly max: number;
    }
  >
> = {
  tenureYears: { label: '教师在同一学校任教满', unit: '年', min: 3, max: 15 },
  principalYears: { label: '校长在同一学校任职满', unit: '年', min: 3, max: 15 },
  ageExemptMale: { label: '男教师免于交流的年龄', unit: '岁', min: 40, max: 60 },
  ageExemptFemale: { label: '女教师免于交流的年龄', unit: '岁', min: 40, max: 60 },
  retirementAgeMale: { label: '男教师法定退休年龄', unit: '岁', min: 50, max: 65 },
  retirementAgeFemale: { label: '女教师法定退休年龄', unit: '岁', min: 50, max: 65 },
  yearsToRetirementExempt: { label: '距退休不足几年免于交流', unit: '年', min: 0, max: 10 },
  quota: { label: '每年交流比例（各校和全县）', unit: '%', min: 1, max: 100 },
  backboneShare: { label: '交流人员中骨干教师不少于', unit: '%', min: 0, max: 100 },
  durationYears: { label: '交流期限', unit: '年', min: 1, max: 6 },
  startMonth: { label: '交流开始月份', unit: '月', min: 1, max: 12 },
};

/** A setting as the bureau sees it: shares in whole per cent, the rest as they are. */
export const rotationSettingShown = (key: keyof RotationSettings, value: number): number =>
  rotationSettingRules[key].unit === '%' ? Math.round(value * 100) : value;

/** A whole set of settings as the bureau sees and sends them (rotation.setRules). */
export const rotationSettingsShown = (s: RotationSettings): Record<keyof RotationSettings, number> =>
  Object.fromEntries(
    (Object.keys(rotationSettingRules) as (keyof RotationSettings)[]).map((k) => [
      k,
      rotationSettingShown(k, s[k]),
    ]),
  ) as Record<keyof RotationSettings, number>;

/**
 * Problems of a full set of rotation settings, in Chinese (empty when every value is a whole
 * number in its range, shares as whole per cent).
 */
export function rotationSettingsProblems(s: RotationSettings): string[] {
  const out: string[] = [];
  for (const key of Object.keys(rotationSettingRules) as (keyof RotationSettings)[]) {
    const r = rotationSettingRules[key];
    const shown = r.unit === '%' ? s[key] * 100 : s[key];
    if (
      !Number.isFinite(shown) ||
      Math.abs(shown - Math.round(shown)) > 1e-6 ||
      shown < r.min ||
      shown > r.max
    )
      out.push(`${r.label}应为${r.min}～${r.max}${r.unit}之间的整数`);
  }
  if (s.ageExemptMale > s.retirementAgeMale) out.push('男教师免于交流的年龄不能晚于法定退休年龄');
  if (s.ageExemptFemale > s.retirementAgeFemale) out.push('女教师免于交流的年龄不能晚于法定退休年龄');
  return out;
}

export interface TeacherStatus {
  readonly pregnant?: boolean;
  /** Breastfeeding an infant under one year. */
  readonly breastfeeding?: boolean;
  /** Certified illness. */
  readonly illness?: boolean;
  /** Deferred (e.g. a specialty-programme lead) until this year, inclusive. */
  readonly deferredUntil?: number;
}

export interface EligibilityInput {
  readonly gender: Gender;
  readonly birthYear: number;
  readonly yearsAtSchool: number;
  readonly isPrincipal: boolean;
  readonly status?: TeacherStatus;
}

export interface Eligibility {
  readonly eligible: boolean;
  /** The rule trail, in order. */
  readonly reasons: readonly string[];
}

export function rotationEligibility(t: EligibilityInput, year: number, s: RotationSettings): Eligibility {
  const reasons: string[] = [];
  const need = t.isPrincipal ? s.principalYears : s.tenureYears;
  const who = t.isPrincipal ? '担任校长' : '在本校任教';
  if (t.yearsAtSchool < need) {
    reasons.push(`${who}${t.yearsAtSchool}年，未满${need}年，本年度不参加交流`);
    return { eligible: false, reasons };
  }
  reasons.push(`${who}已满${t.yearsAtSchool}年（满${need}年应交流）`);
  const age = year - t.birthYear;
  const exemptAge = t.gender === 'M' ? s.ageExemptMale : s.ageExemptFemale;
  if (age >= exemptAge) {
    reasons.push(`${t.gender === 'M' ? '男' : '女'}教师${age}岁，年满${exemptAge}周岁免于交流`);
    return { eligible: false, reasons };
  }
  const retire = t.gender === 'M' ? s.retirementAgeMale : s.retirementAgeFemale;
  if (retire - age < s.yearsToRetirementExempt) {
    reasons.push(`距法定退休年龄不足${s.yearsToRetirementExempt}年，免于交流`);
    return { eligible: false, reasons };
  }
  const st = t.status ?? {};
  if (st.pregnant) {
    reasons.push('孕期，暂缓交流');
    return { eligible: false, reasons };
  }
  if (st.breastfeeding) {
    reasons.push('哺乳期（婴儿未满1周岁），暂缓交流');
    return { eligible: false, reasons };
  }
  if (st.illness) {
    reasons.push('因病（有医疗证明），暂缓交流');
    return { eligible: false, reasons };
  }
  if (st.deferredUntil !== undefined && st.deferredUntil >= year) {
    reasons.push(`经批准暂缓至${st.deferredUntil}年`);
    return { eligible: false, reasons };
  }
  reasons.push('无免于或暂缓交流的情形，列入交流范围');
  return { eligible: true, reasons };
}
