/**
 * Anomaly flags a reviewer sees on a registration: facts worth a second look. A flag never
 * refuses a registration by itself; the school decides, and its reason is recorded.
 */
import type { CstDate } from '../brand';
import { ageCutoffDate, type PolicySettings } from '../settings';
import { ageFullYears } from '../time';
import type { RegistrationForm } from './form';

export const registrationFlagLabels = {
  over_age: '超龄入学',
  household_mismatch: '人户不一致',
  property_reused: '一房一学位冲突',
  missing_documents: '材料缺页',
  policy_proof: '政策优待待核实',
  special_support: '需随班就读支持',
} as const;

export type RegistrationFlag = keyof typeof registrationFlagLabels;

export interface FlagFacts {
  readonly birthDate: CstDate;
  /** Another registration of the same stage used this property within the lock period. */
  readonly propertyConflict: boolean;
  readonly missingDocuments: number;
}

/** The flags of a registration, in a stable order. */
export function registrationFlags(
  f: RegistrationForm,
  facts: FlagFacts,
  s: PolicySettings,
): RegistrationFlag[] {
  const out: RegistrationFlag[] = [];
  if (f.stage === 'primary' && ageFullYears(facts.birthDate, ageCutoffDate(s)) >= s.primaryEntryAge + 2)
    out.push('over_age');
  if (f.route === 'resident' && f.hukou.inZone && !f.hukou.childWithParent) out.push('household_mismatch');
  if (facts.propertyConflict) out.push('property_reused');
  if (facts.missingDocuments > 0) out.push('missing_documents');
  if (f.special.policyGroup) out.push('policy_proof');
  if (f.special.disability) out.push('special_support');
  return out;
}

/** The key under which a property is counted for 一房一学位 (certificate number, normalised). */
export const propertyKey = (certificateNo: string): string =>
  certificateNo.replace(/[\s\-—_（）()]/g, '').toUpperCase();
