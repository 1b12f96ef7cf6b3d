/**
 * The full registration form a family fills in (docs/policy.md §2). Facts only: the tier and the
 * flags are derived from these by shared rules, never typed by the family.
 */
import type { Stage } from '../settings';

export const guardianRelations = ['父亲', '母亲', '祖父母', '外祖父母', '其他监护人'] as const;
export type GuardianRelation = (typeof guardianRelations)[number];

export interface Guardian {
  readonly relation: GuardianRelation;
  readonly name: string;
  readonly idNumber: string;
  readonly mobile: string;
}

/** 户籍. */
export interface Hukou {
  readonly inCounty: boolean;
  readonly inZone: boolean;
  readonly address: string;
  readonly householdHead: string;
  /** 人户一致: the child and a parent are in the same household register. */
  readonly childWithParent: boolean;
}

export const propertyTypes = ['不动产权证', '房屋所有权证', '商品房买卖合同', '公租房'] as const;
export type PropertyType = (typeof propertyTypes)[number];
export const ownerRelations = ['父母', '本人', '祖父母', '外祖父母', '其他'] as const;
export type OwnerRelation = (typeof ownerRelations)[number];

/** 房产. */
export interface Property {
  readonly inZone: boolean;
  readonly type: PropertyType;
  readonly certificateNo: string;
  readonly address: string;
  readonly owners: string;
  readonly ownerRelation: OwnerRelation;
  /** The family's share of the property, in percent. */
  readonly sharePercent: number;
  readonly acquiredOn: string;
}

/** The migrant route (随迁子女). */
export interface Migrant {
  readonly residencePermitNo: string;
  readonly residencePermitSince: string;
  /** Continuous months of social insurance in the county; back-payments do not count. */
  readonly socialInsuranceMonths: number;
  readonly rentalRegistered: boolean;
  readonly rentalInZone: boolean;
  readonly rentalAddress: string;
}

export const disabilityCategories = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'] as const;
export type DisabilityCategory = (typeof disabilityCategories)[number];
export const policyGroups = ['军人子女', '优抚对象', '高层次人才'] as const;
export type PolicyGroup = (typeof policyGroups)[number];

export interface SpecialGroups {
  readonly leftBehind: boolean;
  /** 随班就读 need, with the category of disability. */
  readonly disability: DisabilityCategory | null;
  /** 建档立卡 / 低保. */
  readonly hardship: boolean;
  readonly policyGroup: PolicyGroup | null;
  readonly policyProofNo: string;
}

export interface Sibling {
  readonly name: string;
  readonly schoolId: string;
  readonly grade: string;
}

export type SchoolType = 'public' | 'private';

export interface RegistrationForm {
  readonly stage: Stage;
  /** The community (from the bureau's zone table) the family lives in. */
  readonly community: string;
  readonly schoolId: string;
  readonly schoolType: SchoolType;
  readonly childName: string;
  readonly idNumber: string;
  readonly birthCertificateNo: string;
  readonly guardians: readonly Guardian[];
  /** Which route the family registers by. */
  readonly route: 'resident' | 'migrant';
  readonly hukou: Hukou;
  readonly property: Property | null;
  readonly migrant: Migrant | null;
  readonly special: SpecialGroups;
  readonly siblings: readonly Sibling[];
  /** ID numbers of twins/multiples registering together (bound together in lotteries). */
  readonly twinIdNumbers: readonly string[];
}

export const emptyGuardian: Guardian = { relation: '母亲', name: '', idNumber: '', mobile: '' };

export const emptyForm: RegistrationForm = {
  stage: 'primary',
  community: '',
  schoolId: '',
  schoolType: 'public',
  childName: '',
  idNumber: '',
  birthCertificateNo: '',
  guardians: [emptyGuardian],
  route: 'resident',
  hukou: { inCounty: true, inZone: true, address: '', householdHead: '', childWithParent: true },
  property: null,
  migrant: null,
  special: { leftBehind: false, disability: null, hardship: false, policyGroup: null, policyProofNo: '' },
  siblings: [],
  twinIdNumbers: [],
};
