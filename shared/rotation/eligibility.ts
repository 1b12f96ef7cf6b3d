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
