/**
 * Policy settings a county bureau controls. Every number here is a default (docs/policy.md): the
 * software never hard-codes one county's rule, it reads these.
 */
import { asCstDate, type CstDate } from './brand';
import { defaultRotationSettings, type RotationSettings } from './rotation/eligibility';

export type Stage = 'primary' | 'junior';

export const stageLabels: Record<Stage, string> = {
  primary: '小学一年级',
  junior: '初中一年级',
};

/** The facts a tier can be granted for (a fixed catalogue; which tier each gives is a setting). */
export const tierCriteria = [
  'policy_priority',
  'hukou_property_consistent',
  'hukou_in_zone',
  'property_in_zone',
  'migrant_in_zone',
] as const;
export type TierCriterion = (typeof tierCriteria)[number];

/** A priority tier: granted when any of its criteria holds; lower number = higher priority. */
export interface TierDefinition {
  readonly tier: number;
  readonly label: string;
  readonly criteria: readonly TierCriterion[];
}

export interface PolicySettings {
  /** The year children enter school in this cycle. */
  readonly enrollmentYear: number;
  /** Full years a child must have reached on the cut-off date to enter primary school. */
  readonly primaryEntryAge: number;
  /** `MM-DD` of the age cut-off in the entry year (default 31 August). */
  readonly ageCutoffMonthDay: string;
  /** Registration window, inclusive CST dates. */
  readonly registrationOpens: CstDate;
  readonly registrationCloses: CstDate;
  /** Class-size caps; a class above the cap is 大班额. */
  readonly classCap: Readonly<Record<Stage, number>>;
  /** Size at which a class is 超大班额 and must not be created. */
  readonly superLargeClassSize: number;
  /** Priority tiers in order (一类 > 二类 > …). */
  readonly tiers: readonly TierDefinition[];
  /** Migrant route thresholds (months). */
  readonly migrantResidencePermitMonths: number;
  readonly migrantSocialInsuranceMonths: number;
  /** 一房一学位: years a property stays used for the same stage (nine-year schools: longer). */
  readonly propertyLockYears: number;
  readonly propertyLockYearsNineYear: number;
  /** 初审 → 复审: a first review by a school reviewer, then a final one by someone else. */
  readonly twoLevelReview: boolean;
  /**
   * 缺件先报: the last CST date on which a family may submit with required documents missing and
   * upload them afterwards from the registration's page; null = not allowed (every required
   * document before submitting).
   */
  readonly missingDocumentsUntil: CstDate | null;
  /** When the bureau draws (电脑派位) and publishes the results, per stage: told to waiting families. */
  readonly placementDates: Readonly<Record<Stage, { readonly draw: CstDate; readonly publish: CstDate }>>;
  /** The bureau's enrollment office telephone (招生咨询电话), shown with next steps; '' = none. */
  readonly enrollmentHotline: string;
  /** What admitted families are told: the day to report to school, and what to bring. */
  readonly admissionReportDate: Readonly<Record<Stage, CstDate>>;
  readonly admissionBring: readonly string[];
  /** Days after the results are published during which a family may ask for a review (复核). */
  readonly appealDays: number;
  /** 交流轮岗 公示 length in working days, and the working calendar (holidays, 调休 weekends). */
  readonly rotationPublicityDays: number;
  /** 交流轮岗 rules: tenure, exemption ages, the quota and 骨干 share, duration (POLICY.md §5). */
  readonly rotation: RotationSettings;
  /** Days after the cycle closes (the later 报到 date) that uploaded documents are kept. */
  readonly documentRetentionDays: number;
  readonly workCalendar: {
    readonly holidays: readonly string[];
    readonly workingWeekends: readonly string[];
  };
}

export const defaultTiers: readonly TierDefinition[] = [
  { tier: 1, label: '一类', criteria: ['hukou_property_consistent', 'policy_priority'] },
  { tier: 2, label: '二类', criteria: ['hukou_in_zone'] },
  { tier: 3, label: '三类', criteria: ['property_in_zone'] },
  { tier: 4, label: '四类', criteria: ['migrant_in_zone'] },
];

/** The defaults for a given entry year (window: 1 May to 30 June of that year). */
export function policyDefaults(enrollmentYear: number): PolicySettings {
  return {
    enrollmentYear,
    primaryEntryAge: 6,
    ageCutoffMonthDay: '08-31',
    registrationOpens: asCstDate(`${enrollmentYear}-05-01`),
    registrationCloses: asCstDate(`${enrollmentYear}-06-30`),
    classCap: { primary: 45, junior: 50 },
    superLargeClassSize: 56,
    tiers: defaultTiers,
    migrantResidencePermitMonths: 12,
    migrantSocialInsuranceMonths: 12,
    propertyLockYears: 6,
    propertyLockYearsNineYear: 9,
    twoLevelReview: false,
    missingDocumentsUntil: null,
    placementDates: {
      primary: { draw: asCstDate(`${enrollmentYear}-07-10`), publish: asCstDate(`${enrollmentYear}-07-15`) },
      junior: { draw: asCstDate(`${enrollmentYear}-07-08`), publish: asCstDate(`${enrollmentYear}-07-12`) },
    },
    enrollmentHotline: '',
    admissionReportDate: {
      primary: asCstDate(`${enrollmentYear}-08-28`),
      junior: asCstDate(`${enrollmentYear}-08-27`),
    },
    admissionBring: ['户口簿原件', '房产证明或居住证原件', '儿童预防接种证', '录取结果页面（截图即可）'],
    appealDays: 5,
    rotationPublicityDays: 5,
    rotation: defaultRotationSettings,
    documentRetentionDays: 180,
    workCalendar: { holidays: [], workingWeekends: [] },
  };
}

/**
 * Settings as stored may predate fields added later: fill each missing field from the defaults
 * of the same year, so an older county keeps working with documented defaults.
 */
export function settingsWithDefaults(
  stored: Omit<Partial<PolicySettings>, 'rotation'> & {
    enrollmentYear: number;
    rotation?: Partial<RotationSettings>;
  },
): PolicySettings {
  return {
    ...policyDefaults(stored.enrollmentYear),
    ...stored,
    rotation: { ...defaultRotationSettings, ...stored.rotation },
  };
}

/** The age cut-off date of a cycle, e.g. 2027-08-31. */
export function ageCutoffDate(s: PolicySettings): CstDate {
  return asCstDate(`${s.enrollmentYear}-${s.ageCutoffMonthDay}`);
}
