/**
 * Branded identifiers: two kinds of string that must never be mixed up get distinct types,
 * so a SchoolId cannot be passed where an OpenId is expected.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type OpenId = Brand<string, 'OpenId'>;
export type SchoolId = Brand<string, 'SchoolId'>;
export type ZoneId = Brand<string, 'ZoneId'>;
export type TeacherId = Brand<string, 'TeacherId'>;
export type RegistrationId = Brand<string, 'RegistrationId'>;
/** A calendar date in China Standard Time, `YYYY-MM-DD`. */
export type CstDate = Brand<string, 'CstDate'>;

export const asOpenId = (s: string): OpenId => s as OpenId;
export const asSchoolId = (s: string): SchoolId => s as SchoolId;
export const asZoneId = (s: string): ZoneId => s as ZoneId;
export const asTeacherId = (s: string): TeacherId => s as TeacherId;
export const asRegistrationId = (s: string): RegistrationId => s as RegistrationId;
export const asCstDate = (s: string): CstDate => s as CstDate;
