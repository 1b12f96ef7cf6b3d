/**
 * The shape of a registration form in a request: strict (no unknown keys), bounded sizes. The
 * meaning of each field is checked afterwards by the shared validators.
 */
import * as z from 'zod';
import {
  disabilityCategories,
  guardianRelations,
  ownerRelations,
  policyGroups,
  propertyTypes,
} from '../registration/form';
import { text } from './fields';

const guardian = z
  .object({ relation: z.enum(guardianRelations), name: text(40), idNumber: text(40), mobile: text(20) })
  .strict();

export const formSchema = z
  .object({
    stage: z.enum(['primary', 'junior']),
    community: text(60),
    schoolId: text(40),
    schoolType: z.enum(['public', 'private']),
    childName: text(40),
    idNumber: text(40),
    birthCertificateNo: text(20),
    guardians: z.array(guardian).max(4),
    route: z.enum(['resident', 'migrant']),
    hukou: z
      .object({
        inCounty: z.boolean(),
        inZone: z.boolean(),
        address: text(120),
        householdHead: text(40),
        childWithParent: z.boolean(),
      })
      .strict(),
    property: z
      .object({
        inZone: z.boolean(),
        type: z.enum(propertyTypes),
        certificateNo: text(60),
        address: text(120),
        owners: text(80),
        ownerRelation: z.enum(ownerRelations),
        sharePercent: z.number().min(0).max(100),
        acquiredOn: text(10),
      })
      .strict()
      .nullable(),
    migrant: z
      .object({
        residencePermitNo: text(40),
        residencePermitSince: text(10),
        socialInsuranceMonths: z.number().int().min(0).max(600),
        rentalRegistered: z.boolean(),
        rentalInZone: z.boolean(),
        rentalAddress: text(120),
      })
      .strict()
      .nullable(),
    special: z
      .object({
        leftBehind: z.boolean(),
        disability: z.enum(disabilityCategories).nullable(),
        hardship: z.boolean(),
        policyGroup: z.enum(policyGroups).nullable(),
        policyProofNo: text(60),
      })
      .strict(),
    siblings: z.array(z.object({ name: text(40), schoolId: text(40), grade: text(20) }).strict()).max(5),
    twinIdNumbers: z.array(text(40)).max(5),
  })
  .strict();

export const draftIdSchema = z.string().regex(/^[A-Za-z0-9_-]{4,40}$/);
