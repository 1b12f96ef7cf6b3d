/**
 * Policy settings a county bureau controls. Every number here is a default (POLICY.md): the
 * software never hard-codes one county's rule, it reads these.
 */
import { asCstDate, type CstDate } from './brand';

export type Stage = 'primary' | 'junior';

export const stageLabels: Record<Stage, string> = {
  primary: '小学一年级',
  junior: '初中一年级',
};

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
}

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
  };
}

/** The age cut-off date of a cycle, e.g. 2027-08-31. */
export function ageCutoffDate(s: PolicySettings): CstDate {
  return asCstDate(`${s.enrollmentYear}-${s.ageCutoffMonthDay}`);
}
