/**
 * Every collection the CloudBase adapter uses. Each must be created before the first deployment
 * (the service answers -502005 for a missing one); docs/cloud.md lists the same names with their
 * indexes, and a test keeps the two in step.
 */
export const cloudCollections = [
  'settings',
  'schools',
  'zones',
  'teachers',
  'bindings',
  'invites',
  'registrations',
  'registrationClaims',
  'drafts',
  'files',
  'notices',
  'subscriptions',
  'idempotency',
  'audit',
  'auditHeads',
  'auditCheckpoints',
  'placementFreezes',
  'placementRuns',
  'placementParts',
  'placementResponses',
  'classingPlans',
  'rotationRecords',
  'rotationNominations',
  'census',
] as const;

export type CollectionName = (typeof cloudCollections)[number];
